#pragma once

#include "window/EngineSlotModel.h"
#include "window/StationBackend.h"

namespace prov::test {

/// A stand-in for the engine in window-logic tests only: it records start and
/// stop requests and plays the engine's snapshots (state, step, result) into
/// the window's real slot model. The real engine is exercised in
/// tst_stationrun against provstation-sim.
class RecordingBackend : public gui::StationBackend
{
public:
    QList<gui::RunRequest> started;
    QList<int> stopped;
    QList<QPair<QUuid, QString>> rejected; ///< run and who rejected the unit
    gui::EngineSlotModel model;
    QList<engine::PluginDescription> descriptions;
    int pending = 0;

    RecordingBackend()
    {
        engine::PluginDescription i210;
        i210.id = QStringLiteral("i210plus");
        i210.family = QStringLiteral("i210+");
        i210.operations
            = {{engine::Operation::Pretest, engine::PortRole::Direct, 115200, transport::WrapperKind::Orw, {}},
                {engine::Operation::Posttest, engine::PortRole::Direct, 115200, transport::WrapperKind::Orw, {}},
                {engine::Operation::Provision, engine::PortRole::Direct, 115200, transport::WrapperKind::Orw, {}}};
        // The label pattern of the i210plus plugin: the window's eMCM labels come from it.
        i210.scans = {{QStringLiteral("partialMcmId"), QStringLiteral("eMCM ID"),
            QStringLiteral("(?i)(?:MCM[:-]?)?(?<value>[0-9A-F]{8}(?:[0-9A-F]{8})?)"), false}};
        descriptions = {i210};
    }

    gui::EngineSlotModel *slotModel() override { return &model; }
    void reject(const QUuid &runId, const QString &by) override { rejected.append({runId, by}); }
    void setupSlots(const QList<gui::SlotSetup> &setups) override { model.setSlots(setups); }
    void start(const gui::RunRequest &request) override
    {
        started.append(request);
        model.markStarting(
            request.slot, request.meter, engine::operationName(request.options.operation), request.options.port);
    }
    void stop(int slot) override { stopped.append(slot); }
    [[nodiscard]] int outboxPending() const override { return pending; }
    [[nodiscard]] QList<engine::PluginDescription> plugins() const override { return descriptions; }

    /// The engine's snapshot of slot `slot`: `status` "running", "pass" or
    /// "fail", with its step, result code (-1: none), eMCM ID and run log.
    void set(int slot, const QString &status, const QString &step, int code, const QString &emcm = {},
        const QString &logPath = {}, const QString &cause = {})
    {
        using State = engine::RunSnapshot::State;
        engine::RunSnapshot s;
        s.slot = slot;
        s.state = status == QLatin1String("pass") ? State::Succeeded
            : status == QLatin1String("fail")     ? State::Failed
                                                  : State::Running;
        s.step = step;
        s.stepKind = step;
        s.resultCode = code;
        s.emcmId = emcm;
        s.logPath = logPath;
        s.cause = cause;
        s.runId = QUuid::createUuid();
        model.update(s);
    }
};

} // namespace prov::test

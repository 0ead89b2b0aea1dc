#pragma once

#include "station/StationBackend.h"

#include <QStandardItemModel>

namespace prov::test {

/// A stand-in for the engine in window-logic tests only: it records start and
/// stop requests and lets the test play the engine's model rows (state, step,
/// result). The real engine is exercised in tst_stationrun against
/// provstation-sim.
class RecordingBackend : public gui::StationBackend
{
public:
    enum Role { Status = Qt::UserRole + 1, Step, Percent, Elapsed, NodeId, EmcmId, Code, Detail, Log };

    QList<gui::RunRequest> started;
    QList<int> stopped;
    QList<QPair<QUuid, QString>> rejected; ///< run and who rejected the unit
    QStandardItemModel model;
    QList<engine::PluginDescription> descriptions;
    int pending = 0;

    RecordingBackend()
    {
        model.setItemRoleNames({{Status, "status"}, {Step, "step"}, {Percent, "percent"}, {Elapsed, "elapsedMs"},
            {NodeId, "nodeId"}, {EmcmId, "emcmId"}, {Code, "resultCode"}, {Detail, "detail"}, {Log, "logPath"}});
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

    QAbstractItemModel *slotModel() override { return &model; }
    void reject(const QUuid &runId, const QString &by) override { rejected.append({runId, by}); }
    QList<gui::SlotSetup> setups;

    void setupSlots(const QList<gui::SlotSetup> &newSetups) override
    {
        // Like the engine's model: a slot set up as before keeps its row.
        for (int i = 0; i < int(newSetups.size()); ++i) {
            if (i < model.rowCount() && i < int(setups.size()) && setups.at(i) == newSetups.at(i))
                continue;
            auto *item = new QStandardItem;
            item->setData(QStringLiteral("idle"), Status);
            if (i < model.rowCount())
                model.setItem(i, item);
            else
                model.appendRow(item);
        }
        if (model.rowCount() > newSetups.size())
            model.removeRows(int(newSetups.size()), model.rowCount() - int(newSetups.size()));
        setups = newSetups;
    }
    void start(const gui::RunRequest &request) override
    {
        started.append(request);
        set(request.slot, QStringLiteral("running"), QStringLiteral("IdentifyNode"), -1);
    }
    void stop(int slot) override { stopped.append(slot); }
    [[nodiscard]] int outboxPending() const override { return pending; }
    [[nodiscard]] QList<engine::PluginDescription> plugins() const override { return descriptions; }

    void set(int slot, const QString &status, const QString &step, int code, const QString &emcm = {})
    {
        // Like the engine's model: one row changes as a whole, in one signal.
        QStandardItem *item = model.item(slot);
        model.blockSignals(true);
        item->setData(status, Status);
        item->setData(step, Step);
        item->setData(code >= 0 ? QVariant(code) : QVariant(), Code);
        item->setData(emcm, EmcmId);
        model.blockSignals(false);
        Q_EMIT model.dataChanged(item->index(), item->index());
    }
};

} // namespace prov::test

// SlotController: starting, stopping, retrying and rejecting runs, and counting what they found.
#include "slots/SlotController.h"

#include "domain/BatchNumber.h"
#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "engine/RunLog.h"
#include "settings/StationSettings.h"
#include "window/StationBackend.h"

namespace prov::gui {

namespace {

/// A run that ended on the station's side (it could not reach or use the
/// server) says nothing about the device: it is not counted as a failure.
bool isStationFault(const SlotSnapshot &snapshot)
{
    // Nor does a unit refused because it is provisioned already: it is done.
    if (CauseCatalogue::fromId(snapshot.cause) == FailureCause::AlreadyProvisioned)
        return true;
    switch (static_cast<ResultCode>(snapshot.resultCode)) {
    case ResultCode::ServerUnreachable:
    case ResultCode::ServerErrorResponse:
    case ResultCode::ServerResponseInvalid:
    case ResultCode::ServerFileUnreadable:
        return true;
    default:
        return false;
    }
}

} // namespace

bool SlotController::refuse(int slot, const QString &why)
{
    setNotice(slot, why);
    Q_EMIT refused(slot, why);
    return false;
}

bool SlotController::start(int slot, bool retry)
{
    return startRun(slot, retry, {});
}

bool SlotController::provisionAgain(int slot)
{
    if (!validSlot(slot) || m_slots.at(slot).running)
        return false;
    if (!m_session.canChangeSettings())
        return refuse(slot, tr("Only a supervisor or admin may provision a unit again."));
    return startRun(slot, false, m_session.user);
}

bool SlotController::startRun(int slot, bool retry, const QString &reprovisionConfirmedBy)
{
    if (!validSlot(slot))
        return false;
    SlotState &s = m_slots[slot];
    if (s.running)
        return false;
    if (!m_session.canRun())
        return refuse(slot, tr("Log in to run devices."));
    if (!m_backend)
        return refuse(slot, tr("The provisioning engine is not available in this build."));
    if (m_serverDown)
        return refuse(slot, tr("The server cannot be reached: start again when the header says it is back."));
    if (retry && retryLimitReached(slot))
        return refuse(slot, tr("This unit failed %1 times: reject it instead of retrying.").arg(s.attempt));
    if (const QString problem = portProblem(slot); !problem.isEmpty())
        return refuse(slot, problem);
    const StationJob job = this->job();
    if (job.configAlias.isEmpty())
        return refuse(slot, tr("Pick or scan a configuration first."));
    const Result<BatchNumber> batch = BatchNumber::parse(job.batchText);
    if (!batch)
        return refuse(slot,
            job.batchText.isEmpty() ? tr("Enter or scan the batch number first.")
                                    : tr("The batch number is not valid: %1").arg(batch.error().message));

    RunRequest request;
    request.slot = slot;
    request.meter = s.binding.family;
    request.retry = retry;
    request.options.port = s.port;
    request.options.config = RunRequest::configFromPick(job.configAlias);
    request.options.batch = *batch;
    request.options.slotName = s.binding.label;
    request.options.operatorName = m_session.user;
    request.options.attempt = retry ? s.attempt + 1 : 1;
    const QString operation = s.binding.operation.isEmpty() ? job.operation : s.binding.operation;
    const bool parsed = engine::parseOperation(operation, &request.options.operation);
    const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
    if (const engine::PluginDescription *p = plugin(s.binding.family)) {
        if (!parsed || !p->operation(request.options.operation))
            return refuse(slot, tr("%1 cannot run %2.").arg(p->id, operation));
        QHash<QString, QString> scanned;
        for (const engine::ScanField &field : p->scans)
            scanned.insert(field.key, pending.value(scanKindForField(field.key)));
        if (const std::optional<engine::ScanProblem> problem = request.takeScans(*p, scanned)) {
            if (problem->kind == engine::ScanProblem::Kind::Missing)
                return refuse(slot, tr("Scan the %1 first.").arg(problem->field.label));
            return refuse(
                slot, tr("The scanned %1 \"%2\" does not fit this meter.").arg(problem->field.label, problem->value));
        }
    }
    // The window runs what its Settings show: the plugin's defaults under the station's.
    request.pluginDefaults = true;
    request.stationSettings = m_settings->pluginDefaults(s.binding.family);
    s.runOptions.applyTo(request);
    // A unit that is provisioned and locked already only with a supervisor's word.
    request.options.reprovisionLocked = !reprovisionConfirmedBy.isEmpty();
    request.options.reprovisionConfirmedBy = reprovisionConfirmedBy;

    s.runScans = pending;
    s.attempt = retry ? s.attempt + 1 : 1;
    s.retryNext = s.attempt >= 2;
    s.armed = false;
    s.notice.clear();
    m_router.clearPending(slot);
    m_router.setSlotBusy(slot, true);
    if (m_undo.slot == slot)
        dropUndo(); // the labels went into the run
    m_backend->start(request);
    refreshSlot(slot);
    return true;
}

void SlotController::stop(int slot)
{
    if (m_backend && validSlot(slot) && m_slots.at(slot).running)
        m_backend->stop(slot);
}

bool SlotController::startAllIdle()
{
    if (m_serverDown && m_session.canRun()) {
        Q_EMIT refused(-1, tr("The server cannot be reached: start again when the header says it is back."));
        return false;
    }
    for (int i = 0; i < int(m_slots.size()); ++i) {
        if (!m_slots.at(i).running)
            start(i);
    }
    return true;
}

void SlotController::stopAll()
{
    for (int i = 0; i < int(m_slots.size()); ++i)
        stop(i);
}

bool SlotController::retryLimitReached(int slot) const
{
    // attempt 1 is the first run, so attempt - 1 retries have been made.
    return validSlot(slot) && m_slots.at(slot).attempt - 1 >= m_settings->retryLimit();
}

void SlotController::onRunFinished(int slot, const SlotSnapshot &snapshot)
{
    SlotState &s = m_slots[slot];
    const bool passed = snapshot.status == SlotStatus::Pass;
    if (!passed && isStationFault(snapshot)) {
        // Not the unit's attempt either: its next run has the same number again.
        s.attempt = qMax(0, s.attempt - 1);
        s.retryNext = false;
        refreshSlot(slot);
        Q_EMIT runFinished(slot, s.shown, false);
        return;
    }
    QString device = snapshot.nodeId;
    if (device.isEmpty())
        device = snapshot.emcmId.isEmpty() ? s.runScans.value(ScanKind::EmcmId) : snapshot.emcmId.right(8);
    if (device.isEmpty())
        device = snapshot.meterSerial.isEmpty() ? s.runScans.value(ScanKind::MeterSerial) : snapshot.meterSerial;
    m_counters.recordResult(slot, passed, device, s.retryNext);
    s.retryNext = false;
    if (passed) {
        m_runTimes.recordPass(snapshot.family, snapshot.operation, snapshot.elapsedMs);
        for (auto it = s.runScans.cbegin(); it != s.runScans.cend(); ++it)
            m_router.markProvisioned(it.key(), it.value());
        m_router.markProvisioned(ScanKind::EmcmId, snapshot.emcmId);
        m_router.markProvisioned(ScanKind::MeterSerial, snapshot.meterSerial);
    }
    s.runScans.clear();
    refreshSlot(slot);
    Q_EMIT countsChanged();
    Q_EMIT runFinished(slot, s.shown, true);
}

bool SlotController::reject(int slot)
{
    if (!validSlot(slot) || !m_session.canRun())
        return false;
    SlotState &s = m_slots[slot];
    if (s.shown.status != SlotStatus::Fail || s.rejected)
        return false;
    s.rejected = true;
    m_counters.recordReject(slot);
    if (m_backend)
        m_backend->reject(s.shown.runId, m_session.user);
    // The run's own log keeps the decision with the failure it was made on.
    QString error;
    if (!engine::RunLog::appendAfterRun(s.shown.logPath,
            QStringLiteral("unit rejected by %1 (%2) after error %3%4")
                .arg(m_session.user, m_session.role)
                .arg(s.shown.resultCode)
                .arg(s.shown.cause.isEmpty() ? QString() : QStringLiteral(", cause ") + s.shown.cause),
            &error))
        setNotice(slot, tr("The rejection is counted but not in the run log: %1").arg(error));
    refreshSlot(slot);
    Q_EMIT countsChanged();
    return true;
}

} // namespace prov::gui

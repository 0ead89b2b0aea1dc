// StationWindow: starting, stopping, retrying and rejecting runs, and what a slot asks for next.
#include "station/StationWindow.h"

#include "domain/BatchNumber.h"
#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "engine/RunLog.h"
#include "settings/ConnectDialog.h"
#include "settings/SecretStore.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "slots/SlotModelAdapter.h"
#include "slots/SlotWidget.h"
#include "station/HeaderBar.h"
#include "station/LoginDialog.h"
#include "support/ApiClient.h"
#include "support/PackageList.h"
#include "support/SoundPlayer.h"

#include <QMessageBox>

namespace prov::gui {

namespace {

/// A run that ended on the station's side (it could not reach or use the
/// server) says nothing about the device: it is not counted as a failure.
bool isStationFault(const SlotSnapshot &snapshot)
{
    // Nor does a unit refused because it is provisioned already: it is done.
    if (CauseCatalogue::fromId(snapshot.cause) == FailureCause::AlreadyProvisioned)
        return true;
    const int code = snapshot.resultCode;
    switch (static_cast<ResultCode>(code)) {
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

void StationWindow::onRunFinished(int slot, const SlotSnapshot &snapshot)
{
    SlotState &s = m_slots[slot];
    const bool passed = snapshot.status == SlotStatus::Pass;
    if (!passed && isStationFault(snapshot)) {
        // Not the unit's attempt either: its next run has the same number again.
        s.attempt = qMax(0, s.attempt - 1);
        s.retryNext = false;
        m_services.sounds->play(SoundPlayer::Sound::Fail);
        refreshSlot(slot);
        Q_EMIT runFinished(slot, snapshot.status, snapshot.resultCode);
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
    m_services.sounds->play(passed ? SoundPlayer::Sound::Pass : SoundPlayer::Sound::Fail);
    refreshSlot(slot);
    refreshHeaderCounts();
    m_shiftSync.start();
    Q_EMIT runFinished(slot, snapshot.status, snapshot.resultCode);
}

void StationWindow::startSlot(int slot, bool retry)
{
    startRun(slot, retry, {});
}

bool StationWindow::provisionAgain(int slot)
{
    if (slot < 0 || slot >= int(m_slots.size()) || m_slots.at(slot).running)
        return false;
    if (!requireSupervisor(tr("Provisioning a unit again replaces its key: it needs a supervisor or admin login."))) {
        setNotice(slot, tr("Only a supervisor or admin may provision a unit again."));
        m_services.sounds->play(SoundPlayer::Sound::Reject);
        return false;
    }
    return startRun(slot, false, m_session.user);
}

bool StationWindow::startRun(int slot, bool retry, const QString &reprovisionConfirmedBy)
{
    if (slot < 0 || slot >= int(m_slots.size()))
        return false;
    SlotState &s = m_slots[slot];
    if (s.running)
        return false;
    auto refuse = [&](const QString &why) {
        setNotice(slot, why);
        m_services.sounds->play(SoundPlayer::Sound::Reject);
        return false;
    };
    if (!m_session.canRun())
        return refuse(tr("Log in to run devices."));
    if (!m_services.backend)
        return refuse(tr("The provisioning engine is not available in this build."));
    if (m_serverDown) {
        showServerDown();
        return refuse(tr("The server cannot be reached: start again when the header says it is back."));
    }
    if (retry && retryLimitReached(slot))
        return refuse(tr("This unit failed %1 times: reject it instead of retrying.").arg(s.attempt));
    const QString portProblem = portStatusText(slot);
    if (!portProblem.isEmpty())
        return refuse(portProblem);
    const QString alias = m_header->currentConfig();
    if (alias.isEmpty())
        return refuse(tr("Pick or scan a configuration first."));
    const Result<quint32> batch = m_header->batch();
    if (!batch)
        return refuse(m_header->batchText().isEmpty()
                ? tr("Enter or scan the batch number first.")
                : tr("The batch number is not valid: %1").arg(batch.error().message));

    RunRequest request;
    request.slot = slot;
    request.meter = s.binding.family;
    request.retry = retry;
    request.options.port = s.port;
    request.options.config = RunRequest::configFromPick(alias);
    request.options.batch = BatchNumber(*batch);
    request.options.slotName = s.binding.label;
    request.options.operatorName = m_session.user;
    request.options.attempt = retry ? s.attempt + 1 : 1;
    const QString operation = s.binding.operation.isEmpty() ? m_header->currentOperation() : s.binding.operation;
    const bool parsed = engine::parseOperation(operation, &request.options.operation);
    const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
    if (const engine::PluginDescription *p = plugin(s.binding.family)) {
        if (!parsed || !p->operation(request.options.operation))
            return refuse(tr("%1 cannot run %2.").arg(p->id, operation));
        QHash<QString, QString> scanned;
        for (const engine::ScanField &field : p->scans)
            scanned.insert(field.key, pending.value(scanKindForField(field.key)));
        if (const std::optional<engine::ScanProblem> problem = request.takeScans(*p, scanned)) {
            if (problem->kind == engine::ScanProblem::Kind::Missing)
                return refuse(tr("Scan the %1 first.").arg(problem->field.label));
            return refuse(
                tr("The scanned %1 \"%2\" does not fit this meter.").arg(problem->field.label, problem->value));
        }
    }
    // The window runs what its Settings show: the plugin's defaults under the station's.
    request.pluginDefaults = true;
    request.stationSettings = m_services.settings->pluginDefaults(s.binding.family);
    // A unit that is provisioned and locked already only with a supervisor's word.
    s.runOptions.applyTo(request);
    request.options.reprovisionLocked = !reprovisionConfirmedBy.isEmpty();
    request.options.reprovisionConfirmedBy = reprovisionConfirmedBy;

    s.runScans = pending;
    s.attempt = retry ? s.attempt + 1 : 1;
    s.retryNext = s.attempt >= 2;
    s.armed = false;
    s.notice.clear();
    m_router.clearPending(slot);
    m_router.setSlotBusy(slot, true);
    m_services.backend->start(request);
    refreshSlot(slot);
    return true;
}

void StationWindow::stopSlot(int slot)
{
    if (m_services.backend && slot >= 0 && slot < int(m_slots.size()) && m_slots.at(slot).running)
        m_services.backend->stop(slot);
}

void StationWindow::startAllIdle()
{
    if (m_serverDown && m_session.canRun()) {
        showServerDown();
        m_services.sounds->play(SoundPlayer::Sound::Reject);
        return;
    }
    for (int i = 0; i < int(m_slots.size()); ++i) {
        if (!m_slots.at(i).running)
            startSlot(i);
    }
}

void StationWindow::startAllWhenReady()
{
    m_startAllWhenReady = !(m_session.canRun() && !m_header->currentConfig().isEmpty() && !m_serverDown);
    if (!m_startAllWhenReady)
        startAllIdle();
}

void StationWindow::stopAll()
{
    for (int i = 0; i < int(m_slots.size()); ++i)
        stopSlot(i);
}

void StationWindow::onServerReachability(bool reachable, const QString &detail)
{
    const bool down = !reachable;
    if (down == m_serverDown && (!down || detail == m_serverDownDetail))
        return;
    m_serverDown = down;
    m_serverDownDetail = down ? detail : QString();
    if (down)
        showServerDown();
    else if (m_showingServerDown)
        stationMessage(QString(), false);
    updateRunPermissions();
    refreshAllSlots();
    if (!down && m_startAllWhenReady)
        startAllWhenReady();
}

void StationWindow::showServerDown()
{
    stationMessage(
        [detail = m_serverDownDetail] {
            return tr("The server cannot be reached (%1): nothing starts until it is back.").arg(detail);
        },
        true);
    m_showingServerDown = true;
}

bool StationWindow::retryLimitReached(int slot) const
{
    // attempt 1 is the first run, so attempt - 1 retries have been made.
    return m_slots.at(slot).attempt - 1 >= m_services.settings->retryLimit();
}

QString StationWindow::nextInstruction(int slot, SlotStatus status) const
{
    const SlotState &s = m_slots.at(slot);
    const bool passed = status == SlotStatus::Pass;
    const engine::PluginDescription *p = plugin(s.binding.family);
    if (!p || p->scans.isEmpty())
        return passed ? tr("Take the device out, insert the next one, then press Start.")
                      : tr("Insert the device, then press Start.");
    const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
    QStringList missing;
    for (const engine::ScanField &field : p->scans) {
        if (!pending.contains(scanKindForField(field.key)))
            missing << field.label;
    }
    if (missing.isEmpty())
        return tr("Label scanned: press Start.");
    const QString labels = missing.join(QStringLiteral(", "));
    // A slot still showing its PASS takes a device label only once armed (ScanRouter).
    if (passed && !s.armed)
        return tr("Take the device out. Next: scan this slot's label, then the new device's %1, then press Start.")
            .arg(labels);
    return tr("Insert the device, scan its %1, then press Start.").arg(labels);
}

void StationWindow::rejectUnit(int slot)
{
    if (slot < 0 || slot >= int(m_slots.size()) || !m_session.canRun())
        return;
    SlotState &s = m_slots[slot];
    if (s.shown.status != SlotStatus::Fail || s.rejected)
        return;
    s.rejected = true;
    m_counters.recordReject(slot);
    if (m_services.backend)
        m_services.backend->reject(s.shown.runId, m_session.user);
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
    refreshHeaderCounts();
}

} // namespace prov::gui

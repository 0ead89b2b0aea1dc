#include "window/EngineSlotModel.h"

namespace prov::gui {

namespace {

SlotStatus statusOf(engine::RunSnapshot::State state)
{
    using State = engine::RunSnapshot::State;
    switch (state) {
    case State::Succeeded:
        return SlotStatus::Pass;
    case State::Failed:
        return SlotStatus::Fail;
    case State::Idle: // a station that has not begun yet: its run was asked for
    case State::Preparing:
    case State::Running:
    case State::Finishing:
        break;
    }
    return SlotStatus::Running;
}

} // namespace

EngineSlotModel::EngineSlotModel(QObject *parent)
    : QObject(parent)
{ }

SlotSnapshot EngineSlotModel::snapshot(int slot) const
{
    SlotSnapshot out;
    if (slot < 0 || slot >= m_rows.size())
        return out;
    const Row &r = m_rows.at(slot);
    const engine::RunSnapshot &s = r.snapshot;
    out.status = r.stopped ? SlotStatus::Attention : r.status;
    const bool idle = r.status == SlotStatus::Idle;
    // A passed run's last step says nothing; a failed run's says where it stopped.
    if (r.status != SlotStatus::Pass)
        out.step = s.step;
    out.stepKind = s.stepKind;
    out.stepIndex = s.stepIndex;
    out.stepCount = s.stepCount;
    out.stepStartedMs = s.stepStartedMs;
    out.waitLimitMs = s.waitLimitMs;
    out.percent = idle ? -1 : s.percent;
    out.elapsedMs = idle ? -1 : s.elapsedMs;
    out.nodeId = s.nodeId;
    out.emcmId = s.emcmId;
    out.meterSerial = s.meterId;
    out.resultCode = s.resultCode >= 0 && r.status != SlotStatus::Running ? s.resultCode : -1;
    out.detail = s.message;
    out.cause = s.cause;
    out.causeFacts = s.causeFacts;
    out.logPath = s.logPath;
    out.runId = s.runId;
    out.family = r.family;
    out.operation = r.operation;
    out.port = r.port;
    if (r.stopped)
        out.attention = tr("Stopped by the operator: check the device, then start it again.");
    return out;
}

void EngineSlotModel::setSlots(const QList<SlotSetup> &setups)
{
    QList<Row> rows;
    for (int i = 0; i < int(setups.size()); ++i) {
        const SlotSetup &setup = setups.at(i);
        const bool running = isRunning(i);
        // The same slot on a re-plugged adapter (another port) is still the same slot.
        SlotSetup samePort = setup;
        samePort.port = i < m_rows.size() ? m_rows.at(i).setup.port : QString();
        const bool keep = i < m_rows.size() && (running || m_rows.at(i).setup == samePort);
        Row row = keep ? m_rows.at(i) : Row();
        if (!keep) {
            row.family = setup.family;
            row.operation = setup.operation;
        }
        if (!running)
            row.port = setup.port;
        row.setup = setup;
        rows.append(row);
    }
    m_rows = rows;
    Q_EMIT slotsReset();
}

void EngineSlotModel::markStarting(int slot, const QString &family, const QString &operation, const QString &port)
{
    if (slot < 0 || slot >= m_rows.size())
        return;
    Row &r = m_rows[slot];
    r.status = SlotStatus::Running;
    r.stopped = false;
    r.stopping = false;
    r.snapshot = engine::RunSnapshot();
    r.snapshot.slot = slot;
    r.snapshot.step = QStringLiteral("Starting"); // like the engine's step names: not translated
    r.snapshot.stepKind = r.snapshot.step;
    r.family = family;
    r.operation = operation;
    r.port = port;
    changed(slot);
}

void EngineSlotModel::markStopping(int slot)
{
    if (isRunning(slot))
        m_rows[slot].stopping = true;
}

void EngineSlotModel::markFailed(int slot, const Error &error)
{
    if (slot < 0 || slot >= m_rows.size())
        return;
    Row &r = m_rows[slot];
    r.status = SlotStatus::Fail;
    r.stopped = false;
    r.snapshot.state = engine::RunSnapshot::State::Failed;
    r.snapshot.resultCode = int(error.code);
    r.snapshot.message = error.message;
    r.snapshot.cause = CauseCatalogue::id(error.cause);
    r.snapshot.causeFacts = error.facts;
    r.snapshot.step.clear();
    changed(slot);
}

void EngineSlotModel::update(const engine::RunSnapshot &snapshot)
{
    const int slot = snapshot.slot;
    if (slot < 0 || slot >= m_rows.size())
        return;
    Row &r = m_rows[slot];
    r.status = statusOf(snapshot.state);
    // Not the device's failure: the slot needs attention, nothing is counted.
    r.stopped = r.stopping && snapshot.state == engine::RunSnapshot::State::Failed;
    r.snapshot = snapshot;
    r.port = snapshot.port;
    r.family = snapshot.meter;
    r.operation = snapshot.operation;
    changed(slot);
}

bool EngineSlotModel::isRunning(int slot) const
{
    return slot >= 0 && slot < m_rows.size() && m_rows.at(slot).status == SlotStatus::Running;
}

void EngineSlotModel::changed(int slot)
{
    Q_EMIT slotChanged(slot);
}

} // namespace prov::gui

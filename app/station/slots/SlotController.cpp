// SlotController: the slots' state, what each shows, and the scans that reach them.
#include "slots/SlotController.h"

#include "domain/BatchNumber.h"
#include "settings/StationSettings.h"
#include "window/EngineSlotModel.h"
#include "window/StationBackend.h"

namespace prov::gui {

SlotController::SlotController(StationSettings *settings, StationBackend *backend, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_backend(backend)
{
    Q_ASSERT(settings);
    if (backend) {
        m_plugins = backend->plugins();
        connect(backend->slotModel(), &EngineSlotModel::slotChanged, this, &SlotController::onModelRowChanged);
        connect(backend->slotModel(), &EngineSlotModel::slotsReset, this, &SlotController::refreshAll);
    }
    connect(&m_router, &ScanRouter::slotArmed, this, [this](int slot) {
        showArmed(slot);
        Q_EMIT scanAccepted(slot, tr("Next device scan goes to slot %1").arg(label(slot)));
    });
    connect(&m_router, &ScanRouter::deviceScanned, this, &SlotController::onDeviceScanned);
    connect(&m_router, &ScanRouter::scanRejected, this, &SlotController::onScanRejected);
    connect(&m_router, &ScanRouter::pendingReplaced, this, [this](int slot, ScanKind kind, const QString &previous) {
        keepForUndo(slot, {{kind, previous}});
    });
}

const engine::PluginDescription *SlotController::plugin(const QString &family) const
{
    for (const engine::PluginDescription &p : m_plugins) {
        if (p.id == family)
            return &p;
    }
    return nullptr;
}

bool SlotController::anyRunning() const
{
    for (const SlotState &s : m_slots) {
        if (s.running)
            return true;
    }
    return false;
}

void SlotController::setServerDown(bool down)
{
    if (down == m_serverDown)
        return;
    m_serverDown = down;
    refreshAll();
}

bool SlotController::setSlots(const QList<SlotBinding> &bindings, const QMap<QString, SlotRunOptions> &groups,
    const QList<PortDescription> &ports)
{
    QList<SlotState> states;
    QList<bool> kept;
    QStringList labels;
    QList<SlotSetup> setups;
    for (int i = 0; i < int(bindings.size()); ++i) {
        const bool keep = i < int(m_slots.size()) && m_slots.at(i).binding.sameDevice(bindings.at(i));
        SlotState state = keep ? m_slots.at(i) : SlotState();
        state.binding = bindings.at(i);
        state.runOptions = groups.value(state.binding.group);
        state.port = PortLocator::resolve(state.binding, ports);
        states.append(state);
        kept.append(keep);
        labels << state.binding.label;
        setups.append(SlotSetup {state.binding.label, state.binding.family, state.port, state.binding.operation});
    }
    QStringList oldLabels;
    for (const SlotState &s : std::as_const(m_slots))
        oldLabels << s.binding.label;
    const bool countChanged = bindings.size() != m_slots.size();
    m_slots = states;
    if (labels != oldLabels) {
        m_router.setSlotLabels(labels);
        dropUndo();
    } else {
        for (int i = 0; i < int(kept.size()); ++i) {
            if (!kept.at(i)) {
                m_router.clearPending(i); // scanned for the meter the slot had
                if (m_undo.slot == i)
                    dropUndo();
            }
        }
    }
    m_counters.resize(int(bindings.size()));
    // The engine keeps the rows of slots whose setup did not change.
    if (m_backend)
        m_backend->setupSlots(setups);
    refreshAll();
    return countChanged;
}

bool SlotController::applyScanPatterns()
{
    return m_router.classifier().setPatterns(m_settings->scanPatterns(m_plugins)).ok();
}

QString SlotController::portProblem(int slot) const
{
    const SlotState &s = m_slots.at(slot);
    if (s.binding.kind == SlotBinding::Kind::None)
        return tr("Slot not bound to a port (Settings)");
    if (s.port.isEmpty())
        return tr("Port not found: %1").arg(s.binding.describe());
    return {};
}

SlotSnapshot SlotController::compose(int slot) const
{
    const SlotState &s = m_slots.at(slot);
    SlotSnapshot snap = m_backend ? m_backend->slotModel()->snapshot(slot) : SlotSnapshot();
    snap.label = s.binding.label;
    if (snap.family.isEmpty())
        snap.family = s.binding.family;
    if (snap.operation.isEmpty())
        snap.operation = s.binding.operation.isEmpty() ? job().operation : s.binding.operation;
    if (snap.port.isEmpty())
        snap.port = s.port;
    snap.binding = s.binding.describe();
    snap.armed = s.armed;
    snap.runOptions = s.runOptions;
    snap.notice = s.notice;
    snap.fixtureSuspect = m_counters.isFixtureSuspect(slot);
    snap.rejected = s.rejected && snap.status == SlotStatus::Fail;
    snap.expectedMs = m_runTimes.expectedMs(snap.family, snap.operation);
    snap.attempt = s.attempt;
    snap.retryLimitReached = snap.status == SlotStatus::Fail && retryLimitReached(slot);
    snap.startBlocked = m_serverDown;
    const QString problem = portProblem(slot);
    if (!problem.isEmpty() && snap.status != SlotStatus::Running) {
        snap.attention = snap.attention.isEmpty() ? problem : problem + QStringLiteral("; ") + snap.attention;
        if (snap.status == SlotStatus::Idle)
            snap.status = SlotStatus::Attention;
    }
    // Scanned labels wait for the next run in sight until it starts or they
    // are cleared: they describe the next device, not the last one.
    if (snap.status != SlotStatus::Running) {
        const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
        if (pending.contains(ScanKind::EmcmId))
            snap.emcmId = pending.value(ScanKind::EmcmId);
        if (pending.contains(ScanKind::MeterSerial))
            snap.meterSerial = pending.value(ScanKind::MeterSerial);
        for (ScanKind kind : {ScanKind::EmcmId, ScanKind::MeterSerial}) {
            if (pending.contains(kind))
                snap.waiting << QStringLiteral("%1 %2").arg(scanKindName(kind), pending.value(kind));
        }
        if (!snap.waiting.isEmpty() && snap.notice.isEmpty())
            snap.notice = tr("Waiting for Start: %1").arg(snap.waiting.join(QStringLiteral(", ")));
    }
    if (snap.status == SlotStatus::Idle || snap.status == SlotStatus::Pass)
        snap.instruction = nextInstruction(slot, snap.status);
    return snap;
}

QString SlotController::nextInstruction(int slot, SlotStatus status) const
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
        if (pending.contains(scanKindForField(field.key)))
            continue;
        // Inside a sentence: "Meter serial number" reads "meter serial number"; "eMCM ID" stays.
        QString label = field.label;
        if (label.size() > 1 && label.at(0).isUpper() && label.at(1).isLower())
            label[0] = label.at(0).toLower();
        missing << label;
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

void SlotController::refreshSlot(int slot)
{
    if (!validSlot(slot))
        return;
    m_slots[slot].shown = compose(slot);
    Q_EMIT slotChanged(slot);
}

void SlotController::refreshAll()
{
    for (int i = 0; i < int(m_slots.size()); ++i)
        onModelRowChanged(i);
}

void SlotController::onModelRowChanged(int slot)
{
    if (!validSlot(slot))
        return;
    SlotState &s = m_slots[slot];
    const SlotStatus before = s.lastStatus;
    refreshSlot(slot);
    const SlotStatus now = s.shown.status;
    s.lastStatus = now;
    s.running = now == SlotStatus::Running;
    if (s.running)
        s.rejected = false;
    m_router.setSlotBusy(slot, s.running);
    m_router.setSlotShowsResult(slot, now == SlotStatus::Pass || now == SlotStatus::Fail);
    if (before == SlotStatus::Running && (now == SlotStatus::Pass || now == SlotStatus::Fail))
        onRunFinished(slot, s.shown);
}

void SlotController::setNotice(int slot, const QString &text, int seconds)
{
    if (!validSlot(slot))
        return;
    m_slots[slot].notice = text;
    m_slots[slot].noticeUntil = QDateTime::currentDateTimeUtc().addSecs(seconds);
    refreshSlot(slot);
}

void SlotController::tick(const QDateTime &now)
{
    for (int i = 0; i < int(m_slots.size()); ++i) {
        SlotState &s = m_slots[i];
        if (!s.notice.isEmpty() && now >= s.noticeUntil) {
            s.notice.clear();
            refreshSlot(i);
        }
    }
    if (canUndo() && now >= m_undo.until)
        dropUndo();
}

void SlotController::showArmed(int slot)
{
    for (int i = 0; i < int(m_slots.size()); ++i) {
        const bool armed = i == slot;
        if (m_slots.at(i).armed != armed) {
            m_slots[i].armed = armed;
            refreshSlot(i);
        }
    }
}

void SlotController::onDeviceScanned(int slot, ScanKind kind, const QString &value)
{
    showArmed(-1);
    Q_EMIT scanAccepted(slot, tr("%1 %2 scanned for slot %3").arg(scanKindName(kind), value, label(slot)));
    setNotice(slot, tr("%1 %2 scanned").arg(scanKindName(kind), value), 5);
    if (!m_settings->autoStartOnScan())
        return;
    // Auto-start once everything the plugin requires has been scanned.
    if (const engine::PluginDescription *p = plugin(m_slots.at(slot).binding.family)) {
        const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
        for (const engine::ScanField &field : p->scans) {
            if (field.required && !pending.contains(scanKindForField(field.key)))
                return;
        }
    }
    start(slot);
}

void SlotController::onScanRejected(int slot, ScanRejection reason, const QString &text, const QString &detail)
{
    const QString message = ScanRouter::rejectionText(reason, text, detail);
    showArmed(m_router.armedSlot());
    setNotice(slot, message);
    Q_EMIT scanRefused(slot, message);
}

bool SlotController::clearWaiting(int slot)
{
    if (!validSlot(slot) || m_slots.at(slot).running)
        return false;
    const QHash<ScanKind, QString> labels = m_router.pendingScans(slot);
    if (labels.isEmpty())
        return false;
    m_router.clearPending(slot);
    keepForUndo(slot, labels);
    m_slots[slot].notice.clear();
    refreshSlot(slot);
    return true;
}

void SlotController::keepForUndo(int slot, const QHash<ScanKind, QString> &labels)
{
    m_undo = Undo {slot, labels, QDateTime::currentDateTimeUtc().addSecs(kUndoSeconds)};
    Q_EMIT undoChanged();
}

void SlotController::dropUndo()
{
    if (!canUndo())
        return;
    m_undo = Undo();
    Q_EMIT undoChanged();
}

QString SlotController::undoText() const
{
    if (!canUndo())
        return {};
    QStringList labels;
    for (ScanKind kind : {ScanKind::EmcmId, ScanKind::MeterSerial}) {
        if (m_undo.labels.contains(kind))
            labels << QStringLiteral("%1 %2").arg(scanKindName(kind), m_undo.labels.value(kind));
    }
    return tr("Put %1 back on slot %2").arg(labels.join(QStringLiteral(", ")), label(m_undo.slot));
}

bool SlotController::undoClear()
{
    if (!canUndo())
        return false;
    const Undo undo = m_undo;
    dropUndo();
    if (!validSlot(undo.slot) || QDateTime::currentDateTimeUtc() > undo.until)
        return false;
    if (m_slots.at(undo.slot).running)
        return refuse(undo.slot, tr("The slot is running: its labels cannot be put back."));
    // A label put back replaces what was scanned since: that one can come back in turn.
    const QHash<ScanKind, QString> before = m_router.pendingScans(undo.slot);
    if (!m_router.restorePending(undo.slot, undo.labels))
        return refuse(
            undo.slot, tr("The labels cannot be put back: one waits on another slot or was provisioned since."));
    QHash<ScanKind, QString> replaced;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (undo.labels.contains(it.key()) && undo.labels.value(it.key()) != it.value())
            replaced.insert(it.key(), it.value());
    }
    if (!replaced.isEmpty())
        keepForUndo(undo.slot, replaced);
    refreshSlot(undo.slot);
    return true;
}

} // namespace prov::gui

#pragma once

#include "engine/PluginDescription.h"
#include "scan/ScanRouter.h"
#include "settings/SlotBinding.h"
#include "settings/UserSession.h"
#include "slots/RunTimeEstimate.h"
#include "slots/ShiftCounters.h"
#include "slots/SlotSnapshot.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QObject>

#include <functional>

namespace prov::gui {

class StationBackend;
class StationSettings;

/// The job the slots run, as the header shows it.
struct StationJob
{
    QString configAlias; ///< picked or scanned; empty: none yet
    QString batchText; ///< as entered or scanned
    QString operation; ///< the header's; a slot bound to an operation runs its own
};

/// The slots' state machine without a window: idle, armed, labels waiting,
/// running, passed, failed (with its attempt and the retry limit), rejected,
/// and the locked unit that only a supervisor provisions again. It routes
/// scans (ScanRouter) to slots, builds each run's request for the engine's
/// runtime (StationBackend::start), counts results (ShiftCounters) and makes
/// what every slot shows (snapshot()). The window turns its signals into
/// pixels, sounds and header messages; a test drives it alone.
class SlotController : public QObject
{
    Q_OBJECT

public:
    /// How long a cleared or replaced waiting label can be put back (undoClear()).
    static constexpr int kUndoSeconds = 10;

    /// `backend` may be null: nothing runs, and Start says why.
    SlotController(StationSettings *settings, StationBackend *backend, QObject *parent = nullptr);

    /// Where the job comes from (the window: its header). Without one, none is set.
    void setJobSource(std::function<StationJob()> job) { m_job = std::move(job); }
    /// Who runs: operators start, retry and reject; supervisors and admins
    /// also provision a locked unit again.
    void setSession(const UserSession &session) { m_session = session; }
    /// While the engine cannot reach its server nothing starts (a run would
    /// fail on the server and count the device failed).
    void setServerDown(bool down);
    [[nodiscard]] bool serverDown() const { return m_serverDown; }

    /// The slots as Settings bind them. A slot whose binding is the same
    /// device as before keeps its state (result, log, waiting labels,
    /// attempts); only a changed one starts afresh. True when the count changed.
    bool setSlots(const QList<SlotBinding> &bindings, const QMap<QString, SlotRunOptions> &groups,
        const QList<PortDescription> &ports);
    /// The scan patterns of the settings over the plugins' own (the labels
    /// each plugin asks for). False when the settings' are invalid: the
    /// defaults are used.
    bool applyScanPatterns();
    [[nodiscard]] int slotCount() const { return int(m_slots.size()); }
    [[nodiscard]] QString label(int slot) const { return m_slots.value(slot).binding.label; }
    [[nodiscard]] bool isRunning(int slot) const { return m_slots.value(slot).running; }
    [[nodiscard]] bool anyRunning() const;
    /// What slot `slot` shows now: the engine's side and the window's.
    [[nodiscard]] SlotSnapshot snapshot(int slot) const { return m_slots.value(slot).shown; }

    [[nodiscard]] ScanRouter &router() { return m_router; }
    [[nodiscard]] const ScanRouter &router() const { return m_router; }
    [[nodiscard]] ShiftCounters &counters() { return m_counters; }
    [[nodiscard]] const ShiftCounters &counters() const { return m_counters; }
    [[nodiscard]] const QList<engine::PluginDescription> &plugins() const { return m_plugins; }
    [[nodiscard]] const engine::PluginDescription *plugin(const QString &family) const;

    /// Start (or Retry) the unit in `slot` as the job and its scans say. A
    /// unit that reports itself provisioned and locked is refused by the
    /// engine: only provisionAgain() runs it again. False (and refused())
    /// when it cannot start, with the reason on the slot.
    bool start(int slot, bool retry = false);
    /// Runs the locked unit in `slot` again, its new key replacing the
    /// escrowed one: only for a supervisor or admin, whose name goes with the
    /// run (run log, server audit).
    bool provisionAgain(int slot);
    void stop(int slot);
    /// Starts every slot that is not running; false when the server is away (nothing starts).
    bool startAllIdle();
    void stopAll();
    /// Records the failed unit of `slot` as rejected: counters, the engine's
    /// run record, the run log, the slot.
    bool reject(int slot);
    /// The failed unit in `slot` was retried as often as the settings allow.
    [[nodiscard]] bool retryLimitReached(int slot) const;

    /// Clears the labels waiting on `slot` (the operator scanned the wrong
    /// one); undoClear() puts them back for kUndoSeconds.
    bool clearWaiting(int slot);
    /// Puts back the labels last cleared or replaced by a newer scan, unless
    /// too late, the slot runs, or a label waits on another slot now.
    bool undoClear();
    [[nodiscard]] bool canUndo() const { return m_undo.slot >= 0; }
    /// What undoClear() would do, translated ("Put eMCM ID 41B2C3D4 back on slot 2").
    [[nodiscard]] QString undoText() const;

    /// A message on the slot for `seconds` (slot < 0: nothing; the window shows it).
    void setNotice(int slot, const QString &text, int seconds = 10);
    /// The clock: notices and the undo run out.
    void tick(const QDateTime &now);
    /// Makes every slot's snapshot again (another language, operation or job).
    void refreshAll();
    /// Routes a scanned text (ScanRouter) and says what became of it.
    void handleScan(const QString &text) { m_router.handleScan(text); }

Q_SIGNALS:
    /// snapshot(slot) changed: the window shows it.
    void slotChanged(int slot);
    /// A run ended; `counted`: it counted for the unit (a run that ended on the
    /// station's side, e.g. the server away, does not).
    void runFinished(int slot, const prov::gui::SlotSnapshot &snapshot, bool counted);
    /// Start, Retry, Reject or Provision again was refused; the slot says why.
    void refused(int slot, const QString &why);
    /// A scan was taken (armed a slot, waits on one): `message` says where.
    void scanAccepted(int slot, const QString &message);
    /// A scan was refused; slot < 0 when no slot was concerned.
    void scanRefused(int slot, const QString &message);
    /// canUndo() or undoText() changed.
    void undoChanged();
    /// The shift's counts changed (a result, a reject).
    void countsChanged();

private:
    struct SlotState
    {
        SlotBinding binding;
        SlotRunOptions runOptions; ///< its group's (Settings)
        QString port;
        QString notice;
        QDateTime noticeUntil;
        bool armed = false;
        bool retryNext = false;
        bool running = false;
        bool rejected = false; ///< the operator rejected the unit of the last (failed) run
        int attempt = 0; ///< which run of the unit in the slot the current or last one is (2: first retry)
        SlotStatus lastStatus = SlotStatus::Idle;
        QHash<ScanKind, QString> runScans; ///< what was scanned for the current run
        SlotSnapshot shown; ///< what the slot shows
    };

    /// Labels taken off a slot that undoClear() can put back.
    struct Undo
    {
        int slot = -1;
        QHash<ScanKind, QString> labels;
        QDateTime until;
    };

    bool startRun(int slot, bool retry, const QString &reprovisionConfirmedBy);
    bool refuse(int slot, const QString &why);
    [[nodiscard]] StationJob job() const { return m_job ? m_job() : StationJob(); }
    [[nodiscard]] bool validSlot(int slot) const { return slot >= 0 && slot < int(m_slots.size()); }
    [[nodiscard]] QString portProblem(int slot) const;
    /// What the operator does next on `slot`, idle or (`status`) passed.
    [[nodiscard]] QString nextInstruction(int slot, SlotStatus status) const;
    [[nodiscard]] SlotSnapshot compose(int slot) const;
    void refreshSlot(int slot);
    void onModelRowChanged(int slot);
    void onRunFinished(int slot, const SlotSnapshot &snapshot);
    /// The dashed outline on the slot the router has armed, on no other.
    void showArmed(int slot);
    void onDeviceScanned(int slot, ScanKind kind, const QString &value);
    void onScanRejected(int slot, ScanRejection reason, const QString &text, const QString &detail);
    void keepForUndo(int slot, const QHash<ScanKind, QString> &labels);
    void dropUndo();

    StationSettings *m_settings;
    StationBackend *m_backend;
    std::function<StationJob()> m_job;
    UserSession m_session;
    bool m_serverDown = false;
    ScanRouter m_router;
    ShiftCounters m_counters;
    RunTimeEstimate m_runTimes;
    QList<engine::PluginDescription> m_plugins;
    QList<SlotState> m_slots;
    Undo m_undo;
};

} // namespace prov::gui

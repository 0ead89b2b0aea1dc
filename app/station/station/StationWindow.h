#pragma once

#include "scan/ScanRouter.h"
#include "settings/SlotBinding.h"
#include "settings/StationServer.h"
#include "settings/UserSession.h"
#include "slots/RunTimeEstimate.h"
#include "slots/ShiftCounters.h"
#include "slots/SlotSnapshot.h"
#include "station/StationBackend.h"

#include <QDateTime>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>

class QAction;
class QLabel;

namespace prov::gui {

class ApiClient;
class HeaderBar;
class LanguageManager;
class ScanEventFilter;
class SecretStore;
class SerialScannerReader;
class SlotGrid;
class SlotModelAdapter;
class SlotWidget;
class SoundPlayer;
class StationSettings;

/// The services the station window is built on (made in main(), handed down).
struct StationServices
{
    StationSettings *settings = nullptr;
    ApiClient *api = nullptr;
    SecretStore *secrets = nullptr;
    LanguageManager *languages = nullptr;
    SoundPlayer *sounds = nullptr;
    ScanEventFilter *scanFilter = nullptr; ///< installed on qApp by main()
    StationBackend *backend = nullptr; ///< the engine; may be null (the window says so)
};

/// The line operator's window: a header (operator, job, server, outbox, shift
/// counters) over a grid of slots. Scans are recognised app-wide and routed
/// to slots; runs start and stop through the backend; pass/fail changes the
/// counters, the sounds and the fixture-fault flag.
class StationWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit StationWindow(const StationServices &services, QWidget *parent = nullptr);
    ~StationWindow() override;

    // For tests and automation; the operator uses the buttons.
    [[nodiscard]] int slotCount() const { return int(m_slots.size()); }
    [[nodiscard]] SlotWidget *slotWidget(int slot) const;
    [[nodiscard]] HeaderBar *header() const { return m_header; }
    [[nodiscard]] ScanRouter *scanRouter() { return &m_router; }
    [[nodiscard]] const ShiftCounters &counters() const { return m_counters; }
    [[nodiscard]] UserSession session() const { return m_session; }
    void setSession(const UserSession &session);
    /// How long after showing news the window waits before it shows more:
    /// a pass or fail alone is shown at once, many at once five times a second.
    static constexpr int kDisplayFrameMs = 200;
    /// The last thing refused at station level (a settings request without the role, ...).
    [[nodiscard]] QString lastRefusal() const { return m_lastRefusal; }
    [[nodiscard]] QAction *settingsAction() const { return m_settingsAction; }
    [[nodiscard]] QAction *connectAction() const { return m_connectAction; }
    /// The server the window talks to now (settings and pairing, see StationServer).
    [[nodiscard]] const StationServer &server() const { return m_server; }
    /// Ends an idle login (StationSettings::idleLogoutMinutes; input restarts it).
    [[nodiscard]] QTimer *idleLogoutTimer() { return &m_idleLogout; }

public Q_SLOTS:
    void startSlot(int slot, bool retry = false);
    /// The unit in `slot` reported itself provisioned and locked: after a
    /// supervisor's or admin's login (asked for as for Settings) it is
    /// provisioned again, its new key replacing the escrowed one; the run
    /// log and the server's audit name who confirmed. Returns true when the run started.
    bool provisionAgain(int slot);
    void stopSlot(int slot);
    void startAllIdle();
    /// Starts all idle slots once an operator is logged in, the
    /// configurations have loaded and the server is not known to be away
    /// (provstation --start-all, the demo line).
    void startAllWhenReady();
    void stopAll();
    /// Settings need a supervisor or admin: asks for one, refuses otherwise.
    /// Returns true when the dialog was opened.
    bool openSettings();
    /// "Connect to server…": pairs the station with a server (ConnectDialog)
    /// and switches to it at once. Needs a supervisor or admin like the
    /// settings, except while the station has no server at all (first start:
    /// the one-time code is the admin's consent). Returns true when it paired.
    bool connectToServer();
    void requestLogin(const QString &reason = {});
    void logout();
    void refreshConfigurations();
    /// Re-reads settings: slots, bindings, patterns, scanner, language, sounds.
    void applySettings();
    /// "New shift": asks for confirmation, starts the shift on the server (who
    /// started it is recorded there) and counts from zero.
    void startNewShift();
    /// Reads the station's current shift and its yield from the server: the
    /// header shows the server's figures (the same definitions as yield in
    /// server mode, kept over a restart) or, when the server cannot say, the
    /// window's own count and that it is local.
    void syncShiftCounts();

Q_SIGNALS:
    void serverModeRequested();
    /// The station was paired with a server (Connect to server…): the engine
    /// takes the new address, key and token (main.cpp).
    void serverChanged();
    void sessionChanged(const prov::gui::UserSession &session);
    /// The header's shift counts were read from the server (`fromServer`) or
    /// fell back to the window's own count.
    void shiftCountsSynced(bool fromServer);
    /// A run ended (tests, automation): counted already; the slot shows it on
    /// the next display frame (kDisplayFrameMs).
    void runFinished(int slot, prov::gui::SlotStatus status, int resultCode);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    /// Keyboard, mouse and touch input anywhere in the application restarts the idle logout.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restartIdleLogout();
    void logoutWhenIdle();
    /// Logs the server out of a login borrowed for Settings and gives the window back to `previous`.
    void returnBorrowedLogin(const UserSession &previous);

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
        SlotSnapshot shown; ///< what the slot shows (or will on the display frame)
        bool displayDue = false; ///< `shown` or the slot's counts wait for the display frame
    };

    void buildActions();
    /// Start and Retry, and Provision again with who confirmed it.
    bool startRun(int slot, bool retry, const QString &reprovisionConfirmedBy);
    /// True when a supervisor or admin is logged in, after asking for one with `reason`.
    bool requireSupervisor(const QString &reason);
    /// Points the API client at the server of the settings and the pairing.
    void applyServer();
    void showNotConnected();
    void retranslate();
    void rebuildSlots();
    /// Makes the slot's snapshot now (the window's decisions read it) and
    /// shows it on the display frame.
    void refreshSlot(int slot);
    void refreshAllSlots();
    void refreshHeaderCounts();
    /// The station name the server files this station's runs and shifts under.
    [[nodiscard]] QString shiftStation() const;
    void readShiftYield(qint64 shiftId);
    void useLocalShiftCounts();
    /// News is shown on the event loop's next pass if none was shown within
    /// kDisplayFrameMs, else at the end of that time, all of it together: 64
    /// slots ending their runs within a second make five repaints of the
    /// window, not 64 (bench_gui).
    void scheduleDisplay();
    void showDisplayDue();
    void updateRunPermissions();
    [[nodiscard]] SlotSnapshot composeSnapshot(int slot) const;
    void onModelRowChanged(int row);
    void onRunFinished(int slot, const SlotSnapshot &snapshot);
    /// The engine's server: while it cannot be reached nothing starts, and the header says why.
    void onServerReachability(bool reachable, const QString &detail);
    void showServerDown();
    /// The failed unit in `slot` was retried as often as the settings allow.
    [[nodiscard]] bool retryLimitReached(int slot) const;
    /// What the operator does next on `slot`, idle or (`status`) passed.
    [[nodiscard]] QString nextInstruction(int slot, SlotStatus status) const;
    /// Records the failed unit of `slot` as rejected: counters, run log, slot.
    void rejectUnit(int slot);
    void setNotice(int slot, const QString &text, int seconds = 10);
    /// The header's message line. `text` is made again when the language
    /// changes, so a message says itself in the language now chosen; the
    /// QString overload is for words that have no translation (the server's,
    /// the engine's).
    void stationMessage(std::function<QString()> text, bool warning);
    void stationMessage(const QString &text, bool warning);
    void onScanned(const QString &text);
    void onSlotArmed(int slot);
    /// The dashed outline on the slot the router has armed, on no other.
    void showArmed(int slot);
    /// The status bar's scan line: accepted and refused scans look different.
    void showScanOutcome(const QString &text, bool accepted);
    void onDeviceScanned(int slot, ScanKind kind, const QString &value);
    void onScanRejected(int slot, ScanRejection reason, const QString &text, const QString &detail);
    void onConfigScanned(const QString &alias);
    void onBatchScanned(quint32 batch);
    void onTick();
    void openRunLog(int slot);
    [[nodiscard]] bool jobChangeAllowed() const;
    [[nodiscard]] const engine::PluginDescription *plugin(const QString &family) const;
    [[nodiscard]] QString portStatusText(int slot) const;
    void openSerialScanner();

    StationServices m_services;
    HeaderBar *m_header;
    SlotGrid *m_grid;
    QLabel *m_statusLabel;
    SlotModelAdapter *m_adapter;
    SerialScannerReader *m_serialScanner;
    ScanRouter m_router;
    ShiftCounters m_counters;
    RunTimeEstimate m_runTimes;
    QList<SlotState> m_slots;
    QList<SlotWidget *> m_widgets;
    QList<engine::PluginDescription> m_plugins;
    UserSession m_session;
    StationServer m_server;
    QString m_lastRefusal;
    /// The settings' language when last applied: the window switches language only
    /// when the setting changes, so `provstation --language` outlasts the saved one.
    QString m_settingsLanguage;
    /// The header shows refreshConfigurations()'s failure (a later refresh
    /// that works takes it back; any other message replaces it).
    bool m_showingConfigFailure = false;
    /// The engine found its server unreachable (and has not reached it since):
    /// runs would fail on the server, not on the device.
    bool m_serverDown = false;
    QString m_serverDownDetail;
    bool m_showingServerDown = false; ///< the header says so
    bool m_showingScanRefusal = false; ///< the header warns of a refused scan
    std::function<QString()> m_message; ///< the header message, in the current language
    bool m_messageWarning = false;
    QTimer m_tick;
    QTimer m_idleLogout;
    int m_ticks = 0;
    QTimer m_displayFrame; ///< 0 ms: news to show; kDisplayFrameMs: holds news back after a show
    bool m_displayDue = false; ///< news waits for the display frame
    bool m_headerCountsDue = false;
    /// The server's figures for the current shift; used while m_serverShiftCounts.
    RunCounts m_serverShift;
    double m_serverUnitsPerHour = 0;
    bool m_serverShiftCounts = false;
    /// Reads the server's figures a moment after runs end (their records reach
    /// the server through the engine's outbox, a little after the window knows).
    QTimer m_shiftSync;

    QAction *m_startAllAction = nullptr;
    QAction *m_stopAllAction = nullptr;
    QAction *m_newShiftAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_serverModeAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_loginAction = nullptr;
    bool m_startAllWhenReady = false;
};

} // namespace prov::gui

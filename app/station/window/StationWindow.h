#pragma once

#include "settings/SlotBinding.h"
#include "settings/StationServer.h"
#include "settings/UserSession.h"
#include "slots/SlotController.h"
#include "support/LatestRequest.h"
#include "window/StationBackend.h"

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
class SlotWidget;
class SoundPlayer;
class StationSettings;

/// The services the station window is built on (made in main(), handed down).
struct WindowServices
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
/// counters) over a grid of slots. Scans are recognised app-wide; the slots'
/// state machine, the routing of scans and the runs' requests are the
/// SlotController's: the window shows what it decides, asks for the logins
/// it needs and plays the sounds.
class StationWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit StationWindow(const WindowServices &services, QWidget *parent = nullptr);
    ~StationWindow() override;

    // For tests and automation; the operator uses the buttons.
    [[nodiscard]] int slotCount() const { return int(m_widgets.size()); }
    [[nodiscard]] SlotWidget *slotWidget(int slot) const;
    [[nodiscard]] HeaderBar *header() const { return m_header; }
    [[nodiscard]] ScanRouter *scanRouter() { return &m_controller->router(); }
    [[nodiscard]] const ShiftCounters &counters() const { return m_controller->counters(); }
    [[nodiscard]] SlotController *slotController() const { return m_controller; }
    /// Undo (Ctrl+Z): puts back the labels last cleared from a slot or replaced there.
    [[nodiscard]] QAction *undoAction() const { return m_undoAction; }
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
    /// "New shift": needs a supervisor or admin (asked for as for Settings;
    /// a login borrowed for it ends with it), asks for confirmation, starts
    /// the shift on the server (who started it is recorded there) and counts
    /// from zero. Returns true when the shift started.
    bool startNewShift();
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

    void buildActions();
    /// True when a supervisor or admin is logged in, after asking for one with `reason`.
    bool requireSupervisor(const std::function<QString()> &reason);
    /// Points the API client at the server of the settings and the pairing.
    void applyServer();
    void showNotConnected();
    void retranslate();
    void rebuildSlots();
    /// Shows the slot's snapshot (SlotController::snapshot) on the display frame.
    void refreshSlot(int slot);
    void refreshHeaderCounts();
    /// The station name the server files this station's runs and shifts under.
    [[nodiscard]] QString shiftStation() const;
    void readShiftYield(qint64 shiftId, quint64 sync);
    void useLocalShiftCounts();
    /// News is shown on the event loop's next pass if none was shown within
    /// kDisplayFrameMs, else at the end of that time, all of it together: 64
    /// slots ending their runs within a second make five repaints of the
    /// window, not 64 (bench_gui).
    void scheduleDisplay();
    void showDisplayDue();
    void updateRunPermissions();
    void onRunFinished(int slot, const SlotSnapshot &snapshot, bool counted);
    /// The engine's server: while it cannot be reached nothing starts, and the header says why.
    void onServerReachability(bool reachable, const QString &detail);
    void showServerDown();
    /// The job the slots run: the header's configuration, batch and operation.
    [[nodiscard]] StationJob currentJob() const;
    /// The header's message line. `text` is made again when the language
    /// changes, so a message says itself in the language now chosen; the
    /// QString overload is for words that have no translation (the server's,
    /// the engine's).
    void stationMessage(std::function<QString()> text, bool warning);
    void stationMessage(const QString &text, bool warning);
    void onScanned(const QString &text);
    /// The status bar's scan line: accepted and refused scans look and sound different.
    void showScanOutcome(const QString &text, bool accepted);
    void onScanRefused(int slot, const QString &message);
    void undoClearedLabels();
    void updateUndoAction();
    void onConfigScanned(const QString &alias);
    void onBatchScanned(quint32 batch);
    void onTick();
    void openRunLog(int slot);
    [[nodiscard]] bool jobChangeAllowed() const;
    void openSerialScanner();

    WindowServices m_services;
    HeaderBar *m_header;
    SlotGrid *m_grid;
    QLabel *m_statusLabel;
    SerialScannerReader *m_serialScanner;
    SlotController *m_controller;
    QList<SlotWidget *> m_widgets;
    QList<bool> m_slotDisplayDue; ///< the slot's snapshot or counts wait for the display frame
    UserSession m_session;
    StationServer m_server;
    QString m_lastRefusal;
    /// The settings' language when last applied: the window switches language only
    /// when the setting changes, so `provstation --language` outlasts the saved one.
    QString m_settingsLanguage;
    /// The header shows refreshConfigurations()'s failure (a later refresh
    /// that works takes it back; any other message replaces it).
    bool m_showingConfigFailure = false;
    /// Why the engine's server cannot be reached (SlotController::serverDown).
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
    /// The newest shift-count request: an older answer arriving after it is dropped.
    LatestRequest m_shiftSyncRequest;
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
    QAction *m_undoAction = nullptr;
    bool m_startAllWhenReady = false;
};

} // namespace prov::gui

#include "station/StationWindow.h"

#include "domain/BatchNumber.h"
#include "domain/ResultCode.h"
#include "engine/RunLog.h"
#include "scan/ScanEventFilter.h"
#include "scan/SerialScannerReader.h"
#include "settings/ConnectDialog.h"
#include "settings/SecretStore.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "slots/SlotGrid.h"
#include "slots/SlotModelAdapter.h"
#include "slots/SlotWidget.h"
#include "slots/StatusStyle.h"
#include "station/HeaderBar.h"
#include "station/LoginDialog.h"
#include "station/RunLogDialog.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/PackageList.h"
#include "support/SoundPlayer.h"

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace prov::gui {

namespace {

constexpr int kMaxSlots = 64;

} // namespace

StationWindow::StationWindow(const StationServices &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_header(new HeaderBar(this))
    , m_grid(new SlotGrid(this))
    , m_statusLabel(new QLabel(this))
    , m_adapter(new SlotModelAdapter(this))
    , m_serialScanner(new SerialScannerReader(this))
{
    Q_ASSERT(services.settings && services.api && services.sounds);
    setObjectName(QStringLiteral("stationWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/provstation/icons/provstation.png")));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_header);
    layout->addWidget(m_grid, 1);
    setCentralWidget(central);
    m_statusLabel->setObjectName(QStringLiteral("lastScan"));
    statusBar()->addWidget(m_statusLabel, 1);
    buildActions();

    if (services.backend) {
        m_plugins = services.backend->plugins();
        m_adapter->setModel(services.backend->slotModel());
        connect(services.backend, &StationBackend::outboxPendingChanged, m_header, &HeaderBar::setOutboxPending);
        connect(services.backend, &StationBackend::serverReachabilityChanged, m_header, &HeaderBar::setServerState);
        connect(
            services.backend, &StationBackend::serverReachabilityChanged, this, &StationWindow::onServerReachability);
        connect(services.backend, &StationBackend::failed, this,
            [this](const Error &error) { stationMessage(error.toString(), true); });
    }
    connect(m_adapter, &SlotModelAdapter::rowChanged, this, &StationWindow::onModelRowChanged);
    connect(m_adapter, &SlotModelAdapter::rowsReset, this, &StationWindow::refreshAllSlots);
    connect(services.api, &ApiClient::reachabilityChanged, m_header, &HeaderBar::setServerState);
    connect(services.api, &ApiClient::sessionExpired, this, [this] {
        setSession(UserSession());
        stationMessage([] { return tr("Your session expired: log in again."); }, true);
    });

    if (services.scanFilter)
        connect(services.scanFilter, &ScanEventFilter::scanned, this, &StationWindow::onScanned);
    connect(m_serialScanner, &SerialScannerReader::scanned, this, &StationWindow::onScanned);
    connect(m_serialScanner, &SerialScannerReader::failed, this,
        [this](const Error &error) { stationMessage(error.message, true); });
    connect(&m_router, &ScanRouter::slotArmed, this, &StationWindow::onSlotArmed);
    connect(&m_router, &ScanRouter::deviceScanned, this, &StationWindow::onDeviceScanned);
    connect(&m_router, &ScanRouter::scanRejected, this, &StationWindow::onScanRejected);
    connect(&m_router, &ScanRouter::configAliasScanned, this, &StationWindow::onConfigScanned);
    connect(&m_router, &ScanRouter::batchScanned, this, &StationWindow::onBatchScanned);
    if (services.secrets) {
        connect(services.secrets, &SecretStore::fallbackActivated, this, [this](const QString &reason) {
            stationMessage(
                [reason, dir = m_services.secrets->fallbackDirectory()] {
                    return tr("No OS keychain (%1): the station keeps its secrets in files only this user can "
                              "read, in %2.")
                        .arg(reason, dir);
                },
                true);
        });
    }

    connect(m_header, &HeaderBar::loginRequested, this, [this] { requestLogin(); });
    connect(m_header, &HeaderBar::logoutRequested, this, &StationWindow::logout);
    connect(m_header, &HeaderBar::configChosen, this,
        [this](const QString &alias) { m_services.settings->setConfigAlias(alias); });
    connect(m_header, &HeaderBar::operationChosen, this, [this](const QString &operation) {
        m_services.settings->setOperation(operation);
        refreshAllSlots();
    });
    connect(m_header, &HeaderBar::batchEdited, this, [this](const QString &text) {
        m_services.settings->setBatch(text);
        const Result<quint32> batch = m_header->batch();
        if (batch)
            m_router.setBatch(*batch);
    });

    m_shiftSync.setSingleShot(true);
    m_shiftSync.setInterval(1500);
    connect(&m_shiftSync, &QTimer::timeout, this, &StationWindow::syncShiftCounts);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &StationWindow::onTick);
    m_tick.start();
    m_idleLogout.setSingleShot(true);
    m_idleLogout.setTimerType(Qt::PreciseTimer); // a coarse timer this long is rounded to whole seconds
    connect(&m_idleLogout, &QTimer::timeout, this, &StationWindow::logoutWhenIdle);
    qApp->installEventFilter(this);
    m_displayFrame.setSingleShot(true);
    connect(&m_displayFrame, &QTimer::timeout, this, [this] {
        if (!m_displayDue)
            return; // nothing came: the next news is shown at once
        showDisplayDue();
        m_displayFrame.start(kDisplayFrameMs);
    });

    applySettings();
    setSession(UserSession());
    retranslate();
    resize(1400, 900);
}

StationWindow::~StationWindow()
{
    // ~QWidget hides the window after this destructor has run, and the batch
    // field's focus-out then emits batchEdited into a StationWindow that is
    // gone (UBSan in tst_stationrun): the children must not call back now.
    m_header->blockSignals(true);
    const QList<QObject *> descendants = findChildren<QObject *>();
    for (QObject *child : descendants)
        disconnect(child, nullptr, this, nullptr);
}

void StationWindow::buildActions()
{
    auto *toolbar = addToolBar(QString());
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(28, 28));
    m_startAllAction = toolbar->addAction(QIcon(QStringLiteral(":/provstation/icons/start-all.png")), QString());
    m_startAllAction->setObjectName(QStringLiteral("startAll"));
    m_stopAllAction = toolbar->addAction(QIcon(QStringLiteral(":/provstation/icons/stop.png")), QString());
    m_stopAllAction->setObjectName(QStringLiteral("stopAll"));
    toolbar->addSeparator();
    m_refreshAction = toolbar->addAction(QIcon(QStringLiteral(":/provstation/icons/retry.png")), QString());
    m_newShiftAction = toolbar->addAction(QString());
    m_newShiftAction->setObjectName(QStringLiteral("newShift"));
    toolbar->addSeparator();
    m_settingsAction = toolbar->addAction(QIcon(QStringLiteral(":/provstation/icons/settings.png")), QString());
    m_settingsAction->setObjectName(QStringLiteral("settings"));
    m_connectAction = toolbar->addAction(QString());
    m_connectAction->setObjectName(QStringLiteral("connectToServer"));
    m_serverModeAction = toolbar->addAction(QIcon(QStringLiteral(":/provstation/icons/server.png")), QString());
    m_serverModeAction->setObjectName(QStringLiteral("serverMode"));
    for (QAction *a : toolbar->actions()) {
        if (QWidget *w = toolbar->widgetForAction(a))
            w->setFocusPolicy(Qt::NoFocus);
    }
    // Keys for the keyboard at the station (a barcode scanner sends no
    // function keys or Ctrl combinations, so these never collide with a scan).
    m_loginAction = new QAction(this);
    m_loginAction->setObjectName(QStringLiteral("login"));
    addAction(m_loginAction);
    m_startAllAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_stopAllAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F9));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_loginAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_loginAction, &QAction::triggered, this, [this] { requestLogin(); });
    connect(m_startAllAction, &QAction::triggered, this, &StationWindow::startAllIdle);
    connect(m_stopAllAction, &QAction::triggered, this, &StationWindow::stopAll);
    connect(m_refreshAction, &QAction::triggered, this, &StationWindow::refreshConfigurations);
    connect(m_newShiftAction, &QAction::triggered, this, &StationWindow::startNewShift);
    connect(m_settingsAction, &QAction::triggered, this, [this] { openSettings(); });
    connect(m_connectAction, &QAction::triggered, this, [this] { connectToServer(); });
    connect(m_serverModeAction, &QAction::triggered, this, &StationWindow::serverModeRequested);
}

void StationWindow::retranslate()
{
    setWindowTitle(tr("ProvStation \u2014 station %1").arg(m_services.settings->stationName()));
    m_startAllAction->setText(tr("Start all idle"));
    m_stopAllAction->setText(tr("Stop all"));
    m_refreshAction->setText(tr("Reload configurations"));
    m_newShiftAction->setText(tr("New shift"));
    m_settingsAction->setText(tr("Settings"));
    m_connectAction->setText(tr("Connect to server\u2026"));
    m_serverModeAction->setText(tr("Server mode"));
    m_loginAction->setText(tr("Log in"));
    for (QAction *a : {m_startAllAction, m_stopAllAction, m_refreshAction, m_loginAction})
        a->setToolTip(QStringLiteral("%1 (%2)").arg(a->text(), a->shortcut().toString(QKeySequence::NativeText)));
    refreshAllSlots();
    refreshHeaderCounts();
    if (m_message)
        m_header->setMessage(m_message(), m_messageWarning);
}

void StationWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void StationWindow::closeEvent(QCloseEvent *event)
{
    bool running = false;
    for (const SlotState &s : std::as_const(m_slots))
        running = running || s.running;
    if (running && isVisible()
        && QMessageBox::question(
               this, tr("Devices are running"), tr("Some slots are still provisioning. Stop them and quit?"))
            != QMessageBox::Yes) {
        event->ignore();
        return;
    }
    stopAll();
    event->accept();
}

SlotWidget *StationWindow::slotWidget(int slot) const
{
    return slot >= 0 && slot < int(m_widgets.size()) ? m_widgets.at(slot) : nullptr;
}

void StationWindow::applySettings()
{
    StationSettings &settings = *m_services.settings;
    applyServer();
    restartIdleLogout();
    m_services.sounds->setEnabled(settings.soundsEnabled());
    if (m_settingsLanguage.isNull()) {
        m_settingsLanguage = settings.language(); // main() already chose: the setting or --language
    } else if (m_services.languages && settings.language() != m_settingsLanguage) {
        m_settingsLanguage = settings.language();
        m_services.languages->setLanguage(m_settingsLanguage);
    }
    if (!m_router.classifier().setPatterns(settings.scanPatterns(m_plugins)).ok())
        stationMessage(
            [] { return tr("The scan patterns in the settings are invalid; the defaults are used."); }, true);
    if (m_services.scanFilter)
        m_services.scanFilter->setTiming(settings.wedgeTiming());
    m_header->setStationName(settings.stationName());

    QStringList operations;
    for (const engine::PluginDescription &p : std::as_const(m_plugins)) {
        for (const QString &op : p.operationNames()) {
            if (!operations.contains(op))
                operations << op;
        }
    }
    if (operations.isEmpty())
        operations = {QStringLiteral("PROVISION"), QStringLiteral("PRETEST"), QStringLiteral("CHECKCONFIG"),
            QStringLiteral("POSTTEST")};
    m_header->setOperations(operations);
    m_header->setCurrentOperation(settings.operation());
    m_header->setCurrentConfig(settings.configAlias());
    m_header->setBatchText(settings.batch());
    if (const Result<quint32> batch = m_header->batch())
        m_router.setBatch(*batch);
    rebuildSlots();
    openSerialScanner();
    retranslate();
}

void StationWindow::applyServer()
{
    m_server = StationServer::resolve(*m_services.settings);
    m_services.api->setBaseUrl(m_server.url);
    if (const Status pins = m_services.api->setCertificatePins(m_server.pins); !pins)
        stationMessage(pins.error().message, true);
    else if (m_server.pairingError)
        stationMessage(m_server.pairingError->message, true);
    else if (!m_server.configured())
        showNotConnected();
}

void StationWindow::showNotConnected()
{
    stationMessage(
        [] {
            return tr("This station is not connected to a server yet: ask an admin for a pairing code, "
                      "then choose Connect to server\u2026");
        },
        true);
}

void StationWindow::openSerialScanner()
{
    const QString port = m_services.settings->serialScannerPort();
    if (port.isEmpty()) {
        m_serialScanner->close();
        return;
    }
    if (m_serialScanner->isOpen() && m_serialScanner->portName() == port)
        return;
    const Status opened = m_serialScanner->open(port, m_services.settings->serialScannerBaud());
    if (!opened)
        stationMessage(opened.error().message, true);
}

void StationWindow::rebuildSlots()
{
    QList<SlotBinding> bindings = m_services.settings->slotBindings();
    if (bindings.size() > kMaxSlots)
        bindings.resize(kMaxSlots);
    const QMap<QString, SlotRunOptions> groups = m_services.settings->slotGroups();
    const QList<PortDescription> ports = PortLocator::availablePorts();
    // A slot whose binding stays keeps what it shows: its last result, its
    // log, its waiting labels, its attempts. Only a changed slot starts afresh.
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
    const bool sameCount = bindings.size() == m_slots.size();
    m_slots = states;

    // The widgets show whatever slot state they are given: only another count makes new ones.
    if (!sameCount) {
        QList<SlotWidget *> widgets;
        for (int i = 0; i < int(bindings.size()); ++i) {
            auto *widget = new SlotWidget(i);
            connect(widget, &SlotWidget::startRequested, this, [this](int slot) { startSlot(slot); });
            connect(widget, &SlotWidget::retryRequested, this, [this](int slot) { startSlot(slot, true); });
            connect(widget, &SlotWidget::stopRequested, this, &StationWindow::stopSlot);
            connect(widget, &SlotWidget::logRequested, this, &StationWindow::openRunLog);
            connect(widget, &SlotWidget::rejectRequested, this, &StationWindow::rejectUnit);
            connect(widget, &SlotWidget::provisionAgainRequested, this, [this](int slot) { provisionAgain(slot); });
            connect(widget, &SlotWidget::armRequested, &m_router, &ScanRouter::arm);
            widgets.append(widget);
        }
        m_widgets = widgets;
        m_grid->setSlotWidgets(widgets);
        // New widgets show nothing yet: every slot's state and counts go to them.
        for (SlotState &s : m_slots)
            s.displayDue = true;
    }
    if (labels != oldLabels) {
        m_router.setSlotLabels(labels);
    } else {
        for (int i = 0; i < int(kept.size()); ++i) {
            if (!kept.at(i))
                m_router.clearPending(i); // scanned for the meter the slot had
        }
    }
    m_counters.resize(int(bindings.size()));
    // The engine keeps the rows of slots whose setup did not change.
    if (m_services.backend)
        m_services.backend->setupSlots(setups);
    // A station with no server has a more pressing message (showNotConnected).
    if (bindings.isEmpty() && m_server.configured())
        stationMessage(
            [] { return tr("No slots are set up yet: a supervisor binds the slots to ports in Settings."); }, true);
    updateRunPermissions();
    refreshAllSlots();
}

const engine::PluginDescription *StationWindow::plugin(const QString &family) const
{
    for (const engine::PluginDescription &p : m_plugins) {
        if (p.id == family)
            return &p;
    }
    return nullptr;
}

QString StationWindow::portStatusText(int slot) const
{
    const SlotState &s = m_slots.at(slot);
    if (s.binding.kind == SlotBinding::Kind::None)
        return tr("Slot not bound to a port (Settings)");
    if (s.port.isEmpty())
        return tr("Port not found: %1").arg(s.binding.describe());
    return {};
}

SlotSnapshot StationWindow::composeSnapshot(int slot) const
{
    const SlotState &s = m_slots.at(slot);
    SlotSnapshot snap = m_services.backend && slot < m_adapter->rowCount() ? m_adapter->snapshot(slot) : SlotSnapshot();
    snap.label = s.binding.label;
    if (snap.family.isEmpty())
        snap.family = s.binding.family;
    if (snap.operation.isEmpty())
        snap.operation = s.binding.operation.isEmpty() ? m_header->currentOperation() : s.binding.operation;
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
    const QString portProblem = portStatusText(slot);
    if (!portProblem.isEmpty() && snap.status != SlotStatus::Running) {
        snap.attention = snap.attention.isEmpty() ? portProblem : portProblem + QStringLiteral("; ") + snap.attention;
        if (snap.status == SlotStatus::Idle)
            snap.status = SlotStatus::Attention;
    }
    // Scanned labels wait for the next run in sight until it starts or they
    // are cleared: they describe the next device, not the last one.
    if (snap.status != SlotStatus::Running) {
        const QHash<ScanKind, QString> pending = m_router.pendingScans(slot);
        QStringList waiting;
        if (pending.contains(ScanKind::EmcmId))
            snap.emcmId = pending.value(ScanKind::EmcmId);
        if (pending.contains(ScanKind::MeterSerial))
            snap.meterSerial = pending.value(ScanKind::MeterSerial);
        for (ScanKind kind : {ScanKind::EmcmId, ScanKind::MeterSerial}) {
            if (pending.contains(kind))
                waiting << QStringLiteral("%1 %2").arg(scanKindName(kind), pending.value(kind));
        }
        if (!waiting.isEmpty() && snap.notice.isEmpty())
            snap.notice = tr("Waiting for Start: %1").arg(waiting.join(QStringLiteral(", ")));
    }
    if (snap.status == SlotStatus::Idle || snap.status == SlotStatus::Pass)
        snap.instruction = nextInstruction(slot, snap.status);
    return snap;
}

void StationWindow::refreshSlot(int slot)
{
    if (slot < 0 || slot >= int(m_slots.size()))
        return;
    m_slots[slot].shown = composeSnapshot(slot);
    m_slots[slot].displayDue = true;
    scheduleDisplay();
}

void StationWindow::scheduleDisplay()
{
    m_displayDue = true;
    // At once: when this pass of the event loop has made all its news.
    if (!m_displayFrame.isActive())
        m_displayFrame.start(0);
}

void StationWindow::showDisplayDue()
{
    m_displayDue = false;
    for (int i = 0; i < int(m_slots.size()); ++i) {
        SlotState &s = m_slots[i];
        if (!s.displayDue)
            continue;
        s.displayDue = false;
        m_widgets.at(i)->setSnapshot(s.shown);
        m_widgets.at(i)->setCounts(m_counters.slot(i));
    }
    if (m_headerCountsDue) {
        m_headerCountsDue = false;
        if (m_serverShiftCounts)
            m_header->setShiftCounts(m_serverShift, m_serverUnitsPerHour, false);
        else
            m_header->setShiftCounts(
                m_counters.shift(), m_counters.unitsPerHour(QDateTime::currentDateTimeUtc()), true);
    }
}

void StationWindow::refreshAllSlots()
{
    for (int i = 0; i < int(m_slots.size()); ++i)
        onModelRowChanged(i);
}

void StationWindow::onModelRowChanged(int row)
{
    if (row < 0 || row >= int(m_slots.size()))
        return;
    SlotState &s = m_slots[row];
    const SlotStatus before = s.lastStatus;
    refreshSlot(row);
    const SlotStatus now = s.shown.status;
    s.lastStatus = now;
    s.running = now == SlotStatus::Running;
    if (s.running)
        s.rejected = false;
    m_router.setSlotBusy(row, s.running);
    m_router.setSlotShowsResult(row, now == SlotStatus::Pass || now == SlotStatus::Fail);
    if (before == SlotStatus::Running && (now == SlotStatus::Pass || now == SlotStatus::Fail))
        onRunFinished(row, s.shown);
}

void StationWindow::refreshHeaderCounts()
{
    m_headerCountsDue = true;
    scheduleDisplay();
}

void StationWindow::setNotice(int slot, const QString &text, int seconds)
{
    if (slot < 0 || slot >= int(m_slots.size())) {
        stationMessage(text, true);
        return;
    }
    m_slots[slot].notice = text;
    m_slots[slot].noticeUntil = QDateTime::currentDateTimeUtc().addSecs(seconds);
    refreshSlot(slot);
}

void StationWindow::stationMessage(std::function<QString()> text, bool warning)
{
    m_showingConfigFailure = false;
    m_showingServerDown = false;
    m_showingScanRefusal = false;
    m_message = std::move(text);
    m_messageWarning = warning;
    m_header->setMessage(m_message(), warning);
}

void StationWindow::stationMessage(const QString &text, bool warning)
{
    stationMessage([text] { return text; }, warning);
}

void StationWindow::onTick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < int(m_slots.size()); ++i) {
        SlotState &s = m_slots[i];
        if (!s.notice.isEmpty() && now >= s.noticeUntil) {
            s.notice.clear();
            refreshSlot(i);
        }
    }
    refreshHeaderCounts();
    // Server connection state in the header, also between runs.
    if (++m_ticks % 15 == 1) {
        QNetworkReply *reply = m_services.api->get(QStringLiteral("/health"), {}, 5000);
        m_services.api->whenFinished(reply, this, [](const Result<ApiResponse> &) {});
    }
}

void StationWindow::updateRunPermissions()
{
    const bool canRun = m_session.canRun();
    for (SlotWidget *w : std::as_const(m_widgets))
        w->setRunAllowed(canRun);
    m_startAllAction->setEnabled(canRun && !m_serverDown);
    m_stopAllAction->setEnabled(canRun);
    m_newShiftAction->setEnabled(canRun);
    m_header->setJobEditable(jobChangeAllowed());
}

void StationWindow::openRunLog(int slot)
{
    if (slot < 0 || slot >= int(m_slots.size()))
        return;
    RunLogDialog dialog(
        tr("Run log \u2014 slot %1").arg(m_slots.at(slot).binding.label), m_slots.at(slot).shown.logPath, this);
    dialog.exec();
}

} // namespace prov::gui

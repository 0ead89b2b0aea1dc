#include "window/StationWindow.h"

#include "scan/ScanEventFilter.h"
#include "scan/SerialScannerReader.h"
#include "settings/ConnectDialog.h"
#include "settings/SecretStore.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "slots/SlotGrid.h"
#include "slots/SlotWidget.h"
#include "slots/StatusStyle.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/PackageList.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"
#include "window/RunLogDialog.h"

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

StationWindow::StationWindow(const WindowServices &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_header(new HeaderBar(this))
    , m_grid(new SlotGrid(this))
    , m_statusLabel(new QLabel(this))
    , m_serialScanner(new SerialScannerReader(this))
    , m_controller(new SlotController(services.settings, services.backend, this))
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
        connect(services.backend, &StationBackend::outboxPendingChanged, m_header, &HeaderBar::setOutboxPending);
        connect(services.backend, &StationBackend::serverReachabilityChanged, m_header, &HeaderBar::setServerState);
        connect(
            services.backend, &StationBackend::serverReachabilityChanged, this, &StationWindow::onServerReachability);
        connect(services.backend, &StationBackend::failed, this,
            [this](const Error &error) { stationMessage(error.toString(), true); });
    }
    m_controller->setJobSource([this] { return currentJob(); });
    connect(m_controller, &SlotController::slotChanged, this, &StationWindow::refreshSlot);
    connect(m_controller, &SlotController::runFinished, this, &StationWindow::onRunFinished);
    connect(m_controller, &SlotController::countsChanged, this, &StationWindow::refreshHeaderCounts);
    connect(m_controller, &SlotController::refused, this, [this](int slot, const QString &why) {
        m_services.sounds->play(SoundPlayer::Sound::Reject);
        if (slot < 0 && !m_controller->serverDown()) // the slot shows its own; a station-wide one goes to the header
            stationMessage(why, true);
    });
    connect(m_controller, &SlotController::scanAccepted, this,
        [this](int, const QString &message) { showScanOutcome(message, true); });
    connect(m_controller, &SlotController::scanRefused, this, &StationWindow::onScanRefused);
    connect(m_controller, &SlotController::undoChanged, this, &StationWindow::updateUndoAction);
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
    connect(scanRouter(), &ScanRouter::configAliasScanned, this, &StationWindow::onConfigScanned);
    connect(scanRouter(), &ScanRouter::batchScanned, this, &StationWindow::onBatchScanned);
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
        m_controller->refreshAll();
    });
    connect(m_header, &HeaderBar::batchEdited, this, [this](const QString &text) {
        m_services.settings->setBatch(text);
        const Result<quint32> batch = m_header->batch();
        if (batch)
            scanRouter()->setBatch(*batch);
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
    // A label cleared or replaced by mistake comes back for a few seconds:
    // the button for a touchscreen, Ctrl+Z for a keyboard.
    toolbar->addSeparator();
    m_undoAction = toolbar->addAction(QString());
    m_undoAction->setObjectName(QStringLiteral("undoLabels"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setShortcutContext(Qt::ApplicationShortcut);
    m_undoAction->setEnabled(false);
    if (QWidget *w = toolbar->widgetForAction(m_undoAction))
        w->setFocusPolicy(Qt::NoFocus);
    connect(m_undoAction, &QAction::triggered, this, &StationWindow::undoClearedLabels);
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
    m_undoAction->setText(tr("Undo"));
    updateUndoAction();
    for (QAction *a : {m_startAllAction, m_stopAllAction, m_refreshAction, m_loginAction})
        a->setToolTip(QStringLiteral("%1 (%2)").arg(a->text(), a->shortcut().toString(QKeySequence::NativeText)));
    m_controller->refreshAll();
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
    if (m_controller->anyRunning() && isVisible()
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
    if (!m_controller->applyScanPatterns())
        stationMessage(
            [] { return tr("The scan patterns in the settings are invalid; the defaults are used."); }, true);
    if (m_services.scanFilter)
        m_services.scanFilter->setTiming(settings.wedgeTiming());
    m_header->setStationName(settings.stationName());

    QStringList operations;
    for (const engine::PluginDescription &p : m_controller->plugins()) {
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
        scanRouter()->setBatch(*batch);
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
    // The widgets show whatever slot state they are given: only another count makes new ones.
    if (m_controller->setSlots(bindings, m_services.settings->slotGroups(), PortLocator::availablePorts())) {
        QList<SlotWidget *> widgets;
        for (int i = 0; i < int(bindings.size()); ++i) {
            auto *widget = new SlotWidget(i);
            connect(widget, &SlotWidget::startRequested, this, [this](int slot) { startSlot(slot); });
            connect(widget, &SlotWidget::retryRequested, this, [this](int slot) { startSlot(slot, true); });
            connect(widget, &SlotWidget::stopRequested, this, &StationWindow::stopSlot);
            connect(widget, &SlotWidget::logRequested, this, &StationWindow::openRunLog);
            connect(widget, &SlotWidget::rejectRequested, m_controller, &SlotController::reject);
            connect(widget, &SlotWidget::provisionAgainRequested, this, [this](int slot) { provisionAgain(slot); });
            connect(widget, &SlotWidget::armRequested, scanRouter(), &ScanRouter::arm);
            connect(widget, &SlotWidget::clearWaitingRequested, m_controller, &SlotController::clearWaiting);
            widgets.append(widget);
        }
        m_widgets = widgets;
        m_grid->setSlotWidgets(widgets);
        // New widgets show nothing yet: every slot's state and counts go to them.
        m_slotDisplayDue = QList<bool>(widgets.size(), false);
        for (int i = 0; i < int(widgets.size()); ++i)
            refreshSlot(i);
    }
    // A station with no server has a more pressing message (showNotConnected).
    if (bindings.isEmpty() && m_server.configured())
        stationMessage(
            [] { return tr("No slots are set up yet: a supervisor binds the slots to ports in Settings."); }, true);
    updateRunPermissions();
}

StationJob StationWindow::currentJob() const
{
    return StationJob {m_header->currentConfig(), m_header->batchText(), m_header->currentOperation()};
}

void StationWindow::refreshSlot(int slot)
{
    if (slot < 0 || slot >= int(m_slotDisplayDue.size()))
        return;
    m_slotDisplayDue[slot] = true;
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
    for (int i = 0; i < int(m_slotDisplayDue.size()); ++i) {
        if (!m_slotDisplayDue.at(i))
            continue;
        m_slotDisplayDue[i] = false;
        m_widgets.at(i)->setSnapshot(m_controller->snapshot(i));
        m_widgets.at(i)->setCounts(counters().slot(i));
    }
    if (m_headerCountsDue) {
        m_headerCountsDue = false;
        if (m_serverShiftCounts)
            m_header->setShiftCounts(m_serverShift, m_serverUnitsPerHour, false);
        else
            m_header->setShiftCounts(
                counters().shift(), counters().unitsPerHour(QDateTime::currentDateTimeUtc()), true);
    }
}

void StationWindow::refreshHeaderCounts()
{
    m_headerCountsDue = true;
    scheduleDisplay();
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
    m_controller->tick(QDateTime::currentDateTimeUtc());
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
    m_startAllAction->setEnabled(canRun && !m_controller->serverDown());
    m_stopAllAction->setEnabled(canRun);
    m_newShiftAction->setEnabled(m_session.isValid());
    m_header->setJobEditable(jobChangeAllowed());
}

void StationWindow::openRunLog(int slot)
{
    if (slot < 0 || slot >= m_controller->slotCount())
        return;
    RunLogDialog dialog(
        tr("Run log \u2014 slot %1").arg(m_controller->label(slot)), m_controller->snapshot(slot).logPath, this);
    dialog.exec();
}

} // namespace prov::gui

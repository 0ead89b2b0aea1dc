// StationWindow: who is logged in, the job (configuration, batch) and the dialogs that need a supervisor.
#include "window/StationWindow.h"

#include "settings/ConnectDialog.h"
#include "settings/SecretStore.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "support/ApiClient.h"
#include "support/PackageList.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"

#include <QMessageBox>
#include <QScopeGuard>

namespace prov::gui {

namespace {

/// The configurations an operator can pick: each alias of the newest revision
/// (the configuration ID where it has none).
QList<ConfigChoice> configChoices(const QList<PackageRow> &rows)
{
    QList<ConfigChoice> choices;
    QStringList seen;
    for (const PackageRow &row : rows) {
        if (!row.latest)
            continue;
        const QStringList names = row.aliases.isEmpty() ? QStringList {row.configId} : row.aliases;
        for (const QString &alias : names) {
            if (alias.isEmpty() || seen.contains(alias))
                continue;
            seen << alias;
            choices.append(ConfigChoice {alias, row.configId, row.appLabel});
        }
    }
    return choices;
}

} // namespace

bool StationWindow::jobChangeAllowed() const
{
    return m_session.canChangeSettings()
        || (m_session.canRun()
            && m_services.settings->store().value(QStringLiteral("job/operatorMayChange"), true).toBool());
}

void StationWindow::setSession(const UserSession &session)
{
    m_session = session;
    m_controller->setSession(session);
    m_services.api->setToken(session.token);
    m_header->setSession(session);
    restartIdleLogout();
    updateRunPermissions();
    Q_EMIT sessionChanged(session);
    if (session.isValid()) {
        refreshConfigurations();
        syncShiftCounts();
    }
}

void StationWindow::requestLogin(const QString &reason)
{
    LoginDialog dialog(m_services.api, this);
    dialog.setReason(reason);
    dialog.setUser(m_session.user);
    dialog.offerConnect(!m_server.configured() && m_services.secrets);
    if (dialog.exec() == QDialog::Accepted) {
        stationMessage(QString(), false);
        setSession(dialog.session());
    } else if (dialog.connectChosen()) {
        connectToServer();
    }
}

void StationWindow::logout()
{
    if (m_session.isValid()) {
        // Best effort: the server forgets the token; the station forgets it anyway.
        QNetworkReply *reply = m_services.api->sendCustom("DELETE", QStringLiteral("/session"));
        m_services.api->whenFinished(reply, this, [](const Result<ApiResponse> &) {});
    }
    setSession(UserSession());
}

bool StationWindow::requireSupervisor(const std::function<QString()> &reason)
{
    if (!m_session.canChangeSettings()) {
        requestLogin(reason());
        if (!m_session.canChangeSettings()) {
            auto refusal = [session = m_session, reason] {
                return session.isValid()
                    ? tr("%1 is logged in as %2. %3").arg(session.user, session.roleName(), reason())
                    : reason();
            };
            m_lastRefusal = refusal();
            stationMessage(refusal, true);
            return false;
        }
    }
    m_lastRefusal.clear();
    return true;
}

bool StationWindow::connectToServer()
{
    if (!m_services.secrets)
        return false;
    // Changing the server of a working station is a settings change; a station
    // with none yet may be paired by whoever has the admin's one-time code.
    if (m_server.configured()
        && !requireSupervisor([] { return tr("Connecting to another server needs a supervisor or admin login."); }))
        return false;
    ConnectDialog dialog(m_services.settings, m_services.secrets, this);
    bool paired = false;
    connect(&dialog, &ConnectDialog::paired, this, [this, &paired](const engine::StationServerConfig &config) {
        paired = true;
        // The session belongs to the old server.
        setSession(UserSession());
        applyServer();
        stationMessage(
            [station = config.station, url = config.url.toString()] {
                return tr("Connected to %1 as station %2: log in to start.").arg(url, station);
            },
            false);
        Q_EMIT serverChanged();
    });
    dialog.exec();
    return paired;
}

bool StationWindow::openSettings()
{
    const UserSession previous = m_session;
    if (!requireSupervisor([] { return tr("Settings need a supervisor or admin login."); }))
        return false;
    // A login taken only for Settings ends with the dialog: the window never
    // stays in the supervisor's name.
    const bool borrowed = m_session.token != previous.token;
    const auto giveBack = qScopeGuard([this, borrowed, previous] {
        if (borrowed)
            returnBorrowedLogin(previous);
    });
    SettingsDialog dialog(m_services.settings, m_services.secrets, m_controller->plugins(), this);
    connect(&dialog, &SettingsDialog::soundTestRequested, this,
        [this] { m_services.sounds->play(SoundPlayer::Sound::Pass); });
    if (dialog.exec() == QDialog::Accepted)
        applySettings();
    return true;
}

void StationWindow::returnBorrowedLogin(const UserSession &previous)
{
    if (!m_session.isValid() || m_session.token == previous.token)
        return;
    QNetworkReply *reply = m_services.api->sendCustom("DELETE", QStringLiteral("/session"));
    m_services.api->whenFinished(reply, this, [](const Result<ApiResponse> &) {});
    setSession(previous);
}

void StationWindow::restartIdleLogout()
{
    const int minutes = m_services.settings->idleLogoutMinutes();
    if (m_session.isValid() && minutes > 0)
        m_idleLogout.start(minutes * 60 * 1000);
    else
        m_idleLogout.stop();
}

void StationWindow::logoutWhenIdle()
{
    if (!m_session.isValid())
        return;
    const int minutes = m_services.settings->idleLogoutMinutes();
    logout();
    requestLogin(tr("Logged out after %n minute(s) without input: log in again.", nullptr, minutes));
}

bool StationWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress: // not a bare move: a nudged mouse keeps no login alive
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_idleLogout.isActive())
            m_idleLogout.start();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void StationWindow::refreshConfigurations()
{
    QNetworkReply *reply = m_services.api->get(QStringLiteral("/packages"));
    m_services.api->whenFinished(reply, this, [this](const Result<ApiResponse> &result) {
        if (!result) {
            // A station with no server: say what to do rather than how the default address failed.
            if (!m_server.configured() && !m_server.pairingError)
                return showNotConnected();
            stationMessage(
                [why = result.error().message] { return tr("Cannot load the configurations: %1").arg(why); }, true);
            m_showingConfigFailure = true;
            return;
        }
        // A later refresh that works (e.g. once the login's reply is in) takes
        // back the warning of an earlier one.
        if (m_showingConfigFailure)
            stationMessage(QString(), false);
        m_header->setConfigurations(configChoices(parsePackageList(result->json)));
        m_header->setCurrentConfig(m_services.settings->configAlias());
        if (m_startAllWhenReady)
            startAllWhenReady(); // one place says what "ready" is
    });
}

} // namespace prov::gui

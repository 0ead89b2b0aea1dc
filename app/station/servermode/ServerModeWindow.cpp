#include "servermode/ServerModeWindow.h"

#include "servermode/AuditPage.h"
#include "servermode/ExportDialog.h"
#include "servermode/HistoryPage.h"
#include "servermode/ImportDialog.h"
#include "servermode/PackagesPage.h"
#include "servermode/ReportDialog.h"
#include "servermode/ServerProcess.h"
#include "servermode/StationsPage.h"
#include "servermode/UsersPage.h"
#include "servermode/YieldPage.h"
#include "support/ApiClient.h"
#include "window/LoginDialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace prov::gui {

ServerModeWindow::ServerModeWindow(ApiClient *api, ServerProcess *process, QWidget *parent)
    : QMainWindow(parent)
    , m_api(api)
    , m_process(process)
    , m_health(new QLabel(this))
    , m_user(new QLabel(this))
    , m_login(new QToolButton(this))
    , m_tabs(new QTabWidget(this))
    , m_packages(new PackagesPage(api, this))
    , m_stations(new StationsPage(api, this))
    , m_history(new HistoryPage(api, this))
    , m_yield(new YieldPage(api, this))
    , m_users(new UsersPage(api, this))
    , m_audit(new AuditPage(api, this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("serverModeWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/provstation/icons/server.png")));
    m_health->setObjectName(QStringLiteral("health"));
    m_login->setObjectName(QStringLiteral("login"));
    m_login->setIcon(QIcon(QStringLiteral(":/provstation/icons/login.png")));
    m_login->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_log->setObjectName(QStringLiteral("serverLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    QFont bigger = m_health->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.2);
    bigger.setBold(true);
    m_health->setFont(bigger);
    m_user->setFont(bigger);

    auto *header = new QHBoxLayout;
    header->addWidget(m_health, 1);
    header->addWidget(m_user);
    header->addWidget(m_login);
    m_tabs->addTab(m_packages, QString());
    m_tabs->addTab(m_stations, QString());
    m_tabs->addTab(m_history, QString());
    m_tabs->addTab(m_yield, QString());
    m_tabs->addTab(m_users, QString());
    m_tabs->addTab(m_audit, QString());
    m_tabs->addTab(m_log, QString());
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    // Ctrl+Tab and Ctrl+Shift+Tab go through the pages wherever the focus is
    // (a table takes them for its cells when it has the focus).
    for (const bool forward : {true, false}) {
        auto *shortcut = new QShortcut(forward ? QKeySequence::NextChild : QKeySequence::PreviousChild, this);
        connect(shortcut, &QShortcut::activated, this, [this, forward] {
            const int count = m_tabs->count();
            for (int step = 1; step < count; ++step) {
                const int page = (m_tabs->currentIndex() + (forward ? step : count - step)) % count;
                if (m_tabs->isTabVisible(page) && m_tabs->isTabEnabled(page)) {
                    m_tabs->setCurrentIndex(page);
                    return;
                }
            }
        });
    }

    connect(m_packages, &PackagesPage::importRequested, this, &ServerModeWindow::openImport);
    connect(m_packages, &PackagesPage::exportRequested, this, &ServerModeWindow::openExport);
    connect(m_packages, &PackagesPage::reportRequested, this, &ServerModeWindow::openReport);
    connect(m_login, &QToolButton::clicked, this, [this] {
        if (m_session.isValid())
            setSession(UserSession());
        else
            requestLogin();
    });
    connect(m_api, &ApiClient::sessionExpired, this, [this] { setSession(UserSession()); });
    if (process) {
        for (const QString &line : process->output())
            m_log->appendPlainText(line);
        connect(process, &ServerProcess::outputLine, m_log, &QPlainTextEdit::appendPlainText);
        connect(
            process, &ServerProcess::setupTokenSeen, this, &ServerModeWindow::offerFirstAdmin, Qt::QueuedConnection);
        // The server's own certificate is self-signed: its printed pin is what this window trusts.
        const auto serverListens = [this, process] {
            // A pin the server printed always parses; if not, every call fails with why.
            if (const Status pinned = m_api->setCertificatePins({process->pin()}); !pinned)
                m_log->appendPlainText(pinned.error().toString());
            m_stations->setServerIdentity(process->stationUrl().toString(), process->pin());
            checkHealth();
        };
        connect(process, &ServerProcess::listening, this, serverListens);
        if (process->isListening())
            serverListens();
        if (!process->setupToken().isEmpty()) {
            // Printed before this window existed.
            const QString token = process->setupToken();
            QTimer::singleShot(0, this, [this, token] { offerFirstAdmin(token); });
        }
        connect(process, &ServerProcess::failed, this, [this](const Error &error) {
            m_log->appendPlainText(error.message);
            m_healthDetail = error.message;
            m_healthy = false;
            retranslate();
        });
    }
    m_healthTimer.setInterval(10000);
    connect(&m_healthTimer, &QTimer::timeout, this, &ServerModeWindow::checkHealth);
    m_healthTimer.start();
    retranslate();
    resize(1300, 800);
    QTimer::singleShot(0, this, &ServerModeWindow::checkHealth);
}

ServerModeWindow::~ServerModeWindow() = default;

void ServerModeWindow::retranslate()
{
    setWindowTitle(tr("ProvStation \u2014 server mode"));
    m_tabs->setTabText(m_tabs->indexOf(m_packages), tr("Packages"));
    m_tabs->setTabText(m_tabs->indexOf(m_stations), tr("Stations"));
    m_tabs->setTabText(m_tabs->indexOf(m_history), tr("History"));
    m_tabs->setTabText(m_tabs->indexOf(m_yield), tr("Yield"));
    m_tabs->setTabText(m_tabs->indexOf(m_users), tr("Users"));
    m_tabs->setTabText(m_tabs->indexOf(m_audit), tr("Audit log"));
    m_tabs->setTabText(m_tabs->indexOf(m_log), tr("Server output"));
    m_tabs->setTabVisible(m_tabs->indexOf(m_log), !m_process.isNull());
    const QString where = m_api->baseUrl().toString();
    m_health->setText(m_healthy ? tr("\u25cf Server mode at %1 \u2014 %2").arg(where, m_healthDetail)
                                : tr("\u2716 Server mode at %1 not answering: %2").arg(where, m_healthDetail));
    m_health->setStyleSheet(m_healthy ? QStringLiteral("color: #00785a;") : QStringLiteral("color: #b34700;"));
    m_user->setText(
        m_session.isValid() ? tr("%1 (%2)").arg(m_session.user, m_session.roleName()) : tr("not logged in"));
    m_login->setText(m_session.isValid() ? tr("Log out") : tr("Log in"));
}

void ServerModeWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

QString ServerModeWindow::healthText() const
{
    return m_health->text();
}

void ServerModeWindow::checkHealth()
{
    QNetworkReply *reply = m_api->get(QStringLiteral("/health"), {}, 5000);
    m_api->whenFinished(reply, this, [this](const Result<ApiResponse> &result) {
        m_healthy = result.ok();
        if (result) {
            const QJsonObject o = result->json.object();
            m_healthDetail
                = tr("%1, version %2, database %3")
                      .arg(o.value(QLatin1String("status")).toString(), o.value(QLatin1String("version")).toString(),
                          o.value(QLatin1String("db")).toVariant().toString());
        } else {
            m_healthDetail = result.error().message;
        }
        retranslate();
        Q_EMIT healthChecked(m_healthy);
    });
}

void ServerModeWindow::setSession(const UserSession &session)
{
    m_session = session;
    m_api->setToken(session.token);
    // A supervisor runs the line from here (packages, stations, history, yield,
    // reports); users, the audit log, key export and imports stay an admin's.
    const bool admin = !session.isValid() || session.role == QLatin1String("admin");
    m_tabs->setTabVisible(m_tabs->indexOf(m_users), admin);
    m_tabs->setTabVisible(m_tabs->indexOf(m_audit), admin);
    m_packages->setAdmin(admin);
    retranslate();
    Q_EMIT sessionChanged(session);
    if (session.isValid())
        refreshAll();
}

void ServerModeWindow::refreshAll()
{
    m_packages->refresh();
    if (m_session.role == QLatin1String("admin")) {
        m_users->refresh();
        m_audit->refresh();
    }
    if (m_stations->isVisible())
        m_stations->refresh();
    if (m_yield->isVisible())
        m_yield->refresh();
}

void ServerModeWindow::requestLogin()
{
    LoginDialog dialog(m_api, this);
    dialog.setReason(tr("Server mode needs an admin or supervisor login."));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const UserSession session = dialog.session();
    if (session.role != QLatin1String("admin") && session.role != QLatin1String("supervisor")) {
        m_healthDetail = tr("%1 is neither an admin nor a supervisor.").arg(session.user);
        m_health->setText(m_healthDetail);
        return;
    }
    setSession(session);
}

void ServerModeWindow::offerFirstAdmin(const QString &setupToken)
{
    if (m_session.isValid() || setupToken.isEmpty())
        return;
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("firstAdminDialog"));
    dialog.setWindowTitle(tr("Create the first admin"));
    auto *intro = new QLabel(tr("This server has no admin yet. Create the first one; more users can be added "
                                "afterwards on the Users page."),
        &dialog);
    intro->setWordWrap(true);
    auto *user = new QLineEdit(&dialog);
    user->setObjectName(QStringLiteral("user"));
    auto *password = new QLineEdit(&dialog);
    password->setObjectName(QStringLiteral("password"));
    auto *again = new QLineEdit(&dialog);
    again->setObjectName(QStringLiteral("again"));
    password->setEchoMode(QLineEdit::Password);
    again->setEchoMode(QLineEdit::Password);
    auto *error = new QLabel(&dialog);
    error->setObjectName(QStringLiteral("error"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(intro);
    form->addRow(tr("User"), user);
    form->addRow(tr("Password"), password);
    form->addRow(tr("Password again"), again);
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        if (user->text().trimmed().isEmpty() || password->text().isEmpty()) {
            error->setText(tr("Enter a user name and a password."));
            return;
        }
        if (password->text() != again->text()) {
            error->setText(tr("The passwords differ."));
            return;
        }
        const QJsonObject body {{QStringLiteral("setupCode"), setupToken},
            {QStringLiteral("user"), user->text().trimmed()}, {QStringLiteral("password"), password->text()}};
        QNetworkReply *reply = m_api->postJson(QStringLiteral("/setup"), QJsonDocument(body));
        m_api->whenFinished(reply, &dialog, [&](const Result<ApiResponse> &result) {
            if (!result) {
                error->setText(result.error().message);
                return;
            }
            // Log in with what was just set.
            const QJsonObject login {
                {QStringLiteral("user"), user->text().trimmed()}, {QStringLiteral("password"), password->text()}};
            QNetworkReply *sessionReply = m_api->postJson(QStringLiteral("/session"), QJsonDocument(login));
            m_api->whenFinished(sessionReply, &dialog, [&](const Result<ApiResponse> &sessionResult) {
                if (!sessionResult) {
                    error->setText(sessionResult.error().message);
                    return;
                }
                const QJsonObject o = sessionResult->json.object();
                UserSession session;
                session.user = user->text().trimmed();
                session.role = o.value(QLatin1String("role")).toString();
                session.token = o.value(QLatin1String("token")).toString();
                session.expiresAt = QDateTime::fromString(o.value(QLatin1String("expiresAt")).toString(), Qt::ISODate);
                dialog.accept();
                setSession(session);
            });
        });
    });
    dialog.exec();
}

ImportDialog *ServerModeWindow::openImport()
{
    auto *dialog = new ImportDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this] {
        m_packages->refresh();
        m_audit->refresh();
    });
    dialog->show();
    return dialog;
}

ExportDialog *ServerModeWindow::openExport()
{
    auto *dialog = new ExportDialog(m_api, m_packages->rows(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::exported, m_audit, &AuditPage::refresh);
    dialog->show();
    return dialog;
}

ReportDialog *ServerModeWindow::openReport()
{
    auto *dialog = new ReportDialog(m_api, m_packages->rows(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportDialog::saved, m_audit, &AuditPage::refresh);
    dialog->show();
    return dialog;
}

} // namespace prov::gui

#include "window/LoginDialog.h"

#include "support/ApiClient.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace prov::gui {

LoginDialog::LoginDialog(ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_reason(new QLabel(this))
    , m_userLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_badgeLabel(new QLabel(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_badge(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_login(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_connect(new QPushButton(this))
{
    setObjectName(QStringLiteral("loginDialog"));
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_error->setObjectName(QStringLiteral("error"));
    m_password->setEchoMode(QLineEdit::Password);
    m_badge->setObjectName(QStringLiteral("badge"));
    m_badge->setEchoMode(QLineEdit::Password);
    m_reason->setWordWrap(true);
    m_reason->hide();
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();
    m_login->setDefault(true);
    m_connect->setObjectName(QStringLiteral("connectToServer"));
    m_connect->setAutoDefault(false);
    m_connect->hide();

    auto *form = new QFormLayout;
    form->addRow(m_badgeLabel, m_badge);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    // Tab goes down the form as it is shown: badge, user, password (the
    // fields were made in another order).
    setTabOrder(m_badge, m_user);
    setTabOrder(m_user, m_password);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_connect);
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_login);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(m_login, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        m_connectChosen = true;
        reject();
    });
    retranslate();
}

void LoginDialog::setUser(const QString &user)
{
    m_user->setText(user);
    // The field the operator types into first: the badge (a scan needs no
    // click), or the password when the name is known.
    (user.isEmpty() ? m_badge : m_password)->setFocus();
}

void LoginDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void LoginDialog::offerConnect(bool offer)
{
    m_connect->setVisible(offer);
}

QString LoginDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void LoginDialog::retranslate()
{
    setWindowTitle(tr("Log in"));
    m_userLabel->setText(tr("User"));
    m_passwordLabel->setText(tr("Password"));
    m_badgeLabel->setText(tr("Badge"));
    m_badge->setPlaceholderText(tr("Scan your badge, or enter user and password"));
    // The hint is what tells an operator a scan logs in: wide enough to read whole.
    m_badge->setMinimumWidth(m_badge->fontMetrics().horizontalAdvance(m_badge->placeholderText()) + 24);
    m_login->setText(tr("Log in"));
    m_cancel->setText(tr("Cancel"));
    m_connect->setText(tr("Connect to server\u2026"));
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LoginDialog::submit()
{
    const QString user = m_user->text().trimmed();
    const bool badge = !m_badge->text().isEmpty();
    if (!badge && (user.isEmpty() || m_password->text().isEmpty())) {
        m_error->setText(tr("Scan your badge, or enter your user name and password."));
        m_error->show();
        return;
    }
    const QJsonObject body = badge
        ? QJsonObject {{QStringLiteral("badge"), m_badge->text()}}
        : QJsonObject {{QStringLiteral("user"), user}, {QStringLiteral("password"), m_password->text()}};
    m_badge->clear();
    m_password->clear();
    m_login->setEnabled(false);
    m_error->hide();
    const QString savedToken = m_api->token();
    m_api->setToken(QString()); // a login never carries an older session's token
    QNetworkReply *reply = m_api->postJson(QStringLiteral("/session"), QJsonDocument(body));
    m_api->setToken(savedToken);
    m_api->whenFinished(reply, this, [this, user, badge](const Result<ApiResponse> &result) {
        m_login->setEnabled(true);
        if (!result) {
            m_error->setText(result.error().message);
            m_error->show();
            (badge ? m_badge : m_password)->setFocus();
            return;
        }
        const QJsonObject obj = result->json.object();
        // A badge names its user only in the answer.
        m_session.user = obj.value(QLatin1String("user")).toString(user);
        m_session.role = obj.value(QLatin1String("role")).toString();
        m_session.token = obj.value(QLatin1String("token")).toString();
        m_session.expiresAt = QDateTime::fromString(obj.value(QLatin1String("expiresAt")).toString(), Qt::ISODate);
        if (!m_session.isValid()) {
            m_error->setText(tr("The server's answer has no session token."));
            m_error->show();
            return;
        }
        Q_EMIT loggedIn(m_session);
        accept();
    });
}

} // namespace prov::gui

#include "servermode/UsersPage.h"

#include "support/ApiClient.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prov::gui {

namespace {

QTableWidget *makeTable(QWidget *parent, const QString &name)
{
    auto *table = new QTableWidget(parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QString when(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : v.toString();
}

} // namespace

UsersPage::UsersPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_users(makeTable(this, QStringLiteral("users")))
    , m_tokens(makeTable(this, QStringLiteral("tokens")))
    , m_status(new QLabel(this))
    , m_usersLabel(new QLabel(this))
    , m_tokensLabel(new QLabel(this))
    , m_addUser(new QPushButton(this))
    , m_removeUser(new QPushButton(this))
    , m_setPassword(new QPushButton(this))
    , m_setBadge(new QPushButton(this))
    , m_issueToken(new QPushButton(this))
    , m_revokeToken(new QPushButton(this))
{
    setObjectName(QStringLiteral("usersPage"));
    m_users->setColumnCount(4);
    m_tokens->setColumnCount(7);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *userButtons = new QHBoxLayout;
    userButtons->addWidget(m_addUser);
    userButtons->addWidget(m_removeUser);
    userButtons->addWidget(m_setPassword);
    userButtons->addWidget(m_setBadge);
    userButtons->addStretch();
    auto *tokenButtons = new QHBoxLayout;
    tokenButtons->addWidget(m_issueToken);
    tokenButtons->addWidget(m_revokeToken);
    tokenButtons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_usersLabel);
    layout->addWidget(m_users, 1);
    layout->addLayout(userButtons);
    layout->addWidget(m_tokensLabel);
    layout->addWidget(m_tokens, 1);
    layout->addLayout(tokenButtons);
    layout->addWidget(m_status);
    connect(m_addUser, &QPushButton::clicked, this, &UsersPage::askAddUser);
    connect(m_removeUser, &QPushButton::clicked, this, &UsersPage::askRemoveUser);
    connect(m_setPassword, &QPushButton::clicked, this, &UsersPage::askSetPassword);
    connect(m_setBadge, &QPushButton::clicked, this, &UsersPage::askSetBadge);
    connect(m_issueToken, &QPushButton::clicked, this, &UsersPage::askIssueToken);
    connect(m_revokeToken, &QPushButton::clicked, this, &UsersPage::askRevokeToken);
    retranslate();
}

void UsersPage::retranslate()
{
    m_usersLabel->setText(tr("<b>Users</b>"));
    m_tokensLabel->setText(tr("<b>Tokens</b> (station tokens let a station fetch configurations and upload results)"));
    m_addUser->setText(tr("Add user\u2026"));
    m_removeUser->setText(tr("Remove user"));
    m_setPassword->setText(tr("Set password\u2026"));
    m_setBadge->setText(tr("Set badge\u2026"));
    m_issueToken->setText(tr("Issue station token\u2026"));
    m_revokeToken->setText(tr("Revoke token"));
    m_users->setHorizontalHeaderLabels({tr("User"), tr("Role"), tr("Created"), tr("Badge")});
    m_tokens->setHorizontalHeaderLabels(
        {tr("Token"), tr("Kind"), tr("Owner"), tr("Role"), tr("Created"), tr("Expires"), tr("Revoked")});
}

void UsersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString UsersPage::statusText() const
{
    return m_status->text();
}

void UsersPage::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b34700; font-weight: bold;") : QString());
    if (error)
        Q_EMIT failed(text);
}

void UsersPage::refresh()
{
    QNetworkReply *users = m_api->get(QStringLiteral("/users"));
    m_api->whenFinished(users, this, [this](const Result<ApiResponse> &result) {
        if (!result) {
            showStatus(tr("Cannot list the users: %1").arg(result.error().message), true);
            return;
        }
        const QJsonArray list = result->json.object().value(QLatin1String("users")).toArray();
        m_users->setRowCount(int(list.size()));
        for (int i = 0; i < int(list.size()); ++i) {
            const QJsonObject u = list.at(i).toObject();
            m_users->setItem(i, 0, new QTableWidgetItem(u.value(QLatin1String("name")).toString()));
            m_users->setItem(i, 1, new QTableWidgetItem(u.value(QLatin1String("role")).toString()));
            m_users->setItem(i, 2, new QTableWidgetItem(when(u.value(QLatin1String("createdAt")))));
            m_users->setItem(
                i, 3, new QTableWidgetItem(u.value(QLatin1String("badge")).toBool() ? tr("yes") : QString()));
        }
        QNetworkReply *tokens = m_api->get(QStringLiteral("/tokens"));
        m_api->whenFinished(tokens, this, [this](const Result<ApiResponse> &tokenResult) {
            if (!tokenResult) {
                showStatus(tr("Cannot list the tokens: %1").arg(tokenResult.error().message), true);
                return;
            }
            const QJsonArray tokenList = tokenResult->json.object().value(QLatin1String("tokens")).toArray();
            m_tokens->setRowCount(int(tokenList.size()));
            for (int i = 0; i < int(tokenList.size()); ++i) {
                const QJsonObject t = tokenList.at(i).toObject();
                const QStringList cells
                    = {t.value(QLatin1String("tokenId")).toString(), t.value(QLatin1String("kind")).toString(),
                        t.value(QLatin1String("owner")).toString(), t.value(QLatin1String("role")).toString(),
                        when(t.value(QLatin1String("createdAt"))), when(t.value(QLatin1String("expiresAt"))),
                        t.value(QLatin1String("revoked")).toBool() ? tr("yes") : QString()};
                for (int c = 0; c < int(cells.size()); ++c)
                    m_tokens->setItem(i, c, new QTableWidgetItem(cells.at(c)));
            }
            Q_EMIT refreshed();
        });
    });
}

void UsersPage::addUser(const QString &name, const QString &role, const QString &password, const QString &badge)
{
    QJsonObject body {
        {QStringLiteral("name"), name}, {QStringLiteral("role"), role}, {QStringLiteral("password"), password}};
    if (!badge.isEmpty())
        body.insert(QStringLiteral("badge"), badge);
    QNetworkReply *reply = m_api->postJson(QStringLiteral("/users"), QJsonDocument(body));
    m_api->whenFinished(reply, this, [this, name](const Result<ApiResponse> &result) {
        if (!result) {
            showStatus(result.error().message, true);
            return;
        }
        showStatus(tr("User %1 added.").arg(name), false);
        refresh();
    });
}

void UsersPage::issueToken(const QString &station)
{
    const QJsonObject body {{QStringLiteral("station"), station}};
    QNetworkReply *reply = m_api->postJson(QStringLiteral("/tokens"), QJsonDocument(body));
    m_api->whenFinished(reply, this, [this, station](const Result<ApiResponse> &result) {
        if (!result) {
            showStatus(result.error().message, true);
            return;
        }
        const QString token = result->json.object().value(QLatin1String("token")).toString();
        showStatus(tr("Token issued for station %1.").arg(station), false);
        Q_EMIT tokenIssued(station, token);
        refresh();
    });
}

void UsersPage::askAddUser()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add user"));
    auto *name = new QLineEdit(&dialog);
    auto *role = new QComboBox(&dialog);
    role->addItem(tr("operator"), QStringLiteral("operator"));
    role->addItem(tr("supervisor"), QStringLiteral("supervisor"));
    role->addItem(tr("admin"), QStringLiteral("admin"));
    auto *password = new QLineEdit(&dialog);
    auto *again = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    again->setEchoMode(QLineEdit::Password);
    auto *badge = new QLineEdit(&dialog);
    badge->setObjectName(QStringLiteral("badge"));
    badge->setEchoMode(QLineEdit::Password);
    badge->setPlaceholderText(tr("optional: scan the badge"));
    // Admins log in with their password only.
    connect(role, &QComboBox::currentIndexChanged, badge,
        [role, badge] { badge->setEnabled(role->currentData().toString() != u"admin"); });
    auto *error = new QLabel(&dialog);
    error->setStyleSheet(QStringLiteral("color: #b34700;"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("User"), name);
    form->addRow(tr("Role"), role);
    form->addRow(tr("Password"), password);
    form->addRow(tr("Password again"), again);
    form->addRow(tr("Badge"), badge);
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        if (name->text().trimmed().isEmpty())
            error->setText(tr("Enter a user name."));
        else if (password->text() != again->text())
            error->setText(tr("The passwords differ."));
        else
            dialog.accept();
    });
    if (dialog.exec() == QDialog::Accepted)
        addUser(name->text().trimmed(), role->currentData().toString(), password->text(),
            badge->isEnabled() ? badge->text() : QString());
}

void UsersPage::askRemoveUser()
{
    const int row = m_users->currentRow();
    if (row < 0)
        return;
    const QString name = m_users->item(row, 0)->text();
    if (QMessageBox::question(this, tr("Remove user"), tr("Remove the user %1?").arg(name)) != QMessageBox::Yes)
        return;
    QNetworkReply *reply
        = m_api->sendCustom("DELETE", QStringLiteral("/users/") + QString::fromUtf8(QUrl::toPercentEncoding(name)));
    m_api->whenFinished(reply, this, [this, name](const Result<ApiResponse> &result) {
        if (!result) {
            showStatus(result.error().message, true);
            return;
        }
        showStatus(tr("User %1 removed.").arg(name), false);
        refresh();
    });
}

void UsersPage::askSetPassword()
{
    const int row = m_users->currentRow();
    if (row < 0)
        return;
    const QString name = m_users->item(row, 0)->text();
    bool ok = false;
    const QString password = QInputDialog::getText(
        this, tr("Set password"), tr("New password for %1").arg(name), QLineEdit::Password, QString(), &ok);
    if (!ok || password.isEmpty())
        return;
    QNetworkReply *reply = m_api->sendCustom("PUT",
        QStringLiteral("/users/%1/password").arg(QString::fromUtf8(QUrl::toPercentEncoding(name))),
        QJsonDocument(QJsonObject {{QStringLiteral("password"), password}}));
    m_api->whenFinished(reply, this, [this, name](const Result<ApiResponse> &result) {
        if (!result)
            showStatus(result.error().message, true);
        else
            showStatus(tr("Password of %1 changed.").arg(name), false);
    });
}

void UsersPage::setBadge(const QString &name, const QString &badge)
{
    const QString path = QStringLiteral("/users/%1/badge").arg(QString::fromUtf8(QUrl::toPercentEncoding(name)));
    QNetworkReply *reply = badge.isEmpty()
        ? m_api->sendCustom("DELETE", path)
        : m_api->sendCustom("PUT", path, QJsonDocument(QJsonObject {{QStringLiteral("badge"), badge}}));
    m_api->whenFinished(reply, this, [this, name, removed = badge.isEmpty()](const Result<ApiResponse> &result) {
        if (!result) {
            showStatus(result.error().message, true);
            return;
        }
        showStatus(removed ? tr("Badge of %1 removed.").arg(name) : tr("Badge of %1 set.").arg(name), false);
        refresh();
    });
}

void UsersPage::askSetBadge()
{
    const int row = m_users->currentRow();
    if (row < 0)
        return;
    const QString name = m_users->item(row, 0)->text();
    bool ok = false;
    const QString badge = QInputDialog::getText(this, tr("Set badge"),
        tr("Scan the new badge of %1 (leave empty to remove the badge)").arg(name), QLineEdit::Password, QString(),
        &ok);
    if (ok)
        setBadge(name, badge);
}

void UsersPage::askIssueToken()
{
    bool ok = false;
    const QString station
        = QInputDialog::getText(this, tr("Issue station token"), tr("Station name"), QLineEdit::Normal, QString(), &ok)
              .trimmed();
    if (!ok || station.isEmpty())
        return;
    // Shown once, in a box the admin can copy from; the server keeps only its hash.
    auto *context = new QObject(this);
    connect(this, &UsersPage::tokenIssued, context, [this, context](const QString &name, const QString &token) {
        context->deleteLater();
        QInputDialog::getText(this, tr("Station token"),
            tr("The token for %1 (shown only now: put it in the station's settings)").arg(name), QLineEdit::Normal,
            token);
    });
    connect(this, &UsersPage::failed, context, [context] { context->deleteLater(); });
    issueToken(station);
}

void UsersPage::askRevokeToken()
{
    const int row = m_tokens->currentRow();
    if (row < 0)
        return;
    const QString id = m_tokens->item(row, 0)->text();
    QNetworkReply *reply = m_api->sendCustom("DELETE", QStringLiteral("/tokens/") + id);
    m_api->whenFinished(reply, this, [this, id](const Result<ApiResponse> &result) {
        if (!result) {
            showStatus(result.error().message, true);
            return;
        }
        showStatus(tr("Token %1 revoked.").arg(id), false);
        refresh();
    });
}

} // namespace prov::gui

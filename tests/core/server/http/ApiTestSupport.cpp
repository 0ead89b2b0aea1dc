#include "ApiTestSupport.h"

#include "TestSupport.h"

#include "crypto/SecretBytes.h"
#include "server/store/TokenStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace prov::test {

ApiServerFixture::ApiServerFixture(const QString &engine)
    : m_store(engine)
{ }

ApiServerFixture::~ApiServerFixture()
{
    m_process.stop();
}

bool ApiServerFixture::start(const QStringList &extraArguments, bool withUsers)
{
    if (!m_store.error().isEmpty()) {
        m_error = m_store.error();
        return false;
    }
    if (withUsers) {
        // Users through the store itself (fast hashes, so logins stay quick in tests).
        auto store = m_store.open();
        if (!store) {
            m_error = store.error().toString();
            return false;
        }
        server::AccountStore &accounts = store.value()->accounts();
        server::TokenStore &tokens = store.value()->tokens();
        const auto add = [&](const QString &name, server::Role role, const char *password) {
            auto status = accounts.addUser(name, role, crypto::SecretBytes::copyOf(password), QStringLiteral("test"));
            if (!status)
                m_error = status.error().toString();
            return status.ok();
        };
        if (!add(QStringLiteral("admin"), server::Role::Admin, kAdminPassword)
            || !add(QStringLiteral("op"), server::Role::Operator, kOperatorPassword)
            || !add(QStringLiteral("sup"), server::Role::Supervisor, kSupervisorPassword))
            return false;
        if (auto badge = accounts.setBadge(
                QStringLiteral("sup"), crypto::SecretBytes::copyOf(kSupervisorBadge), QStringLiteral("test"));
            !badge) {
            m_error = badge.error().toString();
            return false;
        }
        auto admin = tokens.authenticate(
            QStringLiteral("admin"), crypto::SecretBytes::copyOf(kAdminPassword), QStringLiteral("test"));
        auto op = tokens.authenticate(
            QStringLiteral("op"), crypto::SecretBytes::copyOf(kOperatorPassword), QStringLiteral("test"));
        auto sup = tokens.authenticate(
            QStringLiteral("sup"), crypto::SecretBytes::copyOf(kSupervisorPassword), QStringLiteral("test"));
        auto station = tokens.issueStationToken(QStringLiteral("line1-st3"), QStringLiteral("test"));
        if (!admin || !op || !sup || !station) {
            m_error = QStringLiteral("cannot make test tokens");
            return false;
        }
        adminToken = admin->token.toLatin1();
        operatorToken = op->token.toLatin1();
        supervisorToken = sup->token.toLatin1();
        stationToken = station->token.toLatin1();
    }
    QStringList arguments {
        QStringLiteral("--data-dir"), m_store.dataDir(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    if (!m_store.databaseUrl().isEmpty())
        arguments << QStringLiteral("--db") << m_store.databaseUrl();
    arguments += extraArguments;
    if (insecureHttp && !extraArguments.contains(QStringLiteral("--tls-cert")))
        arguments << QStringLiteral("--insecure-http");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PROVSTATION_MASTER_KEY_FILE"), m_store.masterKeyFile());
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    if (!m_process.start(binPath(QStringLiteral("provstation-server")), arguments, env)) {
        m_error = QStringLiteral("provstation-server did not start: ") + m_process.errorText();
        return false;
    }
    return true;
}

ProcessResult ApiServerFixture::command(const QStringList &arguments, const QByteArray &input) const
{
    QStringList all {
        QStringLiteral("--data-dir"), m_store.dataDir(), QStringLiteral("--master-key-file"), m_store.masterKeyFile()};
    if (!m_store.databaseUrl().isEmpty())
        all << QStringLiteral("--db") << m_store.databaseUrl();
    return runProcess(binPath(QStringLiteral("provstation-server")), all + arguments, input);
}

ApiReply ApiServerFixture::call(const QByteArray &method, const QString &path, const QByteArray &token,
    const QByteArray &body, const QByteArray &contentType) const
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(url(path)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    ApiReply result;
    result.elapsedMs = timer.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.insert(pair.first.toLower(), pair.second);
    reply->deleteLater();
    return result;
}

ApiReply ApiServerFixture::login(const QString &user, const QString &password) const
{
    return call("POST", QStringLiteral("/api/v1/session"), {},
        QJsonDocument(QJsonObject {{QStringLiteral("user"), user}, {QStringLiteral("password"), password}})
            .toJson(QJsonDocument::Compact));
}

} // namespace prov::test

namespace prov::test {

ApiReply ApiServerFixture::uploadPackage(const QString &path, const QByteArray &token, const QByteArray &packageBytes,
    const QList<QPair<QByteArray, QByteArray>> &fields) const
{
    const QByteArray boundary = "----provstation-test-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    QByteArray body;
    for (const auto &field : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.first + "\"\r\n\r\n"
            + field.second + "\r\n";
    body += "--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"package.tar.gz\"\r\n"
          "Content-Type: application/gzip\r\n\r\n"
        + packageBytes + "\r\n--" + boundary + "--\r\n";
    return call("POST", path, token, body, "multipart/form-data; boundary=" + boundary);
}

} // namespace prov::test

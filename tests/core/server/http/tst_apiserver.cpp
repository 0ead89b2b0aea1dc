// provstation-server's API as a process: who may call what, sessions and the
// login throttle, administration, shutdown; on SQLite and on PostgreSQL.
#include "ApiTestSupport.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QtTest>

#include <map>

using namespace prov::test;

class tst_ApiServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void init();
    void cleanupTestCase();

    void health();
    void everyProtectedRouteNeedsAToken_data();
    void everyProtectedRouteNeedsAToken();
    void rolesPerRoute_data();
    void rolesPerRoute();
    void loginAndLogout();
    void expiredAndRevokedTokens();
    void users();
    void auditLog();
    void throttleSparesTheOwner();
    void throttleLongBlockIs429();
    void setupCodeMakesTheFirstAdmin();
    void tlsByDefaultWithItsOwnCertificate();
    void tlsPinCommand();
    void sigtermStopsCleanly();

private:
    ApiServerFixture &server();
    std::map<QString, std::unique_ptr<ApiServerFixture>> m_servers;
};

void tst_ApiServer::initTestCase_data()
{
    PROV_BOTH_ENGINES();
}

void tst_ApiServer::init()
{
    QFETCH_GLOBAL(QString, engine);
    auto &fixture = m_servers[engine];
    if (!fixture) {
        fixture = std::make_unique<ApiServerFixture>(engine);
        if (fixture->isSkipped())
            QSKIP(qPrintable(fixture->skipReason()));
        QVERIFY2(fixture->start(), qPrintable(fixture->error()));
    }
    if (fixture->isSkipped())
        QSKIP(qPrintable(fixture->skipReason()));
}

void tst_ApiServer::cleanupTestCase()
{
    for (auto &[engine, fixture] : m_servers) {
        if (fixture && !fixture->isSkipped()) {
            const QByteArray log = fixture->process().allStderr();
            // The access log never holds a token or a password.
            QVERIFY(!fixture->adminToken.isEmpty() && !log.contains(fixture->adminToken));
            QVERIFY(!log.contains(fixture->stationToken));
            QVERIFY(!log.contains(ApiServerFixture::kAdminPassword));
        }
    }
    m_servers.clear();
}

ApiServerFixture &tst_ApiServer::server()
{
    QFETCH_GLOBAL(QString, engine);
    return *m_servers[engine];
}

void tst_ApiServer::health()
{
    QFETCH_GLOBAL(QString, engine);
    const ApiReply reply = server().call("GET", QStringLiteral("/api/v1/health"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QCOMPARE(reply.json().value(QStringLiteral("version")).toString(), QStringLiteral(PROVSTATION_VERSION));
    QCOMPARE(reply.json().value(QStringLiteral("db")).toString(),
        engine == u"sqlite" ? QStringLiteral("sqlite") : QStringLiteral("postgresql"));
}

void tst_ApiServer::everyProtectedRouteNeedsAToken_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    const QList<QPair<QByteArray, QString>> routes {
        {"DELETE", QStringLiteral("/api/v1/session")},
        {"GET", QStringLiteral("/api/v1/users")},
        {"POST", QStringLiteral("/api/v1/users")},
        {"DELETE", QStringLiteral("/api/v1/users/op")},
        {"PUT", QStringLiteral("/api/v1/users/op/password")},
        {"GET", QStringLiteral("/api/v1/tokens")},
        {"POST", QStringLiteral("/api/v1/tokens")},
        {"DELETE", QStringLiteral("/api/v1/tokens/abc")},
        {"GET", QStringLiteral("/api/v1/audit")},
        {"GET", QStringLiteral("/api/v1/audit/verify")},
    };
    for (const auto &route : routes)
        QTest::newRow(qPrintable(QString::fromLatin1(route.first) + u' ' + route.second))
            << route.first << route.second;
}

void tst_ApiServer::everyProtectedRouteNeedsAToken()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const ApiReply none
        = server().call(method, path, {}, method == "GET" || method == "DELETE" ? QByteArray() : QByteArray("{}"));
    QCOMPARE(none.status, 401);
    QCOMPARE(none.error(), QStringLiteral("unauthorized"));
    QVERIFY(!none.json().value(QStringLiteral("detail")).toString().isEmpty());
    QCOMPARE(none.headers.value("www-authenticate"), QByteArray("Bearer"));
    const ApiReply forged = server().call(method, path, "pst_forgedforgedforgedforgedforgedforgedforged0");
    QCOMPARE(forged.status, 401);
    QCOMPARE(forged.error(), QStringLiteral("invalid_token"));
}

void tst_ApiServer::rolesPerRoute_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("who");
    QTest::addColumn<int>("status");
    QTest::newRow("operator lists users")
        << QByteArray("GET") << QStringLiteral("/api/v1/users") << QStringLiteral("operator") << 403;
    QTest::newRow("station lists users") << QByteArray("GET") << QStringLiteral("/api/v1/users")
                                         << QStringLiteral("station") << 403;
    QTest::newRow("station reads audit") << QByteArray("GET") << QStringLiteral("/api/v1/audit")
                                         << QStringLiteral("station") << 403;
    QTest::newRow("operator issues token")
        << QByteArray("POST") << QStringLiteral("/api/v1/tokens") << QStringLiteral("operator") << 403;
    QTest::newRow("admin lists users") << QByteArray("GET") << QStringLiteral("/api/v1/users")
                                       << QStringLiteral("admin") << 200;
    QTest::newRow("admin reads audit") << QByteArray("GET") << QStringLiteral("/api/v1/audit")
                                       << QStringLiteral("admin") << 200;
}

void tst_ApiServer::rolesPerRoute()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, who);
    QFETCH(int, status);
    const QByteArray token = who == u"admin" ? server().adminToken
        : who == u"operator"                 ? server().operatorToken
                                             : server().stationToken;
    const ApiReply reply
        = server().call(method, path, token, method == "POST" ? QByteArray("{\"station\":\"x\"}") : QByteArray());
    QCOMPARE(reply.status, status);
    if (status == 403)
        QCOMPARE(reply.error(), QStringLiteral("forbidden"));
}

void tst_ApiServer::loginAndLogout()
{
    ApiReply reply = server().login(QStringLiteral("op"), QString::fromLatin1(ApiServerFixture::kOperatorPassword));
    QCOMPARE(reply.status, 200);
    const QByteArray token = reply.json().value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(reply.json().value(QStringLiteral("role")).toString(), QStringLiteral("operator"));
    const QDateTime expires
        = QDateTime::fromString(reply.json().value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    QVERIFY(expires > QDateTime::currentDateTimeUtc().addSecs(3600));
    QCOMPARE(reply.headers.value("cache-control"), QByteArray("no-store"));
    QVERIFY(!token.isEmpty());
    QCOMPARE(server().call("GET", QStringLiteral("/api/v1/users"), token).status, 403); // valid token, wrong role
    QCOMPARE(server().call("DELETE", QStringLiteral("/api/v1/session"), token).status, 204);
    QCOMPARE(server().call("GET", QStringLiteral("/api/v1/users"), token).status, 401); // gone

    reply = server().login(QStringLiteral("op"), QStringLiteral("not the password"));
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.error(), QStringLiteral("invalid_credentials"));
    reply = server().call("POST", QStringLiteral("/api/v1/session"), {}, "{\"user\":\"op\"}");
    QCOMPARE(reply.status, 400);
    reply = server().call("POST", QStringLiteral("/api/v1/session"), {}, "not json");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.error(), QStringLiteral("invalid_json"));
}

void tst_ApiServer::expiredAndRevokedTokens()
{
    // A station token that lives ~1.7 s.
    ApiReply issued = server().call("POST", QStringLiteral("/api/v1/tokens"), server().adminToken,
        "{\"station\":\"short-lived\",\"lifetimeDays\":0.00002}");
    QCOMPARE(issued.status, 201);
    const QByteArray shortLived = issued.json().value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(server().call("DELETE", QStringLiteral("/api/v1/session"), shortLived).status, 204); // revokes it...
    issued = server().call("POST", QStringLiteral("/api/v1/tokens"), server().adminToken,
        "{\"station\":\"short-lived\",\"lifetimeDays\":0.00002}");
    const QByteArray expiring = issued.json().value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(server().call("GET", QStringLiteral("/api/v1/users"), expiring).status, 403); // valid, but a station
    QTest::qWait(2500);
    const ApiReply expired = server().call("GET", QStringLiteral("/api/v1/users"), expiring);
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.error(), QStringLiteral("invalid_token"));
    QCOMPARE(server().call("GET", QStringLiteral("/api/v1/users"), shortLived).status, 401);

    // Revoked by ID through the admin API.
    issued = server().call("POST", QStringLiteral("/api/v1/tokens"), server().adminToken, "{\"station\":\"line9\"}");
    const QByteArray token = issued.json().value(QStringLiteral("token")).toString().toLatin1();
    const QString id = issued.json().value(QStringLiteral("tokenId")).toString();
    const ApiReply list = server().call("GET", QStringLiteral("/api/v1/tokens"), server().adminToken);
    bool listed = false;
    for (const QJsonValue v : list.json().value(QStringLiteral("tokens")).toArray())
        listed = listed || v.toObject().value(QStringLiteral("tokenId")).toString() == id;
    QVERIFY(listed);
    QVERIFY(!list.body.contains(token)); // only IDs, never tokens
    QCOMPARE(server().call("DELETE", QStringLiteral("/api/v1/tokens/") + id, server().adminToken).status, 204);
    QCOMPARE(server().call("DELETE", QStringLiteral("/api/v1/session"), token).status, 401);
}

void tst_ApiServer::users()
{
    const QByteArray admin = server().adminToken;
    ApiReply reply = server().call("POST", QStringLiteral("/api/v1/users"), admin,
        "{\"name\":\"alice\",\"role\":\"operator\",\"password\":\"a long password\"}");
    QCOMPARE(reply.status, 201);
    reply = server().call("POST", QStringLiteral("/api/v1/users"), admin,
        "{\"name\":\"alice\",\"role\":\"operator\",\"password\":\"a long password\"}");
    QCOMPARE(reply.status, 409);
    reply = server().call("POST", QStringLiteral("/api/v1/users"), admin,
        "{\"name\":\"bob\",\"role\":\"king\",\"password\":\"a long password\"}");
    QCOMPARE(reply.status, 400);
    reply = server().call(
        "POST", QStringLiteral("/api/v1/users"), admin, "{\"name\":\"bob\",\"role\":\"admin\",\"password\":\"tiny9\"}");
    QCOMPARE(reply.status, 400);
    QVERIFY(!reply.body.contains("tiny9")); // the answer never repeats a password
    reply = server().call("GET", QStringLiteral("/api/v1/users"), admin);
    QCOMPARE(reply.status, 200);
    QStringList names;
    for (const QJsonValue v : reply.json().value(QStringLiteral("users")).toArray())
        names << v.toObject().value(QStringLiteral("name")).toString();
    QVERIFY(names.contains(QStringLiteral("alice")));
    QVERIFY(!reply.body.contains("password"));
    QCOMPARE(
        server()
            .call("PUT", QStringLiteral("/api/v1/users/alice/password"), admin, "{\"password\":\"another long one\"}")
            .status,
        204);
    QCOMPARE(server().login(QStringLiteral("alice"), QStringLiteral("another long one")).status, 200);
    QCOMPARE(server().call("DELETE", QStringLiteral("/api/v1/users/alice"), admin).status, 204);
    QCOMPARE(server().call("DELETE", QStringLiteral("/api/v1/users/admin"), admin).status, 409); // the last admin
}

void tst_ApiServer::auditLog()
{
    QCOMPARE(server().login(QStringLiteral("admin"), QStringLiteral("wrong wrong wrong")).status, 401);
    ApiReply reply = server().call("GET", QStringLiteral("/api/v1/audit?limit=50"), server().adminToken);
    QCOMPARE(reply.status, 200);
    QStringList actions;
    for (const QJsonValue v : reply.json().value(QStringLiteral("entries")).toArray())
        actions << v.toObject().value(QStringLiteral("action")).toString();
    QVERIFY2(actions.contains(QStringLiteral("login.failed")), qPrintable(actions.join(u',')));
    QVERIFY(!reply.body.contains("wrong wrong wrong"));
    reply = server().call("GET", QStringLiteral("/api/v1/audit/verify"), server().adminToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("intact")).toBool(), true);
    QVERIFY(reply.json().value(QStringLiteral("rows")).toInt() > 0);
    QCOMPARE(server().call("GET", QStringLiteral("/api/v1/audit?limit=0"), server().adminToken).status, 400);
}

namespace {
/// A login over a socket bound to `source` (any 127.x address reaches the server).
int loginFrom(quint16 port, const QString &source, const QByteArray &user, const QByteArray &password, qint64 *ms)
{
    QTcpSocket socket;
    if (!socket.bind(QHostAddress(source)))
        return -1;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return -1;
    const QByteArray body = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
    QElapsedTimer timer;
    timer.start();
    socket.write("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const RawResponse response = readResponse(socket, 60000);
    *ms = timer.elapsed();
    return response.status;
}
} // namespace

void tst_ApiServer::throttleSparesTheOwner()
{
    // A server of its own: the throttle state must not leak into the other tests.
    QFETCH_GLOBAL(QString, engine);
    ApiServerFixture fixture(engine);
    QVERIFY2(fixture.start(), qPrintable(fixture.error()));
    const quint16 port = fixture.process().port();
    qint64 ms = 0;
    // Five free failures for "op" from 127.0.0.2, the sixth sets a 1 s block
    // for this address on this account.
    for (int i = 0; i < 6; ++i)
        QCOMPARE(loginFrom(port, QStringLiteral("127.0.0.2"), "op", "bad password", &ms), 401);
    // The owner at an address that has not failed is served at once...
    QCOMPARE(loginFrom(port, QStringLiteral("127.0.0.3"), "op", ApiServerFixture::kOperatorPassword, &ms), 200);
    QVERIFY2(ms < 700, qPrintable(QString::number(ms)));
    // ...while the guessing address is held back ~1 s, even with the right password.
    QCOMPARE(loginFrom(port, QStringLiteral("127.0.0.2"), "op", ApiServerFixture::kOperatorPassword, &ms), 200);
    QVERIFY2(ms >= 700, qPrintable(QString::number(ms)));
    // Per address: after 20 failures over any accounts, every account is held back there...
    for (int i = 0; i < 15; ++i)
        QCOMPARE(
            loginFrom(port, QStringLiteral("127.0.0.2"), "nobody" + QByteArray::number(i), "bad password", &ms), 401);
    QCOMPARE(loginFrom(port, QStringLiteral("127.0.0.2"), "admin", ApiServerFixture::kAdminPassword, &ms), 200);
    QVERIFY2(ms >= 700, qPrintable(QString::number(ms)));
    // ...while a fresh address is served at once.
    QCOMPARE(loginFrom(port, QStringLiteral("127.0.0.4"), "admin", ApiServerFixture::kAdminPassword, &ms), 200);
    QVERIFY2(ms < 700, qPrintable(QString::number(ms)));
    // Held logins do not block the event loop: health answers during a hold.
    QTcpSocket held;
    QVERIFY(held.bind(QHostAddress(QStringLiteral("127.0.0.2"))));
    held.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(held.waitForConnected(5000));
    QCOMPARE(loginFrom(port, QStringLiteral("127.0.0.2"), "nobody", "bad password", &ms), 401);
    const QByteArray body = "{\"user\":\"admin\",\"password\":\"x\"}";
    held.write("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    held.waitForBytesWritten(1000);
    QTest::qWait(100);
    const ApiReply health = fixture.call("GET", QStringLiteral("/api/v1/health"));
    QCOMPARE(health.status, 200);
    QVERIFY2(health.elapsedMs < 500, qPrintable(QString::number(health.elapsedMs)));
    QCOMPARE(readResponse(held, 60000).status, 401);
}

void tst_ApiServer::throttleLongBlockIs429()
{
    QFETCH_GLOBAL(QString, engine);
    ApiServerFixture fixture(engine);
    QVERIFY2(fixture.start(), qPrintable(fixture.error()));
    auto store = fixture.scratch().open();
    QVERIFY(store.ok());
    for (int i = 0; i < 6; ++i)
        QCOMPARE(fixture.login(QStringLiteral("op"), QStringLiteral("bad password")).status, 401);
    // As if many more failures had come in: blocked for ten minutes.
    QVERIFY(execSql(*store.value(),
        QStringLiteral("UPDATE login_throttle SET blocked_until = %1")
            .arg(QDateTime::currentMSecsSinceEpoch() + 600000)));
    const ApiReply reply
        = fixture.login(QStringLiteral("op"), QString::fromLatin1(ApiServerFixture::kOperatorPassword));
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.error(), QStringLiteral("too_many_failures"));
    const int retryAfter = reply.headers.value("retry-after").toInt();
    QVERIFY2(retryAfter > 590 && retryAfter <= 600, reply.headers.value("retry-after").constData());
    QVERIFY(reply.elapsedMs < 2000);
}

void tst_ApiServer::setupCodeMakesTheFirstAdmin()
{
    QFETCH_GLOBAL(QString, engine);
    ApiServerFixture fixture(engine);
    QVERIFY2(fixture.start({}, false), qPrintable(fixture.error()));
    static const QRegularExpression kCode(QStringLiteral("no admin yet: setup code (\\S+)"));
    const QString out = QString::fromUtf8(fixture.process().allStdout());
    const QRegularExpressionMatch match = kCode.match(out);
    QVERIFY2(match.hasMatch(), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("master key: key file")));
    const QByteArray code = match.captured(1).toLatin1();
    // A restart shows the same code, and so does `setup-code`, alone on its last line.
    QCOMPARE(fixture.process().stop(), 0);
    QVERIFY2(fixture.start({}, false), qPrintable(fixture.error()));
    QCOMPARE(kCode.match(QString::fromUtf8(fixture.process().allStdout())).captured(1).toLatin1(), code);
    const ProcessResult shown = fixture.command({QStringLiteral("setup-code")});
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.stdOut.trimmed().split('\n').last(), code);

    ApiReply reply = fixture.call("POST", QStringLiteral("/api/v1/setup"), {},
        "{\"setupCode\":\"wrong\",\"user\":\"root\",\"password\":\"root password 1\"}");
    QCOMPARE(reply.status, 401);
    reply = fixture.call("POST", QStringLiteral("/api/v1/setup"), {},
        "{\"setupCode\":\"" + code + "\",\"user\":\"root\",\"password\":\"root password 1\"}");
    QCOMPARE(reply.status, 201);
    QCOMPARE(fixture.login(QStringLiteral("root"), QStringLiteral("root password 1")).status, 200);
    reply = fixture.call("POST", QStringLiteral("/api/v1/setup"), {},
        "{\"setupCode\":\"" + code + "\",\"user\":\"root2\",\"password\":\"root password 1\"}");
    QCOMPARE(reply.status, 401); // used up
    const ProcessResult gone = fixture.command({QStringLiteral("setup-code")});
    QVERIFY(gone.exitCode != 0);
    QVERIFY2(gone.stdErr.contains("an admin exists"), gone.stdErr.constData());
}

void tst_ApiServer::tlsByDefaultWithItsOwnCertificate()
{
    QFETCH_GLOBAL(QString, engine);
    ApiServerFixture fixture(engine);
    fixture.insecureHttp = false;
    // Rules about other categories leave the access log on.
    const QByteArray rules = qgetenv("QT_LOGGING_RULES");
    qputenv("QT_LOGGING_RULES", "qt.network.ssl.warning=false");
    const bool started = fixture.start();
    qputenv("QT_LOGGING_RULES", rules);
    QVERIFY2(started, qPrintable(fixture.error()));
    const QString out = QString::fromUtf8(fixture.process().allStdout());
    QVERIFY2(fixture.process().baseUrl().startsWith(QStringLiteral("https://127.0.0.1:")), qPrintable(out));
    const QString pin = QRegularExpression(QStringLiteral("(?m)^pin: (sha256//\\S+)$")).match(out).captured(1);
    QVERIFY2(!pin.isEmpty(), qPrintable(out));

    // The pair in the data directory: the key readable by its owner only.
    const QString tls = fixture.scratch().dataDir() + QStringLiteral("/tls/");
    const QString cert = tls + QStringLiteral("server.crt");
    const QString key = tls + QStringLiteral("server.key");
    QCOMPARE(QFile::permissions(key),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    const ProcessResult text = runProcess(opensslProgram(),
        {QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-noout"), QStringLiteral("-text")});
    QVERIFY(text.stdOut.contains("DNS:localhost"));
    QVERIFY(text.stdOut.contains("IP Address:127.0.0.1"));
    QVERIFY(text.stdOut.contains("ASN1 OID: prime256v1"));
    const ProcessResult check = runProcess(opensslProgram(),
        {QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-noout"), QStringLiteral("-checkend"),
            QString::number(9 * 365 * 86400)});
    QCOMPARE(check.exitCode, 0); // still valid in nine years

    // The printed pin is the key's (curl checks it), and `tls-pin` prints the same.
    const ProcessResult health = runProcess(QStringLiteral("curl"),
        {QStringLiteral("-sk"), QStringLiteral("--pinnedpubkey"), pin,
            fixture.process().baseUrl() + QStringLiteral("/api/v1/health")});
    QCOMPARE(health.exitCode, 0);
    QVERIFY(health.stdOut.contains("\"ok\""));
    QTRY_VERIFY2(
        fixture.process().allStderr().contains("GET /api/v1/health 200"), fixture.process().allStderr().constData());
    const ProcessResult pinned = fixture.command({QStringLiteral("tls-pin")});
    QCOMPARE(pinned.exitCode, 0);
    QCOMPARE(pinned.stdOut.split('\n').first(), "sha256-spki: " + pin.toLatin1());

    // A restart reuses the pair.
    QCOMPARE(fixture.process().stop(), 0);
    QVERIFY2(fixture.start({}, false), qPrintable(fixture.error()));
    QVERIFY(fixture.process().allStdout().contains("pin: " + pin.toLatin1()));
    QCOMPARE(fixture.process().stop(), 0);

    // A key others may read is refused with what to do about it.
    QVERIFY(QFile::setPermissions(key, QFile::permissions(key) | QFileDevice::ReadOther));
    QVERIFY(!fixture.start({}, false));
    QVERIFY2(fixture.process().allStderr().contains("must be 0600"), fixture.process().allStderr().constData());
}

void tst_ApiServer::tlsPinCommand()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("c.pem"));
    const QString key = dir.filePath(QStringLiteral("k.pem"));
    QString error;
    QVERIFY2(makeSelfSignedCertificate(cert, key, &error), qPrintable(error));
    const ProcessResult pin = runProcess(
        binPath(QStringLiteral("provstation-server")), {QStringLiteral("tls-pin"), QStringLiteral("--tls-cert"), cert});
    QCOMPARE(pin.exitCode, 0);
    const ProcessResult pubkey = runProcess(opensslProgram(),
        {QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-pubkey"), QStringLiteral("-noout")});
    const ProcessResult der = runProcess(opensslProgram(),
        {QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-outform"), QStringLiteral("der")},
        pubkey.stdOut);
    const QByteArray expected
        = "sha256-spki: sha256//" + QCryptographicHash::hash(der.stdOut, QCryptographicHash::Sha256).toBase64();
    QVERIFY2(pin.stdOut.contains(expected), pin.stdOut.constData());
    QVERIFY(pin.stdOut.contains("subject: localhost"));
    const ProcessResult missing = runProcess(binPath(QStringLiteral("provstation-server")),
        {QStringLiteral("tls-pin"), QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("none.pem"))});
    QVERIFY(missing.exitCode != 0);
    QVERIFY(missing.stdErr.contains("none.pem"));
    // A key that is not the certificate's is refused at start.
    const QString otherCert = dir.filePath(QStringLiteral("o.pem"));
    const QString otherKey = dir.filePath(QStringLiteral("ok.pem"));
    QVERIFY(makeSelfSignedCertificate(otherCert, otherKey, &error));
    const ProcessResult mismatch = runProcess(binPath(QStringLiteral("provstation-server")),
        {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("d")), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), otherKey});
    QVERIFY(mismatch.exitCode != 0);
    QVERIFY2(mismatch.stdErr.contains("does not belong"), mismatch.stdErr.constData());
}

void tst_ApiServer::sigtermStopsCleanly()
{
    QFETCH_GLOBAL(QString, engine);
    ApiServerFixture fixture(engine);
    QVERIFY2(fixture.start(), qPrintable(fixture.error()));
    // A request in flight (a slow login) is answered before the server stops.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, fixture.process().port());
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray body
        = QByteArray("{\"user\":\"admin\",\"password\":\"") + ApiServerFixture::kAdminPassword + "\"}";
    socket.write("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket.waitForBytesWritten(1000);
    const int exitCode = fixture.process().stop();
    QVERIFY2(exitCode == 0, fixture.process().allStderr().right(2000).constData());
    const RawResponse answer = readResponse(socket, 5000);
    QVERIFY2(answer.status == 200, (fixture.process().allStdout() + fixture.process().allStderr()).constData());
    QVERIFY(fixture.process().allStdout().contains("stopped"));
}

QTEST_GUILESS_MAIN(tst_ApiServer)
#include "tst_apiserver.moc"

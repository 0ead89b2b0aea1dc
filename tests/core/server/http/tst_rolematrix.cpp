// Who may call which route: every route of the API, called over HTTP on a real
// provstation-server as operator, supervisor, admin and station; the table is
// docs/contracts/server-api.md's "who" column. Badge logins over HTTP.
#include "ApiTestSupport.h"
#include "TestSupport.h"

#include "server/http/ApiServer.h"

#include <QSet>
#include <QtTest>

using namespace prov;
using namespace prov::test;

namespace {

enum Who : unsigned { Operator = 1, Supervisor = 2, Admin = 4, Station = 8, Public = 16 };
constexpr unsigned kEveryone = Operator | Supervisor | Admin | Station;
constexpr unsigned kLineReaders = Operator | Supervisor | Admin;

struct RouteRule
{
    const char *method;
    const char *pattern; ///< as the router names it
    const char *path; ///< a concrete path that matches it
    unsigned allowed;
};

const QString kUuid = QStringLiteral("0b9e0a43-6c53-4a43-a5a4-5b2b5f7c1c01");
const QString kSha = QString(64, u'a');

// clang-format off
const RouteRule kRules[] = {
    {"GET",    "/api/v1/health",                          "/api/v1/health",                        Public},
    {"POST",   "/api/v1/session",                         "/api/v1/session",                       Public},
    {"POST",   "/api/v1/setup",                           "/api/v1/setup",                         Public},
    {"POST",   "/api/v1/pairing/challenge",               "/api/v1/pairing/challenge",             Public},
    {"POST",   "/api/v1/pairing/complete",                "/api/v1/pairing/complete",              Public},
    {"DELETE", "/api/v1/session",                         "/api/v1/session",                       kEveryone},
    {"GET",    "/api/v1/configurations/{idOrAlias}",      "/api/v1/configurations/none",           kEveryone},
    {"GET",    "/api/v1/files/{sha256}",                  "/api/v1/files/SHA",                     kEveryone},
    {"GET",    "/api/v1/packages",                        "/api/v1/packages",                      kLineReaders},
    {"GET",    "/api/v1/escrow/{uuid}",                   "/api/v1/escrow/UUID",                   kLineReaders},
    {"GET",    "/api/v1/results/{uuid}",                  "/api/v1/results/UUID",                  kLineReaders},
    {"GET",    "/api/v1/nodes/{nodeId}/escrow",           "/api/v1/nodes/0x0000000000000001/escrow", kLineReaders},
    {"GET",    "/api/v1/devices/incomplete",              "/api/v1/devices/incomplete",            kLineReaders},
    {"GET",    "/api/v1/stations",                        "/api/v1/stations",                      kLineReaders},
    {"GET",    "/api/v1/stations/{station}/results",      "/api/v1/stations/line1-st3/results",    kLineReaders},
    {"GET",    "/api/v1/results/{uuid}/log",              "/api/v1/results/UUID/log",              kLineReaders},
    {"GET",    "/api/v1/devices/{id}/history",            "/api/v1/devices/0x0000000000000001/history", kLineReaders},
    {"GET",    "/api/v1/yield",                           "/api/v1/yield",                         kLineReaders},
    {"GET",    "/api/v1/shifts",                          "/api/v1/shifts",                        kEveryone},
    {"POST",   "/api/v1/shifts",                          "/api/v1/shifts",                        Supervisor | Admin | Station},
    {"GET",    "/api/v1/reports/templates",               "/api/v1/reports/templates",             Supervisor | Admin},
    {"GET",    "/api/v1/reports/devices",                 "/api/v1/reports/devices",               Supervisor | Admin},
    {"POST",   "/api/v1/escrow",                          "/api/v1/escrow",                        Station},
    {"POST",   "/api/v1/results/{uuid}/reject",           "/api/v1/results/UUID/reject",           Station},
    {"POST",   "/api/v1/stations/heartbeat",              "/api/v1/stations/heartbeat",            Station},
    {"POST",   "/api/v1/results",                         "/api/v1/results",                       Station},
    {"POST",   "/api/v1/escrow/{uuid}/confirm",           "/api/v1/escrow/UUID/confirm",           Station | Admin},
    {"POST",   "/api/v1/results/{uuid}/confirm",          "/api/v1/results/UUID/confirm",          Station | Admin},
    {"POST",   "/api/v1/packages",                        "/api/v1/packages",                      Admin},
    {"GET",    "/api/v1/export",                          "/api/v1/export",                        Admin},
    {"GET",    "/api/v1/export/left-out",                 "/api/v1/export/left-out",               Admin},
    {"GET",    "/api/v1/users",                           "/api/v1/users",                         Admin},
    {"POST",   "/api/v1/users",                           "/api/v1/users",                         Admin},
    {"DELETE", "/api/v1/users/{name}",                    "/api/v1/users/nobody",                  Admin},
    {"PUT",    "/api/v1/users/{name}/password",           "/api/v1/users/nobody/password",         Admin},
    {"PUT",    "/api/v1/users/{name}/badge",              "/api/v1/users/nobody/badge",            Admin},
    {"DELETE", "/api/v1/users/{name}/badge",              "/api/v1/users/nobody/badge",            Admin},
    {"GET",    "/api/v1/tokens",                          "/api/v1/tokens",                        Admin},
    {"POST",   "/api/v1/tokens",                          "/api/v1/tokens",                        Admin},
    {"DELETE", "/api/v1/tokens/{tokenId}",                "/api/v1/tokens/000000000000",           Admin},
    {"DELETE", "/api/v1/stations/{station}/tokens",       "/api/v1/stations/nostation/tokens",     Admin},
    {"POST",   "/api/v1/pairing/codes",                   "/api/v1/pairing/codes",                 Admin},
    {"GET",    "/api/v1/audit",                           "/api/v1/audit",                         Admin},
    {"GET",    "/api/v1/audit/verify",                    "/api/v1/audit/verify",                  Admin},
};
// clang-format on

QString ruleKey(const QByteArray &method, const QString &pattern)
{
    return QString::fromLatin1(method) + u' ' + pattern;
}

QString whoName(unsigned who)
{
    switch (who) {
    case Operator:
        return QStringLiteral("operator");
    case Supervisor:
        return QStringLiteral("supervisor");
    case Admin:
        return QStringLiteral("admin");
    case Station:
        return QStringLiteral("station");
    default:
        return QStringLiteral("anyone");
    }
}

} // namespace

class tst_RoleMatrix : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyRouteHasARule();
    void route_data();
    void route();
    void badgeLogin();

private:
    /// A token of `who` that this test may spend (DELETE /session ends it).
    QByteArray freshToken(unsigned who);

    std::unique_ptr<ApiServerFixture> m_server;
};

void tst_RoleMatrix::initTestCase()
{
    m_server = std::make_unique<ApiServerFixture>(QStringLiteral("sqlite"));
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void tst_RoleMatrix::cleanupTestCase()
{
    if (m_server) {
        const QByteArray log = m_server->process().allStderr();
        QVERIFY(!log.contains(ApiServerFixture::kSupervisorBadge));
    }
    m_server.reset();
}

void tst_RoleMatrix::everyRouteHasARule()
{
    // The routes as the server registers them: a new route needs its row here
    // (and in docs/contracts/server-api.md).
    ScratchStore scratch(QStringLiteral("sqlite"));
    auto store = scratch.open();
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().toString()));
    server::http::ApiContext context;
    context.store = store.value().get();
    context.dataDir = scratch.dataDir();
    server::http::ApiServer api(context);
    QSet<QString> served;
    for (const auto &route : api.router().routes())
        served.insert(ruleKey(route.first, route.second));
    QSet<QString> ruled;
    for (const RouteRule &rule : kRules)
        ruled.insert(ruleKey(rule.method, QString::fromLatin1(rule.pattern)));
    const QSet<QString> unruled = served - ruled;
    const QSet<QString> unserved = ruled - served;
    QVERIFY2(unruled.isEmpty(), qPrintable(QStringLiteral("no rule: ") + QStringList(unruled.values()).join(u", ")));
    QVERIFY2(
        unserved.isEmpty(), qPrintable(QStringLiteral("not served: ") + QStringList(unserved.values()).join(u", ")));
}

void tst_RoleMatrix::route_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<uint>("who");
    QTest::addColumn<bool>("allowed");
    for (const RouteRule &rule : kRules) {
        QString path = QString::fromLatin1(rule.path);
        path.replace(QStringLiteral("UUID"), kUuid).replace(QStringLiteral("SHA"), kSha);
        const unsigned people[] = {Operator, Supervisor, Admin, Station, Public};
        for (unsigned who : people) {
            if (who == Public && rule.allowed != Public)
                continue; // a route that needs a token: tst_apiserver checks 401 without one
            const bool allowed = (rule.allowed & who) != 0 || rule.allowed == Public;
            const QString name
                = QStringLiteral("%1 %2 as %3")
                      .arg(QString::fromLatin1(rule.method), QString::fromLatin1(rule.pattern), whoName(who));
            QTest::newRow(qPrintable(name)) << QByteArray(rule.method) << path << uint(who) << allowed;
        }
    }
}

void tst_RoleMatrix::route()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(uint, who);
    QFETCH(bool, allowed);
    QByteArray token;
    if (who != Public)
        token = freshToken(who);
    QVERIFY(who == Public || !token.isEmpty());
    // Bodies that pass no check: an allowed call is turned down for its content
    // (400, 404, 415, 422), never for who made it.
    const QByteArray body = method == "GET" || method == "DELETE" ? QByteArray() : QByteArray("{}");
    const ApiReply reply = m_server->call(method, path, token, body);
    QVERIFY2(reply.status != 0, "no answer");
    if (allowed) {
        QVERIFY2(reply.status != 401 && reply.status != 403,
            qPrintable(QStringLiteral("%1: %2").arg(reply.status).arg(QString::fromUtf8(reply.body))));
    } else {
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.error(), QStringLiteral("forbidden"));
    }
}

QByteArray tst_RoleMatrix::freshToken(unsigned who)
{
    if (who == Station) {
        const ApiReply issued = m_server->call(
            "POST", QStringLiteral("/api/v1/tokens"), m_server->adminToken, "{\"station\":\"line1-st3\"}");
        return issued.json().value(QStringLiteral("token")).toString().toLatin1();
    }
    const ApiReply reply = who == Admin
        ? m_server->login(QStringLiteral("admin"), QString::fromLatin1(ApiServerFixture::kAdminPassword))
        : who == Supervisor
        ? m_server->login(QStringLiteral("sup"), QString::fromLatin1(ApiServerFixture::kSupervisorPassword))
        : m_server->login(QStringLiteral("op"), QString::fromLatin1(ApiServerFixture::kOperatorPassword));
    return reply.json().value(QStringLiteral("token")).toString().toLatin1();
}

void tst_RoleMatrix::badgeLogin()
{
    auto badge = [this](const char *code) {
        return m_server->call(
            "POST", QStringLiteral("/api/v1/session"), {}, QByteArray("{\"badge\":\"") + code + QByteArray("\"}"));
    };
    ApiReply reply = badge(ApiServerFixture::kSupervisorBadge);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("user")).toString(), QStringLiteral("sup"));
    QCOMPARE(reply.json().value(QStringLiteral("role")).toString(), QStringLiteral("supervisor"));
    const QByteArray token = reply.json().value(QStringLiteral("token")).toString().toLatin1();
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/packages"), token).status, 200);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/users"), token).status, 403);

    reply = badge("SUP-BADGE-0002");
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.error(), QStringLiteral("invalid_credentials"));
    QVERIFY(!reply.body.contains("SUP-BADGE"));
    reply = m_server->call("POST", QStringLiteral("/api/v1/session"), {}, "{\"badge\":\"\"}");
    QCOMPARE(reply.status, 400);

    // An admin sets an operator's badge over HTTP; the list tells who has one.
    QCOMPARE(m_server
                 ->call("PUT", QStringLiteral("/api/v1/users/op/badge"), m_server->adminToken,
                     "{\"badge\":\"OP-BADGE-0001\"}")
                 .status,
        204);
    QCOMPARE(m_server
                 ->call("PUT", QStringLiteral("/api/v1/users/admin/badge"), m_server->adminToken,
                     "{\"badge\":\"ADMIN-BADGE-01\"}")
                 .status,
        400); // admins log in with their password only
    const ApiReply users = m_server->call("GET", QStringLiteral("/api/v1/users"), m_server->adminToken);
    QVERIFY(!users.body.contains("OP-BADGE"));
    bool opHasBadge = false;
    for (const QJsonValue v : users.json().value(QStringLiteral("users")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == u"op")
            opHasBadge = v.toObject().value(QStringLiteral("badge")).toBool();
    }
    QVERIFY(opHasBadge);
    reply = badge("OP-BADGE-0001");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("role")).toString(), QStringLiteral("operator"));
    QCOMPARE(m_server->call("DELETE", QStringLiteral("/api/v1/users/op/badge"), m_server->adminToken).status, 204);
    QCOMPARE(badge("OP-BADGE-0001").status, 401);
}

QTEST_GUILESS_MAIN(tst_RoleMatrix)
#include "tst_rolematrix.moc"

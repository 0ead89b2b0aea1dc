// Stations online and their figures, end to end in one process: a real
// ApiServer on 127.0.0.1 over a scratch store (SQLite and PostgreSQL), the
// station's own heartbeat client (StationHeartbeat on a ServerClient) and
// GET /api/v1/stations as server mode reads it. The store's clock is injected,
// so the 90 s rule is tested without waiting.
#include "StoreTestSupport.h"

#include "engine/ServerClient.h"
#include "engine/StationHeartbeat.h"
#include "server/http/ApiServer.h"
#include "server/http/HttpServer.h"
#include "server/store/RunStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::server;

namespace {

/// One run as the test inserts it and as it computes the figures from.
struct TestRun
{
    QString station;
    QString device;
    QString operation;
    int result = 0;
    bool stationFault = false;
    qint64 startedAt = 0;
};

} // namespace

class TestStationsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void stationIsUpThenDownByTheNinetySecondRule();
    void aRestartStartsANewStretch();
    void heartbeatNeedsAStationTokenAndAValidBody();
    void figuresEqualThoseComputedFromTheRuns();
    void firstPassYieldIsTheYieldRoutes();

private:
    [[nodiscard]] QJsonObject stationEntry(const QString &station, const QString &query = {});
    [[nodiscard]] QPair<int, QByteArray> call(
        const QByteArray &method, const QString &path, const QByteArray &token, const QByteArray &body = {});
    [[nodiscard]] bool beat(engine::StationHeartbeat &heartbeat);
    void insertRun(const TestRun &run, int sequence);

    std::unique_ptr<test::ScratchStore> m_scratch;
    std::unique_ptr<ServerStore> m_store;
    std::unique_ptr<http::ApiServer> m_api;
    std::unique_ptr<http::HttpServer> m_http;
    std::unique_ptr<engine::ServerClient> m_client;
    QNetworkAccessManager m_network;
    QByteArray m_operatorToken;
    QByteArray m_stationToken;
    qint64 m_now = 1'800'000'000'000;
};

void TestStationsApi::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    m_store = std::move(store.value());
    m_store->stationStatus().setClock([this] { return m_now; });
    QVERIFY(m_store->accounts()
                .addUser(QStringLiteral("op"), Role::Operator, crypto::SecretBytes::copyOf("operator password 1"),
                    QStringLiteral("test"))
                .ok());
    auto op = m_store->tokens().authenticate(
        QStringLiteral("op"), crypto::SecretBytes::copyOf("operator password 1"), QStringLiteral("test"));
    auto station = m_store->tokens().issueStationToken(QStringLiteral("line1-st3"), QStringLiteral("test"));
    QVERIFY(op && station);
    m_operatorToken = op->token.toLatin1();
    m_stationToken = station->token.toLatin1();

    http::ApiContext context;
    context.store = m_store.get();
    context.dataDir = m_store->dataDir();
    m_api = std::make_unique<http::ApiServer>(context);
    m_http = std::make_unique<http::HttpServer>(&m_api->router(), context.limits);
    QVERIFY(m_http->listen(QHostAddress::LocalHost, 0));

    engine::ServerEndpoint endpoint;
    endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_http->serverPort()));
    endpoint.token = m_stationToken;
    m_client = std::make_unique<engine::ServerClient>(endpoint);
}

void TestStationsApi::cleanup()
{
    m_client.reset();
    m_http.reset();
    m_api.reset();
    m_store.reset();
    m_scratch.reset();
}

QPair<int, QByteArray> TestStationsApi::call(
    const QByteArray &method, const QString &path, const QByteArray &token, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_http->serverPort()).arg(path)));
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(20000))
        return {0, {}};
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

QJsonObject TestStationsApi::stationEntry(const QString &station, const QString &query)
{
    const auto [status, body] = call("GET", QStringLiteral("/api/v1/stations") + query, m_operatorToken);
    if (status != 200)
        return {};
    const QJsonArray list = QJsonDocument::fromJson(body).object().value(QStringLiteral("stations")).toArray();
    for (const QJsonValue &entry : list) {
        if (entry.toObject().value(QStringLiteral("station")).toString() == station)
            return entry.toObject();
    }
    return {};
}

bool TestStationsApi::beat(engine::StationHeartbeat &heartbeat)
{
    QSignalSpy sent(&heartbeat, &engine::StationHeartbeat::sent);
    heartbeat.beat();
    return sent.wait(20000) && sent.first().first().toBool();
}

void TestStationsApi::stationIsUpThenDownByTheNinetySecondRule()
{
    engine::StationHeartbeat heartbeat([this] { return m_client.get(); },
        [] {
            return QJsonObject {{QStringLiteral("slots"), 8}, {QStringLiteral("running"), 3},
                {QStringLiteral("operations"), QJsonObject {{QStringLiteral("PROVISION"), 3}}},
                {QStringLiteral("configuration"), QStringLiteral("0x0000000000000045")},
                {QStringLiteral("batch"), 1000}};
        });
    const qint64 start = m_now;
    QVERIFY(beat(heartbeat));
    QJsonObject entry = stationEntry(QStringLiteral("line1-st3"));
    QVERIFY(entry.value(QStringLiteral("online")).toBool());
    QCOMPARE(entry.value(QStringLiteral("slots")).toInt(), 8);
    QCOMPARE(entry.value(QStringLiteral("running")).toInt(), 3);
    QCOMPARE(entry.value(QStringLiteral("operations")).toObject().value(QStringLiteral("PROVISION")).toInt(), 3);
    QCOMPARE(entry.value(QStringLiteral("configuration")).toString(), QStringLiteral("0x0000000000000045"));
    QCOMPARE(entry.value(QStringLiteral("batch")).toInt(), 1000);

    // Heartbeats every 30 s keep it up, and "up since" stays the first one.
    m_now += 30'000;
    QVERIFY(beat(heartbeat));
    m_now += 89'000;
    entry = stationEntry(QStringLiteral("line1-st3"));
    QVERIFY(entry.value(QStringLiteral("online")).toBool());
    QCOMPARE(
        QDateTime::fromString(entry.value(QStringLiteral("upSince")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(),
        start);

    // The station stopped: 91 s after its last heartbeat it is down, and what it ran is no longer claimed.
    m_now += 2'000;
    entry = stationEntry(QStringLiteral("line1-st3"));
    QVERIFY(!entry.value(QStringLiteral("online")).toBool());
    QCOMPARE(entry.value(QStringLiteral("running")).toInt(), 0);
    QCOMPARE(QDateTime::fromString(entry.value(QStringLiteral("lastSeen")).toString(), Qt::ISODateWithMs)
                 .toMSecsSinceEpoch(),
        start + 30'000);

    // Back after the silence: a new stretch starts.
    m_now += 600'000;
    QVERIFY(beat(heartbeat));
    entry = stationEntry(QStringLiteral("line1-st3"));
    QVERIFY(entry.value(QStringLiteral("online")).toBool());
    QCOMPARE(
        QDateTime::fromString(entry.value(QStringLiteral("upSince")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(),
        m_now);
}

void TestStationsApi::aRestartStartsANewStretch()
{
    {
        engine::StationHeartbeat first([this] { return m_client.get(); }, {});
        QVERIFY(beat(first));
    }
    m_now += 20'000;
    engine::StationHeartbeat restarted([this] { return m_client.get(); }, {});
    QVERIFY(beat(restarted));
    const QJsonObject entry = stationEntry(QStringLiteral("line1-st3"));
    QVERIFY(entry.value(QStringLiteral("online")).toBool());
    QCOMPARE(
        QDateTime::fromString(entry.value(QStringLiteral("upSince")).toString(), Qt::ISODateWithMs).toMSecsSinceEpoch(),
        m_now);
}

void TestStationsApi::heartbeatNeedsAStationTokenAndAValidBody()
{
    const QByteArray body = R"({"session":"s1","version":"1","slots":2,"running":1})";
    QCOMPARE(call("POST", QStringLiteral("/api/v1/stations/heartbeat"), m_operatorToken, body).first, 403);
    QCOMPARE(call("POST", QStringLiteral("/api/v1/stations/heartbeat"), "nope", body).first, 401);
    const auto tooMany = call("POST", QStringLiteral("/api/v1/stations/heartbeat"), m_stationToken,
        R"({"session":"s1","version":"1","slots":2,"running":3})");
    QCOMPARE(tooMany.first, 422);
    QVERIFY(tooMany.second.contains("running"));
    QCOMPARE(
        call("POST", QStringLiteral("/api/v1/stations/heartbeat"), m_stationToken, R"({"version":"1"})").first, 422);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/stations"), m_stationToken).first, 403);
    const auto badPeriod = call("GET", QStringLiteral("/api/v1/stations?from=yesterday"), m_operatorToken);
    QCOMPARE(badPeriod.first, 400);
    QVERIFY(badPeriod.second.contains("from"));
    QVERIFY(stationEntry(QStringLiteral("line1-st3")).isEmpty());
}

void TestStationsApi::insertRun(const TestRun &run, int sequence)
{
    domain::RunRecord record;
    record.uuid = QUuid::createUuid();
    record.station = run.station;
    record.operation = run.operation;
    record.nodeId = run.device;
    record.result = run.result;
    record.stationFault = run.stationFault;
    record.startedAtMs = run.startedAt;
    record.finishedAtMs = run.startedAt + 1000;
    record.durationMs = 1000;
    record.configId = QStringLiteral("0x0000000000000045");
    record.batch = 1000 + sequence % 2;
    auto stored = m_store->runs().store(record);
    QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
}

void TestStationsApi::figuresEqualThoseComputedFromTheRuns()
{
    // Two stations, retries across them, station faults, one run before the period.
    const qint64 t0 = m_now - 3'600'000;
    const QList<TestRun> runs = {
        {QStringLiteral("line1-st3"), QStringLiteral("0x00010001"), QStringLiteral("PROVISION"), 0, false, t0 + 1000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00010002"), QStringLiteral("PROVISION"), 164, false, t0 + 2000},
        {QStringLiteral("line1-st4"), QStringLiteral("0x00010002"), QStringLiteral("PROVISION"), 0, false, t0 + 3000},
        {QStringLiteral("line1-st3"), QStringLiteral(""), QStringLiteral("PROVISION"), 100, true, t0 + 4000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00010003"), QStringLiteral("PROVISION"), 164, false, t0 + 5000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00010003"), QStringLiteral("PROVISION"), 164, false, t0 + 6000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00010003"), QStringLiteral("PRETEST"), 0, false, t0 + 7000},
        {QStringLiteral("line1-st4"), QStringLiteral("0x00010004"), QStringLiteral("PROVISION"), 0, false, t0 + 8000},
        {QStringLiteral("line1-st4"), QStringLiteral("0x00010005"), QStringLiteral("PROVISION"), 0, false, t0 - 9000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00010005"), QStringLiteral("PROVISION"), 164, false, t0 + 9000},
    };
    for (int i = 0; i < runs.size(); ++i)
        insertRun(runs.at(i), i);

    for (const std::optional<qint64> &from : {std::optional<qint64>(), std::optional<qint64>(t0)}) {
        // The figures as runs-schema.md defines them, computed here from the list.
        QList<TestRun> period;
        for (const TestRun &r : runs) {
            if (!from || r.startedAt >= *from)
                period.append(r);
        }
        QMap<QString, QList<qint64>> expected; // runs, passed, failed, faults, units, first passed
        QSet<QString> seen;
        QList<TestRun> ordered = period;
        std::sort(ordered.begin(), ordered.end(),
            [](const TestRun &a, const TestRun &b) { return a.startedAt < b.startedAt; });
        for (const TestRun &r : ordered) {
            QList<qint64> &e = expected[r.station];
            e.resize(6);
            e[0] += 1;
            e[1] += !r.stationFault && r.result == 0;
            e[2] += !r.stationFault && r.result != 0;
            e[3] += r.stationFault;
            // Each station counts the units that ran there, at their first run there.
            const QString unit = r.station + u' ' + r.device + u' ' + r.operation;
            if (!r.stationFault && !r.device.isEmpty() && !seen.contains(unit)) {
                seen.insert(unit);
                e[4] += 1;
                e[5] += r.result == 0;
            }
        }
        const QString query = from
            ? QStringLiteral("?from=%1").arg(QDateTime::fromMSecsSinceEpoch(*from, Qt::UTC).toString(Qt::ISODateWithMs))
            : QString();
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const QJsonObject entry = stationEntry(it.key(), query);
            QVERIFY2(!entry.isEmpty(), qPrintable(it.key()));
            const QList<qint64> &e = it.value();
            QCOMPARE(entry.value(QStringLiteral("runs")).toInteger(), e[0]);
            QCOMPARE(entry.value(QStringLiteral("passed")).toInteger(), e[1]);
            QCOMPARE(entry.value(QStringLiteral("failed")).toInteger(), e[2]);
            QCOMPARE(entry.value(QStringLiteral("stationFaults")).toInteger(), e[3]);
            QCOMPARE(entry.value(QStringLiteral("firstRuns")).toInteger(), e[4]);
            QCOMPARE(entry.value(QStringLiteral("firstPassed")).toInteger(), e[5]);
            QCOMPARE(entry.value(QStringLiteral("firstPassYield")).toDouble(), double(e[5]) / double(e[4]));
            QVERIFY(!entry.value(QStringLiteral("online")).toBool());
        }
    }
    // Whatever the escrow table says: line1-st3's first-pass yield over all time is 2 of its 5 units
    // (device 2 and 5 failed there first, device 3's PROVISION twice; its PRETEST and device 1 passed).
    const QJsonObject st3 = stationEntry(QStringLiteral("line1-st3"));
    QCOMPARE(st3.value(QStringLiteral("firstPassYield")).toDouble(), 2.0 / 5.0);
}

void TestStationsApi::firstPassYieldIsTheYieldRoutes()
{
    // A unit retried at the other station, a unit that passed on its retry,
    // a station fault: the Stations page and the yield report agree per station.
    const qint64 t0 = m_now - 3'600'000;
    const QList<TestRun> runs = {
        {QStringLiteral("line1-st3"), QStringLiteral("0x00020001"), QStringLiteral("PROVISION"), 164, false, t0},
        {QStringLiteral("line1-st4"), QStringLiteral("0x00020001"), QStringLiteral("PROVISION"), 0, false, t0 + 1000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00020002"), QStringLiteral("PROVISION"), 0, false, t0 + 2000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00020003"), QStringLiteral("PROVISION"), 171, false, t0 + 3000},
        {QStringLiteral("line1-st3"), QStringLiteral("0x00020003"), QStringLiteral("PROVISION"), 0, false, t0 + 4000},
        {QStringLiteral("line1-st4"), QStringLiteral(""), QStringLiteral("PROVISION"), 100, true, t0 + 5000},
        {QStringLiteral("line1-st4"), QStringLiteral("0x00020004"), QStringLiteral("PROVISION"), 0, false, t0 + 6000},
    };
    for (int i = 0; i < runs.size(); ++i)
        insertRun(runs.at(i), i);
    const QString from = QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC).toString(Qt::ISODateWithMs);
    const QString to = QDateTime::fromMSecsSinceEpoch(t0 + 10'000, Qt::UTC).toString(Qt::ISODateWithMs);
    const auto [status, body]
        = call("GET", QStringLiteral("/api/v1/yield?from=%1&to=%2").arg(from, to), m_operatorToken);
    QCOMPARE(status, 200);
    const QJsonObject byStation = QJsonDocument::fromJson(body).object().value(QStringLiteral("byStation")).toObject();
    for (const QString &station : {QStringLiteral("line1-st3"), QStringLiteral("line1-st4")}) {
        const QJsonObject entry = stationEntry(station, QStringLiteral("?from=%1&to=%2").arg(from, to));
        const double stations = entry.value(QStringLiteral("firstPassYield")).toDouble(-1);
        const auto [one, oneBody] = call(
            "GET", QStringLiteral("/api/v1/yield?from=%1&to=%2&station=%3").arg(from, to, station), m_operatorToken);
        QCOMPARE(one, 200);
        const double yield
            = QJsonDocument::fromJson(oneBody).object().value(QStringLiteral("firstPassYield")).toDouble(-2);
        QCOMPARE(stations, yield);
        QCOMPARE(stations, byStation.value(station).toObject().value(QStringLiteral("firstPassYield")).toDouble(-3));
        QCOMPARE(entry.value(QStringLiteral("firstRuns")).toInteger(),
            byStation.value(station).toObject().value(QStringLiteral("units")).toInteger());
    }
    // line1-st3: units 1, 2 and 3, of which 2 passed at once; line1-st4: units 1 and 4, both passed.
    QCOMPARE(stationEntry(QStringLiteral("line1-st3"), QStringLiteral("?from=%1").arg(from))
                 .value(QStringLiteral("firstPassYield"))
                 .toDouble(),
        1.0 / 3.0);
    QCOMPARE(stationEntry(QStringLiteral("line1-st4"), QStringLiteral("?from=%1").arg(from))
                 .value(QStringLiteral("firstPassYield"))
                 .toDouble(),
        1.0);
}

QTEST_GUILESS_MAIN(TestStationsApi)
#include "tst_stationsapi.moc"

// Yield and shifts over HTTP on a real provstation-server: who may read the
// yield and start shifts, the JSON the route answers (the same figures as the
// store's query and the CLI), and a station that starts only its own shifts;
// SQLite and PostgreSQL.
#include "ApiTestSupport.h"
#include "RunTestSupport.h"

#include "server/store/YieldQuery.h"

#include <QJsonArray>
#include <QtTest>

using namespace prov::test;

class tst_YieldApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup() { m_server.reset(); }

    void yieldNeedsAReader();
    void yieldAnswersTheStoresFigures();
    void badFiltersAreNamed();
    void shiftsAreRecordedWithWhoStartedThem();
    void aStationStartsOnlyItsOwnShifts();

private:
    QList<TestRun> m_runs;
    std::unique_ptr<ApiServerFixture> m_server;
    static constexpr qint64 kStart = 1'790'000'000'000;
};

void tst_YieldApi::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<ApiServerFixture>(engine);
    if (m_server->isSkipped())
        QSKIP(qPrintable(m_server->skipReason()));
    // A unit that passed on its retry, one at once, one that never did, and a station fault.
    m_runs = QList<TestRun>(5);
    m_runs[0].device = QStringLiteral("A");
    m_runs[0].result = 164;
    m_runs[0].failedStep = QStringLiteral("join");
    m_runs[0].startedAt = kStart;
    m_runs[1].device = QStringLiteral("A");
    m_runs[1].startedAt = kStart + 70'000;
    m_runs[2].device = QStringLiteral("B");
    m_runs[2].station = QStringLiteral("line1-st3");
    m_runs[2].startedAt = kStart + 1000;
    m_runs[3].device = QStringLiteral("C");
    m_runs[3].result = 171;
    m_runs[3].failedStep = QStringLiteral("verify");
    m_runs[3].startedAt = kStart + 2000;
    m_runs[4].result = 200;
    m_runs[4].stationFault = true;
    m_runs[4].startedAt = kStart + 3000;
    {
        auto store = m_server->scratch().open();
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QString error;
        QVERIFY2(insertRuns(*store.value(), m_runs, &error), qPrintable(error));
    }
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void tst_YieldApi::yieldNeedsAReader()
{
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/yield")).status, 401);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/yield"), m_server->stationToken).status, 403);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/yield"), m_server->operatorToken).status, 200);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/yield"), m_server->adminToken).status, 200);
}

void tst_YieldApi::yieldAnswersTheStoresFigures()
{
    const ApiReply reply = m_server->call("GET", QStringLiteral("/api/v1/yield"), m_server->operatorToken);
    QCOMPARE(reply.status, 200);
    const QJsonObject json = reply.json();
    QCOMPARE(json.value(QLatin1String("runs")).toInt(), 5);
    QCOMPARE(json.value(QLatin1String("devices")).toInt(), 3);
    QCOMPARE(json.value(QLatin1String("passed")).toInt(), 2);
    QCOMPARE(json.value(QLatin1String("failed")).toInt(), 2);
    QCOMPARE(json.value(QLatin1String("stationFaults")).toInt(), 1);
    QCOMPARE(json.value(QLatin1String("firstPassYield")).toDouble(), 1.0 / 3.0);
    QCOMPARE(json.value(QLatin1String("finalYield")).toDouble(), 2.0 / 3.0);
    QCOMPARE(json.value(QLatin1String("byResult")).toObject(),
        (QJsonObject {{QStringLiteral("164"), 1}, {QStringLiteral("171"), 1}}));
    QCOMPARE(json.value(QLatin1String("byStep")).toObject(),
        (QJsonObject {{QStringLiteral("join"), 1}, {QStringLiteral("verify"), 1}}));
    QCOMPARE(json.value(QLatin1String("byStation")).toObject().keys(),
        (QStringList {QStringLiteral("line1-st1"), QStringLiteral("line1-st3")}));

    // The CLI prints the same object from the same store.
    const ProcessResult cli = m_server->command({QStringLiteral("yield"), QStringLiteral("--json")});
    QVERIFY2(cli.exitCode == 0, cli.stdErr.constData());
    QCOMPARE(QJsonDocument::fromJson(cli.stdOut).object(), json);

    // A period and a station narrow it: only B's pass at line1-st3.
    const ApiReply narrowed = m_server->call("GET",
        QStringLiteral("/api/v1/yield?station=line1-st3&from=%1&to=%2")
            .arg(QDateTime::fromMSecsSinceEpoch(kStart, Qt::UTC).toString(Qt::ISODate),
                QDateTime::fromMSecsSinceEpoch(kStart + 3'600'000, Qt::UTC).toString(Qt::ISODate)),
        m_server->adminToken);
    QCOMPARE(narrowed.status, 200);
    QCOMPARE(narrowed.json().value(QLatin1String("runs")).toInt(), 1);
    QCOMPARE(narrowed.json().value(QLatin1String("firstPassYield")).toDouble(), 1.0);
}

void tst_YieldApi::badFiltersAreNamed()
{
    const ApiReply badTime
        = m_server->call("GET", QStringLiteral("/api/v1/yield?from=yesterday"), m_server->operatorToken);
    QCOMPARE(badTime.status, 400);
    QVERIFY2(badTime.body.contains("yesterday"), badTime.body.constData());
    const ApiReply badShift = m_server->call("GET", QStringLiteral("/api/v1/yield?shift=99"), m_server->operatorToken);
    QCOMPARE(badShift.status, 400);
    QVERIFY2(badShift.body.contains("no shift 99"), badShift.body.constData());
    const ProcessResult cli
        = m_server->command({QStringLiteral("yield"), QStringLiteral("--to"), QStringLiteral("2026-13-40")});
    QVERIFY(cli.exitCode != 0);
    QVERIFY2(cli.stdErr.contains("2026-13-40"), cli.stdErr.constData());
}

void tst_YieldApi::shiftsAreRecordedWithWhoStartedThem()
{
    const QByteArray body = R"({"station": "line1-st1"})";
    QCOMPARE(m_server->call("POST", QStringLiteral("/api/v1/shifts"), {}, body).status, 401);
    // An operator runs the shift a supervisor started.
    QCOMPARE(m_server->call("POST", QStringLiteral("/api/v1/shifts"), m_server->operatorToken, body).status, 403);
    const ApiReply first = m_server->call("POST", QStringLiteral("/api/v1/shifts"), m_server->supervisorToken, body);
    QCOMPARE(first.status, 201);
    QCOMPARE(first.json().value(QLatin1String("startedBy")).toString(), QStringLiteral("sup"));
    QVERIFY(first.json().value(QLatin1String("endedAt")).isNull());
    const ApiReply second = m_server->call("POST", QStringLiteral("/api/v1/shifts"), m_server->adminToken, body);
    QCOMPARE(second.status, 201);
    QVERIFY(
        second.json().value(QLatin1String("id")).toInteger() != first.json().value(QLatin1String("id")).toInteger());

    const ApiReply list
        = m_server->call("GET", QStringLiteral("/api/v1/shifts?station=line1-st1"), m_server->operatorToken);
    QCOMPARE(list.status, 200);
    const QJsonArray shifts = list.json().value(QLatin1String("shifts")).toArray();
    QCOMPARE(shifts.size(), 2);
    QCOMPARE(shifts.at(0).toObject().value(QLatin1String("startedBy")).toString(), QStringLiteral("admin"));
    QCOMPARE(shifts.at(1).toObject().value(QLatin1String("endedAt")).toString(),
        shifts.at(0).toObject().value(QLatin1String("startedAt")).toString());

    // The current shift's yield: nothing of the runs above (they are older).
    const ApiReply yield = m_server->call("GET",
        QStringLiteral("/api/v1/yield?shift=%1").arg(second.json().value(QLatin1String("id")).toInteger()),
        m_server->operatorToken);
    QCOMPARE(yield.status, 200);
    QCOMPARE(yield.json().value(QLatin1String("runs")).toInt(), 0);

    const ApiReply noStation = m_server->call("POST", QStringLiteral("/api/v1/shifts"), m_server->adminToken, "{}");
    QCOMPARE(noStation.status, 400);
}

void tst_YieldApi::aStationStartsOnlyItsOwnShifts()
{
    const ApiReply own = m_server->call("POST", QStringLiteral("/api/v1/shifts"), m_server->stationToken, "{}");
    QCOMPARE(own.status, 201);
    QCOMPARE(own.json().value(QLatin1String("station")).toString(), QStringLiteral("line1-st3"));
    const ApiReply other = m_server->call(
        "POST", QStringLiteral("/api/v1/shifts"), m_server->stationToken, R"({"station": "line1-st1"})");
    QCOMPARE(other.status, 403);
    const ApiReply othersList
        = m_server->call("GET", QStringLiteral("/api/v1/shifts?station=line1-st1"), m_server->stationToken);
    QCOMPARE(othersList.status, 403);
    const ApiReply ownList = m_server->call("GET", QStringLiteral("/api/v1/shifts"), m_server->stationToken);
    QCOMPARE(ownList.status, 200);
    QCOMPARE(ownList.json().value(QLatin1String("shifts")).toArray().size(), 1);
}

QTEST_GUILESS_MAIN(tst_YieldApi)
#include "tst_yieldapi.moc"

#include "RunTestSupport.h"
#include "StoreTestSupport.h"

#include "server/store/YieldQuery.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <functional>
#include <thread>

using namespace prov;
using namespace prov::server;

namespace {

using test::TestRun;

bool matches(const TestRun &r, const YieldFilter &f)
{
    return (!f.fromMs || r.startedAt >= *f.fromMs) && (!f.toMs || r.startedAt < *f.toMs)
        && (f.station.isEmpty() || r.station == f.station) && (f.slot.isEmpty() || r.slot == f.slot)
        && (f.op.isEmpty() || r.op == f.op) && (f.configId.isEmpty() || r.configId == f.configId)
        && (f.operation.isEmpty() || r.operation == f.operation) && (f.meter.isEmpty() || r.meter == f.meter)
        && (!f.batch || r.batch == *f.batch);
}

/// The definitions of docs/contracts/server-api.md ("Yield"), written out plainly.
YieldCounts expectedCounts(const QList<TestRun> &runs)
{
    YieldCounts c;
    QSet<QString> devices;
    struct Ends
    {
        const TestRun *first = nullptr;
        const TestRun *last = nullptr;
    };
    QMap<QPair<QString, QString>, Ends> units;
    const auto earlier = [](const TestRun *a, const TestRun *b) {
        return a->startedAt != b->startedAt ? a->startedAt < b->startedAt : a->id < b->id;
    };
    for (const TestRun &r : runs) {
        ++c.runs;
        c.firstStartMs = c.firstStartMs == 0 ? r.startedAt : qMin(c.firstStartMs, r.startedAt);
        c.lastFinishMs = qMax(c.lastFinishMs, r.startedAt + r.durationMs);
        if (r.stationFault) {
            ++c.stationFaults;
            continue;
        }
        if (r.result == 0)
            ++c.passed;
        else
            ++c.failed;
        if (r.device.isEmpty())
            continue;
        devices.insert(r.device);
        Ends &ends = units[qMakePair(r.device, r.operation)];
        if (!ends.first || earlier(&r, ends.first))
            ends.first = &r;
        if (!ends.last || earlier(ends.last, &r))
            ends.last = &r;
    }
    c.devices = devices.size();
    c.units = units.size();
    for (const Ends &ends : units) {
        c.firstPassUnits += ends.first->result == 0 ? 1 : 0;
        c.finalPassUnits += ends.last->result == 0 ? 1 : 0;
    }
    return c;
}

YieldReport expectedReport(const QList<TestRun> &all, const YieldFilter &filter)
{
    QList<TestRun> runs;
    for (const TestRun &r : all)
        if (matches(r, filter))
            runs.append(r);
    YieldReport report;
    report.total = expectedCounts(runs);
    QMap<QString, QList<TestRun>> perStation;
    QMap<QPair<QString, QString>, QList<qint64>> durations;
    for (const TestRun &r : runs) {
        perStation[r.station].append(r);
        if (r.stationFault)
            continue;
        if (r.result != 0) {
            ++report.byResult[r.result];
            ++report.byStep[r.failedStep];
        } else {
            durations[qMakePair(r.meter, r.operation)].append(r.durationMs);
        }
    }
    for (auto it = perStation.cbegin(); it != perStation.cend(); ++it)
        report.byStation.insert(it.key(), expectedCounts(it.value()));
    for (auto it = durations.begin(); it != durations.end(); ++it) {
        QList<qint64> &d = it.value();
        std::sort(d.begin(), d.end());
        const auto rank = [&](double p) {
            return d.at(qsizetype(std::ceil(p * double(d.size()))) - 1);
        };
        report.cycleTimes.append(
            FlowCycleTime {it.key().first, it.key().second, d.size(), rank(0.5), rank(0.9), d.last()});
    }
    return report;
}

QString describe(const YieldCounts &c)
{
    return QStringLiteral("runs %1 devices %2 units %3 passed %4 failed %5 faults %6 fp %7 final %8 span %9..%10")
        .arg(c.runs)
        .arg(c.devices)
        .arg(c.units)
        .arg(c.passed)
        .arg(c.failed)
        .arg(c.stationFaults)
        .arg(c.firstPassUnits)
        .arg(c.finalPassUnits)
        .arg(c.firstStartMs)
        .arg(c.lastFinishMs);
}

QString describe(const YieldReport &r)
{
    QStringList lines {QStringLiteral("total: ") + describe(r.total)};
    for (auto it = r.byStation.cbegin(); it != r.byStation.cend(); ++it)
        lines << it.key() + QStringLiteral(": ") + describe(it.value());
    for (auto it = r.byResult.cbegin(); it != r.byResult.cend(); ++it)
        lines << QStringLiteral("result %1: %2").arg(it.key()).arg(it.value());
    for (auto it = r.byStep.cbegin(); it != r.byStep.cend(); ++it)
        lines << QStringLiteral("step '%1': %2").arg(it.key()).arg(it.value());
    for (const FlowCycleTime &f : r.cycleTimes)
        lines << QStringLiteral("flow %1/%2: n %3 median %4 p90 %5 max %6")
                     .arg(f.meter, f.operation)
                     .arg(f.count)
                     .arg(f.medianMs)
                     .arg(f.p90Ms)
                     .arg(f.maxMs);
    return lines.join(QLatin1Char('\n'));
}

/// The filters a unit's runs can differ in (station, slot, operator, batch)
/// and the period, over one unit that moved between stations and slots.
YieldFilter movedUnitFilter(int which, qint64 t)
{
    YieldFilter f;
    switch (which) {
    case 1:
        f.station = QStringLiteral("line1-st1");
        break;
    case 2:
        f.station = QStringLiteral("line1-st2");
        break;
    case 3:
        f.slot = QStringLiteral("1");
        break;
    case 4:
        f.op = QStringLiteral("bob");
        break;
    case 5:
        f.fromMs = t + 50'000;
        break;
    case 6:
        f.toMs = t + 150'000;
        break;
    case 7:
        f.station = QStringLiteral("line1-st1");
        f.fromMs = t + 50'000;
        break;
    case 8:
        f.batch = 8;
        f.toMs = t + 250'000;
        break;
    default:
        break;
    }
    return f;
}

} // namespace

class TestYieldQuery : public test::StoreTest
{
    Q_OBJECT

private slots:
    void emptyStoreHasNoYield();
    void retriesFaultsAndSecondPasses();
    void tiesGoToTheLowestId();
    void periodsAndFilters_data();
    void periodsAndFilters();
    void retriedAtAnotherStation_data();
    void retriedAtAnotherStation();
    void runsArrivingOutOfOrder_data();
    void runsArrivingOutOfOrder();
    void unitsStoredFromSeveralConnectionsAtOnce();
    void shiftCoversItsStationAndTime();
    void unknownShiftIsRefused();
    void jsonHasTheDocumentedKeys();

private:
    void insert(QList<TestRun> &runs);
    void compareWithExpected(const QList<TestRun> &runs, const YieldFilter &filter);
    void periodsAndFiltersOf(const QList<TestRun> &runs);
    [[nodiscard]] QList<TestRun> lineShift();
};

void TestYieldQuery::insert(QList<TestRun> &runs)
{
    QString error;
    QVERIFY2(test::insertRuns(*m_store, runs, &error), qPrintable(error));
}

void TestYieldQuery::compareWithExpected(const QList<TestRun> &runs, const YieldFilter &filter)
{
    auto report = YieldQuery(m_store->database()).run(filter);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    const QString actual = describe(*report);
    const QString expected = describe(expectedReport(runs, filter));
    QVERIFY2(actual == expected, qPrintable(QStringLiteral("\nstored:\n%1\nexpected:\n%2").arg(actual, expected)));
}

/// Two stations, eight slots, two operations over a few hours: first passes,
/// retries that pass, units that never pass, station faults, device-less runs.
QList<TestRun> TestYieldQuery::lineShift()
{
    QList<TestRun> runs;
    QRandomGenerator random(15);
    const qint64 start = 1'790'000'000'000;
    const QStringList stations {QStringLiteral("line1-st1"), QStringLiteral("line1-st2")};
    const QStringList operators {QStringLiteral("alice"), QStringLiteral("bob")};
    const QStringList steps {QStringLiteral("join"), QStringLiteral("write_keys"), QStringLiteral("verify")};
    const int results[] = {164, 171, 128};
    for (int unit = 0; unit < 120; ++unit) {
        TestRun r;
        r.station = stations.at(unit % 2);
        r.slot = QString::number(unit % 8 + 1);
        r.op = operators.at((unit / 30) % 2);
        r.meter = unit % 3 == 0 ? QStringLiteral("kv2c") : QStringLiteral("i210plus");
        r.operation = unit % 5 == 0 ? QStringLiteral("PRETEST") : QStringLiteral("PROVISION");
        r.configId = unit % 4 == 0 ? QStringLiteral("0x00000000000000b2") : QStringLiteral("0x00000000000000a1");
        r.batch = 7 + unit / 60;
        r.device = QStringLiteral("0x%1").arg(0x1000 + unit, 8, 16, QLatin1Char('0'));
        qint64 at = start + unit * 90'000;
        const int attempts = 1 + int(random.bounded(3));
        for (int attempt = 1; attempt <= attempts; ++attempt) {
            if (random.bounded(10) == 0) {
                // The server was away: a station fault before the device was touched.
                TestRun fault = r;
                fault.result = 200;
                fault.stationFault = true;
                fault.device = random.bounded(2) == 0 ? QString() : r.device;
                fault.startedAt = at;
                fault.durationMs = 1500;
                runs.append(fault);
                at += 2000;
            }
            TestRun run = r;
            const bool last = attempt == attempts;
            const bool passes = last && random.bounded(4) != 0;
            run.result = passes ? 0 : results[random.bounded(3)];
            run.failedStep = passes ? QString() : steps.at(int(random.bounded(3)));
            run.startedAt = at;
            run.durationMs = 30'000 + qint64(random.bounded(60'000));
            // Retried at the other station now and then.
            if (attempt > 1 && random.bounded(3) == 0)
                run.station = stations.at((unit + 1) % 2);
            runs.append(run);
            at += run.durationMs + 5000;
        }
    }
    // Runs that found no device identity at all.
    TestRun anonymous;
    anonymous.result = 164;
    anonymous.failedStep = QStringLiteral("identify");
    anonymous.startedAt = start + 500'000;
    runs.append(anonymous);
    return runs;
}

void TestYieldQuery::emptyStoreHasNoYield()
{
    auto report = YieldQuery(m_store->database()).run({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->total.runs, 0);
    QVERIFY(!report->total.firstPassYield());
    QVERIFY(!report->total.finalYield());
    QVERIFY(!report->total.unitsPerHour());
    const QJsonObject json = YieldQuery::toJson(*report);
    QVERIFY(json.value(QLatin1String("firstPassYield")).isNull());
    QVERIFY(json.value(QLatin1String("byResult")).toObject().isEmpty());
}

void TestYieldQuery::retriesFaultsAndSecondPasses()
{
    const qint64 t = 1'790'000'000'000;
    QList<TestRun> runs(6);
    // Device A: failed with 164 at "join", then passed on the retry.
    runs[0].device = QStringLiteral("A");
    runs[0].result = 164;
    runs[0].failedStep = QStringLiteral("join");
    runs[0].startedAt = t;
    runs[1].device = QStringLiteral("A");
    runs[1].startedAt = t + 70'000;
    // Device B: a station fault first (not its first run), then a pass.
    runs[2].device = QStringLiteral("B");
    runs[2].result = 200;
    runs[2].stationFault = true;
    runs[2].startedAt = t + 1000;
    runs[3].device = QStringLiteral("B");
    runs[3].startedAt = t + 5000;
    // Device C: failed twice.
    runs[4].device = QStringLiteral("C");
    runs[4].result = 171;
    runs[4].failedStep = QStringLiteral("verify");
    runs[4].startedAt = t + 2000;
    runs[5].device = QStringLiteral("C");
    runs[5].result = 164;
    runs[5].failedStep = QStringLiteral("join");
    runs[5].startedAt = t + 80'000;
    insert(runs);
    if (QTest::currentTestFailed())
        return;

    auto report = YieldQuery(m_store->database()).run({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    const YieldCounts &c = report->total;
    QCOMPARE(c.runs, 6);
    QCOMPARE(c.devices, 3);
    QCOMPARE(c.passed, 2);
    QCOMPARE(c.failed, 3);
    QCOMPARE(c.stationFaults, 1);
    QCOMPARE(c.firstPassYield().value_or(-1), 1.0 / 3.0); // only B passed at once
    QCOMPARE(c.finalYield().value_or(-1), 2.0 / 3.0); // A and B
    // Two units passed between t and the last finish (t + 80 s + 60 s).
    QCOMPARE(c.unitsPerHour().value_or(-1), 2 * 3600.0 / 140.0);
    QCOMPARE(report->byResult.value(164), 2);
    QCOMPARE(report->byResult.value(171), 1);
    QVERIFY(!report->byResult.contains(200));
    QCOMPARE(report->byStep.value(QStringLiteral("join")), 2);
    compareWithExpected(runs, {});
}

void TestYieldQuery::tiesGoToTheLowestId()
{
    const qint64 t = 1'790'000'000'000;
    QList<TestRun> runs(2);
    // Same start: the run stored first (lower id) is the first run.
    runs[0].device = QStringLiteral("A");
    runs[0].result = 164;
    runs[0].startedAt = t;
    runs[1].device = QStringLiteral("A");
    runs[1].startedAt = t;
    insert(runs);
    auto report = YieldQuery(m_store->database()).run({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->total.firstPassUnits, 0);
    QCOMPARE(report->total.finalPassUnits, 1);
}

void TestYieldQuery::periodsAndFilters_data()
{
    QTest::addColumn<int>("which");
    const char *names[] = {"everything", "period", "open period", "station", "slot", "operator", "batch",
        "configuration", "operation", "meter", "station and period", "nothing matches", "slot and period",
        "operator and period", "operation and period"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::newRow(names[i]) << i;
}

void TestYieldQuery::periodsAndFilters()
{
    QList<TestRun> runs = lineShift();
    insert(runs);
    if (QTest::currentTestFailed())
        return;
    periodsAndFiltersOf(runs);
}

void TestYieldQuery::periodsAndFiltersOf(const QList<TestRun> &runs)
{
    QFETCH(int, which);
    const qint64 start = 1'790'000'000'000;
    YieldFilter f;
    switch (which) {
    case 1:
        f.fromMs = start + 3'600'000;
        f.toMs = start + 2 * 3'600'000;
        break;
    case 2:
        f.fromMs = start + 5'000'000;
        break;
    case 3:
        f.station = QStringLiteral("line1-st2");
        break;
    case 4:
        f.slot = QStringLiteral("3");
        break;
    case 5:
        f.op = QStringLiteral("bob");
        break;
    case 6:
        f.batch = 8;
        break;
    case 7:
        f.configId = QStringLiteral("0x00000000000000b2");
        break;
    case 8:
        f.operation = QStringLiteral("PRETEST");
        break;
    case 9:
        f.meter = QStringLiteral("kv2c");
        break;
    case 10:
        f.station = QStringLiteral("line1-st1");
        f.toMs = start + 3'600'000;
        break;
    case 11:
        f.station = QStringLiteral("elsewhere");
        break;
    case 12:
        f.slot = QStringLiteral("2");
        f.fromMs = start + 1'800'000;
        f.toMs = start + 9'000'000;
        break;
    case 13:
        f.op = QStringLiteral("alice");
        f.fromMs = start + 2'000'000;
        break;
    case 14:
        f.operation = QStringLiteral("PROVISION");
        f.toMs = start + 6'000'000;
        break;
    default:
        break;
    }
    compareWithExpected(runs, f);
}

void TestYieldQuery::retriedAtAnotherStation_data()
{
    QTest::addColumn<int>("which");
    const char *names[] = {"everything", "first station", "second station", "slot", "operator", "from the second run",
        "up to the third run", "first station from the second run", "batch and period"};
    for (int i = 0; i < int(std::size(names)); ++i)
        QTest::newRow(names[i]) << i;
}

void TestYieldQuery::retriedAtAnotherStation()
{
    QFETCH(int, which);
    const qint64 t = 1'790'000'000'000;
    // Unit U fails at st1 slot 1 (alice), fails at st2 slot 3 (bob), passes at
    // st1 slot 2 (bob, the next batch); a station fault at st2 in between.
    // Unit V passes at st2 at once.
    QList<TestRun> runs(5);
    for (TestRun &r : runs)
        r.device = QStringLiteral("U");
    runs[0].result = 164;
    runs[0].failedStep = QStringLiteral("join");
    runs[0].startedAt = t;
    runs[1].station = QStringLiteral("line1-st2");
    runs[1].slot = QStringLiteral("3");
    runs[1].op = QStringLiteral("bob");
    runs[1].result = 171;
    runs[1].failedStep = QStringLiteral("verify");
    runs[1].startedAt = t + 100'000;
    runs[2].station = QStringLiteral("line1-st2");
    runs[2].result = 200;
    runs[2].stationFault = true;
    runs[2].startedAt = t + 150'000;
    runs[3].slot = QStringLiteral("2");
    runs[3].op = QStringLiteral("bob");
    runs[3].batch = 8;
    runs[3].startedAt = t + 200'000;
    runs[4].device = QStringLiteral("V");
    runs[4].station = QStringLiteral("line1-st2");
    runs[4].startedAt = t + 120'000;
    insert(runs);
    if (QTest::currentTestFailed())
        return;
    compareWithExpected(runs, movedUnitFilter(which, t));
}

void TestYieldQuery::runsArrivingOutOfOrder_data()
{
    periodsAndFilters_data();
}

void TestYieldQuery::runsArrivingOutOfOrder()
{
    // Stations replaying their outboxes after an outage: the runs reach the
    // server in no order of time, and each unit's first and last run are
    // still the earliest and latest it made.
    QList<TestRun> runs = lineShift();
    QRandomGenerator random(7);
    for (qsizetype i = runs.size() - 1; i > 0; --i)
        runs.swapItemsAt(i, qsizetype(random.bounded(quint32(i + 1))));
    insert(runs);
    if (QTest::currentTestFailed())
        return;
    periodsAndFiltersOf(runs);
}

void TestYieldQuery::unitsStoredFromSeveralConnectionsAtOnce()
{
    // Several servers on one database, or one server's writers, storing runs
    // of the same units at the same moment: each run still finds its unit's
    // previous and next run, so every unit has one first and one last run.
    QList<TestRun> runs;
    QRandomGenerator random(23);
    const qint64 start = 1'790'000'000'000;
    for (int unit = 0; unit < 4; ++unit) {
        for (int attempt = 0; attempt < 24; ++attempt) {
            TestRun r;
            r.station = attempt % 2 ? QStringLiteral("line1-st2") : QStringLiteral("line1-st1");
            r.device = QStringLiteral("0x%1").arg(0x2000 + unit, 8, 16, QLatin1Char('0'));
            r.result = random.bounded(3) == 0 ? 0 : 164;
            r.failedStep = r.result ? QStringLiteral("join") : QString();
            r.startedAt = start + attempt * 100'000 + unit;
            runs.append(r);
        }
    }
    for (qsizetype i = runs.size() - 1; i > 0; --i)
        runs.swapItemsAt(i, qsizetype(random.bounded(quint32(i + 1))));
    constexpr int kWriters = 4;
    QList<TestRun> parts[kWriters];
    for (qsizetype i = 0; i < runs.size(); ++i)
        parts[i % kWriters].append(runs.at(i));
    QString errors[kWriters];
    {
        std::vector<std::thread> writers;
        for (int w = 0; w < kWriters; ++w)
            writers.emplace_back([&, w] { (void)test::insertRuns(*m_store, parts[w], &errors[w]); });
        for (std::thread &t : writers)
            t.join();
    }
    runs.clear();
    for (int w = 0; w < kWriters; ++w) {
        QVERIFY2(errors[w].isEmpty(), qPrintable(errors[w]));
        runs.append(parts[w]);
    }
    compareWithExpected(runs, YieldFilter());
}

void TestYieldQuery::shiftCoversItsStationAndTime()
{
    auto first = m_store->shifts().start(QStringLiteral("line1-st1"), QStringLiteral("carol"), QStringLiteral("test"));
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    auto second = m_store->shifts().start(QStringLiteral("line1-st1"), QStringLiteral("dave"), QStringLiteral("test"));
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QList<TestRun> runs(4);
    runs[0].device = QStringLiteral("before");
    runs[0].startedAt = first->startedAtMs - 10;
    runs[1].device = QStringLiteral("in-first");
    runs[1].result = 164;
    runs[1].startedAt = first->startedAtMs;
    runs[2].device = QStringLiteral("in-second");
    runs[2].startedAt = second->startedAtMs;
    runs[3].device = QStringLiteral("other-station");
    runs[3].station = QStringLiteral("line1-st2");
    runs[3].startedAt = first->startedAtMs;
    insert(runs);

    YieldFilter inFirst;
    inFirst.shiftId = first->id;
    auto report = YieldQuery(m_store->database()).run(inFirst);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->total.runs, 1);
    QCOMPARE(report->total.failed, 1);
    YieldFilter inSecond;
    inSecond.shiftId = second->id;
    report = YieldQuery(m_store->database()).run(inSecond);
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    QCOMPARE(report->total.runs, 1); // open: everything of the station since it started
    QCOMPARE(report->total.passed, 1);
    QCOMPARE(report->byStation.keys(), QStringList {QStringLiteral("line1-st1")});
}

void TestYieldQuery::unknownShiftIsRefused()
{
    YieldFilter f;
    f.shiftId = 4711;
    auto report = YieldQuery(m_store->database()).run(f);
    QVERIFY(!report);
    QCOMPARE(report.error().code, ResultCode::InvalidArguments);
    QVERIFY2(report.error().message.contains(QLatin1String("4711")), qPrintable(report.error().message));
}

void TestYieldQuery::jsonHasTheDocumentedKeys()
{
    QList<TestRun> runs = lineShift();
    insert(runs);
    auto report = YieldQuery(m_store->database()).run({});
    QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
    const QJsonObject json = YieldQuery::toJson(*report);
    for (const char *key : {"runs", "devices", "passed", "failed", "stationFaults", "firstPassYield", "finalYield",
             "unitsPerHour", "byResult", "byStation", "byStep", "cycleTimes"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(QLatin1String("runs")).toInteger(), report->total.runs);
    QCOMPARE(json.value(QLatin1String("byResult")).toObject().value(QLatin1String("164")).toInteger(),
        report->byResult.value(164));
    QVERIFY(json.value(QLatin1String("byStation")).toObject().contains(QLatin1String("line1-st2")));
    QCOMPARE(json.value(QLatin1String("cycleTimes")).toArray().size(), report->cycleTimes.size());
}

QTEST_GUILESS_MAIN(TestYieldQuery)
#include "tst_yieldquery.moc"

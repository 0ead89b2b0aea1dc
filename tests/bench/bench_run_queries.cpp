// Run-record queries at factory scale: RUNS stored runs (default 1,000,000:
// 16 stations of 8 slots over 30 days, 12 % of units failing their first run
// and most of those retried, 1 % station faults) bulk-loaded in one
// transaction (not timed), then timed over repeats:
//   - a device's history by node ID, eMCM ID, eMCM tail, meter serial and a
//     scanned carton label (RunStore::history, as `history ID` and
//     GET /api/v1/history answer it), random units, and of an identity never stored;
//   - the yield of one station's shift (8 h), of the whole line for a day, of
//     one station for a day, and of one batch (YieldQuery, as `yield` and
//     GET /api/v1/yield answer it).
// Reports p50 / p99 / max per case against the 200 ms goal, and RSS before and
// after the queries and the peak during them (VmHWM reset after the load):
// the queries group in the database, so memory stays flat.
// Usage: bench_run_queries [RUNS] [--postgres] [--repeats N] [--keep | --reuse KEPT-DIR] (--reuse: the
// queries only, on the runs a --keep run loaded). One JSON object per case on stdout.

#include "BenchSupport.h"
#include "StoreTestSupport.h"

#include "server/store/RunStore.h"
#include "server/store/SqlTransaction.h"
#include "server/store/YieldQuery.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace prov;

namespace {

constexpr int kRowsPerStatement = 500;
constexpr qint64 kBase = 1'790'000'000'000; // the first run's start
constexpr qint64 kDays = 30;
constexpr int kStations = 16;
constexpr int kSlots = 8;
constexpr qint64 kDayMs = 86'400'000;

QString stationName(int station)
{
    return QStringLiteral("line%1-st%2").arg(station / 4 + 1).arg(station % 4 + 1);
}

QString nodeId(qint64 unit)
{
    return QStringLiteral("0x")
        + QStringLiteral("%1").arg(quint32((unit * 2654435761ll) % 0xFFFFFFFFll), 8, 16, QLatin1Char('0')).toUpper();
}

QString emcmId(qint64 unit)
{
    return QStringLiteral("0013A200%1").arg(quint32(unit), 8, 16, QLatin1Char('0')).toUpper();
}

QString meterSerial(qint64 unit)
{
    return QStringLiteral("SN%1").arg(unit, 9, 10, QLatin1Char('0'));
}

/// A label scanned from the unit's carton: none of its identities.
QString cartonLabel(qint64 unit)
{
    return QStringLiteral("CT-%1").arg(unit, 9, 10, QLatin1Char('0'));
}

/// Loads `runs` rows; returns the number of units (devices), or -1.
qint64 bulkLoad(server::ServerStore &store, qint64 runs, QString *error)
{
    auto db = store.database().connection();
    if (!db) {
        *error = db.error().message;
        return -1;
    }
    const bool postgres = store.database().isPostgres();
    QSqlQuery(db.value())
        .exec(postgres ? QStringLiteral("SET synchronous_commit TO off") : QStringLiteral("PRAGMA synchronous=OFF"));
    auto transaction = server::SqlTransaction::begin(db.value(), postgres, server::SqlTransaction::Mode::Write);
    if (!transaction) {
        *error = transaction.error().message;
        return -1;
    }
    QStringList values;
    const auto flush = [&]() -> bool {
        if (values.isEmpty())
            return true;
        QSqlQuery query(db.value());
        const bool ok = query.exec(
            QStringLiteral("INSERT INTO runs (uuid, station, slot, port, operator, meter, operation, config_id,"
                           " revision, batch, device, node_id, emcm_id, emcm_tail, meter_serial, labels, result,"
                           " station_fault, failed_step, cause, attempt, started_at, finished_at,"
                           " duration_ms, received_at, steps, unit_prev_at, unit_prev_station, unit_next_at,"
                           " unit_next_station, device_prev_at, device_prev_station) VALUES ")
            + values.join(u','));
        values.clear();
        if (!ok)
            *error = query.lastError().text();
        return ok;
    };
    const auto flushLabels = [&](QStringList &rows) -> bool {
        if (rows.isEmpty())
            return true;
        QSqlQuery query(db.value());
        const bool ok = query.exec(QStringLiteral("INSERT INTO run_labels (label, device) VALUES ") + rows.join(u','));
        rows.clear();
        if (!ok)
            *error = query.lastError().text();
        return ok;
    };
    QRandomGenerator random(15);
    const qint64 spacing = kDays * kDayMs / runs; // one run starts every `spacing` ms on the line
    qint64 row = 0;
    qint64 unit = 0;
    QStringList labels;
    while (row < runs) {
        const int station = int(unit % kStations);
        const int slot = int((unit / kStations) % kSlots) + 1;
        const QString node = nodeId(unit);
        const QString emcm = emcmId(unit);
        const QString serial = meterSerial(unit);
        const int attempts = random.bounded(100) < 12 ? 1 + int(random.bounded(3)) : 1;
        struct Attempt
        {
            bool fault;
            bool passed;
            qint64 duration;
            qint64 start;
        };
        QList<Attempt> unitRuns;
        for (int attempt = 1; attempt <= attempts && row + unitRuns.size() < runs; ++attempt) {
            const bool fault = random.bounded(100) == 0;
            const bool passed = !fault && (attempt == attempts ? random.bounded(100) < 90 : false);
            const qint64 duration = fault ? 1500 : 40'000 + qint64(random.bounded(50'000));
            unitRuns.append({fault, passed, duration, kBase + (row + unitRuns.size()) * spacing});
        }
        // The unit's counted runs (not station faults) name their neighbours,
        // as RunStore keeps them; every run of a unit is at its station, and
        // the device has one operation, so the unit's and the device's agree.
        const QString stationText = QStringLiteral("'") + stationName(station) + QStringLiteral("'");
        qint64 previous = -1;
        int attempt = 0;
        for (qsizetype i = 0; i < unitRuns.size(); ++i) {
            const Attempt &a = unitRuns.at(i);
            QString prev = QStringLiteral("NULL,NULL");
            QString next = QStringLiteral("NULL,NULL");
            if (!a.fault) {
                ++attempt;
                if (previous >= 0)
                    prev = QString::number(previous) + u',' + stationText;
                for (qsizetype j = i + 1; j < unitRuns.size(); ++j) {
                    if (!unitRuns.at(j).fault) {
                        next = QString::number(unitRuns.at(j).start) + u',' + stationText;
                        break;
                    }
                }
                previous = a.start;
            }
            const bool fault = a.fault;
            const bool passed = a.passed;
            values.append(
                QStringLiteral("('%1','%2','%3','/dev/ttyUSB%4','op%5','i210plus','PROVISION','0x0000000000000045',1,"
                               "%6,'%7','%7','%8','%9','%10','%11',%12,%13,'%14','%15',%16,%17,%18,%19,%18,'[]',")
                    .arg(QStringLiteral("00000000-0000-4000-8000-%1").arg(row, 12, 16, QLatin1Char('0')),
                        stationName(station), QString::number(slot), QString::number(slot - 1),
                        QString::number(station % 3))
                    .arg(1000 + unit / 20000)
                    .arg(fault ? QString() : node, fault ? QString() : emcm, fault ? QString() : emcm.right(8),
                        fault ? QString() : serial)
                    .arg(QStringLiteral("{\"carton\":\"%1\"}").arg(cartonLabel(unit)))
                    .arg(fault       ? 200
                            : passed ? 0
                                     : 164)
                    .arg(fault ? 1 : 0)
                    .arg(passed || fault ? QString() : QStringLiteral("join"),
                        passed || fault ? QString() : QStringLiteral("gateway.no_join"))
                    .arg(fault ? 1 : attempt)
                    .arg(a.start)
                    .arg(a.start + a.duration)
                    .arg(a.duration)
                + prev + u',' + next + u',' + prev + u')');
            ++row;
            if (values.size() >= kRowsPerStatement && !flush())
                return -1;
        }
        if (attempt > 0)
            labels.append(QStringLiteral("('%1','%2')").arg(cartonLabel(unit), node));
        if (labels.size() >= kRowsPerStatement && !flushLabels(labels))
            return -1;
        ++unit;
    }
    if (!flushLabels(labels))
        return -1;
    if (!flush())
        return -1;
    if (auto ok = transaction->commit(); !ok) {
        *error = ok.error().message;
        return -1;
    }
    if (postgres) {
        QSqlQuery(db.value()).exec(QStringLiteral("SET synchronous_commit TO on"));
        QSqlQuery(db.value()).exec(QStringLiteral("ANALYZE runs"));
    } else {
        QSqlQuery(db.value()).exec(QStringLiteral("PRAGMA synchronous=FULL"));
        QSqlQuery(db.value()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        QSqlQuery(db.value()).exec(QStringLiteral("ANALYZE"));
    }
    return unit;
}

struct Timings
{
    QList<double> ms;
    bool ok = true;

    [[nodiscard]] double percentile(double p) const
    {
        QList<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted.isEmpty() ? 0 : sorted.at(qMin(sorted.size() - 1, qsizetype(p * double(sorted.size()))));
    }
};

Timings timeRepeats(int repeats, const std::function<bool(int)> &query)
{
    Timings t;
    QElapsedTimer timer;
    for (int i = 0; i < repeats; ++i) {
        timer.start();
        t.ok = query(i) && t.ok;
        t.ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    return t;
}

void report(const QString &engine, const QString &name, qint64 runs, const Timings &t, const QJsonObject &extra)
{
    QJsonObject json {{QStringLiteral("bench"), QStringLiteral("run_queries")}, {QStringLiteral("engine"), engine},
        {QStringLiteral("case"), name}, {QStringLiteral("storedRuns"), double(runs)},
        {QStringLiteral("repeats"), int(t.ms.size())}, {QStringLiteral("p50Ms"), t.percentile(0.5)},
        {QStringLiteral("p99Ms"), t.percentile(0.99)}, {QStringLiteral("maxMs"), t.percentile(1.0)},
        {QStringLiteral("goalP99Ms"), 200}, {QStringLiteral("ok"), t.ok},
        {QStringLiteral("loadAverage"), bench::loadAverageText()}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        json.insert(it.key(), it.value());
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 runs = 1'000'000;
    int repeats = 50;
    QString engine = QStringLiteral("sqlite");
    bool keep = false;
    QString reuse; // a folder kept by --keep: the queries without the load
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == u"--postgres")
            engine = QStringLiteral("postgres");
        else if (arg == u"--keep")
            keep = true;
        else if (arg == u"--reuse" && i + 1 < argc)
            reuse = QString::fromLocal8Bit(argv[++i]);
        else if (arg == u"--repeats" && i + 1 < argc)
            repeats = QString::fromLocal8Bit(argv[++i]).toInt();
        else
            runs = arg.toLongLong();
    }
    test::ScratchStore scratch(engine);
    if (scratch.isSkipped() || !scratch.error().isEmpty()) {
        std::fprintf(stderr, "bench_run_queries: %s\n", qPrintable(scratch.skipReason() + scratch.error()));
        return 1;
    }
    if (keep) {
        scratch.keep();
        std::fprintf(stderr, "bench_run_queries: keeping %s %s\n", qPrintable(scratch.scratchDir()),
            qPrintable(scratch.databaseUrl()));
        // --reuse finds the kept PostgreSQL schema through the kept folder.
        QFile url(scratch.scratchDir() + QStringLiteral("/database-url"));
        if (!url.open(QIODevice::WriteOnly) || url.write(scratch.databaseUrl().toUtf8()) < 0)
            return 1;
    }
    server::StoreOptions options = scratch.options();
    if (!reuse.isEmpty()) {
        options.dataDir = reuse + QStringLiteral("/data");
        QFile url(reuse + QStringLiteral("/database-url"));
        if (url.open(QIODevice::ReadOnly))
            options.databaseUrl = QString::fromUtf8(url.readAll());
    }
    auto store = server::ServerStore::open(options);
    if (!store) {
        std::fprintf(stderr, "bench_run_queries: %s\n", qPrintable(store.error().toString()));
        return 1;
    }
    server::ServerStore &s = *store.value();
    qint64 units = 0;
    if (reuse.isEmpty()) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        units = bulkLoad(s, runs, &error);
        if (units < 0) {
            std::fprintf(stderr, "bench_run_queries: load failed: %s\n", qPrintable(error));
            return 1;
        }
        std::fprintf(stderr, "bench_run_queries: %lld runs of %lld units loaded in %.1f s\n",
            static_cast<long long>(runs), static_cast<long long>(units), double(timer.elapsed()) / 1000.0);
    } else {
        auto db = s.database().connection();
        QSqlQuery count(db.value());
        if (!count.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT device) FROM runs")) || !count.next())
            return 1;
        runs = count.value(0).toLongLong();
        units = count.value(1).toLongLong();
    }
    if (units <= 0) {
        std::fprintf(stderr, "bench_run_queries: no devices stored\n");
        return 1;
    }

    const bool peakReset = bench::resetPeakRss();
    const qint64 rssBefore = bench::statusKiB("VmRSS");
    QRandomGenerator random(42);
    bool allOk = true;
    const std::pair<const char *, std::function<QString(qint64)>> identities[]
        = {{"node ID", nodeId}, {"eMCM ID", emcmId},
            {"eMCM tail",
                [](qint64 unit) {
                    return emcmId(unit).right(8);
                }},
            {"meter serial", meterSerial}, {"scanned label", cartonLabel}};
    // Random units that have a stored run: a unit whose every run was a
    // station fault has no identity stored (that lookup is the case below).
    QList<qint64> sample;
    {
        auto db = s.database().connection();
        QSqlQuery stored(db.value());
        stored.prepare(QStringLiteral("SELECT 1 FROM runs WHERE device = ? LIMIT 1"));
        while (sample.size() < repeats) {
            const qint64 unit = qint64(random.bounded(quint64(units)));
            stored.addBindValue(nodeId(unit));
            if (stored.exec() && stored.next())
                sample.append(unit);
            stored.finish();
        }
    }
    for (const auto &[kind, identity] : identities) {
        const auto history = timeRepeats(repeats, [&](int i) {
            auto found = s.runs().history(identity(sample.at(i)));
            return found.ok() && !found->runs.isEmpty();
        });
        report(engine, QStringLiteral("history by ") + QLatin1String(kind), runs, history, {});
        allOk = allOk && history.ok;
    }
    {
        // An identity no run has: every lookup, the scanned labels' included, finds nothing.
        const auto unknown = timeRepeats(repeats, [&](int i) {
            auto found = s.runs().history(QStringLiteral("NO-SUCH-LABEL-%1").arg(i));
            return found.ok() && found->runs.isEmpty();
        });
        report(engine, QStringLiteral("history of an identity never stored"), runs, unknown, {});
        allOk = allOk && unknown.ok;
    }

    const qint64 lastDay = kBase + (kDays - 1) * kDayMs;
    struct YieldCase
    {
        QString name;
        std::function<server::YieldFilter(int)> filter;
    };
    const QList<YieldCase> cases = {
        {QStringLiteral("yield: one station, one 8 h shift"),
            [&](int i) {
                server::YieldFilter f;
                f.station = stationName(i % kStations);
                f.fromMs = lastDay - (i % 20) * kDayMs;
                f.toMs = *f.fromMs + 8 * 3'600'000;
                return f;
            }},
        {QStringLiteral("yield: one station, one day"),
            [&](int i) {
                server::YieldFilter f;
                f.station = stationName(i % kStations);
                f.fromMs = lastDay - (i % 20) * kDayMs;
                f.toMs = *f.fromMs + kDayMs;
                return f;
            }},
        {QStringLiteral("yield: the whole line, one 8 h shift"),
            [&](int i) {
                server::YieldFilter f;
                f.fromMs = lastDay - (i % 20) * kDayMs;
                f.toMs = *f.fromMs + 8 * 3'600'000;
                return f;
            }},
        {QStringLiteral("yield: the whole line, one day"),
            [&](int i) {
                server::YieldFilter f;
                f.fromMs = lastDay - (i % 20) * kDayMs;
                f.toMs = *f.fromMs + kDayMs;
                return f;
            }},
        {QStringLiteral("yield: one batch (20,000 units)"),
            [&](int i) {
                server::YieldFilter f;
                f.batch = 1000 + i % qMax<qint64>(1, units / 20000);
                return f;
            }},
    };
    for (const YieldCase &c : cases) {
        qint64 selected = 0;
        const auto t = timeRepeats(repeats, [&](int i) {
            auto r = server::YieldQuery(s.database()).run(c.filter(i));
            if (r)
                selected = r->total.runs;
            return r.ok() && r->total.runs > 0;
        });
        report(engine, c.name, runs, t, {{QStringLiteral("runsSelectedLast"), double(selected)}});
        allOk = allOk && t.ok;
    }
    const qint64 rssAfter = bench::statusKiB("VmRSS");
    const qint64 peak = bench::statusKiB("VmHWM");
    const QJsonObject memory {{QStringLiteral("bench"), QStringLiteral("run_queries")},
        {QStringLiteral("engine"), engine}, {QStringLiteral("case"), QStringLiteral("memory")},
        {QStringLiteral("rssBeforeMB"), double(rssBefore) / 1024},
        {QStringLiteral("rssAfterMB"), double(rssAfter) / 1024},
        {QStringLiteral("peakDuringQueriesMB"), double(peak) / 1024}, {QStringLiteral("peakResetWorked"), peakReset}};
    std::printf("%s\n", QJsonDocument(memory).toJson(QJsonDocument::Compact).constData());
    return allOk ? 0 : 1;
}

// Run records over HTTP: 64 concurrent station clients (keep-alive
// connections) post run records (ten steps, a 4 KiB run log; half of them a
// device's failed first run, half its passing retry) to POST /api/v1/results
// of one provstation-server for SECONDS: on SQLite (synchronous=FULL) and,
// when PROVSTATION_TEST_PG_URL is set, on PostgreSQL. Reports runs/s and
// latency percentiles, and the ratio to the raw Qt Sql insert loop of the
// same rows by the same statements with one durable commit per run
// (RunInsertLoop) measured in the same run, on the same store. Every run
// answered 200 must be in the table afterwards, exactly once.
//
// Usage: bench_runs_http [SECONDS] [CLIENTS]   (default 20 s, 64 clients). One JSON object per engine.

#include "BenchSupport.h"
#include "HttpLoad.h"
#include "RunInsertLoop.h"
#include "StoreTestSupport.h"

#include "server/store/SqlSupport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

#include <cstdio>

using namespace prov;

namespace {

/// Rows in `table` (-1 when the query failed).
qint64 rowCount(server::ServerStore &store, const QString &table)
{
    auto db = store.database().connection();
    if (!db)
        return -1;
    auto rows
        = server::runSql(db.value(), QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT uuid) FROM %1").arg(table), {});
    if (!rows || !rows->next() || rows->value(0).toLongLong() != rows->value(1).toLongLong())
        return -1;
    return rows->value(0).toLongLong();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const double seconds = args.size() > 0 ? args.at(0).toDouble() : 20.0;
    const int clients = args.size() > 1 ? args.at(1).toInt() : 64;
    int status = 0;
    for (const QString &engine : bench::benchEngines()) {
        bench::HttpBenchStore setup = bench::openHttpBenchStore("bench_runs_http", engine);
        if (!setup.store)
            return 1;
        server::ServerStore *store = setup.store.get();
        const test::ScratchStore &scratch = *setup.scratch;
        // The baseline on the same store, same machine, same run.
        const bench::InsertLoopResult baseline = bench::runRunInsertLoop(*store, seconds);
        if (!baseline.error.isEmpty()) {
            std::fprintf(stderr, "bench_runs_http: baseline: %s\n", qPrintable(baseline.error));
            status = 1;
        }
        const qint64 before = rowCount(*store, QStringLiteral("runs"));

        bench::ServerGroup group(scratch.scratchDir(), scratch.masterKeyFile(), scratch.databaseUrl());
        QString error;
        if (!group.start(1, &error)) {
            std::fprintf(stderr, "bench_runs_http: the server did not start: %s\n", qPrintable(error));
            return 1;
        }
        bench::HttpLoad load;
        load.path = "/api/v1/results";
        load.token = setup.token;
        // Devices of their own, after the baseline's.
        load.body = [runLog = bench::benchRunLog(), first = 2 * (baseline.records + 1)](qint64 n) {
            return QJsonDocument(bench::benchRun(first + n, runLog).toJson()).toJson(QJsonDocument::Compact);
        };
        const double benchCpuBefore = bench::cpuSeconds(0);
        bench::runHttpLoad(load, group.targets(), seconds, clients);
        const double serverCpu = group.totalCpuSeconds();
        const double clientCpu = bench::cpuSeconds(0) - benchCpuBefore;
        const QStringList writers = group.stop();
        if (!bench::reportFailures("bench_runs_http", load))
            status = 1;
        const qint64 stored = rowCount(*store, QStringLiteral("runs")) - before;
        if (before < 0 || stored != load.ok) {
            std::fprintf(stderr, "bench_runs_http: %lld runs answered 200, %lld stored\n",
                static_cast<long long>(load.ok), static_cast<long long>(stored));
            status = 1;
        }
        const double elapsed = double(load.deadlineMs) / 1000.0;
        const double rate = double(load.ok) / elapsed;
        const double ratio = baseline.recordsPerSecond > 0 ? rate / baseline.recordsPerSecond : 0.0;
        bench::printJson(QJsonObject {{QStringLiteral("bench"), QStringLiteral("runs_http")},
            {QStringLiteral("engine"), engine}, {QStringLiteral("clients"), clients},
            {QStringLiteral("seconds"), elapsed}, {QStringLiteral("runs"), double(load.ok)},
            {QStringLiteral("stored"), double(stored)}, {QStringLiteral("failed"), double(load.failed)},
            {QStringLiteral("droppedConnections"), double(load.dropped)}, {QStringLiteral("runsPerSecond"), rate},
            {QStringLiteral("p50Ms"), bench::percentile(load.latenciesMs, 0.50)},
            {QStringLiteral("p99Ms"), bench::percentile(load.latenciesMs, 0.99)},
            {QStringLiteral("maxMs"), bench::percentile(load.latenciesMs, 1.0)},
            {QStringLiteral("baselineRunsPerSecond"), baseline.recordsPerSecond},
            {QStringLiteral("baselineP50Ms"), baseline.p50Ms}, {QStringLiteral("baselineP99Ms"), baseline.p99Ms},
            {QStringLiteral("ratio"), ratio}, {QStringLiteral("groupCommit"), writers.join(QStringLiteral("; "))},
            {QStringLiteral("serverCpuMsPerRun"),
                load.ok > 0 && serverCpu >= 0 ? 1000.0 * serverCpu / double(load.ok) : 0.0},
            // The 64 clients share the machine with the server: what they took of it.
            {QStringLiteral("clientCpuMsPerRun"), load.ok > 0 ? 1000.0 * clientCpu / double(load.ok) : 0.0},
            {QStringLiteral("loadAverage"), bench::loadAverageText()},
            {QStringLiteral("goal"), QStringLiteral(">= 1000 runs/s on SQLite, ratio >= 0.5")},
            {QStringLiteral("goalMet"), ratio >= 0.5 && (engine != u"sqlite" || rate >= 1000.0)}});
    }
    return status;
}

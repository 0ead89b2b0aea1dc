// Escrow over HTTP: 64 concurrent station clients (keep-alive connections)
// upload escrow records (a 256-byte encrypted key, a 4 KiB run log) for 20 s.
// In one run: one provstation-server on SQLite, and, when
// PROVSTATION_TEST_PG_URL is set, 1, 2 and 3 servers on one PostgreSQL schema
// (one master key, the clients spread over them as a balancer would), the same
// load each time. Reports records/s and latency percentiles, and the ratio to
// the raw Qt Sql insert loop of the same rows with the same durability (one
// durable commit per record; EscrowInsertLoop) measured in the same run; on
// PostgreSQL also the statements the servers sent per record (counted by a
// relay in front of the database in a separate short phase, so the relay does
// not slow the measured runs).
//
// Usage: bench_escrow_http [SECONDS] [CLIENTS] [--servers 1,2,3]
//        bench_escrow_http [SECONDS] [CLIENTS] --db URL --master-key-file FILE --target URL [--target URL ...]
// The second form loads servers that are already running (on other machines,
// say) on database URL with master key FILE: the bench imports its
// configuration 0x45 and a station token through the database, then spreads
// the clients over the targets. One JSON object per case.

#include "BenchSupport.h"
#include "EscrowInsertLoop.h"
#include "HttpLoad.h"
#include "HttpTestSupport.h"
#include "PgStatementCounter.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>

using namespace prov;

namespace {

/// The n-th escrow record's body.
QByteArray escrowBody(qint64 n, const QString &kmsFingerprint, const QString &runLog)
{
    const QJsonObject record {{QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("nodeId"), NodeId(static_cast<quint32>(0x00200000 + n)).toString()},
        {QStringLiteral("configId"), QStringLiteral("0x0000000000000045")}, {QStringLiteral("revision"), 1},
        {QStringLiteral("batch"), 1000}, {QStringLiteral("station"), QStringLiteral("bench-st")},
        {QStringLiteral("nodeType"), QStringLiteral("UNODE")},
        {QStringLiteral("nodeVersion"), QStringLiteral("1.2.3.4")},
        {QStringLiteral("provisionedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("state"), QStringLiteral("done")},
        {QStringLiteral("nodeRootKey"), QString::fromLatin1(bench::benchRootKeyBlob(n).toBase64())},
        {QStringLiteral("kmsKey"), kmsFingerprint},
        {QStringLiteral("apps"), QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("emcm")}}}},
        {QStringLiteral("verification"), QJsonObject {}}, {QStringLiteral("runLog"), runLog}};
    return QJsonDocument(record).toJson(QJsonDocument::Compact);
}

/// The load: `clients` stations spread over `targets` until `seconds` pass.
bench::HttpLoad runLoad(
    const QList<QUrl> &targets, const QByteArray &token, const QString &kms, double seconds, int clients)
{
    bench::HttpLoad load;
    load.path = "/api/v1/escrow";
    load.token = token;
    load.body = [kms, runLog = bench::benchRunLog()](qint64 n) {
        return escrowBody(n, kms, runLog);
    };
    bench::runHttpLoad(load, targets, seconds, clients);
    return load;
}

/// The database URL with another host and port (through the counting relay).
QString viaRelay(const QString &databaseUrl, quint16 port)
{
    QUrl url(databaseUrl);
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    return url.toString();
}

QJsonObject caseJson(const QString &engine, int servers, const bench::HttpLoad &run, int clients, double serverCpu,
    const QStringList &writers, const bench::InsertLoopResult &baseline)
{
    const double elapsed = double(run.deadlineMs) / 1000.0;
    const double rate = run.ok / elapsed;
    return QJsonObject {{QStringLiteral("bench"), QStringLiteral("escrow_http")}, {QStringLiteral("engine"), engine},
        {QStringLiteral("servers"), servers}, {QStringLiteral("clients"), clients},
        {QStringLiteral("seconds"), elapsed}, {QStringLiteral("records"), double(run.ok)},
        {QStringLiteral("failed"), double(run.failed)}, {QStringLiteral("droppedConnections"), double(run.dropped)},
        {QStringLiteral("recordsPerSecond"), rate}, {QStringLiteral("p50Ms"), bench::percentile(run.latenciesMs, 0.50)},
        {QStringLiteral("p99Ms"), bench::percentile(run.latenciesMs, 0.99)},
        {QStringLiteral("maxMs"), bench::percentile(run.latenciesMs, 1.0)},
        {QStringLiteral("baselineRecordsPerSecond"), baseline.recordsPerSecond},
        {QStringLiteral("baselineP99Ms"), baseline.p99Ms},
        {QStringLiteral("ratio"), baseline.recordsPerSecond > 0 ? rate / baseline.recordsPerSecond : 0.0},
        {QStringLiteral("groupCommit"), writers.join(QStringLiteral("; "))},
        {QStringLiteral("serverCpuMsPerRecord"),
            run.ok > 0 && serverCpu >= 0 ? 1000.0 * serverCpu / double(run.ok) : 0.0},
        {QStringLiteral("loadAverage"), bench::loadAverageText()},
        {QStringLiteral("goal"), QStringLiteral(">= 1000 records/s on SQLite, ratio >= 0.5 for one server")}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const auto option = [&args](const QString &name) {
        QStringList values;
        for (qsizetype i = args.indexOf(name); i >= 0 && i + 1 < args.size(); i = args.indexOf(name)) {
            values.append(args.at(i + 1));
            args.remove(i, 2);
        }
        return values;
    };
    const QStringList targetUrls = option(QStringLiteral("--target"));
    const QString externalDb = option(QStringLiteral("--db")).value(0);
    const QString externalKey = option(QStringLiteral("--master-key-file")).value(0);
    const QStringList serverCounts
        = option(QStringLiteral("--servers")).value(0, QStringLiteral("1,2,3")).split(QLatin1Char(','));
    const double seconds = args.size() > 0 ? args.at(0).toDouble() : 20.0;
    const int clients = args.size() > 1 ? args.at(1).toInt() : 64;
    int status = 0;

    if (!targetUrls.isEmpty()) {
        if (externalDb.isEmpty() || externalKey.isEmpty()) {
            std::fprintf(stderr, "bench_escrow_http: --target needs --db URL and --master-key-file FILE\n");
            return 2;
        }
        QTemporaryDir dir;
        server::StoreOptions options;
        options.dataDir = dir.path();
        options.databaseUrl = externalDb;
        options.masterKeyFile = externalKey;
        auto store = bench::openBenchStore(options);
        if (!store)
            return 1;
        const QByteArray bearer = bench::issueBenchToken("bench_escrow_http", *store);
        if (bearer.isEmpty())
            return 1;
        QList<QUrl> targets;
        for (const QString &url : targetUrls)
            targets.append(QUrl(url));
        const bench::HttpLoad run = runLoad(targets, bearer, bench::benchKmsFingerprint(*store), seconds, clients);
        const bench::InsertLoopResult baseline = bench::runEscrowInsertLoop(*store, seconds);
        bench::printJson(
            caseJson(store->database().isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite"),
                int(targets.size()), run, clients, -1, {}, baseline));
        return bench::reportFailures("bench_escrow_http", run) ? 0 : 1;
    }

    for (const QString &engine : bench::benchEngines()) {
        bench::HttpBenchStore setup = bench::openHttpBenchStore("bench_escrow_http", engine);
        if (!setup.store)
            return 1;
        server::ServerStore *store = setup.store.get();
        const test::ScratchStore &scratch = *setup.scratch;
        const QByteArray &bearer = setup.token;
        const QString kms = bench::benchKmsFingerprint(*store);
        // The baseline on the same store, same machine, same run.
        const bench::InsertLoopResult baseline = bench::runEscrowInsertLoop(*store, seconds);
        if (!baseline.error.isEmpty()) {
            std::fprintf(stderr, "bench_escrow_http: baseline: %s\n", qPrintable(baseline.error));
            status = 1;
        }
        const QStringList counts = engine == u"postgres" ? serverCounts : QStringList {QStringLiteral("1")};
        for (const QString &count : counts) {
            // The servers as they run in production: own processes, the access log on.
            bench::ServerGroup group(scratch.scratchDir(), scratch.masterKeyFile(), scratch.databaseUrl());
            QString error;
            if (!group.start(count.toInt(), &error)) {
                std::fprintf(stderr, "bench_escrow_http: a server did not start: %s\n", qPrintable(error));
                return 1;
            }
            const bench::HttpLoad run = runLoad(group.targets(), bearer, kms, seconds, clients);
            const double serverCpu = group.totalCpuSeconds();
            const QStringList writers = group.stop();
            if (!bench::reportFailures("bench_escrow_http", run))
                status = 1;
            bench::printJson(caseJson(engine, count.toInt(), run, clients, serverCpu, writers, baseline));
        }
        if (engine == u"postgres") {
            // Statements per record: one server through the counting relay, a short run.
            const QUrl db(scratch.databaseUrl());
            bench::PgStatementCounter relay(db.host(), quint16(db.port(5432)));
            bench::ServerGroup group(
                scratch.scratchDir(), scratch.masterKeyFile(), viaRelay(scratch.databaseUrl(), relay.port()));
            QString error;
            if (relay.port() == 0 || !group.start(1, &error)) {
                std::fprintf(stderr, "bench_escrow_http: the counted server did not start: %s\n", qPrintable(error));
                return 1;
            }
            relay.reset(); // what a start costs is not per record
            const bench::HttpLoad run = runLoad(group.targets(), bearer, kms, qMin(seconds, 5.0), clients);
            const qint64 statements = relay.statements();
            group.stop();
            bench::printJson(QJsonObject {{QStringLiteral("bench"), QStringLiteral("escrow_http_statements")},
                {QStringLiteral("engine"), engine}, {QStringLiteral("servers"), 1},
                {QStringLiteral("records"), double(run.ok)}, {QStringLiteral("statements"), double(statements)},
                {QStringLiteral("statementsPerRecord"), run.ok > 0 ? double(statements) / double(run.ok) : 0.0}});
        }
    }
    return status;
}

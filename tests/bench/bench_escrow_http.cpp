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
#include "HttpTestSupport.h"
#include "PgStatementCounter.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

using namespace prov;

namespace {

/// Shared by every client: what to send and what came back.
struct Run
{
    QByteArray token;
    QString kmsFingerprint;
    QString runLog;
    QList<QUrl> targets; ///< client i talks to targets[i % size]
    qint64 deadlineMs = 0;
    QElapsedTimer clock;
    qint64 nextNode = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 dropped = 0; ///< connections lost (the client reconnects)
    QByteArray firstFailure;
    std::vector<double> latenciesMs;
    int active = 0;
};

QByteArray requestFor(Run &run)
{
    const qint64 n = run.nextNode++;
    const QJsonObject record {{QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("nodeId"), NodeId(static_cast<quint32>(0x00200000 + n)).toString()},
        {QStringLiteral("configId"), QStringLiteral("0x0000000000000045")}, {QStringLiteral("revision"), 1},
        {QStringLiteral("batch"), 1000}, {QStringLiteral("station"), QStringLiteral("bench-st")},
        {QStringLiteral("nodeType"), QStringLiteral("UNODE")},
        {QStringLiteral("nodeVersion"), QStringLiteral("1.2.3.4")},
        {QStringLiteral("provisionedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("state"), QStringLiteral("done")},
        {QStringLiteral("nodeRootKey"), QString::fromLatin1(bench::benchRootKeyBlob(n).toBase64())},
        {QStringLiteral("kmsKey"), run.kmsFingerprint},
        {QStringLiteral("apps"), QJsonArray {QJsonObject {{QStringLiteral("name"), QStringLiteral("emcm")}}}},
        {QStringLiteral("verification"), QJsonObject {}}, {QStringLiteral("runLog"), run.runLog}};
    const QByteArray body = QJsonDocument(record).toJson(QJsonDocument::Compact);
    return "POST /api/v1/escrow HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + run.token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

/// One station: sends a record, waits for the answer, sends the next.
class Client : public QObject
{
public:
    Client(Run &run, const QUrl &target)
        : m_run(run)
        , m_target(target)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Client::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Client::onReadyRead);
        // A connection lost (or refused) must not leave the run waiting for ever.
        connect(&m_socket, &QTcpSocket::disconnected, this, &Client::onLost);
        connect(&m_socket, &QTcpSocket::errorOccurred, this, &Client::onLost);
        ++m_run.active;
        connectToTarget();
    }

private:
    void connectToTarget()
    {
        m_buffer.clear();
        m_socket.connectToHost(m_target.host(), quint16(m_target.port(80)));
    }
    void onLost()
    {
        if (m_finished || m_reconnecting)
            return;
        ++m_run.dropped;
        if (m_run.clock.elapsed() >= m_run.deadlineMs) {
            finish();
            return;
        }
        m_reconnecting = true;
        m_socket.abort();
        QTimer::singleShot(50, this, [this] {
            m_reconnecting = false;
            connectToTarget();
        });
    }
    void send()
    {
        if (m_run.clock.elapsed() >= m_run.deadlineMs) {
            finish();
            return;
        }
        m_sent.start();
        m_socket.write(requestFor(m_run));
    }
    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        static const QRegularExpression kLength(QStringLiteral("(?i)content-length:\\s*(\\d+)"));
        const auto match = kLength.match(QString::fromLatin1(m_buffer.left(headEnd)));
        const qint64 length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        const bool ok = m_buffer.startsWith("HTTP/1.1 200");
        if (ok) {
            ++m_run.ok;
            m_run.latenciesMs.push_back(m_sent.nsecsElapsed() / 1e6);
        } else {
            ++m_run.failed;
            if (m_run.firstFailure.isEmpty())
                m_run.firstFailure = m_buffer.left(headEnd + 4 + length);
        }
        m_buffer.remove(0, headEnd + 4 + length);
        send();
    }
    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_socket.disconnectFromHost();
        if (--m_run.active == 0)
            QCoreApplication::exit(0);
    }

    Run &m_run;
    QUrl m_target;
    bool m_finished = false;
    bool m_reconnecting = false;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QElapsedTimer m_sent;
};

/// CPU seconds (user + system) a process has used, from /proc/PID/stat.
double cpuSeconds(qint64 pid)
{
    QFile file(pid > 0 ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / double(::sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())));
    return values[index];
}

/// The load: `clients` stations spread over `targets` until `seconds` pass.
Run runLoad(const QList<QUrl> &targets, const QByteArray &token, const QString &kms, double seconds, int clients)
{
    Run run;
    run.token = token;
    run.kmsFingerprint = kms;
    run.runLog = bench::benchRunLog();
    run.targets = targets;
    run.deadlineMs = qint64(seconds * 1000);
    run.latenciesMs.reserve(200000);
    std::vector<std::unique_ptr<Client>> stations;
    run.clock.start();
    for (int i = 0; i < clients; ++i)
        stations.push_back(std::make_unique<Client>(run, targets.at(i % targets.size())));
    QCoreApplication::exec();
    run.deadlineMs = run.clock.elapsed(); // now: the elapsed time
    return run;
}

/// Local servers on one database (and one master key), each with its own data folder.
class ServerGroup
{
public:
    ServerGroup(const QString &scratchDir, const QString &masterKeyFile, const QString &databaseUrl)
        : m_scratchDir(scratchDir)
        , m_masterKeyFile(masterKeyFile)
        , m_databaseUrl(databaseUrl)
    { }

    [[nodiscard]] bool start(int count, QString *error)
    {
        for (int i = 0; i < count; ++i) {
            // SQLite lives in the data folder: one server, the store's own folder.
            const QString dataDir = m_databaseUrl.isEmpty()
                ? m_scratchDir + QStringLiteral("/data")
                : QStringLiteral("%1/server-%2-%3").arg(m_scratchDir).arg(count).arg(i);
            // Every bench client comes from 127.0.0.1; stations on a line are separate hosts.
            QStringList arguments {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:0"), QStringLiteral("--insecure-http"),
                QStringLiteral("--max-connections-per-address"), QStringLiteral("256")};
            if (!m_databaseUrl.isEmpty())
                arguments << QStringLiteral("--db") << m_databaseUrl;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PROVSTATION_MASTER_KEY_FILE"), m_masterKeyFile);
            m_servers.push_back(std::make_unique<test::ServerProcess>());
            if (!m_servers.back()->start(test::binPath(QStringLiteral("provstation-server")), arguments, env)) {
                *error = m_servers.back()->errorText();
                return false;
            }
        }
        return true;
    }
    [[nodiscard]] QList<QUrl> targets() const
    {
        QList<QUrl> urls;
        for (const auto &server : m_servers)
            urls.append(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port())));
        return urls;
    }
    [[nodiscard]] double totalCpuSeconds() const
    {
        double total = 0;
        for (const auto &server : m_servers)
            total += cpuSeconds(server->pid());
        return total;
    }
    /// Stops them; returns their "escrow writer:" lines.
    QStringList stop()
    {
        QStringList lines;
        for (const auto &server : m_servers) {
            server->stop();
            lines += QString::fromUtf8(server->allStdout())
                         .split(QLatin1Char('\n'))
                         .filter(QStringLiteral("escrow writer:"))
                         .replaceInStrings(QStringLiteral("escrow writer: "), QString());
        }
        m_servers.clear();
        return lines;
    }

private:
    QString m_scratchDir;
    QString m_masterKeyFile;
    QString m_databaseUrl;
    std::vector<std::unique_ptr<test::ServerProcess>> m_servers;
};

/// The database URL with another host and port (through the counting relay).
QString viaRelay(const QString &databaseUrl, quint16 port)
{
    QUrl url(databaseUrl);
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    return url.toString();
}

QJsonObject caseJson(const QString &engine, int servers, const Run &run, int clients, double serverCpu,
    const QStringList &writers, const bench::EscrowInsertLoopResult &baseline)
{
    const double elapsed = double(run.deadlineMs) / 1000.0;
    const double rate = run.ok / elapsed;
    return QJsonObject {{QStringLiteral("bench"), QStringLiteral("escrow_http")}, {QStringLiteral("engine"), engine},
        {QStringLiteral("servers"), servers}, {QStringLiteral("clients"), clients},
        {QStringLiteral("seconds"), elapsed}, {QStringLiteral("records"), double(run.ok)},
        {QStringLiteral("failed"), double(run.failed)}, {QStringLiteral("droppedConnections"), double(run.dropped)},
        {QStringLiteral("recordsPerSecond"), rate}, {QStringLiteral("p50Ms"), percentile(run.latenciesMs, 0.50)},
        {QStringLiteral("p99Ms"), percentile(run.latenciesMs, 0.99)},
        {QStringLiteral("maxMs"), percentile(run.latenciesMs, 1.0)},
        {QStringLiteral("baselineRecordsPerSecond"), baseline.recordsPerSecond},
        {QStringLiteral("baselineP99Ms"), baseline.p99Ms},
        {QStringLiteral("ratio"), baseline.recordsPerSecond > 0 ? rate / baseline.recordsPerSecond : 0.0},
        {QStringLiteral("groupCommit"), writers.join(QStringLiteral("; "))},
        {QStringLiteral("serverCpuMsPerRecord"),
            run.ok > 0 && serverCpu >= 0 ? 1000.0 * serverCpu / double(run.ok) : 0.0},
        {QStringLiteral("loadAverage"), bench::loadAverageText()},
        {QStringLiteral("goal"), QStringLiteral(">= 1000 records/s on SQLite, ratio >= 0.5 for one server")}};
}

void print(const QJsonObject &json)
{
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

/// Reports a run's failures; true when there were none.
bool clean(const Run &run)
{
    if (run.failed == 0)
        return true;
    std::fprintf(stderr, "bench_escrow_http: %lld failed uploads, first:\n%s\n", static_cast<long long>(run.failed),
        run.firstFailure.left(600).constData());
    return false;
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
        auto token = store->tokens().issueStationToken(QStringLiteral("bench-st"), QStringLiteral("bench"));
        if (!token) {
            std::fprintf(stderr, "bench_escrow_http: %s\n", qPrintable(token.error().toString()));
            return 1;
        }
        QList<QUrl> targets;
        for (const QString &url : targetUrls)
            targets.append(QUrl(url));
        const Run run = runLoad(targets, token->token.toLatin1(), bench::benchKmsFingerprint(*store), seconds, clients);
        const bench::EscrowInsertLoopResult baseline = bench::runEscrowInsertLoop(*store, seconds);
        print(caseJson(store->database().isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite"),
            int(targets.size()), run, clients, -1, {}, baseline));
        return clean(run) ? 0 : 1;
    }

    QStringList engines {QStringLiteral("sqlite")};
    if (!test::postgresUrl().isEmpty())
        engines << QStringLiteral("postgres");
    for (const QString &engine : engines) {
        test::ScratchStore scratch(engine);
        if (!scratch.error().isEmpty()) {
            std::fprintf(stderr, "bench_escrow_http: %s\n", qPrintable(scratch.error()));
            return 1;
        }
        server::StoreOptions options;
        options.dataDir = scratch.dataDir();
        options.databaseUrl = scratch.databaseUrl();
        options.masterKeyFile = scratch.masterKeyFile();
        auto store = bench::openBenchStore(options);
        if (!store)
            return 1;
        auto token = store->tokens().issueStationToken(QStringLiteral("bench-st"), QStringLiteral("bench"));
        if (!token) {
            std::fprintf(stderr, "bench_escrow_http: %s\n", qPrintable(token.error().toString()));
            return 1;
        }
        const QByteArray bearer = token->token.toLatin1();
        const QString kms = bench::benchKmsFingerprint(*store);
        // The baseline on the same store, same machine, same run.
        const bench::EscrowInsertLoopResult baseline = bench::runEscrowInsertLoop(*store, seconds);
        if (!baseline.error.isEmpty()) {
            std::fprintf(stderr, "bench_escrow_http: baseline: %s\n", qPrintable(baseline.error));
            status = 1;
        }
        const QStringList counts = engine == u"postgres" ? serverCounts : QStringList {QStringLiteral("1")};
        for (const QString &count : counts) {
            // The servers as they run in production: own processes, the access log on.
            ServerGroup group(scratch.scratchDir(), scratch.masterKeyFile(), scratch.databaseUrl());
            QString error;
            if (!group.start(count.toInt(), &error)) {
                std::fprintf(stderr, "bench_escrow_http: a server did not start: %s\n", qPrintable(error));
                return 1;
            }
            const Run run = runLoad(group.targets(), bearer, kms, seconds, clients);
            const double serverCpu = group.totalCpuSeconds();
            const QStringList writers = group.stop();
            if (!clean(run))
                status = 1;
            print(caseJson(engine, count.toInt(), run, clients, serverCpu, writers, baseline));
        }
        if (engine == u"postgres") {
            // Statements per record: one server through the counting relay, a short run.
            const QUrl db(scratch.databaseUrl());
            bench::PgStatementCounter relay(db.host(), quint16(db.port(5432)));
            ServerGroup group(
                scratch.scratchDir(), scratch.masterKeyFile(), viaRelay(scratch.databaseUrl(), relay.port()));
            QString error;
            if (relay.port() == 0 || !group.start(1, &error)) {
                std::fprintf(stderr, "bench_escrow_http: the counted server did not start: %s\n", qPrintable(error));
                return 1;
            }
            relay.reset(); // what a start costs is not per record
            const Run run = runLoad(group.targets(), bearer, kms, qMin(seconds, 5.0), clients);
            const qint64 statements = relay.statements();
            group.stop();
            print(QJsonObject {{QStringLiteral("bench"), QStringLiteral("escrow_http_statements")},
                {QStringLiteral("engine"), engine}, {QStringLiteral("servers"), 1},
                {QStringLiteral("records"), double(run.ok)}, {QStringLiteral("statements"), double(statements)},
                {QStringLiteral("statementsPerRecord"), run.ok > 0 ? double(statements) / double(run.ok) : 0.0}});
        }
    }
    return status;
}

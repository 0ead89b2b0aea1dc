// Escrow over HTTP: 64 concurrent station clients (keep-alive connections)
// upload escrow records (a 256-byte encrypted key, a 4 KiB run log) to a real
// provstation-server for 20 s, against SQLite and, when PROVSTATION_TEST_PG_URL
// is set, PostgreSQL. Reports records/s and latency percentiles, and the ratio
// to the raw Qt Sql insert loop of the same rows with the same durability
// (one durable commit per record; EscrowInsertLoop) measured in the same run.
// Usage: bench_escrow_http [SECONDS] [CLIENTS]   (default 20, 64). One JSON object per engine.

#include "BenchSupport.h"
#include "EscrowInsertLoop.h"
#include "HttpTestSupport.h"
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
    quint16 port = 0;
    qint64 deadlineMs = 0;
    QElapsedTimer clock;
    qint64 nextNode = 0;
    qint64 ok = 0;
    qint64 failed = 0;
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
    explicit Client(Run &run)
        : m_run(run)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Client::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Client::onReadyRead);
        ++m_run.active;
        m_socket.connectToHost(QHostAddress::LocalHost, run.port);
    }

private:
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
        m_socket.disconnectFromHost();
        if (--m_run.active == 0)
            QCoreApplication::exit(0);
    }

    Run &m_run;
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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? QString::fromLocal8Bit(argv[1]).toDouble() : 20.0;
    const int clients = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 64;
    QStringList engines {QStringLiteral("sqlite")};
    if (!test::postgresUrl().isEmpty())
        engines << QStringLiteral("postgres");
    int status = 0;
    for (const QString &engine : engines) {
        test::ScratchStore scratch(engine);
        if (!scratch.error().isEmpty()) {
            std::fprintf(stderr, "bench_escrow_http: %s\n", qPrintable(scratch.error()));
            return 1;
        }
        auto store = bench::openBenchStore(scratch.dataDir(), scratch.databaseUrl());
        if (!store)
            return 1;
        auto token = store->users().issueStationToken(QStringLiteral("bench-st"), QStringLiteral("bench"));
        if (!token) {
            std::fprintf(stderr, "bench_escrow_http: %s\n", qPrintable(token.error().toString()));
            return 1;
        }

        // The server as it runs in production: its own process, the access log on.
        test::ServerProcess server;
        QStringList arguments {QStringLiteral("--data-dir"), scratch.dataDir(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0"), QStringLiteral("--insecure-http")};
        if (!scratch.databaseUrl().isEmpty())
            arguments << QStringLiteral("--db") << scratch.databaseUrl();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(
            QStringLiteral("PROVSTATION_MASTER_KEY_FILE"), scratch.dataDir() + QStringLiteral("/bench-master.key"));
        if (!server.start(test::binPath(QStringLiteral("provstation-server")), arguments, env)) {
            std::fprintf(stderr, "bench_escrow_http: the server did not start: %s\n", qPrintable(server.errorText()));
            return 1;
        }

        Run run;
        run.token = token->token.toLatin1();
        run.kmsFingerprint = bench::benchKmsFingerprint(*store);
        run.runLog = bench::benchRunLog();
        run.port = server.port();
        run.deadlineMs = qint64(seconds * 1000);
        run.latenciesMs.reserve(200000);
        std::vector<std::unique_ptr<Client>> stations;
        run.clock.start();
        for (int i = 0; i < clients; ++i)
            stations.push_back(std::make_unique<Client>(run));
        const double clientCpuBefore = cpuSeconds(0);
        QCoreApplication::exec();
        const double elapsed = run.clock.elapsed() / 1000.0;
        const double serverCpu = cpuSeconds(server.pid());
        const double clientCpu = cpuSeconds(0) - clientCpuBefore;
        stations.clear();
        server.stop();
        const QString writerLine = QString::fromUtf8(server.allStdout())
                                       .split(QLatin1Char('\n'))
                                       .filter(QStringLiteral("escrow writer:"))
                                       .value(0)
                                       .trimmed();

        // The baseline on the same store, same machine, same run.
        const bench::EscrowInsertLoopResult baseline = bench::runEscrowInsertLoop(*store, seconds);
        if (!baseline.error.isEmpty()) {
            std::fprintf(stderr, "bench_escrow_http: baseline: %s\n", qPrintable(baseline.error));
            status = 1;
        }
        if (run.failed > 0) {
            std::fprintf(stderr, "bench_escrow_http: %lld failed uploads, first:\n%s\n",
                static_cast<long long>(run.failed), run.firstFailure.left(600).constData());
            status = 1;
        }
        const double rate = run.ok / elapsed;
        const QJsonObject json {{QStringLiteral("bench"), QStringLiteral("escrow_http")},
            {QStringLiteral("engine"), engine}, {QStringLiteral("clients"), clients},
            {QStringLiteral("seconds"), elapsed}, {QStringLiteral("records"), double(run.ok)},
            {QStringLiteral("failed"), double(run.failed)}, {QStringLiteral("recordsPerSecond"), rate},
            {QStringLiteral("p50Ms"), percentile(run.latenciesMs, 0.50)},
            {QStringLiteral("p99Ms"), percentile(run.latenciesMs, 0.99)},
            {QStringLiteral("maxMs"), percentile(run.latenciesMs, 1.0)},
            {QStringLiteral("baselineRecordsPerSecond"), baseline.recordsPerSecond},
            {QStringLiteral("baselineP99Ms"), baseline.p99Ms},
            {QStringLiteral("ratio"), baseline.recordsPerSecond > 0 ? rate / baseline.recordsPerSecond : 0.0},
            {QStringLiteral("groupCommit"), writerLine},
            {QStringLiteral("serverCpuMsPerRecord"), run.ok > 0 ? 1000.0 * serverCpu / double(run.ok) : 0.0},
            {QStringLiteral("clientCpuMsPerRecord"), run.ok > 0 ? 1000.0 * clientCpu / double(run.ok) : 0.0},
            {QStringLiteral("loadAverage"),
                QString::fromLatin1(test::readFile(QStringLiteral("/proc/loadavg")).trimmed())},
            {QStringLiteral("goal"), QStringLiteral(">= 1000 records/s on SQLite, ratio >= 0.5")}};
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }
    return status;
}

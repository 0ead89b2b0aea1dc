#include "HttpLoad.h"

#include "BenchSupport.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace prov::bench {

namespace {

/// One station: sends a request, waits for the answer, sends the next.
class Client : public QObject
{
public:
    Client(HttpLoad &load, const QUrl &target)
        : m_load(load)
        , m_target(target)
    {
        connect(&m_socket, &QTcpSocket::connected, this, &Client::send);
        connect(&m_socket, &QTcpSocket::readyRead, this, &Client::onReadyRead);
        // A connection lost (or refused) must not leave the load waiting for ever.
        connect(&m_socket, &QTcpSocket::disconnected, this, &Client::onLost);
        connect(&m_socket, &QTcpSocket::errorOccurred, this, &Client::onLost);
        ++m_load.active;
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
        ++m_load.dropped;
        if (m_load.clock.elapsed() >= m_load.deadlineMs) {
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
        if (m_load.clock.elapsed() >= m_load.deadlineMs) {
            finish();
            return;
        }
        const QByteArray body = m_load.body(m_load.next++);
        m_sent.start();
        m_socket.write("POST " + m_load.path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + m_load.token
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
            + body);
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
        if (m_buffer.startsWith("HTTP/1.1 200")) {
            ++m_load.ok;
            m_load.latenciesMs.push_back(double(m_sent.nsecsElapsed()) / 1e6);
        } else {
            ++m_load.failed;
            if (m_load.firstFailure.isEmpty())
                m_load.firstFailure = m_buffer.left(headEnd + 4 + length);
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
        if (--m_load.active == 0)
            QCoreApplication::exit(0);
    }

    HttpLoad &m_load;
    QUrl m_target;
    bool m_finished = false;
    bool m_reconnecting = false;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QElapsedTimer m_sent;
};

} // namespace

void runHttpLoad(HttpLoad &load, const QList<QUrl> &targets, double seconds, int clients)
{
    load.deadlineMs = qint64(seconds * 1000);
    load.latenciesMs.reserve(200000);
    std::vector<std::unique_ptr<Client>> stations;
    load.clock.start();
    for (int i = 0; i < clients; ++i)
        stations.push_back(std::make_unique<Client>(load, targets.at(i % targets.size())));
    QCoreApplication::exec();
    load.deadlineMs = load.clock.elapsed();
}

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

void printJson(const QJsonObject &json)
{
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

bool reportFailures(const char *bench, const HttpLoad &load)
{
    if (load.failed == 0)
        return true;
    std::fprintf(stderr, "%s: %lld failed uploads, first:\n%s\n", bench, static_cast<long long>(load.failed),
        load.firstFailure.left(600).constData());
    return false;
}

ServerGroup::ServerGroup(const QString &scratchDir, const QString &masterKeyFile, const QString &databaseUrl)
    : m_scratchDir(scratchDir)
    , m_masterKeyFile(masterKeyFile)
    , m_databaseUrl(databaseUrl)
{ }

bool ServerGroup::start(int count, QString *error)
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

QList<QUrl> ServerGroup::targets() const
{
    QList<QUrl> urls;
    for (const auto &server : m_servers)
        urls.append(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port())));
    return urls;
}

double ServerGroup::totalCpuSeconds() const
{
    double total = 0;
    for (const auto &server : m_servers)
        total += cpuSeconds(server->pid());
    return total;
}

QStringList ServerGroup::stop()
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

QStringList benchEngines()
{
    QStringList engines {QStringLiteral("sqlite")};
    if (!test::postgresUrl().isEmpty())
        engines << QStringLiteral("postgres");
    return engines;
}

QByteArray issueBenchToken(const char *bench, server::ServerStore &store)
{
    auto token = store.tokens().issueStationToken(QStringLiteral("bench-st"), QStringLiteral("bench"));
    if (!token) {
        std::fprintf(stderr, "%s: %s\n", bench, qPrintable(token.error().toString()));
        return {};
    }
    return token->token.toLatin1();
}

HttpBenchStore openHttpBenchStore(const char *bench, const QString &engine)
{
    HttpBenchStore out;
    out.scratch = std::make_unique<test::ScratchStore>(engine);
    if (!out.scratch->error().isEmpty()) {
        std::fprintf(stderr, "%s: %s\n", bench, qPrintable(out.scratch->error()));
        return out;
    }
    server::StoreOptions options;
    options.dataDir = out.scratch->dataDir();
    options.databaseUrl = out.scratch->databaseUrl();
    options.masterKeyFile = out.scratch->masterKeyFile();
    auto store = openBenchStore(options);
    if (!store)
        return out;
    out.token = issueBenchToken(bench, *store);
    if (!out.token.isEmpty())
        out.store = std::move(store);
    return out;
}

} // namespace prov::bench

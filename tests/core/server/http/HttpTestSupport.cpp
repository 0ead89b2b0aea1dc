#include "HttpTestSupport.h"

#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QThread>

#include <csignal>

namespace prov::test {

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool ServerProcess::start(
    const QString &program, const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    m_stdout.clear(); // a restarted server must not be found by its predecessor's lines
    m_process->setProcessEnvironment(environment);
    m_process->setStandardErrorFile(m_logDir.filePath(QStringLiteral("stderr.log")));
    m_process->start(program, arguments);
    if (!m_process->waitForStarted(timeoutMs))
        return false;
    static const QRegularExpression kLine(QStringLiteral("listening on (https?://[^\\s:]+:(\\d+))"));
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(100);
        m_stdout += m_process->readAllStandardOutput();
        const auto match = kLine.match(QString::fromUtf8(m_stdout));
        if (match.hasMatch()) {
            m_url = match.captured(1);
            m_port = static_cast<quint16>(match.captured(2).toUInt());
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

int ServerProcess::stop(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(static_cast<pid_t>(m_process->processId()), SIGTERM);
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(5000);
            return -1;
        }
    }
    m_stdout += m_process->readAllStandardOutput();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QByteArray ServerProcess::allStdout()
{
    if (m_process)
        m_stdout += m_process->readAllStandardOutput();
    return m_stdout;
}

QByteArray ServerProcess::allStderr() const
{
    QFile log(m_logDir.filePath(QStringLiteral("stderr.log")));
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

QString ServerProcess::errorText()
{
    return QString::fromUtf8(allStderr());
}

namespace {
qint64 procField(qint64 pid, const char *file, const QByteArray &key)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key + ':')) {
            const QByteArray value = line.mid(key.size() + 1).trimmed();
            return value.split(' ').first().toLongLong();
        }
    }
    return -1;
}
} // namespace

qint64 ServerProcess::rssKiB() const
{
    return procField(pid(), "status", "VmRSS");
}

qint64 ServerProcess::peakRssKiB() const
{
    return procField(pid(), "status", "VmHWM");
}

qint64 ServerProcess::bytesRead() const
{
    return procField(pid(), "io", "rchar");
}

bool waitForClose(QTcpSocket &socket, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired()) {
        socket.waitForReadyRead(qMax<qint64>(1, qMin<qint64>(50, deadline.remainingTime())));
        socket.readAll();
    }
    return socket.state() == QAbstractSocket::UnconnectedState;
}

RawResponse readResponse(QTcpSocket &socket, int timeoutMs, bool headOnly)
{
    RawResponse response;
    QDeadlineTimer deadline(timeoutMs);
    // Bytes of the next response read with this one stay with the socket.
    QByteArray buffer = socket.property("httpLeftover").toByteArray();
    socket.setProperty("httpLeftover", QByteArray());
    auto fill = [&]() {
        if (socket.bytesAvailable() == 0 && socket.state() == QAbstractSocket::ConnectedState)
            socket.waitForReadyRead(qMax<qint64>(1, qMin<qint64>(100, deadline.remainingTime())));
        const QByteArray data = socket.readAll();
        buffer += data;
        if (data.isEmpty() && socket.state() != QAbstractSocket::ConnectedState)
            response.closed = true;
        return !data.isEmpty();
    };
    qsizetype headEnd = -1;
    for (;;) {
        headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            // Skip interim 1xx responses.
            if (buffer.startsWith("HTTP/1.1 1")) {
                buffer.remove(0, headEnd + 4);
                continue;
            }
            break;
        }
        if (deadline.hasExpired() || (!fill() && response.closed))
            return response;
    }
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    response.status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            response.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    buffer.remove(0, headEnd + 4);
    if (headOnly || response.status == 204 || response.status == 304)
        return response;
    if (response.headers.contains("content-length")) {
        const qint64 length = response.headers.value("content-length").toLongLong();
        while (buffer.size() < length && !deadline.hasExpired()) {
            if (!fill() && response.closed)
                break;
        }
        response.body = buffer.left(length);
        socket.setProperty("httpLeftover", buffer.mid(length));
    } else if (response.headers.value("transfer-encoding").toLower() == "chunked") {
        for (;;) {
            const qsizetype nl = buffer.indexOf("\r\n");
            if (nl < 0) {
                if (deadline.hasExpired() || (!fill() && response.closed))
                    break;
                continue;
            }
            const qint64 size = buffer.left(nl).toLongLong(nullptr, 16);
            while (buffer.size() < nl + 2 + size + 2 && !deadline.hasExpired()) {
                if (!fill() && response.closed)
                    break;
            }
            if (size == 0) {
                socket.setProperty("httpLeftover", buffer.mid(nl + 4));
                break;
            }
            response.body += buffer.mid(nl + 2, size);
            buffer.remove(0, nl + 2 + size + 2);
        }
    } else {
        while (!deadline.hasExpired()) {
            if (!fill() && response.closed)
                break;
        }
        response.body = buffer;
    }
    if (socket.state() != QAbstractSocket::ConnectedState)
        response.closed = true;
    return response;
}

RawResponse rawExchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(request);
    socket.waitForBytesWritten(timeoutMs);
    return readResponse(socket, timeoutMs);
}

bool makeSelfSignedCertificate(const QString &certPath, const QString &keyPath, QString *error)
{
    const ProcessResult result = runProcess(opensslProgram(),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
            QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
            QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
    if (result.exitCode != 0 && error)
        *error = QString::fromUtf8(result.stdErr);
    return result.exitCode == 0;
}

QString TlsTestServer::start()
{
    if (!dir.isValid())
        return QStringLiteral("no temporary folder");
    const QString cert = dir.filePath(QStringLiteral("server.pem"));
    const QString key = dir.filePath(QStringLiteral("server.key"));
    QString error;
    if (!makeSelfSignedCertificate(cert, key, &error))
        return error;
    const auto shell = [this](const QString &script) {
        const ProcessResult r = runProcess(QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, 60000, dir.path());
        return r.exitCode == 0 ? QString::fromLatin1(r.stdOut.trimmed()) : QString();
    };
    spki = shell(QStringLiteral("openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der"
                                " | openssl dgst -sha256 -binary | base64"));
    const QString line = shell(QStringLiteral("openssl x509 -in server.pem -noout -fingerprint -sha256"));
    fingerprint = line.mid(line.indexOf(QLatin1Char('=')) + 1);
    if (spki.isEmpty() || fingerprint.isEmpty())
        return QStringLiteral("openssl did not print the pins of %1").arg(cert);
    if (!server.start(binPath(QStringLiteral("provstation-server")),
            {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("server")), QStringLiteral("--master-key-file"),
                dir.filePath(QStringLiteral("master.key")), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}))
        return server.errorText();
    return {};
}

} // namespace prov::test

#pragma once

#include <QByteArray>
#include <QHash>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace prov::test {

/// A server process (httptestserver or provstation-server) that prints
/// "listening on http://ADDR:PORT"; watched from outside through /proc.
class ServerProcess
{
public:
    ~ServerProcess();
    /// Starts it and waits for the listening line; false (with stderr in
    /// errorText()) when it exits or stays silent.
    [[nodiscard]] bool start(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(), int timeoutMs = 20000);
    /// SIGTERM and wait; returns the exit code (-1 when it had to be killed).
    int stop(int timeoutMs = 10000);

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString baseUrl() const { return m_url; }
    [[nodiscard]] qint64 pid() const;
    [[nodiscard]] QByteArray allStdout();
    /// Everything it wrote to stderr (its log) so far.
    [[nodiscard]] QByteArray allStderr() const;
    [[nodiscard]] QString errorText();

    /// Resident set size now, and its peak, in KiB (/proc/PID/status).
    [[nodiscard]] qint64 rssKiB() const;
    [[nodiscard]] qint64 peakRssKiB() const;
    /// Bytes the process has read by read() so far, sockets included (/proc/PID/io rchar).
    [[nodiscard]] qint64 bytesRead() const;

private:
    std::unique_ptr<QProcess> m_process;
    QTemporaryDir m_logDir; ///< stderr goes to a file: a full pipe would stall the server
    QByteArray m_stdout;
    quint16 m_port = 0;
    QString m_url;
};

/// One HTTP response read off a raw socket.
struct RawResponse
{
    int status = 0; ///< 0: nothing (or garbage) arrived
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QByteArray body;
    bool closed = false; ///< the server closed the connection
};

/// Reads exactly one response (Content-Length, chunked or until close).
[[nodiscard]] RawResponse readResponse(QTcpSocket &socket, int timeoutMs = 10000, bool headOnly = false);
/// Opens a connection to 127.0.0.1:port, sends `request`, reads one response.
[[nodiscard]] RawResponse rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000);
/// Waits until the peer closes the socket; false on timeout.
[[nodiscard]] bool waitForClose(QTcpSocket &socket, int timeoutMs);

/// A self-signed certificate and key made with the openssl command (CN=localhost).
[[nodiscard]] bool makeSelfSignedCertificate(const QString &certPath, const QString &keyPath, QString *error);

/// provstation-server on 127.0.0.1 over TLS with a certificate of
/// makeSelfSignedCertificate(), and its pins as the openssl command computes
/// them: what the TLS clients' tests pin against.
struct TlsTestServer
{
    QTemporaryDir dir;
    ServerProcess server;
    QString spki; ///< BASE64 of the key's SHA-256
    QString fingerprint; ///< the certificate's SHA-256, AA:BB:...
    /// Empty when the server listens, else what failed.
    [[nodiscard]] QString start();
};

} // namespace prov::test

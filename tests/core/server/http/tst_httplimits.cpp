// Each limit of the HTTP layer against a real server process: the answer the
// client gets, and what the server spent (its reads from /proc/PID/io and its
// memory from /proc/PID/status).
#include "HttpTestSupport.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <memory>
#include <vector>

using namespace prov::test;

namespace {
constexpr qint64 kMaxBody = 1024 * 1024;
constexpr qint64 kMaxUpload = 128 * 1024 * 1024;
constexpr int kHeaderTimeoutMs = 1000;
constexpr int kIdleTimeoutMs = 1500;
constexpr int kMaxConnections = 20;
constexpr qint64 kSlack = 512 * 1024; ///< socket buffer + lingering reads allowed past a limit
} // namespace

class tst_HttpLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void headersTooLarge();
    void endlessHeadersAreCutEarly();
    void bodyTooLargeByContentLength();
    void bodyTooLargeChunked();
    void bodyTooLargeWithQnam();
    void idleConnectionClosed();
    void keepAliveIdleClosed();
    void slowlorisHead();
    void slowBody();
    void slowReaderKeepsServerMemoryFlat();
    void stalledReaderIsCut();
    void largeUploadGoesToDisk();
    void connectionLimit();
    void perAddressConnectionLimit();

private:
    QTcpSocket *connectSocket();
    /// Writes `prefix` then filler until the server closes or `total` bytes were sent.
    qint64 flood(QTcpSocket &socket, const QByteArray &prefix, qint64 total, const QByteArray &filler);

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QList<QTcpSocket *> m_sockets;
};

void tst_HttpLimits::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QStringList args {QStringLiteral("--temp-dir"), m_dir.filePath(QStringLiteral("tmp")),
        QStringLiteral("--max-header-bytes"), QStringLiteral("32768"), QStringLiteral("--max-body-bytes"),
        QString::number(kMaxBody), QStringLiteral("--max-upload-bytes"), QString::number(kMaxUpload),
        QStringLiteral("--header-timeout-ms"), QString::number(kHeaderTimeoutMs), QStringLiteral("--idle-timeout-ms"),
        QString::number(kIdleTimeoutMs), QStringLiteral("--transfer-window-ms"), QStringLiteral("500"),
        QStringLiteral("--min-transfer-rate"), QStringLiteral("10000"), QStringLiteral("--max-connections"),
        QString::number(kMaxConnections)};
    QVERIFY2(m_server.start(QCoreApplication::applicationDirPath() + QStringLiteral("/httptestserver"), args),
        qPrintable(m_server.errorText()));
}

void tst_HttpLimits::cleanupTestCase()
{
    qDeleteAll(m_sockets);
    QCOMPARE(m_server.stop(), 0);
}

QTcpSocket *tst_HttpLimits::connectSocket()
{
    auto *socket = new QTcpSocket;
    m_sockets.append(socket);
    socket->connectToHost(QHostAddress::LocalHost, m_server.port());
    socket->waitForConnected(5000);
    return socket;
}

qint64 tst_HttpLimits::flood(QTcpSocket &socket, const QByteArray &prefix, qint64 total, const QByteArray &filler)
{
    socket.write(prefix);
    qint64 sent = prefix.size();
    QElapsedTimer timer;
    timer.start();
    while (sent < total && socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 20000) {
        if (socket.bytesToWrite() < 1024 * 1024) {
            socket.write(filler);
            sent += filler.size();
        }
        socket.waitForBytesWritten(50);
        // Stop as soon as an answer arrived.
        if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(0))
            break;
    }
    return sent;
}

void tst_HttpLimits::headersTooLarge()
{
    const RawResponse r = rawExchange(
        m_server.port(), "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(40000, 'a') + "\r\n\r\n");
    QCOMPARE(r.status, 431);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(),
        QStringLiteral("headers_too_large"));
    QCOMPARE(r.headers.value("connection"), QByteArray("close"));
    // Just under the limit is served.
    const RawResponse ok = rawExchange(
        m_server.port(), "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(30000, 'a') + "\r\n\r\n");
    QCOMPARE(ok.status, 200);
}

void tst_HttpLimits::endlessHeadersAreCutEarly()
{
    // 20 MB of header: the server answers 431 after its limit and stops reading.
    const qint64 readBefore = m_server.bytesRead();
    const qint64 rssBefore = m_server.rssKiB();
    QTcpSocket *socket = connectSocket();
    const qint64 sent
        = flood(*socket, "GET /echo HTTP/1.1\r\nHost: x\r\nX-Endless: ", 20 * 1024 * 1024, QByteArray(64 * 1024, 'h'));
    const RawResponse r = readResponse(*socket, 10000);
    QCOMPARE(r.status, 431);
    QVERIFY(waitForClose(*socket, 5000));
    const qint64 read = m_server.bytesRead() - readBefore;
    qInfo() << "sent" << sent << "server read" << read << "rss growth KiB" << m_server.rssKiB() - rssBefore;
    QVERIFY2(read < 32768 + kSlack, qPrintable(QString::number(read)));
    if (memoryBoundsAreMeasurable())
        QVERIFY(m_server.rssKiB() - rssBefore < 4096);
}

void tst_HttpLimits::bodyTooLargeByContentLength()
{
    const qint64 readBefore = m_server.bytesRead();
    const qint64 rssBefore = m_server.rssKiB();
    QTcpSocket *socket = connectSocket();
    const qint64 sent = flood(*socket, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 209715200\r\n\r\n",
        200 * 1024 * 1024, QByteArray(256 * 1024, 'b'));
    const RawResponse r = readResponse(*socket, 10000);
    QCOMPARE(r.status, 413);
    const QJsonObject error = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("payload_too_large"));
    QVERIFY(error.value(QStringLiteral("detail")).toString().contains(QString::number(kMaxBody)));
    QVERIFY(waitForClose(*socket, 5000));
    const qint64 read = m_server.bytesRead() - readBefore;
    qInfo() << "sent" << sent << "server read" << read;
    QVERIFY2(read < kSlack, qPrintable(QString::number(read))); // refused on the announced size
    if (memoryBoundsAreMeasurable())
        QVERIFY(m_server.rssKiB() - rssBefore < 4096);
}

void tst_HttpLimits::bodyTooLargeChunked()
{
    // No size announced: the server reads up to its limit, then refuses.
    const qint64 readBefore = m_server.bytesRead();
    const qint64 rssBefore = m_server.rssKiB();
    QTcpSocket *socket = connectSocket();
    const QByteArray chunk = QByteArray::number(64 * 1024, 16) + "\r\n" + QByteArray(64 * 1024, 'c') + "\r\n";
    const qint64 sent = flood(
        *socket, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 64 * 1024 * 1024, chunk);
    const RawResponse r = readResponse(*socket, 10000);
    QCOMPARE(r.status, 413);
    QVERIFY(waitForClose(*socket, 5000));
    const qint64 read = m_server.bytesRead() - readBefore;
    qInfo() << "sent" << sent << "server read" << read;
    QVERIFY2(read >= kMaxBody, qPrintable(QString::number(read)));
    QVERIFY2(read < kMaxBody + kSlack, qPrintable(QString::number(read)));
    if (memoryBoundsAreMeasurable())
        QVERIFY(m_server.rssKiB() - rssBefore < 4096);
}

void tst_HttpLimits::bodyTooLargeWithQnam()
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_server.baseUrl() + QStringLiteral("/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArray(kMaxBody + 1, 'q'));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    reply->deleteLater();
    // Exactly the limit is accepted.
    QNetworkReply *ok = nam.post(request, QByteArray(kMaxBody, 'q'));
    QSignalSpy okFinished(ok, &QNetworkReply::finished);
    QVERIFY(okFinished.wait(20000));
    QCOMPARE(ok->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    ok->deleteLater();
}

void tst_HttpLimits::idleConnectionClosed()
{
    QElapsedTimer timer;
    timer.start();
    QTcpSocket *socket = connectSocket();
    QVERIFY(waitForClose(*socket, 10000));
    QVERIFY2(timer.elapsed() >= kHeaderTimeoutMs - 100 && timer.elapsed() < kHeaderTimeoutMs + 2500,
        qPrintable(QString::number(timer.elapsed())));
}

void tst_HttpLimits::keepAliveIdleClosed()
{
    QTcpSocket *socket = connectSocket();
    socket->write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 200);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitForClose(*socket, 10000));
    QVERIFY2(timer.elapsed() >= kIdleTimeoutMs - 100 && timer.elapsed() < kIdleTimeoutMs + 2500,
        qPrintable(QString::number(timer.elapsed())));
}

void tst_HttpLimits::slowlorisHead()
{
    // A head that trickles in, one header line every 200 ms, forever.
    QTcpSocket *socket = connectSocket();
    QElapsedTimer timer;
    timer.start();
    socket->write("GET /echo HTTP/1.1\r\nHost: x\r\n");
    int line = 0;
    while (socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000
        && socket->bytesAvailable() == 0) {
        socket->write("X-" + QByteArray::number(line++) + ": y\r\n");
        socket->waitForBytesWritten(100);
        socket->waitForReadyRead(200);
    }
    const RawResponse r = readResponse(*socket, 5000);
    QCOMPARE(r.status, 408);
    QVERIFY(waitForClose(*socket, 5000));
    QVERIFY2(timer.elapsed() < kHeaderTimeoutMs + 2500, qPrintable(QString::number(timer.elapsed())));
}

void tst_HttpLimits::slowBody()
{
    // 100 bytes every 200 ms is 500 B/s, under the 10000 B/s minimum.
    QTcpSocket *socket = connectSocket();
    QElapsedTimer timer;
    timer.start();
    socket->write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    while (socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000
        && socket->bytesAvailable() == 0) {
        socket->write(QByteArray(100, 's'));
        socket->waitForBytesWritten(100);
        socket->waitForReadyRead(200);
    }
    const RawResponse r = readResponse(*socket, 5000);
    QCOMPARE(r.status, 408);
    QVERIFY(waitForClose(*socket, 5000));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void tst_HttpLimits::slowReaderKeepsServerMemoryFlat()
{
    // 64 MiB to a client that reads a slice every few milliseconds: the server
    // must feed the socket as it drains, not queue the whole response.
    const qint64 size = 64 * 1024 * 1024;
    const qint64 rssBefore = m_server.rssKiB();
    QTcpSocket *socket = connectSocket();
    socket->setReadBufferSize(64 * 1024);
    socket->write("GET /blob/" + QByteArray::number(size) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray head;
    while (!head.contains("\r\n\r\n") && socket->waitForReadyRead(5000))
        head += socket->read(1);
    QVERIFY(head.startsWith("HTTP/1.1 200"));
    qint64 received = 0;
    qint64 maxRss = rssBefore;
    bool patternOk = true;
    QElapsedTimer timer;
    timer.start();
    while (received < size && timer.elapsed() < 60000) {
        if (socket->bytesAvailable() == 0 && !socket->waitForReadyRead(2000))
            break;
        const QByteArray data = socket->read(64 * 1024);
        for (qsizetype i = 0; i < data.size(); i += 4099)
            patternOk = patternOk && static_cast<unsigned char>(data.at(i)) == (received + i) % 251;
        received += data.size();
        QThread::usleep(3000);
        maxRss = qMax(maxRss, m_server.rssKiB());
    }
    qInfo() << "received" << received << "in" << timer.elapsed() << "ms; server RSS before" << rssBefore << "KiB, max"
            << maxRss << "KiB";
    QCOMPARE(received, size);
    QVERIFY(patternOk);
    if (memoryBoundsAreMeasurable())
        QVERIFY2(maxRss - rssBefore < 16 * 1024, qPrintable(QString::number(maxRss - rssBefore)));
}

void tst_HttpLimits::stalledReaderIsCut()
{
    // A client that asks for a big body and then never reads: cut after the window.
    QTcpSocket *socket = connectSocket();
    socket->setReadBufferSize(1024);
    socket->write("GET /blob/" + QByteArray::number(512ll * 1024 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QElapsedTimer timer;
    timer.start();
    // Without reading, watch for the close (a read error or the socket state).
    bool closed = false;
    while (!closed && timer.elapsed() < 15000) {
        QThread::msleep(100);
        socket->waitForReadyRead(0);
        closed = socket->state() != QAbstractSocket::ConnectedState;
        if (!closed && timer.elapsed() > 5000) {
            // After the server gave up, reading runs into the reset.
            socket->setReadBufferSize(0);
            socket->readAll();
        }
    }
    QVERIFY2(closed, "the server kept a connection whose client does not read");
    QVERIFY(m_server.allStderr().contains("client reads too slowly"));
}

void tst_HttpLimits::largeUploadGoesToDisk()
{
    // A 48 MiB multipart upload: the server's memory must not grow by its size.
    const qint64 fileSize = 48 * 1024 * 1024;
    const QByteArray boundary = "xyzzy-boundary";
    const QByteArray partHead
        = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"big.tar.gz\"\r\n\r\n";
    const QByteArray tail = "\r\n--" + boundary + "--\r\n";
    const qint64 length = partHead.size() + fileSize + tail.size();
    const qint64 rssBefore = m_server.rssKiB();
    QTcpSocket *socket = connectSocket();
    socket->write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=" + boundary
        + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n\r\n" + partHead);
    const QByteArray slice(256 * 1024, 'u');
    qint64 sent = 0;
    qint64 maxRss = rssBefore;
    while (sent < fileSize && socket->state() == QAbstractSocket::ConnectedState) {
        if (socket->bytesToWrite() < 1024 * 1024) {
            socket->write(slice.left(qMin<qint64>(slice.size(), fileSize - sent)));
            sent += qMin<qint64>(slice.size(), fileSize - sent);
        }
        socket->waitForBytesWritten(100);
        maxRss = qMax(maxRss, m_server.rssKiB());
    }
    socket->write(tail);
    const RawResponse r = readResponse(*socket, 60000);
    maxRss = qMax(maxRss, m_server.peakRssKiB() > maxRss + 100000 ? m_server.peakRssKiB() : maxRss);
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("fileSize")).toInteger(), fileSize);
    qInfo() << "server RSS before" << rssBefore << "KiB, max during upload" << maxRss << "KiB";
    if (memoryBoundsAreMeasurable())
        QVERIFY2(maxRss - rssBefore < 16 * 1024, qPrintable(QString::number(maxRss - rssBefore)));
}

void tst_HttpLimits::connectionLimit()
{
    QList<QTcpSocket *> open;
    for (int i = 0; i < kMaxConnections + 5; ++i)
        open.append(connectSocket());
    QThread::msleep(300);
    int closed = 0;
    for (QTcpSocket *socket : open) {
        socket->waitForReadyRead(50);
        if (socket->state() != QAbstractSocket::ConnectedState)
            ++closed;
    }
    QVERIFY2(closed >= 5, qPrintable(QString::number(closed)));
    // Once they are gone, new clients are served again.
    for (QTcpSocket *socket : open)
        socket->abort();
    QThread::msleep(200);
    QCOMPARE(rawExchange(m_server.port(), "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
}

void tst_HttpLimits::perAddressConnectionLimit()
{
    // One host opens 60 idle connections against a server allowing 50 in all
    // and 16 per address: it holds 16, and another host is still served.
    ServerProcess server;
    QVERIFY2(
        server.start(QCoreApplication::applicationDirPath() + QStringLiteral("/httptestserver"),
            {QStringLiteral("--max-connections"), QStringLiteral("50"), QStringLiteral("--max-connections-per-address"),
                QStringLiteral("16"), QStringLiteral("--header-timeout-ms"), QStringLiteral("60000")}),
        qPrintable(server.errorText()));
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 60; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, server.port());
        idle.back()->waitForConnected(5000);
    }
    QThread::msleep(300);
    int held = 0;
    for (const auto &socket : idle) {
        socket->waitForReadyRead(20);
        if (socket->state() == QAbstractSocket::ConnectedState)
            ++held;
    }
    qInfo() << "connections one address holds:" << held << "of 60";
    QCOMPARE(held, 16);
    int answered = 0;
    for (int i = 0; i < 50; ++i) {
        QTcpSocket other;
        QVERIFY(other.bind(QHostAddress(QStringLiteral("127.0.0.2"))));
        other.connectToHost(QHostAddress::LocalHost, server.port());
        if (!other.waitForConnected(5000))
            continue;
        other.write("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        if (readResponse(other, 5000).status == 200)
            ++answered;
    }
    QCOMPARE(answered, 50);
    // The refusals are counted and logged as one summary line when the server stops.
    idle.clear();
    QCOMPARE(server.stop(), 0);
    const QByteArray log = server.allStderr();
    QVERIFY2(log.contains("connection over the per-address limit (16): 44"), log.constData());
    QVERIFY(log.contains("top addresses: 127.0.0.1 44"));
}

QTEST_GUILESS_MAIN(tst_HttpLimits)
#include "tst_httplimits.moc"

// The HTTP layer end to end: a real server process with test routes, real
// QNetworkAccessManager and raw socket clients on 127.0.0.1.
#include "HttpTestSupport.h"
#include "TestSupport.h"

#include "server/http/TlsSetup.h"

#include <QCryptographicHash>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace prov::test;

class tst_HttpServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void getAndPostWithQnam();
    void keepAliveAndPipelining();
    void notFoundAndMethodNotAllowed();
    void tokenCheckedBeforeTheBodyIsRead();
    void roles();
    void laterAndDroppedAnswers();
    void chunkedRequestBody();
    void expectContinue();
    void expectContinueOnlyAfterTheTokenCheck();
    void refusedRequestsAreLoggedAsASummary();
    void streamedResponses();
    void rangeResumeIsByteExact();
    void multipartUploadStreamsToDisk();
    void accessLogHasNoSecrets();
    void tls();

private:
    QByteArray get(const QString &path, int *status = nullptr);
    QTemporaryDir m_dir;
    QString m_file;
    QByteArray m_fileData;
    ServerProcess m_server;
};

QString serverProgram()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/httptestserver");
}

void tst_HttpServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("firmware.bin"));
    m_fileData.resize(3 * 1024 * 1024 + 17);
    QRandomGenerator rng(7);
    for (auto &c : m_fileData)
        c = static_cast<char>(rng.bounded(256));
    QVERIFY(writeFile(m_file, m_fileData));
    QVERIFY2(m_server.start(serverProgram(),
                 {QStringLiteral("--file"), m_file, QStringLiteral("--temp-dir"), m_dir.filePath(QStringLiteral("tmp")),
                     QStringLiteral("--max-upload-bytes"), QString::number(16 * 1024 * 1024)}),
        qPrintable(m_server.errorText()));
}

void tst_HttpServer::cleanupTestCase()
{
    QCOMPARE(m_server.stop(), 0);
}

QByteArray tst_HttpServer::get(const QString &path, int *status)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(m_server.baseUrl() + path)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(20000);
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

void tst_HttpServer::getAndPostWithQnam()
{
    int status = 0;
    const QJsonObject got = QJsonDocument::fromJson(get(QStringLiteral("/echo?q=a%20b"), &status)).object();
    QCOMPARE(status, 200);
    QCOMPARE(got.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(got.value(QStringLiteral("q")).toString(), QStringLiteral("a b"));

    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_server.baseUrl() + QStringLiteral("/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray body(300000, 'x');
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject posted = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(posted.value(QStringLiteral("bodySize")).toInt(), body.size());
    QCOMPARE(posted.value(QStringLiteral("bodySha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    reply->deleteLater();
}

void tst_HttpServer::keepAliveAndPipelining()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    // Three requests in one write; answers come back in order on one connection.
    socket.write("GET /echo?q=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                 "POST /echo?q=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                 "GET /echo?q=3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    for (int i = 1; i <= 3; ++i) {
        const RawResponse response = readResponse(socket);
        QCOMPARE(response.status, 200);
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        QCOMPARE(body.value(QStringLiteral("q")).toString(), QString::number(i));
        if (i == 2)
            QCOMPARE(body.value(QStringLiteral("bodySize")).toInt(), 5);
        if (i == 3)
            QCOMPARE(response.headers.value("connection"), QByteArray("close"));
    }
    QVERIFY(waitForClose(socket, 5000));
}

void tst_HttpServer::notFoundAndMethodNotAllowed()
{
    RawResponse r = rawExchange(m_server.port(), "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(r.status, 404);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(),
        QStringLiteral("not_found"));
    r = rawExchange(m_server.port(), "DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(r.status, 405);
    QVERIFY(r.headers.value("allow").contains("GET"));
    QVERIFY(r.headers.value("allow").contains("POST"));
    QVERIFY(!QJsonDocument::fromJson(r.body).object().value(QStringLiteral("detail")).toString().isEmpty());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /echo HTTP/1.1\r\n\r\n");
    r = readResponse(socket);
    QCOMPARE(r.status, 400); // no Host
    QCOMPARE(r.headers.value("connection"), QByteArray("close"));
    QVERIFY(waitForClose(socket, 5000));
}

void tst_HttpServer::tokenCheckedBeforeTheBodyIsRead()
{
    // 200 MB announced to a protected route without a token: 401 at once,
    // and the server reads (almost) nothing of the body.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    const qint64 readBefore = m_server.bytesRead();
    socket.write("POST /private HTTP/1.1\r\nHost: x\r\nContent-Length: 209715200\r\n\r\n");
    const QByteArray chunk(64 * 1024, 'z');
    for (int i = 0; i < 16 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(chunk);
        socket.waitForBytesWritten(200);
    }
    const RawResponse response = readResponse(socket, 10000);
    QCOMPARE(response.status, 401);
    QCOMPARE(response.headers.value("www-authenticate"), QByteArray("Bearer"));
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString(),
        QStringLiteral("invalid_token"));
    QVERIFY(waitForClose(socket, 5000));
    const qint64 read = m_server.bytesRead() - readBefore;
    QVERIFY2(read < 256 * 1024, qPrintable(QStringLiteral("server read %1 bytes").arg(read)));
}

void tst_HttpServer::roles()
{
    RawResponse r = rawExchange(m_server.port(), "GET /private HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(r.status, 401);
    r = rawExchange(m_server.port(), "GET /private HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n\r\n");
    QCOMPARE(r.status, 401);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(),
        QStringLiteral("invalid_token"));
    r = rawExchange(m_server.port(), "GET /private HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer station-token\r\n\r\n");
    QCOMPARE(r.status, 403);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(),
        QStringLiteral("forbidden"));
    r = rawExchange(m_server.port(), "GET /private HTTP/1.1\r\nHost: x\r\nAuthorization: bearer admin-token\r\n\r\n");
    QCOMPARE(r.status, 200);
}

void tst_HttpServer::laterAndDroppedAnswers()
{
    QElapsedTimer timer;
    timer.start();
    RawResponse r = rawExchange(m_server.port(), "GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(r.status, 200);
    QVERIFY(timer.elapsed() >= 150);
    r = rawExchange(m_server.port(), "GET /dropped HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(r.status, 500);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("error")).toString(),
        QStringLiteral("no_answer"));
}

void tst_HttpServer::chunkedRequestBody()
{
    const RawResponse r = rawExchange(m_server.port(),
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    QCOMPARE(r.status, 200);
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.value(QStringLiteral("bodySize")).toInt(), 11);
    QCOMPARE(body.value(QStringLiteral("bodySha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash("hello world", QCryptographicHash::Sha256).toHex()));
}

void tst_HttpServer::expectContinue()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    QByteArray interim;
    while (!interim.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        interim += socket.readAll();
    QVERIFY(interim.startsWith("HTTP/1.1 100 Continue\r\n"));
    socket.write("abcd");
    const RawResponse r = readResponse(socket);
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("bodySize")).toInt(), 4);
}

void tst_HttpServer::expectContinueOnlyAfterTheTokenCheck()
{
    // Without a valid token (or with the wrong role) the answer comes at once,
    // without "100 Continue", and no byte of the body is asked for or read.
    const QList<QPair<QByteArray, int>> refused {{QByteArray(), 401}, {QByteArray("station-token"), 403}};
    for (const auto &[token, status] : refused) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        const qint64 readBefore = m_server.bytesRead();
        socket.write("POST /private HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n"
            + (token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n") + "\r\n");
        const RawResponse response = readResponse(socket, 5000);
        QCOMPARE(response.status, status);
        QCOMPARE(response.headers.value("connection"), QByteArray("close"));
        QVERIFY(waitForClose(socket, 5000));
        const qint64 read = m_server.bytesRead() - readBefore;
        QVERIFY2(read < 4096, qPrintable(QString::number(read)));
    }
    // With the admin's token: 100, then the body is read.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /private HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
                 "Authorization: Bearer admin-token\r\n\r\n");
    QByteArray interim;
    while (!interim.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        interim += socket.readAll();
    QVERIFY2(interim.startsWith("HTTP/1.1 100 Continue\r\n"), interim.constData());
    socket.write("hello");
    const RawResponse r = readResponse(socket);
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("bodySize")).toInt(), 5);
}

void tst_HttpServer::refusedRequestsAreLoggedAsASummary()
{
    // A server of its own, so its log holds only this test's requests.
    ServerProcess server;
    QVERIFY2(server.start(serverProgram(), {}), qPrintable(server.errorText()));
    // 1000 refusals on ten kept-alive connections: 800 without a token, 200 to nowhere.
    for (int connection = 0; connection < 10; ++connection) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray requests;
        for (int i = 0; i < 100; ++i)
            requests += i % 5 == 0 ? QByteArray("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
                                   : QByteArray("GET /private HTTP/1.1\r\nHost: x\r\n\r\n");
        socket.write(requests);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(readResponse(socket, 5000).status, i % 5 == 0 ? 404 : 401);
    }
    // A served request keeps its access-log line.
    QCOMPARE(rawExchange(server.port(), "GET /echo?q=served HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    QCOMPARE(server.stop(), 0);
    const QList<QByteArray> lines = server.allStderr().split('\n');
    int summaries = 0;
    int perRequest = 0;
    QByteArray summary;
    for (const QByteArray &line : lines) {
        if (line.contains("refused in the last")) {
            ++summaries;
            summary = line;
        }
        if (line.contains("GET /private") || line.contains("GET /nowhere"))
            ++perRequest;
    }
    QCOMPARE(perRequest, 0);
    QCOMPARE(summaries, 1);
    QVERIFY2(summary.contains(": 1000 (401 Unauthorized: 800, 404 Not Found: 200); top addresses: 127.0.0.1 1000"),
        summary.constData());
    QVERIFY(server.allStderr().contains("GET /echo?q=served 200"));
}

void tst_HttpServer::streamedResponses()
{
    for (const QString &path : {QStringLiteral("/blob/300001"), QStringLiteral("/blob/300001?chunked=1")}) {
        int status = 0;
        const QByteArray body = get(path, &status);
        QCOMPARE(status, 200);
        QCOMPARE(body.size(), 300001);
        for (qsizetype i = 0; i < body.size(); i += 997)
            QCOMPARE(static_cast<unsigned char>(body.at(i)), static_cast<unsigned char>(i % 251));
    }
    const RawResponse head
        = rawExchange(m_server.port(), "HEAD /blob/1234 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.headers.value("content-length"), QByteArray("1234"));
    QVERIFY(head.body.isEmpty());
}

void tst_HttpServer::rangeResumeIsByteExact()
{
    // A download broken after ~1 MB, resumed with Range from what arrived.
    QByteArray received;
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(m_server.baseUrl() + QStringLiteral("/file"))));
        reply->setReadBufferSize(64 * 1024);
        QEventLoop loop;
        connect(reply, &QNetworkReply::readyRead, &loop, [&] {
            received += reply->readAll();
            if (received.size() >= 1024 * 1024)
                reply->abort();
        });
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        reply->deleteLater();
    }
    QVERIFY(received.size() >= 1024 * 1024 && received.size() < m_fileData.size());
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(m_server.baseUrl() + QStringLiteral("/file")));
    request.setRawHeader("Range", "bytes=" + QByteArray::number(received.size()) + '-');
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 206);
    QCOMPARE(reply->rawHeader("Content-Range"),
        "bytes " + QByteArray::number(received.size()) + '-' + QByteArray::number(m_fileData.size() - 1) + '/'
            + QByteArray::number(m_fileData.size()));
    received += reply->readAll();
    reply->deleteLater();
    QCOMPARE(received.size(), m_fileData.size());
    QVERIFY(received == m_fileData);

    const RawResponse suffix
        = rawExchange(m_server.port(), "GET /file HTTP/1.1\r\nHost: x\r\nRange: bytes=-10\r\n\r\n");
    QCOMPARE(suffix.status, 206);
    QCOMPARE(suffix.body, m_fileData.right(10));
    const RawResponse beyond = rawExchange(m_server.port(),
        "GET /file HTTP/1.1\r\nHost: x\r\nRange: bytes=" + QByteArray::number(m_fileData.size()) + "-\r\n\r\n");
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.headers.value("content-range"), "bytes */" + QByteArray::number(m_fileData.size()));
}

void tst_HttpServer::multipartUploadStreamsToDisk()
{
    QByteArray file(5 * 1024 * 1024 + 3, Qt::Uninitialized);
    QRandomGenerator rng(11);
    for (auto &c : file)
        c = static_cast<char>(rng.bounded(256));
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart package;
    package.setHeader(QNetworkRequest::ContentDispositionHeader,
        QStringLiteral("form-data; name=\"package\"; filename=\"demo.tar.gz\""));
    package.setBody(file);
    QHttpPart passphrase;
    passphrase.setHeader(QNetworkRequest::ContentDispositionHeader, QStringLiteral("form-data; name=\"passphrase\""));
    passphrase.setBody("correct horse");
    QHttpPart comment;
    comment.setHeader(QNetworkRequest::ContentDispositionHeader, QStringLiteral("form-data; name=\"comment\""));
    comment.setBody("line 3 firmware");
    multi->append(package);
    multi->append(passphrase);
    multi->append(comment);
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.post(QNetworkRequest(QUrl(m_server.baseUrl() + QStringLiteral("/upload"))), multi);
    multi->setParent(reply);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QJsonObject result = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(result.value(QStringLiteral("fileSize")).toInteger(), file.size());
    QCOMPARE(result.value(QStringLiteral("fileName")).toString(), QStringLiteral("demo.tar.gz"));
    QCOMPARE(result.value(QStringLiteral("fileSha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(result.value(QStringLiteral("comment")).toString(), QStringLiteral("line 3 firmware"));
    QCOMPARE(result.value(QStringLiteral("passphraseLength")).toInt(), 13);
    reply->deleteLater();
    // The temporary upload is gone once the request is answered.
    QTRY_COMPARE(QDir(m_dir.filePath(QStringLiteral("tmp"))).entryList(QDir::Files).size(), 0);

    const RawResponse wrongType = rawExchange(m_server.port(),
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 2\r\n\r\n{}");
    QCOMPARE(wrongType.status, 415);
}

void tst_HttpServer::accessLogHasNoSecrets()
{
    const RawResponse r = rawExchange(m_server.port(),
        "GET /private?q=log-me HTTP/1.1\r\nHost: x\r\n"
        "Authorization: Bearer admin-token\r\n\r\n");
    QCOMPARE(r.status, 200);
    QTRY_VERIFY(m_server.allStderr().contains("GET /private?q=log-me 200"));
    QVERIFY(!m_server.allStderr().contains("admin-token"));
    QVERIFY(!m_server.allStderr().contains("correct horse"));
}

void tst_HttpServer::tls()
{
    if (!QSslSocket::supportsSsl())
        QFAIL("Qt has no TLS backend");
    const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("key.pem"));
    QString error;
    QVERIFY2(makeSelfSignedCertificate(cert, key, &error), qPrintable(error));

    // An empty OpenSSL configuration: the system's MinProtocol must not be what
    // refuses TLS 1.1 in this test, the server's own setting must.
    const QString emptyConf = m_dir.filePath(QStringLiteral("openssl.cnf"));
    QVERIFY(writeFile(emptyConf, "# empty\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENSSL_CONF"), emptyConf);
    ServerProcess server;
    QVERIFY2(server.start(serverProgram(), {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key}, env),
        qPrintable(server.errorText()));
    QVERIFY(server.baseUrl().startsWith(QStringLiteral("https://")));

    // A station that trusts exactly this certificate.
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("https://localhost:%1/echo?q=tls").arg(server.port())));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(cert));
    request.setSslConfiguration(config);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("q")).toString(),
        QStringLiteral("tls"));
    const QSslCipher cipher = reply->sslConfiguration().sessionCipher();
    QVERIFY(cipher.protocol() == QSsl::TlsV1_2 || cipher.protocol() == QSsl::TlsV1_3);
    reply->deleteLater();

    // The openssl command: TLS 1.1 refused, TLS 1.2 served. SECLEVEL=0 lets the
    // client offer TLS 1.1 at all.
    const QString connect = QStringLiteral("127.0.0.1:%1").arg(server.port());
    ProcessResult old = runProcess(opensslProgram(),
        {QStringLiteral("s_client"), QStringLiteral("-connect"), connect, QStringLiteral("-tls1_1"),
            QStringLiteral("-cipher"), QStringLiteral("DEFAULT@SECLEVEL=0")},
        "Q\n", 20000);
    QVERIFY2(old.exitCode != 0, old.stdOut.constData());
    QVERIFY2(old.stdOut.contains("Cipher is (NONE)"), old.stdOut.constData()); // no session was made
    // The client did offer TLS 1.1 (it did not give up on its own): the server refused it.
    QVERIFY2(!old.stdErr.contains("no protocols available"), old.stdErr.constData());
    QVERIFY2(
        old.stdErr.contains("protocol version") || old.stdErr.contains("unsupported protocol"), old.stdErr.constData());
    ProcessResult modern = runProcess(opensslProgram(),
        {QStringLiteral("s_client"), QStringLiteral("-connect"), connect, QStringLiteral("-tls1_2")}, "Q\n", 20000);
    QCOMPARE(modern.exitCode, 0);
    QVERIFY(modern.stdOut.contains("TLSv1.2"));

    // The pin the server prints equals the one computed with openssl.
    const auto pins = prov::server::http::computeTlsPins(cert);
    QVERIFY(pins.ok());
    ProcessResult pubkey = runProcess(opensslProgram(),
        {QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-pubkey"), QStringLiteral("-noout")});
    ProcessResult der = runProcess(opensslProgram(),
        {QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-outform"), QStringLiteral("der")},
        pubkey.stdOut);
    QCOMPARE(pins->spki.toString(),
        QStringLiteral("sha256//")
            + QString::fromLatin1(QCryptographicHash::hash(der.stdOut, QCryptographicHash::Sha256).toBase64()));
    ProcessResult fingerprint = runProcess(opensslProgram(),
        {QStringLiteral("x509"), QStringLiteral("-in"), cert, QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
            QStringLiteral("-sha256")});
    QVERIFY2(
        fingerprint.stdOut.trimmed().endsWith(pins->certificate.toString().toLatin1()), fingerprint.stdOut.constData());
    // curl, as a stand-in for any client that pins the public key.
    ProcessResult curl = runProcess(QStringLiteral("curl"),
        {QStringLiteral("-sk"), QStringLiteral("--pinnedpubkey"), pins->spki.toString(),
            QStringLiteral("https://127.0.0.1:%1/echo").arg(server.port())});
    QCOMPARE(curl.exitCode, 0);
    ProcessResult wrongPin = runProcess(QStringLiteral("curl"),
        {QStringLiteral("-sk"), QStringLiteral("--pinnedpubkey"),
            QStringLiteral("sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            QStringLiteral("https://127.0.0.1:%1/echo").arg(server.port())});
    QVERIFY(wrongPin.exitCode != 0);
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"

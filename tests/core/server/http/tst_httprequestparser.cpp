#include "server/http/HttpRequest.h"
#include "server/http/HttpRequestParser.h"

#include <QtTest>

using namespace prov::server::http;

class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void byteByByte();
    void limitActsBeforeTheHeadIsComplete();
    void framing_data();
    void framing();
    void queryAndToken();
};

void tst_HttpRequestParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status"); // 0: complete, -1: need more, else the error status
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("headerCount");

    QTest::newRow("simple") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n\r\n") << 0 << QByteArray("GET")
                            << QByteArray("/a") << 1;
    QTest::newRow("lf only") << QByteArray("GET /a HTTP/1.1\nHost: x\n\n") << 0 << QByteArray("GET") << QByteArray("/a")
                             << 1;
    QTest::newRow("leading blank lines") << QByteArray("\r\n\r\nPOST /b?x=1 HTTP/1.1\r\nHost: x\r\nA: b\r\n\r\n") << 0
                                         << QByteArray("POST") << QByteArray("/b?x=1") << 2;
    QTest::newRow("http/1.0 without host")
        << QByteArray("GET / HTTP/1.0\r\n\r\n") << 0 << QByteArray("GET") << QByteArray("/") << 0;
    QTest::newRow("partial") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n") << -1 << QByteArray() << QByteArray() << 0;
    QTest::newRow("no host") << QByteArray("GET /a HTTP/1.1\r\n\r\n") << 400 << QByteArray() << QByteArray() << 0;
    QTest::newRow("two hosts") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n") << 400 << QByteArray()
                               << QByteArray() << 0;
    QTest::newRow("http/2") << QByteArray("GET /a HTTP/2.0\r\nHost: x\r\n\r\n") << 505 << QByteArray() << QByteArray()
                            << 0;
    QTest::newRow("garbage version") << QByteArray("GET /a HTTX/1.1\r\nHost: x\r\n\r\n") << 400 << QByteArray()
                                     << QByteArray() << 0;
    QTest::newRow("absolute form") << QByteArray("GET http://x/a HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << QByteArray()
                                   << QByteArray() << 0;
    QTest::newRow("two spaces") << QByteArray("GET  /a HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << QByteArray()
                                << QByteArray() << 0;
    QTest::newRow("bad method") << QByteArray("G(T /a HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << QByteArray()
                                << QByteArray() << 0;
    QTest::newRow("control in target") << QByteArray("GET /a\x01 HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << QByteArray()
                                       << QByteArray() << 0;
    QTest::newRow("obs fold") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\nA: b\r\n c\r\n\r\n") << 400 << QByteArray()
                              << QByteArray() << 0;
    QTest::newRow("space before colon") << QByteArray("GET /a HTTP/1.1\r\nHost : x\r\n\r\n") << 400 << QByteArray()
                                        << QByteArray() << 0;
    QTest::newRow("no colon") << QByteArray("GET /a HTTP/1.1\r\nHost x\r\n\r\n") << 400 << QByteArray() << QByteArray()
                              << 0;
    QTest::newRow("nul in value") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\nA: b\0c\r\n\r\n", 37) << 400
                                  << QByteArray() << QByteArray() << 0;
    QTest::newRow("long request line") << (QByteArray("GET /") + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")
                                       << 414 << QByteArray() << QByteArray() << 0;
    QTest::newRow("long unfinished request line")
        << (QByteArray("GET /") + QByteArray(9000, 'a')) << 414 << QByteArray() << QByteArray() << 0;
    QByteArray many = "GET /a HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 100; ++i)
        many += "X-" + QByteArray::number(i) + ": y\r\n";
    QTest::newRow("too many fields") << many + "\r\n" << 431 << QByteArray() << QByteArray() << 0;
    QTest::newRow("big header") << (QByteArray("GET /a HTTP/1.1\r\nHost: x\r\nX: ") + QByteArray(40000, 'y')
        + "\r\n\r\n") << 431 << QByteArray()
                                << QByteArray() << 0;
}

void tst_HttpRequestParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, headerCount);

    HttpLimits limits;
    HttpRequestParser parser(limits);
    HttpRequest request;
    qsizetype consumed = 0;
    HttpError error;
    const auto result = parser.parse(input, request, consumed, error);
    if (status == 0) {
        QCOMPARE(result, HttpRequestParser::Status::Complete);
        QCOMPARE(consumed, input.size());
        QCOMPARE(request.method, method);
        QCOMPARE(request.target, target);
        QCOMPARE(request.headers.count(), headerCount);
    } else if (status < 0) {
        QCOMPARE(result, HttpRequestParser::Status::NeedMore);
    } else {
        QCOMPARE(result, HttpRequestParser::Status::Failed);
        QCOMPARE(error.status, status);
        QVERIFY(!error.detail.isEmpty());
    }
}

void tst_HttpRequestParser::byteByByte()
{
    const QByteArray input = "PUT /x/y HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    HttpLimits limits;
    HttpRequestParser parser(limits);
    HttpRequest request;
    QByteArray buffer;
    qsizetype consumed = 0;
    HttpError error;
    HttpRequestParser::Status status = HttpRequestParser::Status::NeedMore;
    for (char c : input) {
        buffer.append(c);
        status = parser.parse(buffer, request, consumed, error);
        if (status != HttpRequestParser::Status::NeedMore)
            break;
    }
    QCOMPARE(status, HttpRequestParser::Status::Complete);
    QCOMPARE(consumed, input.size() - 3); // the body is not part of the head
    QCOMPARE(request.headers.value("content-length"), QByteArray("3"));
    QCOMPARE(request.headers.value("HOST"), QByteArray("h"));
}

void tst_HttpRequestParser::limitActsBeforeTheHeadIsComplete()
{
    HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    HttpRequestParser parser(limits);
    HttpRequest request;
    QByteArray buffer = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ";
    qsizetype consumed = 0;
    HttpError error;
    QCOMPARE(parser.parse(buffer, request, consumed, error), HttpRequestParser::Status::NeedMore);
    buffer += QByteArray(1000, 'z');
    QCOMPARE(parser.parse(buffer, request, consumed, error), HttpRequestParser::Status::Failed);
    QCOMPARE(error.status, 431);
    QCOMPARE(error.code, QStringLiteral("headers_too_large"));
}

void tst_HttpRequestParser::framing_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("kind"); // 0 none, 1 length, 2 chunked, else error status
    QTest::addColumn<qint64>("length");

    QTest::newRow("none") << QByteArray() << 0 << qint64(0);
    QTest::newRow("length") << QByteArray("Content-Length: 12\r\n") << 1 << qint64(12);
    QTest::newRow("zero length") << QByteArray("Content-Length: 0\r\n") << 0 << qint64(0);
    QTest::newRow("same length twice") << QByteArray("Content-Length: 5\r\nContent-Length: 5\r\n") << 1 << qint64(5);
    QTest::newRow("list of same") << QByteArray("Content-Length: 5, 5\r\n") << 1 << qint64(5);
    QTest::newRow("different lengths") << QByteArray("Content-Length: 5\r\nContent-Length: 6\r\n") << 400 << qint64(0);
    QTest::newRow("signed length") << QByteArray("Content-Length: +5\r\n") << 400 << qint64(0);
    QTest::newRow("negative length") << QByteArray("Content-Length: -1\r\n") << 400 << qint64(0);
    QTest::newRow("huge length") << QByteArray("Content-Length: 99999999999999999999\r\n") << 400 << qint64(0);
    QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked\r\n") << 2 << qint64(0);
    QTest::newRow("Chunked case") << QByteArray("Transfer-Encoding: Chunked\r\n") << 2 << qint64(0);
    QTest::newRow("gzip, chunked") << QByteArray("Transfer-Encoding: gzip, chunked\r\n") << 501 << qint64(0);
    QTest::newRow("te and cl") << QByteArray("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n") << 400 << qint64(0);
}

void tst_HttpRequestParser::framing()
{
    QFETCH(QByteArray, headers);
    QFETCH(int, kind);
    QFETCH(qint64, length);
    const QByteArray input = "POST / HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
    HttpLimits limits;
    HttpRequestParser parser(limits);
    HttpRequest request;
    qsizetype consumed = 0;
    HttpError error;
    QCOMPARE(parser.parse(input, request, consumed, error), HttpRequestParser::Status::Complete);
    HttpBodyFraming framing;
    const bool ok = HttpRequestParser::bodyFraming(request, framing, error);
    if (kind > 2) {
        QVERIFY(!ok);
        QCOMPARE(error.status, kind);
        return;
    }
    QVERIFY(ok);
    QCOMPARE(static_cast<int>(framing.kind), kind);
    if (kind == 1)
        QCOMPARE(framing.length, length);
}

void tst_HttpRequestParser::queryAndToken()
{
    HttpRequest request;
    request.target = "/api/v1/export?configId=0x45&batches=1000%2C1002-1005&note=a+b";
    request.headers.append("Authorization", "Bearer  abc.def ");
    QCOMPARE(request.rawPath(), QByteArray("/api/v1/export"));
    QCOMPARE(request.queryValue(QStringLiteral("configId")), QStringLiteral("0x45"));
    QCOMPARE(request.queryValue(QStringLiteral("batches")), QStringLiteral("1000,1002-1005"));
    QCOMPARE(request.queryValue(QStringLiteral("note")), QStringLiteral("a b"));
    QVERIFY(request.queryValue(QStringLiteral("missing")).isNull());
    QCOMPARE(request.bearerToken(), QByteArray("abc.def"));
    request.headers.set("Authorization", "Basic abc");
    QVERIFY(request.bearerToken().isEmpty());
    request.peer = QHostAddress(QStringLiteral("::ffff:127.0.0.1"));
    QVERIFY(request.fromLoopback());
    request.peer = QHostAddress(QStringLiteral("10.1.2.3"));
    QVERIFY(!request.fromLoopback());
}

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"

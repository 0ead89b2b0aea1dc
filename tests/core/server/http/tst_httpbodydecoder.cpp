#include "server/http/HttpBodyDecoder.h"

#include <QtTest>

using namespace prov::server::http;

class tst_HttpBodyDecoder : public QObject
{
    Q_OBJECT

private slots:
    void chunked_data();
    void chunked();
    void contentLengthLeavesTheRest();
    void limitStopsBeforeDelivering();
    void aLongLineIsRefusedHoweverItArrives();
};

void tst_HttpBodyDecoder::chunked_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("payload"); // null: expect failure
    QTest::addColumn<int>("errorStatus");

    QTest::newRow("two chunks") << QByteArray("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n") << QByteArray("abcde") << 0;
    QTest::newRow("extension and trailer")
        << QByteArray("3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\n") << QByteArray("abc") << 0;
    QTest::newRow("upper hex") << QByteArray("A\r\n0123456789\r\n0\r\n\r\n") << QByteArray("0123456789") << 0;
    QTest::newRow("lf only") << QByteArray("3\nabc\n0\n\n") << QByteArray("abc") << 0;
    QTest::newRow("empty") << QByteArray("0\r\n\r\n") << QByteArray("") << 0;
    QTest::newRow("not hex") << QByteArray("x\r\nabc\r\n0\r\n\r\n") << QByteArray() << 400;
    QTest::newRow("chunk too long") << QByteArray("2\r\nabc\r\n0\r\n\r\n") << QByteArray() << 400;
    QTest::newRow("size overflow") << QByteArray("ffffffffffffffffff\r\n") << QByteArray() << 400;
    QTest::newRow("over the limit") << QByteArray("400\r\n") << QByteArray() << 413;
}

void tst_HttpBodyDecoder::chunked()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, payload);
    QFETCH(int, errorStatus);

    // Fed one byte at a time, so every state sees a split input.
    HttpBodyDecoder decoder(HttpBodyFraming {HttpBodyFraming::Kind::Chunked, 0}, 1000);
    QByteArray received;
    QByteArray input;
    HttpError error;
    HttpBodyDecoder::Status status = HttpBodyDecoder::Status::NeedMore;
    for (char c : wire) {
        input.append(c);
        status = decoder.decode(
            input,
            [&](QByteArrayView d) {
                received.append(d);
                return true;
            },
            error);
        if (status != HttpBodyDecoder::Status::NeedMore)
            break;
    }
    if (payload.isNull()) {
        QCOMPARE(status, HttpBodyDecoder::Status::Failed);
        QCOMPARE(error.status, errorStatus);
    } else {
        QCOMPARE(status, HttpBodyDecoder::Status::Complete);
        QCOMPARE(received, payload);
        QCOMPARE(decoder.payloadBytes(), payload.size());
    }
}

void tst_HttpBodyDecoder::contentLengthLeavesTheRest()
{
    HttpBodyDecoder decoder(HttpBodyFraming {HttpBodyFraming::Kind::Length, 5}, 100);
    QByteArray input = "helloGET / HTTP/1.1\r\n";
    QByteArray received;
    HttpError error;
    QCOMPARE(decoder.decode(
                 input,
                 [&](QByteArrayView d) {
                     received.append(d);
                     return true;
                 },
                 error),
        HttpBodyDecoder::Status::Complete);
    QCOMPARE(received, QByteArray("hello"));
    QCOMPARE(input, QByteArray("GET / HTTP/1.1\r\n")); // the next pipelined request stays
}

void tst_HttpBodyDecoder::limitStopsBeforeDelivering()
{
    HttpBodyDecoder decoder(HttpBodyFraming {HttpBodyFraming::Kind::Chunked, 0}, 10);
    QByteArray input = "8\r\n12345678\r\n8\r\n";
    QByteArray received;
    HttpError error;
    QCOMPARE(decoder.decode(
                 input,
                 [&](QByteArrayView d) {
                     received.append(d);
                     return true;
                 },
                 error),
        HttpBodyDecoder::Status::Failed);
    QCOMPARE(error.status, 413);
    QCOMPARE(received, QByteArray("12345678"));
}

void tst_HttpBodyDecoder::aLongLineIsRefusedHoweverItArrives()
{
    // A trailer line of 1100 bytes (over the 1024-byte line limit), then the end:
    // refused alike when the connection reads it whole and byte by byte.
    const QByteArray wire = QByteArray("0\r\nX-T: ") + QByteArray(1100, 'a') + QByteArray("\r\n\r\n");
    for (const qsizetype step : {wire.size(), qsizetype(1)}) {
        HttpBodyDecoder decoder(HttpBodyFraming {HttpBodyFraming::Kind::Chunked, 0}, 1000);
        QByteArray input;
        HttpError error;
        HttpBodyDecoder::Status status = HttpBodyDecoder::Status::NeedMore;
        for (qsizetype fed = 0; fed < wire.size() && status == HttpBodyDecoder::Status::NeedMore; fed += step) {
            input.append(wire.mid(fed, step));
            status = decoder.decode(
                input, [](QByteArrayView) { return true; }, error);
        }
        QCOMPARE(status, HttpBodyDecoder::Status::Failed);
        QCOMPARE(error.status, 400);
        QVERIFY2(error.detail.contains(QStringLiteral("too long")), qPrintable(error.detail));
    }
}

QTEST_GUILESS_MAIN(tst_HttpBodyDecoder)
#include "tst_httpbodydecoder.moc"

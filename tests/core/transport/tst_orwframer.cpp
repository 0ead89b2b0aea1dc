// The `orw` framing: length LE16 (whole frame) | channel | message | sum of all previous bytes mod 256.
#include "FramerTestKit.h"

#include "transport/OrwFramer.h"

#include <QTest>

using namespace prov::transport;
using prov::test::ScanLog;

class TestOrwFramer : public QObject
{
    Q_OBJECT

private slots:
    void knownFrames_data();
    void knownFrames();
    void roundTrip_data();
    void roundTrip();
    void splitAtEveryOffset();
    void garbageBeforeAndBetween();
    void everySingleBitErrorDetected_data();
    void everySingleBitErrorDetected();
    void oversizeLengthRejected();
    void badChannelByteSkipped();
    void memoryBoundedOnEndlessGarbage();
};

void TestOrwFramer::knownFrames_data()
{
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("frame");
    // Worked by hand from the wrapper's definition (docs/protocol/wrappers.md): 07+00+47+01+02+03 = 0x54.
    QTest::newRow("node 010203") << int(Channel::Node) << QByteArray::fromHex("010203")
                                 << QByteArray::fromHex("07004701020354");
    QTest::newRow("host empty") << int(Channel::Host) << QByteArray() << QByteArray::fromHex("04000004");
    // 0x104 bytes: the length's high byte counts too (04+01+00+256*01 = 0x105 -> 05).
    QTest::newRow("host 256") << int(Channel::Host) << QByteArray(256, '\x01')
                              << (QByteArray::fromHex("040100") + QByteArray(256, '\x01') + QByteArray::fromHex("05"));
}

void TestOrwFramer::knownFrames()
{
    QFETCH(int, channel);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, frame);
    const Message message {Channel(channel), payload};
    QCOMPARE(OrwFramer::encode(message).toHex(), frame.toHex());
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    framer.feed(frame);
    QCOMPARE(log.messages, QList<Message> {message});
    QCOMPARE(log.problems(), 0);
}

void TestOrwFramer::roundTrip_data()
{
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("node empty") << int(Channel::Node) << QByteArray();
    QTest::newRow("host one byte") << int(Channel::Host) << QByteArray(1, '\x7e');
    QTest::newRow("node all 7E") << int(Channel::Node) << QByteArray(300, '\x7e');
    QTest::newRow("host random 1000") << int(Channel::Host) << prov::test::randomBytes(1000, 1);
    QTest::newRow("node max 4096") << int(Channel::Node) << prov::test::randomBytes(OrwFramer::kMaxPayload, 2);
}

void TestOrwFramer::roundTrip()
{
    QFETCH(int, channel);
    QFETCH(QByteArray, payload);
    const Message message {Channel(channel), payload};
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    const QByteArray frame = OrwFramer::encode(message);
    QCOMPARE(frame.size(), payload.size() + OrwFramer::kOverhead);
    framer.feed(frame + frame);
    QCOMPARE(log.messages, (QList<Message> {message, message}));
    QCOMPARE(log.problems(), 0);
    QCOMPARE(framer.bufferedBytes(), 0);
}

void TestOrwFramer::splitAtEveryOffset()
{
    const Message a {Channel::Node, prov::test::randomBytes(40, 3)};
    const Message b {Channel::Host, QByteArray::fromHex("7e7e00")};
    const QByteArray stream = OrwFramer::encode(a) + OrwFramer::encode(b);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        OrwFramer framer;
        ScanLog log;
        log.attach(framer);
        framer.feed(QByteArrayView(stream).first(cut));
        framer.feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(log.messages, (QList<Message> {a, b}));
        QCOMPARE(log.problems(), 0);
    }
    // And byte by byte.
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    for (char c : stream)
        framer.feed(QByteArrayView(&c, 1));
    QCOMPARE(log.messages, (QList<Message> {a, b}));
}

void TestOrwFramer::garbageBeforeAndBetween()
{
    const Message a {Channel::Node, QByteArray::fromHex("0102")};
    const Message b {Channel::Host, QByteArray::fromHex("7e0304")};
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    // Garbage including bytes that look like the start of a header.
    framer.feed(QByteArray::fromHex("0011227e5501ffff0500") + OrwFramer::encode(a) + QByteArray::fromHex("7e7e7e33")
        + OrwFramer::encode(b));
    prov::test::drainPartial(framer);
    QCOMPARE(log.messages, (QList<Message> {a, b}));
    QVERIFY(log.framingErrors >= 2);
}

void TestOrwFramer::everySingleBitErrorDetected_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("short") << QByteArray::fromHex("0102037e");
    QTest::newRow("random 64") << prov::test::randomBytes(64, 7);
    QTest::newRow("empty") << QByteArray();
}

void TestOrwFramer::everySingleBitErrorDetected()
{
    QFETCH(QByteArray, payload);
    const Message bad {Channel::Node, payload};
    const Message good {Channel::Host, QByteArray::fromHex("a5a5")};
    const QByteArray frame = OrwFramer::encode(bad);
    for (qsizetype bit = 0; bit < frame.size() * 8; ++bit) {
        QByteArray corrupted = frame;
        corrupted[bit / 8] = char(corrupted[bit / 8] ^ (1 << (bit % 8)));
        OrwFramer framer;
        ScanLog log;
        log.attach(framer);
        framer.feed(corrupted + OrwFramer::encode(good));
        prov::test::drainPartial(framer);
        // The corrupted frame is never delivered, the next one always is.
        QVERIFY2(log.messages == QList<Message> {good}, qPrintable(QStringLiteral("bit %1").arg(bit)));
        QVERIFY2(log.problems() >= 1, qPrintable(QStringLiteral("bit %1 not counted").arg(bit)));
    }
}

void TestOrwFramer::oversizeLengthRejected()
{
    // A frame claiming 4101 bytes is rejected at its header, without waiting
    // for (or buffering) its body.
    QByteArray frame = QByteArray::fromHex("051047");
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    framer.feed(frame);
    QCOMPARE(log.framingErrors, 1);
    QVERIFY(framer.bufferedBytes() <= 1);
    // Without a start byte a leftover byte may look like a header: the
    // inter-character timeout clears it.
    prov::test::drainPartial(framer);
    const Message ok {Channel::Node, QByteArray(10, 'x')};
    framer.feed(OrwFramer::encode(ok));
    QCOMPARE(log.messages, QList<Message> {ok});
}

void TestOrwFramer::badChannelByteSkipped()
{
    QByteArray frame = OrwFramer::encode(Message {Channel::Node, QByteArray::fromHex("01")});
    frame[2] = char(0x48);
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    framer.feed(frame);
    prov::test::drainPartial(framer);
    QCOMPARE(log.messages.size(), 0);
    QVERIFY(log.framingErrors >= 1);
}

void TestOrwFramer::memoryBoundedOnEndlessGarbage()
{
    OrwFramer framer;
    ScanLog log;
    log.attach(framer);
    // Plausible headers that announce the largest frame, then never a valid CRC.
    const QByteArray chunk = QByteArray::fromHex("041047") + QByteArray(1000, '\x7e');
    for (int i = 0; i < 200; ++i) {
        framer.feed(chunk);
        QVERIFY(framer.bufferedBytes() <= framer.maxFrameSize());
    }
    QCOMPARE(log.messages.size(), 0);
}

QTEST_GUILESS_MAIN(TestOrwFramer)
#include "tst_orwframer.moc"

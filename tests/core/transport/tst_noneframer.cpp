// The `none` framing: 7E | channel | length LE16 | payload | CRC-16/CCITT-FALSE BE.
#include "FramerTestKit.h"

#include "transport/NoneFramer.h"

#include <QTest>

using namespace prov::transport;
using prov::test::ScanLog;

class TestNoneFramer : public QObject
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

void TestNoneFramer::knownFrames_data()
{
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("frame");
    // CRCs computed independently with Python's binascii.crc_hqx(data, 0xFFFF)
    // (which is CRC-16/CCITT-FALSE) over channel..payload.
    QTest::newRow("node 010203") << int(Channel::Node) << QByteArray::fromHex("010203")
                                 << QByteArray::fromHex("7e47030001020323a2");
    QTest::newRow("host empty") << int(Channel::Host) << QByteArray() << QByteArray::fromHex("7e000000cc9c");
}

void TestNoneFramer::knownFrames()
{
    QFETCH(int, channel);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, frame);
    const Message message {Channel(channel), payload};
    QCOMPARE(NoneFramer::encode(message).toHex(), frame.toHex());
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    framer.feed(frame);
    QCOMPARE(log.messages, QList<Message> {message});
    QCOMPARE(log.problems(), 0);
}

void TestNoneFramer::roundTrip_data()
{
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("node empty") << int(Channel::Node) << QByteArray();
    QTest::newRow("host one byte") << int(Channel::Host) << QByteArray(1, '\x7e');
    QTest::newRow("node all 7E") << int(Channel::Node) << QByteArray(300, '\x7e');
    QTest::newRow("host random 1000") << int(Channel::Host) << prov::test::randomBytes(1000, 1);
    QTest::newRow("node max 4096") << int(Channel::Node) << prov::test::randomBytes(NoneFramer::kMaxPayload, 2);
}

void TestNoneFramer::roundTrip()
{
    QFETCH(int, channel);
    QFETCH(QByteArray, payload);
    const Message message {Channel(channel), payload};
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    const QByteArray frame = NoneFramer::encode(message);
    QCOMPARE(frame.size(), payload.size() + NoneFramer::kOverhead);
    framer.feed(frame + frame);
    QCOMPARE(log.messages, (QList<Message> {message, message}));
    QCOMPARE(log.problems(), 0);
    QCOMPARE(framer.bufferedBytes(), 0);
}

void TestNoneFramer::splitAtEveryOffset()
{
    const Message a {Channel::Node, prov::test::randomBytes(40, 3)};
    const Message b {Channel::Host, QByteArray::fromHex("7e7e00")};
    const QByteArray stream = NoneFramer::encode(a) + NoneFramer::encode(b);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        NoneFramer framer;
        ScanLog log;
        log.attach(framer);
        framer.feed(QByteArrayView(stream).first(cut));
        framer.feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(log.messages, (QList<Message> {a, b}));
        QCOMPARE(log.problems(), 0);
    }
    // And byte by byte.
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    for (char c : stream)
        framer.feed(QByteArrayView(&c, 1));
    QCOMPARE(log.messages, (QList<Message> {a, b}));
}

void TestNoneFramer::garbageBeforeAndBetween()
{
    const Message a {Channel::Node, QByteArray::fromHex("0102")};
    const Message b {Channel::Host, QByteArray::fromHex("7e0304")};
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    // Garbage including start bytes followed by implausible headers.
    framer.feed(QByteArray::fromHex("0011227e5501ffff7e") + NoneFramer::encode(a) + QByteArray::fromHex("7e7e7e33")
        + NoneFramer::encode(b));
    prov::test::drainPartial(framer);
    QCOMPARE(log.messages, (QList<Message> {a, b}));
    QVERIFY(log.framingErrors >= 2);
}

void TestNoneFramer::everySingleBitErrorDetected_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("short") << QByteArray::fromHex("0102037e");
    QTest::newRow("random 64") << prov::test::randomBytes(64, 7);
    QTest::newRow("empty") << QByteArray();
}

void TestNoneFramer::everySingleBitErrorDetected()
{
    QFETCH(QByteArray, payload);
    const Message bad {Channel::Node, payload};
    const Message good {Channel::Host, QByteArray::fromHex("a5a5")};
    const QByteArray frame = NoneFramer::encode(bad);
    for (qsizetype bit = 0; bit < frame.size() * 8; ++bit) {
        QByteArray corrupted = frame;
        corrupted[bit / 8] = char(corrupted[bit / 8] ^ (1 << (bit % 8)));
        NoneFramer framer;
        ScanLog log;
        log.attach(framer);
        framer.feed(corrupted + NoneFramer::encode(good));
        prov::test::drainPartial(framer);
        // The corrupted frame is never delivered, the next one always is.
        QVERIFY2(log.messages == QList<Message> {good}, qPrintable(QStringLiteral("bit %1").arg(bit)));
        QVERIFY2(log.problems() >= 1, qPrintable(QStringLiteral("bit %1 not counted").arg(bit)));
    }
}

void TestNoneFramer::oversizeLengthRejected()
{
    // A frame claiming 4097 bytes is rejected at its header, without waiting
    // for (or buffering) its body.
    QByteArray frame = QByteArray::fromHex("7e47011000");
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    framer.feed(frame);
    QCOMPARE(log.framingErrors, 1);
    QCOMPARE(framer.bufferedBytes(), 0);
    const Message ok {Channel::Node, QByteArray(10, 'x')};
    framer.feed(NoneFramer::encode(ok));
    QCOMPARE(log.messages, QList<Message> {ok});
}

void TestNoneFramer::badChannelByteSkipped()
{
    QByteArray frame = NoneFramer::encode(Message {Channel::Node, QByteArray::fromHex("01")});
    frame[1] = char(0x48);
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    framer.feed(frame);
    QCOMPARE(log.messages.size(), 0);
    QCOMPARE(log.framingErrors, 1);
    QCOMPARE(framer.bufferedBytes(), 0);
}

void TestNoneFramer::memoryBoundedOnEndlessGarbage()
{
    NoneFramer framer;
    ScanLog log;
    log.attach(framer);
    // Plausible headers that announce the largest frame, then never a valid CRC.
    const QByteArray chunk = QByteArray::fromHex("7e470010") + QByteArray(1000, '\x7e');
    for (int i = 0; i < 200; ++i) {
        framer.feed(chunk);
        QVERIFY(framer.bufferedBytes() <= framer.maxFrameSize());
    }
    QCOMPARE(log.messages.size(), 0);
}

QTEST_GUILESS_MAIN(TestNoneFramer)
#include "tst_noneframer.moc"

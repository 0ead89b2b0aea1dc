// The two stream framings, one suite: every rule runs against both, with each
// framing's own known frames and malformed headers.
//   none: 7E | channel | length LE16 | payload | CRC-16/CCITT-FALSE BE
//   orw:  length LE16 (whole frame) | channel | message | sum of all previous bytes mod 256
#include "FramerTestKit.h"

#include "transport/NodeFramer.h"
#include "transport/OrwFramer.h"

#include <QTest>

#include <memory>

using namespace prov::transport;
using prov::test::ScanLog;

namespace {

/// One framing as the tests see it.
struct Framing
{
    QByteArray (*encode)(const Message &);
    Message (*decode)(QByteArrayView);
    std::unique_ptr<FrameScanner> (*make)();
    qsizetype maxPayload;
    qsizetype overhead;
    qsizetype channelOffset; ///< where the channel byte stands in a frame
    /// Garbage that holds bytes looking like the start of a header.
    QByteArray garbage;
    /// A header announcing more than the largest frame.
    QByteArray oversizeHeader;
    /// A plausible header announcing the largest frame, for the endless-garbage test.
    QByteArray largestHeader;
};

template<typename F>
Framing framing(QByteArray garbage, QByteArray oversize, QByteArray largest, qsizetype channelOffset)
{
    return Framing {&F::encode, &F::decode, [] { return std::unique_ptr<FrameScanner>(new F); }, F::kMaxPayload,
        F::kOverhead, channelOffset, std::move(garbage), std::move(oversize), std::move(largest)};
}

const Framing &framingNamed(const QString &name)
{
    static const Framing none = framing<NodeFramer>(QByteArray::fromHex("0011227e5501ffff7e"),
        QByteArray::fromHex("7e47011000"), QByteArray::fromHex("7e470010"), 1);
    static const Framing orw = framing<OrwFramer>(
        QByteArray::fromHex("0011227e5501ffff0500"), QByteArray::fromHex("051047"), QByteArray::fromHex("041047"), 2);
    return name == u"none" ? none : orw;
}

/// A scanner of `f` with a log attached.
struct Scan
{
    std::unique_ptr<FrameScanner> scanner;
    ScanLog log;

    explicit Scan(const Framing &f)
        : scanner(f.make())
    {
        log.attach(*scanner, f.decode);
    }
};

} // namespace

class TestStreamFramers : public QObject
{
    Q_OBJECT

private slots:
    void knownFrames_data();
    void knownFrames();
    void roundTrip_data();
    void roundTrip();
    void splitAtEveryOffset_data() { addFramings(); }
    void splitAtEveryOffset();
    void garbageBeforeAndBetween_data() { addFramings(); }
    void garbageBeforeAndBetween();
    void everySingleBitErrorDetected_data();
    void everySingleBitErrorDetected();
    void oversizeLengthRejected_data() { addFramings(); }
    void oversizeLengthRejected();
    void badChannelByteSkipped_data() { addFramings(); }
    void badChannelByteSkipped();
    void memoryBoundedOnEndlessGarbage_data() { addFramings(); }
    void memoryBoundedOnEndlessGarbage();

private:
    static void addFramings();
};

void TestStreamFramers::addFramings()
{
    QTest::addColumn<QString>("framing");
    QTest::newRow("none") << QStringLiteral("none");
    QTest::newRow("orw") << QStringLiteral("orw");
}

void TestStreamFramers::knownFrames_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("frame");
    // CRCs computed independently with Python's binascii.crc_hqx(data, 0xFFFF)
    // (which is CRC-16/CCITT-FALSE) over channel..payload.
    QTest::newRow("none: node 010203") << QStringLiteral("none") << int(Channel::Node) << QByteArray::fromHex("010203")
                                       << QByteArray::fromHex("7e47030001020323a2");
    QTest::newRow("none: host empty") << QStringLiteral("none") << int(Channel::Host) << QByteArray()
                                      << QByteArray::fromHex("7e000000cc9c");
    // Sums worked by hand from the definition (docs/protocol/wrappers.md): 07+00+47+01+02+03 = 0x54.
    QTest::newRow("orw: node 010203") << QStringLiteral("orw") << int(Channel::Node) << QByteArray::fromHex("010203")
                                      << QByteArray::fromHex("07004701020354");
    QTest::newRow("orw: host empty") << QStringLiteral("orw") << int(Channel::Host) << QByteArray()
                                     << QByteArray::fromHex("04000004");
    // 0x104 bytes: the length's high byte counts too (04+01+00+256*01 = 0x105 -> 05).
    QTest::newRow("orw: host 256") << QStringLiteral("orw") << int(Channel::Host) << QByteArray(256, '\x01')
                                   << (QByteArray::fromHex("040100") + QByteArray(256, '\x01')
                                          + QByteArray::fromHex("05"));
}

void TestStreamFramers::knownFrames()
{
    QFETCH(QString, framing);
    QFETCH(int, channel);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, frame);
    const Framing &f = framingNamed(framing);
    const Message message {Channel(channel), payload};
    QCOMPARE(f.encode(message).toHex(), frame.toHex());
    Scan scan(f);
    scan.scanner->feed(frame);
    QCOMPARE(scan.log.messages, QList<Message> {message});
    QCOMPARE(scan.log.problems(), 0);
}

void TestStreamFramers::roundTrip_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<int>("channel");
    QTest::addColumn<QByteArray>("payload");
    for (const QString &name : {QStringLiteral("none"), QStringLiteral("orw")}) {
        // A row's name is a QByteArray that lives until the end of its newRow statement.
        const auto row = [&name](const char *what) {
            return (name + QStringLiteral(": ") + QLatin1String(what)).toUtf8();
        };
        QTest::newRow(row("node empty").constData()) << name << int(Channel::Node) << QByteArray();
        QTest::newRow(row("host one byte").constData()) << name << int(Channel::Host) << QByteArray(1, '\x7e');
        QTest::newRow(row("node all 7E").constData()) << name << int(Channel::Node) << QByteArray(300, '\x7e');
        QTest::newRow(row("host random 1000").constData())
            << name << int(Channel::Host) << prov::test::randomBytes(1000, 1);
        QTest::newRow(row("node max 4096").constData())
            << name << int(Channel::Node) << prov::test::randomBytes(framingNamed(name).maxPayload, 2);
    }
}

void TestStreamFramers::roundTrip()
{
    QFETCH(QString, framing);
    QFETCH(int, channel);
    QFETCH(QByteArray, payload);
    const Framing &f = framingNamed(framing);
    const Message message {Channel(channel), payload};
    Scan scan(f);
    const QByteArray frame = f.encode(message);
    QCOMPARE(frame.size(), payload.size() + f.overhead);
    scan.scanner->feed(frame + frame);
    QCOMPARE(scan.log.messages, (QList<Message> {message, message}));
    QCOMPARE(scan.log.problems(), 0);
    QCOMPARE(scan.scanner->bufferedBytes(), 0);
}

void TestStreamFramers::splitAtEveryOffset()
{
    QFETCH(QString, framing);
    const Framing &f = framingNamed(framing);
    const Message a {Channel::Node, prov::test::randomBytes(40, 3)};
    const Message b {Channel::Host, QByteArray::fromHex("7e7e00")};
    const QByteArray stream = f.encode(a) + f.encode(b);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        Scan scan(f);
        scan.scanner->feed(QByteArrayView(stream).first(cut));
        scan.scanner->feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(scan.log.messages, (QList<Message> {a, b}));
        QCOMPARE(scan.log.problems(), 0);
    }
    // And byte by byte.
    Scan scan(f);
    for (char c : stream)
        scan.scanner->feed(QByteArrayView(&c, 1));
    QCOMPARE(scan.log.messages, (QList<Message> {a, b}));
}

void TestStreamFramers::garbageBeforeAndBetween()
{
    QFETCH(QString, framing);
    const Framing &f = framingNamed(framing);
    const Message a {Channel::Node, QByteArray::fromHex("0102")};
    const Message b {Channel::Host, QByteArray::fromHex("7e0304")};
    Scan scan(f);
    scan.scanner->feed(f.garbage + f.encode(a) + QByteArray::fromHex("7e7e7e33") + f.encode(b));
    prov::test::drainPartial(*scan.scanner);
    QCOMPARE(scan.log.messages, (QList<Message> {a, b}));
    QVERIFY(scan.log.framingErrors >= 2);
}

void TestStreamFramers::everySingleBitErrorDetected_data()
{
    QTest::addColumn<QString>("framing");
    QTest::addColumn<QByteArray>("payload");
    for (const QString &name : {QStringLiteral("none"), QStringLiteral("orw")}) {
        QTest::newRow(qPrintable(name + QStringLiteral(": short"))) << name << QByteArray::fromHex("0102037e");
        QTest::newRow(qPrintable(name + QStringLiteral(": random 64"))) << name << prov::test::randomBytes(64, 7);
        QTest::newRow(qPrintable(name + QStringLiteral(": empty"))) << name << QByteArray();
    }
}

void TestStreamFramers::everySingleBitErrorDetected()
{
    QFETCH(QString, framing);
    QFETCH(QByteArray, payload);
    const Framing &f = framingNamed(framing);
    const Message bad {Channel::Node, payload};
    const Message good {Channel::Host, QByteArray::fromHex("a5a5")};
    const QByteArray frame = f.encode(bad);
    for (qsizetype bit = 0; bit < frame.size() * 8; ++bit) {
        QByteArray corrupted = frame;
        corrupted[bit / 8] = char(corrupted[bit / 8] ^ (1 << (bit % 8)));
        Scan scan(f);
        scan.scanner->feed(corrupted + f.encode(good));
        prov::test::drainPartial(*scan.scanner);
        // The corrupted frame is never delivered, the next one always is.
        QVERIFY2(scan.log.messages == QList<Message> {good}, qPrintable(QStringLiteral("bit %1").arg(bit)));
        QVERIFY2(scan.log.problems() >= 1, qPrintable(QStringLiteral("bit %1 not counted").arg(bit)));
    }
}

void TestStreamFramers::oversizeLengthRejected()
{
    // A header announcing more than the largest frame is rejected at once,
    // without waiting for (or buffering) its body.
    QFETCH(QString, framing);
    const Framing &f = framingNamed(framing);
    Scan scan(f);
    scan.scanner->feed(f.oversizeHeader);
    QCOMPARE(scan.log.framingErrors, 1);
    QVERIFY(scan.scanner->bufferedBytes() <= 1);
    // Without a start byte (orw) a leftover byte may look like a header: the
    // inter-character timeout clears it.
    prov::test::drainPartial(*scan.scanner);
    const Message ok {Channel::Node, QByteArray(10, 'x')};
    scan.scanner->feed(f.encode(ok));
    QCOMPARE(scan.log.messages, QList<Message> {ok});
}

void TestStreamFramers::badChannelByteSkipped()
{
    QFETCH(QString, framing);
    const Framing &f = framingNamed(framing);
    QByteArray frame = f.encode(Message {Channel::Node, QByteArray::fromHex("01")});
    frame[f.channelOffset] = char(0x48);
    Scan scan(f);
    scan.scanner->feed(frame);
    prov::test::drainPartial(*scan.scanner);
    QCOMPARE(scan.log.messages.size(), 0);
    QVERIFY(scan.log.framingErrors >= 1);
}

void TestStreamFramers::memoryBoundedOnEndlessGarbage()
{
    QFETCH(QString, framing);
    const Framing &f = framingNamed(framing);
    Scan scan(f);
    // Plausible headers that announce the largest frame, then never a valid check.
    const QByteArray chunk = f.largestHeader + QByteArray(1000, '\x7e');
    for (int i = 0; i < 200; ++i) {
        scan.scanner->feed(chunk);
        QVERIFY(scan.scanner->bufferedBytes() <= scan.scanner->maxFrameSize());
    }
    QCOMPARE(scan.log.messages.size(), 0);
}

QTEST_GUILESS_MAIN(TestStreamFramers)
#include "tst_streamframers.moc"

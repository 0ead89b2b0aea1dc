// Frames of the `reliable` wrapper: 7E | type | seq | aux | len LE16 | hcrc BE | body | bcrc BE.
#include "FramerTestKit.h"

#include "transport/Crc16.h"
#include "transport/ReliableFramer.h"

#include <QTest>

using namespace prov::transport;
using Frame = ReliableFramer::Frame;
using Type = ReliableFramer::Type;

namespace {

struct FrameLog
{
    QList<QByteArray> frames;
    QList<QByteArray> badBodies;
    int framingErrors = 0;

    void attach(ReliableFramer &framer)
    {
        framer.setFrameHandler([this](QByteArrayView f) { frames.append(f.toByteArray()); });
        framer.setProblemHandler([this](FrameScanner::Problem problem, QByteArrayView f) {
            if (problem == FrameScanner::Problem::BadChecksum)
                badBodies.append(f.toByteArray());
            else
                ++framingErrors;
        });
    }
};

} // namespace

class TestReliableFramer : public QObject
{
    Q_OBJECT

private slots:
    void knownFrames_data();
    void knownFrames();
    void splitAtEveryOffset();
    void garbageBeforeAndBetween();
    void everySingleBitErrorDetected_data();
    void everySingleBitErrorDetected();
    void damagedBodyKeepsHeader();
    void oversizeAndUnknownTypeRejected();
};

void TestReliableFramer::knownFrames_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("seq");
    QTest::addColumn<int>("aux");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("wire");
    // CRCs from Python's binascii.crc_hqx(data, 0xFFFF) (CRC-16/CCITT-FALSE),
    // header CRC over type..length, body CRC over the body.
    QTest::newRow("data") << int(Type::Data) << 5 << 3 << QByteArray::fromHex("aabbcc")
                          << QByteArray::fromHex("7e01050303000b1baabbcc6cf6");
    QTest::newRow("ack") << int(Type::Ack) << 6 << 0x81 << QByteArray()
                         << QByteArray::fromHex("7e020681000"
                                                "07e7c");
}

void TestReliableFramer::knownFrames()
{
    QFETCH(int, type);
    QFETCH(int, seq);
    QFETCH(int, aux);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, wire);
    const Frame frame {Type(type), quint8(seq), quint8(aux), body};
    QCOMPARE(ReliableFramer::encode(frame).toHex(), wire.toHex());
    ReliableFramer framer;
    FrameLog log;
    log.attach(framer);
    framer.feed(wire);
    QCOMPARE(log.frames.size(), 1);
    const Frame back = ReliableFramer::decode(log.frames.at(0));
    QCOMPARE(int(back.type), type);
    QCOMPARE(int(back.seq), seq);
    QCOMPARE(int(back.aux), aux);
    QCOMPARE(back.body, body);
}

void TestReliableFramer::splitAtEveryOffset()
{
    const QByteArray a = ReliableFramer::encode(Frame {Type::Data, 1, 0, prov::test::randomBytes(50, 9)});
    const QByteArray b = ReliableFramer::encode(Frame {Type::Nak, 0x7e, 0x7e, {}});
    const QByteArray stream = a + b;
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        ReliableFramer framer;
        FrameLog log;
        log.attach(framer);
        framer.feed(QByteArrayView(stream).first(cut));
        framer.feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(log.frames, (QList<QByteArray> {a, b}));
        QCOMPARE(log.framingErrors, 0);
    }
}

void TestReliableFramer::garbageBeforeAndBetween()
{
    const QByteArray a = ReliableFramer::encode(Frame {Type::Data, 0, 2, QByteArray("x")});
    const QByteArray b = ReliableFramer::encode(Frame {Type::Ack, 1, 0, {}});
    ReliableFramer framer;
    FrameLog log;
    log.attach(framer);
    framer.feed(QByteArray::fromHex("7e7e0102030405060708") + a + QByteArray::fromHex("007e") + b);
    prov::test::drainPartial(framer);
    QCOMPARE(log.frames, (QList<QByteArray> {a, b}));
    QVERIFY(log.framingErrors >= 2);
}

void TestReliableFramer::everySingleBitErrorDetected_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("data") << ReliableFramer::encode(Frame {Type::Data, 200, 1, prov::test::randomBytes(40, 4)});
    QTest::newRow("ack") << ReliableFramer::encode(Frame {Type::Ack, 3, 0xFF, {}});
}

void TestReliableFramer::everySingleBitErrorDetected()
{
    QFETCH(QByteArray, frame);
    const QByteArray good = ReliableFramer::encode(Frame {Type::Reset, 0, 0, QByteArray("1234")});
    for (qsizetype bit = 0; bit < frame.size() * 8; ++bit) {
        QByteArray corrupted = frame;
        corrupted[bit / 8] = char(corrupted[bit / 8] ^ (1 << (bit % 8)));
        ReliableFramer framer;
        FrameLog log;
        log.attach(framer);
        framer.feed(corrupted + good);
        prov::test::drainPartial(framer);
        QVERIFY2(log.frames == QList<QByteArray> {good}, qPrintable(QStringLiteral("bit %1").arg(bit)));
        QVERIFY2(log.framingErrors + log.badBodies.size() >= 1, qPrintable(QStringLiteral("bit %1").arg(bit)));
    }
}

void TestReliableFramer::damagedBodyKeepsHeader()
{
    QByteArray frame = ReliableFramer::encode(Frame {Type::Data, 42, 1, QByteArray(100, 'a')});
    frame[50] = 'b';
    ReliableFramer framer;
    FrameLog log;
    log.attach(framer);
    framer.feed(frame);
    QCOMPARE(log.frames.size(), 0);
    QCOMPARE(log.badBodies.size(), 1);
    // The receiver can NAK the right frame.
    QCOMPARE(int(ReliableFramer::decode(log.badBodies.at(0)).seq), 42);
}

void TestReliableFramer::oversizeAndUnknownTypeRejected()
{
    // Headers with a valid CRC but a length of 4097, and a type 0x09.
    auto header = [](quint8 type, quint16 length) {
        QByteArray h = QByteArray::fromHex("7e");
        h.append(char(type));
        h.append(char(0));
        h.append(char(0));
        h.append(char(length & 0xFF));
        h.append(char(length >> 8));
        const quint16 crc = prov::transport::Crc16::ccittFalse(QByteArrayView(h).sliced(1));
        h.append(char(crc >> 8));
        h.append(char(crc & 0xFF));
        return h;
    };
    ReliableFramer framer;
    FrameLog log;
    log.attach(framer);
    framer.feed(header(1, 4097));
    QCOMPARE(log.framingErrors, 1);
    QCOMPARE(framer.bufferedBytes(), 0);
    framer.feed(header(9, 0));
    QCOMPARE(framer.bufferedBytes(), 0);
    QCOMPARE(log.frames.size(), 0);
}

QTEST_GUILESS_MAIN(TestReliableFramer)
#include "tst_reliableframer.moc"

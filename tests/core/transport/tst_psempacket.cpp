// ANSI C12.18 packets and their CRC, against every vector of
// docs/protocol/c1218.md (taken from public implementations: Elster
// MeteringSDK C12Adapter, termineter, esp-idf-ansic1218, SharpMeter).
#include "FramerTestKit.h"

#include "transport/Crc16.h"
#include "transport/PsemPacket.h"

#include <QTest>

using namespace prov::transport;

namespace {

struct PacketLog
{
    QList<QByteArray> frames;
    int badCrc = 0;
    int framing = 0;
    void attach(PsemPacketScanner &scanner)
    {
        scanner.setFrameHandler([this](QByteArrayView f) { frames.append(f.toByteArray()); });
        scanner.setProblemHandler([this](FrameScanner::Problem p, QByteArrayView) {
            if (p == FrameScanner::Problem::BadChecksum)
                ++badCrc;
            else
                ++framing;
        });
    }
};

} // namespace

class TestPsemPacket : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data();
    void vectors();
    void crcCheckValueAndResidue();
    void ackAndNakBetweenPackets();
    void splitAtEveryOffset();
    void garbageBeforeAndBetween();
    void everySingleBitErrorDetected_data();
    void everySingleBitErrorDetected();
    void oversizePacketRejected();
};

void TestPsemPacket::vectors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("ctrl");
    QTest::addColumn<QByteArray>("data");
    // c1218.md, from public implementations.
    QTest::newRow("Identify request") << QByteArray::fromHex("ee000000000120"
                                                             "1310")
                                      << 0x00 << QByteArray::fromHex("20");
    QTest::newRow("Identify reply") << QByteArray::fromHex("ee0000000005"
                                                           "0000010000"
                                                           "c6b5")
                                    << 0x00 << QByteArray::fromHex("0000010000");
    QTest::newRow("Negotiate request") << QByteArray::fromHex("ee0020000005"
                                                              "6104008006"
                                                              "c229")
                                       << 0x20 << QByteArray::fromHex("6104008006");
    QTest::newRow("Negotiate reply") << QByteArray::fromHex("ee0020000005"
                                                            "0004008006"
                                                            "3583")
                                     << 0x20 << QByteArray::fromHex("0004008006");
    QTest::newRow("OK reply") << QByteArray::fromHex("ee000000000100"
                                                     "1131")
                              << 0x00 << QByteArray::fromHex("00");
    QTest::newRow("Terminate") << QByteArray::fromHex("ee000000000121"
                                                      "9a01")
                               << 0x00 << QByteArray::fromHex("21");
    QTest::newRow("Partial read table 23") << QByteArray::fromHex("ee0020000008"
                                                                  "3f0017000000"
                                                                  "0008"
                                                                  "03f2")
                                           << 0x20 << QByteArray::fromHex("3f00170000000008");
    QTest::newRow("Partial read reply") << QByteArray::fromHex("ee002000000c"
                                                               "000008fb1304024d891a00fc"
                                                               "92f2")
                                        << 0x20 << QByteArray::fromHex("000008fb1304024d891a00fc");
}

void TestPsemPacket::vectors()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, ctrl);
    QFETCH(QByteArray, data);
    PsemPacket packet;
    packet.ctrl = quint8(ctrl);
    packet.data = data;
    QCOMPARE(packet.encode().toHex(), wire.toHex());
    // The CRC itself (X-25, low byte first).
    const quint16 crc = Crc16::x25(QByteArrayView(wire).first(wire.size() - 2));
    QCOMPARE(quint8(wire[wire.size() - 2]), quint8(crc & 0xFF));
    QCOMPARE(quint8(wire[wire.size() - 1]), quint8(crc >> 8));
    // And back through the scanner.
    PsemPacketScanner scanner;
    PacketLog log;
    log.attach(scanner);
    scanner.feed(wire);
    QCOMPARE(log.frames.size(), 1);
    const PsemPacket back = PsemPacket::decode(log.frames.at(0));
    QCOMPARE(int(back.ctrl), ctrl);
    QCOMPARE(back.toggle(), bool(ctrl & 0x20));
    QCOMPARE(int(back.seq), 0);
    QCOMPARE(back.data, data);
}

void TestPsemPacket::crcCheckValueAndResidue()
{
    // c1218.md, from public implementations: check value 0x906E, and over a
    // packet including its CRC the register ends at the residue 0xF0B8.
    QCOMPARE(Crc16::x25("123456789"), quint16(0x906E));
    const QByteArray identify = QByteArray::fromHex("ee0000000001201310");
    QCOMPARE(quint16(Crc16::x25(identify) ^ 0xFFFF), quint16(0xF0B8));
}

void TestPsemPacket::ackAndNakBetweenPackets()
{
    PsemPacketScanner scanner;
    PacketLog log;
    log.attach(scanner);
    const QByteArray ok = QByteArray::fromHex("ee00000000010011"
                                              "31");
    scanner.feed(QByteArray::fromHex("06") + ok + QByteArray::fromHex("15"));
    QCOMPARE(log.frames, (QList<QByteArray> {QByteArray::fromHex("06"), ok, QByteArray::fromHex("15")}));
}

void TestPsemPacket::splitAtEveryOffset()
{
    PsemPacket multi;
    multi.ctrl = 0x80 | 0x40;
    multi.seq = 1;
    multi.data = prov::test::randomBytes(60, 12);
    const QByteArray stream = multi.encode() + QByteArray::fromHex("06")
        + QByteArray::fromHex("ee0000000005"
                              "0000010000"
                              "c6b5");
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        PsemPacketScanner scanner;
        PacketLog log;
        log.attach(scanner);
        scanner.feed(QByteArrayView(stream).first(cut));
        scanner.feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(log.frames.size(), 3);
        QCOMPARE(PsemPacket::decode(log.frames.at(0)).data, multi.data);
        QCOMPARE(log.badCrc + log.framing, 0);
    }
}

void TestPsemPacket::garbageBeforeAndBetween()
{
    const QByteArray a = QByteArray::fromHex("ee000000000120"
                                             "1310");
    const QByteArray b = QByteArray::fromHex("ee000000000121"
                                             "9a01");
    PsemPacketScanner scanner;
    PacketLog log;
    log.attach(scanner);
    scanner.feed(QByteArray::fromHex("0102ee1122") + a + QByteArray::fromHex("3344") + b);
    prov::test::drainPartial(scanner);
    QCOMPARE(log.frames, (QList<QByteArray> {a, b}));
    QVERIFY(log.framing + log.badCrc >= 2);
}

void TestPsemPacket::everySingleBitErrorDetected_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("negotiate") << QByteArray::fromHex("ee0020000005"
                                                      "6104008006"
                                                      "c229");
    PsemPacket p;
    p.data = QByteArray(40, '\x0f');
    QTest::newRow("40 bytes") << p.encode();
}

void TestPsemPacket::everySingleBitErrorDetected()
{
    QFETCH(QByteArray, wire);
    const QByteArray good = QByteArray::fromHex("ee000000000121"
                                                "9a01");
    for (qsizetype bit = 0; bit < wire.size() * 8; ++bit) {
        QByteArray corrupted = wire;
        corrupted[bit / 8] = char(corrupted[bit / 8] ^ (1 << (bit % 8)));
        PsemPacketScanner scanner;
        PacketLog log;
        log.attach(scanner);
        scanner.feed(corrupted + good);
        prov::test::drainPartial(scanner);
        // Only the good packet (and maybe stray ACK/NAK bytes from inside the
        // damaged one, which the link layer ignores when it waits for none).
        QList<QByteArray> packets;
        for (const QByteArray &f : std::as_const(log.frames)) {
            if (f.size() > 1)
                packets.append(f);
        }
        QVERIFY2(packets == QList<QByteArray> {good}, qPrintable(QStringLiteral("bit %1").arg(bit)));
        QVERIFY2(log.badCrc + log.framing >= 1, qPrintable(QStringLiteral("bit %1").arg(bit)));
    }
}

void TestPsemPacket::oversizePacketRejected()
{
    // A header announcing more data than the negotiated maximum (here 1016).
    PsemPacketScanner scanner(1016);
    PacketLog log;
    log.attach(scanner);
    scanner.feed(QByteArray::fromHex("ee00000003f9"));
    QCOMPARE(log.framing, 1);
    QCOMPARE(scanner.bufferedBytes(), 0);
    // 8183 is C12.18's own limit.
    PsemPacketScanner standard;
    PacketLog log2;
    log2.attach(standard);
    standard.feed(QByteArray::fromHex("ee0000001ff8"));
    QCOMPARE(log2.framing, 1);
}

QTEST_GUILESS_MAIN(TestPsemPacket)
#include "tst_psempacket.moc"

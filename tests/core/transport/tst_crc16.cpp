// Known-answer tests of both CRC-16 variants.
#include "transport/Crc16.h"

#include <QTest>

using prov::transport::Crc16;

class TestCrc16 : public QObject
{
    Q_OBJECT

private slots:
    void ccittFalse_data();
    void ccittFalse();
    void x25_data();
    void x25();
    void x25ResidueOverPacketWithCrc();
};

void TestCrc16::ccittFalse_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("crc");
    // Check value from the CRC catalogue (reveng: CRC-16/IBM-3740 a.k.a. CCITT-FALSE).
    QTest::newRow("check") << QByteArray("123456789") << 0x29B1;
    QTest::newRow("empty") << QByteArray() << 0xFFFF;
    // Python binascii.crc_hqx(data, 0xFFFF).
    QTest::newRow("470300010203") << QByteArray::fromHex("470300010203") << 0x23A2;
}

void TestCrc16::ccittFalse()
{
    QFETCH(QByteArray, data);
    QFETCH(int, crc);
    QCOMPARE(Crc16::ccittFalse(data), quint16(crc));
}

void TestCrc16::x25_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("crc");
    // c1218.md (from public implementations): check value of "123456789".
    QTest::newRow("check") << QByteArray("123456789") << 0x906E;
    // c1218.md, from public implementations: Identify request EE 00 00 00 00 01 20 | 13 10 (low byte first).
    QTest::newRow("identify") << QByteArray::fromHex("ee0000000001"
                                                     "20")
                              << 0x1013;
    QTest::newRow("ok reply") << QByteArray::fromHex("ee0000000001"
                                                     "00")
                              << 0x3111;
}

void TestCrc16::x25()
{
    QFETCH(QByteArray, data);
    QFETCH(int, crc);
    QCOMPARE(Crc16::x25(data), quint16(crc));
}

void TestCrc16::x25ResidueOverPacketWithCrc()
{
    // c1218.md: running X-25 over a packet including its CRC gives the
    // residue 0xF0B8 (before the final XOR; 0x0F47 after it).
    const QByteArray packet = QByteArray::fromHex("ee000000000120"
                                                  "1310");
    QCOMPARE(quint16(Crc16::x25(packet) ^ 0xFFFF), quint16(0xF0B8));
}

QTEST_GUILESS_MAIN(TestCrc16)
#include "tst_crc16.moc"

#include "protocol/Crc32.h"

#include <QTest>

using namespace prov::protocol;

class TestCrc32 : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers_data();
    void knownAnswers();
    void runningCrcEqualsWhole();
};

void TestCrc32::knownAnswers_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("crc");
    // CRC-32/ISO-HDLC check value from the CRC catalogue (reveng.sourceforge.io/crc-catalogue).
    QTest::newRow("check") << QByteArray("123456789") << quint32(0xCBF43926);
    QTest::newRow("empty") << QByteArray() << quint32(0);
    // Regression values (also what Python's zlib.crc32 gives); the check value above is the independent one.
    QTest::newRow("a") << QByteArray("a") << quint32(0xE8B7BE43);
    QTest::newRow("32 zero bytes") << QByteArray(32, '\0') << quint32(0x190A55AD);
}

void TestCrc32::knownAnswers()
{
    QFETCH(QByteArray, input);
    QFETCH(quint32, crc);
    QCOMPARE(crc32Of(input), crc);
}

void TestCrc32::runningCrcEqualsWhole()
{
    QByteArray image(10000, '\0');
    for (int i = 0; i < image.size(); ++i)
        image[i] = static_cast<char>((i * 7919) >> 3);
    const quint32 whole = crc32Of(image);
    for (int split : {1, 17, 1024, 4096, 9999}) {
        quint32 running = 0;
        for (qsizetype at = 0; at < image.size(); at += split)
            running = crc32Of(QByteArrayView(image).sliced(at, qMin<qsizetype>(split, image.size() - at)), running);
        QCOMPARE(running, whole);
    }
}

QTEST_GUILESS_MAIN(TestCrc32)
#include "tst_crc32.moc"

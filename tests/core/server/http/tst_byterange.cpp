#include "server/http/ByteRange.h"

#include <QtTest>

using namespace prov::server::http;

class tst_ByteRange : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
};

void tst_ByteRange::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("length");

    const int whole = int(ByteRange::Kind::Whole), part = int(ByteRange::Kind::Partial),
              none = int(ByteRange::Kind::Unsatisfiable);
    QTest::newRow("absent") << QByteArray() << qint64(100) << whole << qint64(0) << qint64(100);
    QTest::newRow("from") << QByteArray("bytes=10-") << qint64(100) << part << qint64(10) << qint64(90);
    QTest::newRow("closed") << QByteArray("bytes=10-19") << qint64(100) << part << qint64(10) << qint64(10);
    QTest::newRow("end clipped") << QByteArray("bytes=90-500") << qint64(100) << part << qint64(90) << qint64(10);
    QTest::newRow("suffix") << QByteArray("bytes=-30") << qint64(100) << part << qint64(70) << qint64(30);
    QTest::newRow("suffix too long") << QByteArray("bytes=-300") << qint64(100) << part << qint64(0) << qint64(100);
    QTest::newRow("last byte") << QByteArray("bytes=99-99") << qint64(100) << part << qint64(99) << qint64(1);
    QTest::newRow("past end") << QByteArray("bytes=100-") << qint64(100) << none << qint64(0) << qint64(0);
    QTest::newRow("zero suffix") << QByteArray("bytes=-0") << qint64(100) << none << qint64(0) << qint64(0);
    QTest::newRow("reversed") << QByteArray("bytes=20-10") << qint64(100) << whole << qint64(0) << qint64(100);
    QTest::newRow("several") << QByteArray("bytes=0-1,5-6") << qint64(100) << whole << qint64(0) << qint64(100);
    QTest::newRow("other unit") << QByteArray("items=0-1") << qint64(100) << whole << qint64(0) << qint64(100);
    QTest::newRow("garbage") << QByteArray("bytes=a-b") << qint64(100) << whole << qint64(0) << qint64(100);
    QTest::newRow("empty file") << QByteArray("bytes=0-") << qint64(0) << none << qint64(0) << qint64(0);
}

void tst_ByteRange::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(int, kind);
    QFETCH(qint64, start);
    QFETCH(qint64, length);
    const ByteRange range = ByteRange::parse(header, size);
    QCOMPARE(int(range.kind), kind);
    if (range.kind != ByteRange::Kind::Unsatisfiable) {
        QCOMPARE(range.start, start);
        QCOMPARE(range.length, length);
    }
}

QTEST_GUILESS_MAIN(tst_ByteRange)
#include "tst_byterange.moc"

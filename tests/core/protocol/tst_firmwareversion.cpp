#include "protocol/FirmwareVersion.h"

#include <QTest>

using namespace prov;
using namespace prov::protocol;

class TestFirmwareVersion : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void ordering();
};

void TestFirmwareVersion::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("four parts") << QStringLiteral("1.2.3.4") << true << QStringLiteral("1.2.3.4");
    QTest::newRow("one part") << QStringLiteral("7") << true << QStringLiteral("7.0.0.0");
    QTest::newRow("two parts") << QStringLiteral("5.60") << true << QStringLiteral("5.60.0.0");
    QTest::newRow("max") << QStringLiteral("65535.0.0.65535") << true << QStringLiteral("65535.0.0.65535");
    QTest::newRow("leading zero") << QStringLiteral("01.2") << true << QStringLiteral("1.2.0.0");
    QTest::newRow("five parts") << QStringLiteral("1.2.3.4.5") << false << QString();
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("empty part") << QStringLiteral("1..3") << false << QString();
    QTest::newRow("trailing dot") << QStringLiteral("1.2.") << false << QString();
    QTest::newRow("overflow") << QStringLiteral("65536") << false << QString();
    QTest::newRow("sign") << QStringLiteral("+1.2") << false << QString();
    QTest::newRow("space") << QStringLiteral("1. 2") << false << QString();
    QTest::newRow("hex") << QStringLiteral("0x1") << false << QString();
    QTest::newRow("letters") << QStringLiteral("1.2a") << false << QString();
}

void TestFirmwareVersion::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    const Result<FirmwareVersion> v = FirmwareVersion::parse(text);
    QCOMPARE(v.ok(), valid);
    if (valid) {
        QCOMPARE(v->toString(), canonical);
    } else {
        QCOMPARE(v.error().code, ResultCode::InvalidArguments);
        QVERIFY2(v.error().message.contains(text), qPrintable(v.error().message));
    }
}

void TestFirmwareVersion::ordering()
{
    QVERIFY(FirmwareVersion(1, 2, 0, 0) < FirmwareVersion(1, 10, 0, 0));
    QVERIFY(FirmwareVersion(1, 2, 3, 4) == FirmwareVersion::parse(u"1.2.3.4").value());
    QVERIFY(FirmwareVersion(1, 2, 0, 0) != FirmwareVersion(1, 2, 0, 1));
    QVERIFY(FirmwareVersion().isNull());
}

QTEST_GUILESS_MAIN(TestFirmwareVersion)
#include "tst_firmwareversion.moc"

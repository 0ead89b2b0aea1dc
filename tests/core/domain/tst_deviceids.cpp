#include "domain/DeviceIds.h"

#include <QTest>

using namespace prov;

namespace {

const QString kLongId = QStringLiteral("00112233445566778899AABBCCDDEEFF"); // 32 digits

} // namespace

class TestDeviceIds : public QObject
{
    Q_OBJECT

private slots:
    void nodeIdParses_data();
    void nodeIdParses();
    void nodeIdRejects_data();
    void nodeIdRejects();
    void nodeIdFormats_data();
    void nodeIdFormats();
    void emcmIdParses_data();
    void emcmIdParses();
    void emcmIdRejects_data();
    void emcmIdRejects();
    void partialMatches_data();
    void partialMatches();
    void validatePartial_data();
    void validatePartial();
};

void TestDeviceIds::nodeIdParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint32>("value");
    QTest::newRow("export form") << QStringLiteral("0x0001A2B3") << 0x1A2B3u;
    QTest::newRow("no prefix lower") << QStringLiteral("0001a2b3") << 0x1A2B3u;
    QTest::newRow("one digit") << QStringLiteral("1") << 1u;
    QTest::newRow("upper X") << QStringLiteral("0X1") << 1u;
    QTest::newRow("max no prefix") << QStringLiteral("FFFFFFFF") << 0xFFFFFFFFu;
    QTest::newRow("max lower") << QStringLiteral("0xffffffff") << 0xFFFFFFFFu;
    QTest::newRow("zero") << QStringLiteral("0x00000000") << 0u;
    QTest::newRow("bare zero") << QStringLiteral("0") << 0u;
    // Without a prefix the text is hex, even when it looks decimal.
    QTest::newRow("digits are hex") << QStringLiteral("10") << 16u;
}

void TestDeviceIds::nodeIdParses()
{
    QFETCH(QString, text);
    QFETCH(quint32, value);
    const Result<NodeId> id = NodeId::parse(text);
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    QCOMPARE(id->value(), value);
    QCOMPARE(NodeId::parse(id->toString())->value(), value);
}

void TestDeviceIds::nodeIdRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << QString() << QStringLiteral("no hex digits");
    QTest::newRow("bare prefix") << QStringLiteral("0x") << QStringLiteral("no hex digits");
    QTest::newRow("nine digits prefixed") << QStringLiteral("0x123456789") << QStringLiteral("9 hex digits");
    QTest::newRow("nine digits") << QStringLiteral("123456789") << QStringLiteral("9 hex digits");
    QTest::newRow("nine digits leading zero") << QStringLiteral("00000000F") << QStringLiteral("9 hex digits");
    QTest::newRow("negative") << QStringLiteral("-1") << QStringLiteral("not hexadecimal");
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("not hexadecimal");
    QTest::newRow("leading space") << QStringLiteral(" 1") << QStringLiteral("not hexadecimal");
    QTest::newRow("trailing space") << QStringLiteral("1 ") << QStringLiteral("not hexadecimal");
    QTest::newRow("junk after prefix") << QStringLiteral("0xG") << QStringLiteral("not hexadecimal");
    QTest::newRow("double prefix") << QStringLiteral("0x0x1") << QStringLiteral("not hexadecimal");
    QTest::newRow("letters") << QStringLiteral("xyz") << QStringLiteral("not hexadecimal");
    QTest::newRow("full-width digit") << QStringLiteral("\uFF11") << QStringLiteral("not hexadecimal");
}

void TestDeviceIds::nodeIdRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const Result<NodeId> id = NodeId::parse(text);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().code, ResultCode::InvalidArguments);
    QVERIFY2(id.error().message.contains(u'"' + text + u'"'), qPrintable(id.error().message));
    QVERIFY2(id.error().message.contains(why), qPrintable(id.error().message));
}

void TestDeviceIds::nodeIdFormats_data()
{
    QTest::addColumn<quint32>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0u << QStringLiteral("0x00000000");
    QTest::newRow("padded upper") << 0x1A2B3u << QStringLiteral("0x0001A2B3");
    QTest::newRow("max") << 0xFFFFFFFFu << QStringLiteral("0xFFFFFFFF");
}

void TestDeviceIds::nodeIdFormats()
{
    QFETCH(quint32, value);
    QFETCH(QString, text);
    QCOMPARE(NodeId(value).toString(), text);
    QCOMPARE(NodeId(value).toString(), QString::asprintf("0x%08X", value));
}

void TestDeviceIds::emcmIdParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("stored");
    QTest::newRow("8 digits lower") << QStringLiteral("0a1b2c3d") << QStringLiteral("0A1B2C3D");
    QTest::newRow("8 digits upper") << QStringLiteral("0A1B2C3D") << QStringLiteral("0A1B2C3D");
    QTest::newRow("17 digits") << QStringLiteral("abcdef01234567890") << QStringLiteral("ABCDEF01234567890");
    QTest::newRow("32 digits") << kLongId.toLower() << kLongId;
}

void TestDeviceIds::emcmIdParses()
{
    QFETCH(QString, text);
    QFETCH(QString, stored);
    const Result<EmcmId> id = EmcmId::parse(text);
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    QCOMPARE(id->toString(), stored);
    QVERIFY(!id->isEmpty());
    QCOMPARE(*EmcmId::parse(stored), *id);
}

void TestDeviceIds::emcmIdRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << QString() << QStringLiteral("0 hex digits");
    QTest::newRow("7 digits") << QStringLiteral("0A1B2C3") << QStringLiteral("7 hex digits");
    QTest::newRow("33 digits") << kLongId + u'0' << QStringLiteral("33 hex digits");
    QTest::newRow("prefix") << QStringLiteral("0x0A1B2C3D") << QStringLiteral("not hexadecimal");
    QTest::newRow("non-hex letter") << QStringLiteral("0A1B2C3G") << QStringLiteral("not hexadecimal");
    QTest::newRow("leading space") << QStringLiteral(" 0A1B2C3D") << QStringLiteral("not hexadecimal");
    QTest::newRow("dash") << QStringLiteral("0A1B-2C3D") << QStringLiteral("not hexadecimal");
}

void TestDeviceIds::emcmIdRejects()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const Result<EmcmId> id = EmcmId::parse(text);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().code, ResultCode::InvalidArguments);
    QVERIFY2(id.error().message.contains(u'"' + text + u'"'), qPrintable(id.error().message));
    QVERIFY2(id.error().message.contains(why), qPrintable(id.error().message));
}

void TestDeviceIds::partialMatches_data()
{
    QTest::addColumn<QString>("emcm"); // empty: a default-constructed EmcmId
    QTest::addColumn<QString>("partial");
    QTest::addColumn<bool>("matches");
    QTest::newRow("last 8 lower") << kLongId << QStringLiteral("ccddeeff") << true;
    QTest::newRow("last 8 upper") << kLongId << QStringLiteral("CCDDEEFF") << true;
    QTest::newRow("last 8 mixed") << kLongId << QStringLiteral("CcDdEeFf") << true;
    QTest::newRow("not the last 8") << kLongId << QStringLiteral("BBCCDDEE") << false;
    QTest::newRow("first 8") << kLongId << QStringLiteral("00112233") << false;
    QTest::newRow("one digit off") << kLongId << QStringLiteral("CCDDEEFE") << false;
    QTest::newRow("whole 8-digit id") << QStringLiteral("0A1B2C3D") << QStringLiteral("0a1b2c3d") << true;
    QTest::newRow("7 digits suffix") << kLongId << QStringLiteral("CDDEEFF") << false;
    QTest::newRow("9 digits suffix") << kLongId << QStringLiteral("BCCDDEEFF") << false;
    QTest::newRow("non-hex") << kLongId << QStringLiteral("xCDDEEFF") << false;
    QTest::newRow("prefixed") << kLongId << QStringLiteral("0xCCDDEEFF") << false;
    QTest::newRow("trailing space") << kLongId << QStringLiteral("CCDDEEFF ") << false;
    QTest::newRow("empty partial") << kLongId << QString() << false;
    QTest::newRow("empty id") << QString() << QStringLiteral("CCDDEEFF") << false;
}

void TestDeviceIds::partialMatches()
{
    QFETCH(QString, emcm);
    QFETCH(QString, partial);
    QFETCH(bool, matches);
    EmcmId id;
    if (!emcm.isEmpty()) {
        const Result<EmcmId> parsed = EmcmId::parse(emcm);
        QVERIFY(parsed.ok());
        id = *parsed;
    }
    QCOMPARE(id.matchesPartial(partial), matches);
}

void TestDeviceIds::validatePartial_data()
{
    QTest::addColumn<QString>("partial");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("why");
    QTest::newRow("upper") << QStringLiteral("CCDDEEFF") << true << QString();
    QTest::newRow("lower") << QStringLiteral("0a1b2c3d") << true << QString();
    QTest::newRow("digits") << QStringLiteral("12345678") << true << QString();
    QTest::newRow("empty") << QString() << false << QStringLiteral("0 hex digits");
    QTest::newRow("7 digits") << QStringLiteral("1234567") << false << QStringLiteral("7 hex digits");
    QTest::newRow("9 digits") << QStringLiteral("123456789") << false << QStringLiteral("9 hex digits");
    QTest::newRow("non-hex") << QStringLiteral("1234567G") << false << QStringLiteral("not hexadecimal");
    QTest::newRow("prefixed") << QStringLiteral("0x123456") << false << QStringLiteral("not hexadecimal");
    QTest::newRow("blank") << QStringLiteral("1234 678") << false << QStringLiteral("not hexadecimal");
}

void TestDeviceIds::validatePartial()
{
    QFETCH(QString, partial);
    QFETCH(bool, valid);
    QFETCH(QString, why);
    const Status status = EmcmId::validatePartial(partial);
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QCOMPARE(status.error().code, ResultCode::InvalidArguments);
        QVERIFY2(status.error().message.contains(u'"' + partial + u'"'), qPrintable(status.error().message));
        QVERIFY2(status.error().message.contains(why), qPrintable(status.error().message));
    }
}

QTEST_GUILESS_MAIN(TestDeviceIds)
#include "tst_deviceids.moc"

#include "domain/ConfigId.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace prov;

class TestConfigId : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void formats_data();
    void formats();
    void roundTripsRandomValues();
    void longInputIsCutInMessage();
    void orders();
};

void TestConfigId::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint64>("value");
    QTest::newRow("zero") << QStringLiteral("0") << Q_UINT64_C(0);
    QTest::newRow("decimal") << QStringLiteral("69") << Q_UINT64_C(69);
    QTest::newRow("decimal leading zeros stay decimal") << QStringLiteral("0045") << Q_UINT64_C(45);
    QTest::newRow("double zero") << QStringLiteral("00") << Q_UINT64_C(0);
    QTest::newRow("hex") << QStringLiteral("0x45") << Q_UINT64_C(0x45);
    QTest::newRow("hex upper X") << QStringLiteral("0X45") << Q_UINT64_C(0x45);
    QTest::newRow("hex zero") << QStringLiteral("0x0") << Q_UINT64_C(0);
    QTest::newRow("hex as in the package") << QStringLiteral("0x0000000000000045") << Q_UINT64_C(0x45);
    QTest::newRow("hex lower digits") << QStringLiteral("0xabcdef") << Q_UINT64_C(0xABCDEF);
    QTest::newRow("hex mixed digits") << QStringLiteral("0xAbCdEf") << Q_UINT64_C(0xABCDEF);
    QTest::newRow("hex leading zeros beyond 16 digits") << QStringLiteral("0x000000000000000000001") << Q_UINT64_C(1);
    QTest::newRow("decimal max") << QStringLiteral("18446744073709551615") << std::numeric_limits<quint64>::max();
    QTest::newRow("hex max") << QStringLiteral("0xFFFFFFFFFFFFFFFF") << std::numeric_limits<quint64>::max();
    QTest::newRow("hex max lower") << QStringLiteral("0xffffffffffffffff") << std::numeric_limits<quint64>::max();
    QTest::newRow("above 32 bits") << QStringLiteral("4294967296") << Q_UINT64_C(4294967296);
}

void TestConfigId::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(quint64, value);
    const Result<ConfigId> id = ConfigId::parse(text);
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    QCOMPARE(id->value(), value);
}

void TestConfigId::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("quotedAs"); // how the message must quote the input
    QTest::addColumn<QString>("why"); // a fragment the message must contain
    const auto row = [](const char *name, const QString &text, const QString &why) {
        QTest::newRow(name) << text << (u'"' + text + u'"') << why;
    };
    row("empty", QString(), QStringLiteral("empty"));
    row("negative", QStringLiteral("-1"), QStringLiteral("sign"));
    row("plus", QStringLiteral("+1"), QStringLiteral("sign"));
    row("leading space", QStringLiteral(" 1"), QStringLiteral("position 1"));
    row("trailing space", QStringLiteral("1 "), QStringLiteral("position 2"));
    row("inner space", QStringLiteral("1 2"), QStringLiteral("position 2"));
    row("overflow decimal", QStringLiteral("18446744073709551616"), QStringLiteral("out of range"));
    row("overflow decimal long", QStringLiteral("99999999999999999999999"), QStringLiteral("out of range"));
    row("overflow hex", QStringLiteral("0x1FFFFFFFFFFFFFFFF"), QStringLiteral("out of range"));
    row("overflow hex 17 digits", QStringLiteral("0x10000000000000000"), QStringLiteral("out of range"));
    row("trailing garbage", QStringLiteral("12abc"), QStringLiteral("position 3"));
    row("bare 0x", QStringLiteral("0x"), QStringLiteral("no hex digits"));
    row("bare 0X", QStringLiteral("0X"), QStringLiteral("no hex digits"));
    row("hex junk", QStringLiteral("0xg"), QStringLiteral("hex"));
    row("hex sign", QStringLiteral("0x-1"), QStringLiteral("hex"));
    row("hex space", QStringLiteral("0x 1"), QStringLiteral("hex"));
    row("double prefix", QStringLiteral("0x0x1"), QStringLiteral("position 4"));
    row("letters", QStringLiteral("abc"), QStringLiteral("decimal"));
    row("hex without prefix", QStringLiteral("FF"), QStringLiteral("decimal"));
    row("decimal point", QStringLiteral("1.5"), QStringLiteral("position 2"));
    row("exponent", QStringLiteral("1e3"), QStringLiteral("position 2"));
    row("binary prefix", QStringLiteral("0b101"), QStringLiteral("position 2"));
    row("x without 0", QStringLiteral("x12"), QStringLiteral("position 1"));
    row("full-width digits", QStringLiteral("\uFF11\uFF12"), QStringLiteral("position 1"));
    QTest::newRow("trailing newline") << QStringLiteral("12\n") << QStringLiteral("\"12\\u000a\"")
                                      << QStringLiteral("position 3");
    QTest::newRow("tab") << QStringLiteral("\t1") << QStringLiteral("\"\\u00091\"") << QStringLiteral("position 1");
}

void TestConfigId::rejectsInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, quotedAs);
    QFETCH(QString, why);
    const Result<ConfigId> id = ConfigId::parse(text);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().code, ResultCode::InvalidArguments);
    const QString message = id.error().message;
    QVERIFY2(message.contains(quotedAs), qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
}

void TestConfigId::formats_data()
{
    QTest::addColumn<quint64>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << Q_UINT64_C(0) << QStringLiteral("0x0000000000000000");
    QTest::newRow("0x45") << Q_UINT64_C(0x45) << QStringLiteral("0x0000000000000045");
    QTest::newRow("upper case digits") << Q_UINT64_C(0xABCDEF) << QStringLiteral("0x0000000000ABCDEF");
    QTest::newRow("max") << std::numeric_limits<quint64>::max() << QStringLiteral("0xFFFFFFFFFFFFFFFF");
    QTest::newRow("high bit") << Q_UINT64_C(0x8000000000000001) << QStringLiteral("0x8000000000000001");
}

void TestConfigId::formats()
{
    QFETCH(quint64, value);
    QFETCH(QString, text);
    QCOMPARE(ConfigId(value).toString(), text);
}

void TestConfigId::roundTripsRandomValues()
{
    QRandomGenerator rng(20260101);
    for (int i = 0; i < 1000; ++i) {
        const quint64 value = rng.generate64() >> rng.bounded(64);
        const ConfigId id(value);
        const Result<ConfigId> fromHex = ConfigId::parse(id.toString());
        QVERIFY(fromHex.ok());
        QCOMPARE(fromHex->value(), value);
        const Result<ConfigId> fromDecimal = ConfigId::parse(QString::number(value));
        QVERIFY(fromDecimal.ok());
        QCOMPARE(*fromDecimal, id);
    }
}

void TestConfigId::longInputIsCutInMessage()
{
    const QString text = QString(200, u'7') + u'z';
    const Result<ConfigId> id = ConfigId::parse(text);
    QVERIFY(!id.ok());
    QVERIFY2(id.error().message.contains(u'"' + QString(64, u'7') + QStringLiteral("...\"")),
        qPrintable(id.error().message));
    QVERIFY(id.error().message.size() < 200);
}

void TestConfigId::orders()
{
    QVERIFY(ConfigId(1) < ConfigId(2));
    QVERIFY(!(ConfigId(2) < ConfigId(2)));
    QVERIFY(ConfigId(2) != ConfigId(3));
    QCOMPARE(ConfigId().value(), Q_UINT64_C(0));
}

QTEST_GUILESS_MAIN(TestConfigId)
#include "tst_configid.moc"

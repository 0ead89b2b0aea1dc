#include "domain/BatchNumber.h"

#include <QRandomGenerator>
#include <QTest>

#include <cerrno>
#include <cstdlib>

using namespace prov;

namespace {

/// What C strtoul(s, nullptr, 0) makes of `text` under the strict rule: accepted
/// only if it converts something, consumes the whole string, does not set ERANGE
/// and fits 32 bits.
struct StrtoulVerdict
{
    bool accepted = false;
    quint32 value = 0;
};

StrtoulVerdict strictStrtoul(const QString &text)
{
    const QByteArray bytes = text.toLatin1();
    const char *begin = bytes.constData();
    char *end = nullptr;
    errno = 0;
    const unsigned long value = std::strtoul(begin, &end, 0);
    const bool whole = end == begin + bytes.size() && end != begin;
    if (!whole || errno == ERANGE || value > 0xFFFFFFFFul)
        return {};
    return {true, static_cast<quint32>(value)};
}

} // namespace

class TestBatchNumber : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void leadingZeroDecimalExplainsOctal();
    void agreesWithStrtoulOnRandomStrings();
    void formatsDecimal();
};

void TestBatchNumber::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint32>("value");
    QTest::newRow("zero") << QStringLiteral("0") << 0u;
    QTest::newRow("one") << QStringLiteral("1") << 1u;
    QTest::newRow("sales order") << QStringLiteral("5082011") << 5082011u;
    QTest::newRow("1000") << QStringLiteral("1000") << 1000u;
    QTest::newRow("octal 010 is 8") << QStringLiteral("010") << 8u;
    QTest::newRow("octal 0777") << QStringLiteral("0777") << 0777u;
    QTest::newRow("octal double zero") << QStringLiteral("00") << 0u;
    QTest::newRow("octal 0007") << QStringLiteral("0007") << 7u;
    QTest::newRow("octal max") << QStringLiteral("037777777777") << 4294967295u;
    QTest::newRow("hex") << QStringLiteral("0x10") << 16u;
    QTest::newRow("hex upper X lower digits") << QStringLiteral("0X1f") << 31u;
    QTest::newRow("hex zero") << QStringLiteral("0x0") << 0u;
    QTest::newRow("hex max") << QStringLiteral("0xFFFFFFFF") << 4294967295u;
    QTest::newRow("hex leading zeros") << QStringLiteral("0x00000000FFFFFFFF") << 4294967295u;
    QTest::newRow("decimal max") << QStringLiteral("4294967295") << 4294967295u;
}

void TestBatchNumber::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(quint32, value);
    const Result<BatchNumber> batch = BatchNumber::parse(text);
    QVERIFY2(batch.ok(), qPrintable(batch.ok() ? QString() : batch.error().message));
    QCOMPARE(batch->value(), value);

    // The contract is "exactly strtoul's base rules": the C library must agree.
    const StrtoulVerdict c = strictStrtoul(text);
    QVERIFY(c.accepted);
    QCOMPARE(c.value, value);
}

void TestBatchNumber::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    // strtoul skips leading blanks and takes a sign; we refuse both on purpose.
    // This column records exactly where we are stricter than strtoul.
    QTest::addColumn<bool>("strtoulWouldAccept");
    QTest::newRow("empty") << QString() << QStringLiteral("empty") << false;
    QTest::newRow("leading zero decimal") << QStringLiteral("05082011") << QStringLiteral("octal") << false;
    QTest::newRow("08") << QStringLiteral("08") << QStringLiteral("octal") << false;
    QTest::newRow("09") << QStringLiteral("09") << QStringLiteral("octal") << false;
    QTest::newRow("octal with letter") << QStringLiteral("01a") << QStringLiteral("octal") << false;
    QTest::newRow("octal overflow") << QStringLiteral("040000000000") << QStringLiteral("out of range") << false;
    // strtoul negates "-1" to ULONG_MAX, which does not fit 32 bits; "-0" it takes.
    QTest::newRow("negative") << QStringLiteral("-1") << QStringLiteral("sign") << false;
    QTest::newRow("negative zero") << QStringLiteral("-0") << QStringLiteral("sign") << true;
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("sign") << true;
    QTest::newRow("leading space") << QStringLiteral(" 1") << QStringLiteral("digit") << true;
    QTest::newRow("leading tab") << QStringLiteral("\t1") << QStringLiteral("digit") << true;
    QTest::newRow("trailing space") << QStringLiteral("1 ") << QStringLiteral("position 2") << false;
    QTest::newRow("inner space") << QStringLiteral("1 2") << QStringLiteral("position 2") << false;
    QTest::newRow("bare 0x") << QStringLiteral("0x") << QStringLiteral("no hex digits") << false;
    QTest::newRow("bare 0X") << QStringLiteral("0X") << QStringLiteral("no hex digits") << false;
    QTest::newRow("hex junk") << QStringLiteral("0xg") << QStringLiteral("hex") << false;
    QTest::newRow("double prefix") << QStringLiteral("0x0x1") << QStringLiteral("hex") << false;
    QTest::newRow("overflow decimal") << QStringLiteral("4294967296") << QStringLiteral("out of range") << false;
    QTest::newRow("overflow hex") << QStringLiteral("0x100000000") << QStringLiteral("out of range") << false;
    QTest::newRow("overflow 64-bit") << QStringLiteral("18446744073709551616") << QStringLiteral("out of range")
                                     << false;
    QTest::newRow("overflow long") << QStringLiteral("99999999999999999999999") << QStringLiteral("out of range")
                                   << false;
    QTest::newRow("trailing garbage") << QStringLiteral("12abc") << QStringLiteral("position 3") << false;
    QTest::newRow("letters") << QStringLiteral("abc") << QStringLiteral("digit") << false;
    QTest::newRow("decimal point") << QStringLiteral("1.0") << QStringLiteral("position 2") << false;
    QTest::newRow("binary prefix") << QStringLiteral("0b1") << QStringLiteral("position 2") << false;
    QTest::newRow("full-width digit") << QStringLiteral("\uFF11") << QStringLiteral("digit") << false;
}

void TestBatchNumber::rejectsInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    QFETCH(bool, strtoulWouldAccept);
    const Result<BatchNumber> batch = BatchNumber::parse(text);
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, ResultCode::InvalidArguments);
    const QString message = batch.error().message;
    if (!text.contains(u'\t'))
        QVERIFY2(message.contains(u'"' + text + u'"'), qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
    if (text.toLatin1().size() == text.size()) // strtoul only sees bytes
        QCOMPARE(strictStrtoul(text).accepted, strtoulWouldAccept);
}

void TestBatchNumber::leadingZeroDecimalExplainsOctal()
{
    const Result<BatchNumber> batch = BatchNumber::parse(u"05082011");
    QVERIFY(!batch.ok());
    const QString message = batch.error().message;
    QVERIFY2(message.contains(QLatin1String("\"05082011\"")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("read as octal")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("8 is not an octal digit")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("drop the leading 0")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("(5082011)")), qPrintable(message));
}

void TestBatchNumber::agreesWithStrtoulOnRandomStrings()
{
    // Fixed seed so a failure reproduces; the seed is in the failure message.
    const quint32 seed = 0x5eed2011;
    QRandomGenerator rng(seed);
    static const char kPrefixes[][3] = {"", "", "0", "0x", "0X", "00", "1", "4"};
    static const char kAlphabet[] = "0123456789012345678901234567xXaAfFgG";
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < 600; ++i) {
        QString text = QLatin1String(kPrefixes[rng.bounded(int(std::size(kPrefixes)))]);
        const int length = rng.bounded(13);
        for (int j = 0; j < length; ++j)
            text += QLatin1Char(kAlphabet[rng.bounded(int(sizeof kAlphabet - 1))]);
        // Also values just around 2^32 in every base, where overflow handling matters.
        if (i % 6 == 0) {
            const quint64 v = Q_UINT64_C(0xFFFFFFFF) - 3 + rng.bounded(8);
            const auto value = static_cast<unsigned long long>(v);
            switch (rng.bounded(4)) {
            case 0:
                text = QString::asprintf("%llu", value);
                break;
            case 1:
                text = QString::asprintf("0x%llx", value);
                break;
            case 2:
                text = QString::asprintf("0X%llX", value);
                break;
            default:
                text = QString::asprintf("0%llo", value);
                break;
            }
        }
        if (text.isEmpty())
            continue;
        const StrtoulVerdict c = strictStrtoul(text);
        const Result<BatchNumber> ours = BatchNumber::parse(text);
        const QByteArray context = QStringLiteral("input \"%1\", seed %2").arg(text).arg(seed).toLatin1();
        QVERIFY2(ours.ok() == c.accepted, context.constData());
        if (c.accepted) {
            QVERIFY2(ours->value() == c.value, context.constData());
            ++accepted;
        } else {
            QCOMPARE(ours.error().code, ResultCode::InvalidArguments);
            ++rejected;
        }
    }
    // Both verdicts must be exercised for the comparison to mean anything.
    QVERIFY2(accepted >= 100, qPrintable(QString::number(accepted)));
    QVERIFY2(rejected >= 100, qPrintable(QString::number(rejected)));
}

void TestBatchNumber::formatsDecimal()
{
    QCOMPARE(BatchNumber(0).toString(), QStringLiteral("0"));
    QCOMPARE(BatchNumber(5082011).toString(), QStringLiteral("5082011"));
    QCOMPARE(BatchNumber(4294967295u).toString(), QStringLiteral("4294967295"));
    // The octal input comes back as its decimal value.
    QCOMPARE(BatchNumber::parse(u"010")->toString(), QStringLiteral("8"));
}

QTEST_GUILESS_MAIN(TestBatchNumber)
#include "tst_batchnumber.moc"

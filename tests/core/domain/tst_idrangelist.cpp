#include "domain/IdRangeList.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace prov;

namespace {

constexpr quint64 k32 = 0xFFFFFFFFull;
constexpr quint64 k64 = std::numeric_limits<quint64>::max();

/// Ranges flattened as first,last,first,last,... (easy to write in a table).
QList<quint64> flatten(const IdRangeList &list)
{
    QList<quint64> out;
    for (const IdRangeList::Range &r : list.ranges())
        out << r.first << r.last;
    return out;
}

IdRangeList::Radix radixOf(bool hex)
{
    return hex ? IdRangeList::Radix::Hex : IdRangeList::Radix::Decimal;
}

} // namespace

class TestIdRangeList : public QObject
{
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void containsAtBoundaries();
    void emptyListContainsNothing();
    void agreesWithLinearScanOnRandomLists();
};

void TestIdRangeList::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hex");
    QTest::addColumn<quint64>("maxValue");
    QTest::addColumn<QList<quint64>>("ranges");
    QTest::addColumn<QString>("canonical");
    const auto dec = [](const char *name, const QString &text, const QList<quint64> &ranges, const QString &canonical,
                         quint64 maxValue = k32) {
        QTest::newRow(name) << text << false << maxValue << ranges << canonical;
    };
    const auto hex = [](const char *name, const QString &text, const QList<quint64> &ranges, const QString &canonical,
                         quint64 maxValue = k32) {
        QTest::newRow(name) << text << true << maxValue << ranges << canonical;
    };
    dec("contract example", QStringLiteral("1000,1002-1005"), {1000, 1000, 1002, 1005},
        QStringLiteral("1000,1002-1005"));
    dec("unsorted", QStringLiteral("1002-1005,1000"), {1000, 1000, 1002, 1005}, QStringLiteral("1000,1002-1005"));
    dec("overlap", QStringLiteral("1000-1010,1005-1020"), {1000, 1020}, QStringLiteral("1000-1020"));
    dec("adjacent ranges", QStringLiteral("1000-1004,1005-1010"), {1000, 1010}, QStringLiteral("1000-1010"));
    dec("adjacent values", QStringLiteral("1000,1001"), {1000, 1001}, QStringLiteral("1000-1001"));
    dec("adjacent shuffled", QStringLiteral("5,3,4"), {3, 5}, QStringLiteral("3-5"));
    dec("contained", QStringLiteral("1-10,2-3"), {1, 10}, QStringLiteral("1-10"));
    dec("duplicate", QStringLiteral("7,7"), {7, 7}, QStringLiteral("7"));
    dec("one-value range", QStringLiteral("7-7"), {7, 7}, QStringLiteral("7"));
    dec("gap of one stays apart", QStringLiteral("1-3,5-6"), {1, 3, 5, 6}, QStringLiteral("1-3,5-6"));
    dec("blanks tolerated", QStringLiteral(" 1000 , 1002 - 1005 "), {1000, 1000, 1002, 1005},
        QStringLiteral("1000,1002-1005"));
    dec("tab tolerated", QStringLiteral("1000,\t1002"), {1000, 1000, 1002, 1002}, QStringLiteral("1000,1002"));
    dec("empty text", QString(), {}, QString());
    dec("blank text", QStringLiteral(" \t "), {}, QString());
    dec("zero", QStringLiteral("0"), {0, 0}, QStringLiteral("0"));
    dec("leading zeros are decimal", QStringLiteral("0010"), {10, 10}, QStringLiteral("10"));
    dec("default max", QStringLiteral("4294967295"), {k32, k32}, QStringLiteral("4294967295"));
    dec("whole 32-bit space", QStringLiteral("0-4294967295"), {0, k32}, QStringLiteral("0-4294967295"));
    dec("64-bit top merges without overflow", QStringLiteral("18446744073709551615,18446744073709551614,0"),
        {0, 0, k64 - 1, k64}, QStringLiteral("0,18446744073709551614-18446744073709551615"), k64);
    dec("custom max reached", QStringLiteral("100"), {100, 100}, QStringLiteral("100"), 100);
    hex("contract example", QStringLiteral("0x0001A000-0x0001AFFF,0x00020001"), {0x1A000, 0x1AFFF, 0x20001, 0x20001},
        QStringLiteral("0x0001A000-0x0001AFFF,0x00020001"));
    hex("no prefix lower case", QStringLiteral("1a000-1afff"), {0x1A000, 0x1AFFF},
        QStringLiteral("0x0001A000-0x0001AFFF"));
    hex("upper X adjacent", QStringLiteral("0X1,0x2"), {1, 2}, QStringLiteral("0x00000001-0x00000002"));
    hex("max", QStringLiteral("0xFFFFFFFF"), {k32, k32}, QStringLiteral("0xFFFFFFFF"));
    hex("mixed prefix overlap", QStringLiteral("0x10-0x20, 18-30"), {0x10, 0x30},
        QStringLiteral("0x00000010-0x00000030"));
    hex("wider than 8 digits when max allows", QStringLiteral("0x100000000"), {0x100000000ull, 0x100000000ull},
        QStringLiteral("0x100000000"), k64);
    hex("leading zeros beyond 8 digits", QStringLiteral("0x0000000001"), {1, 1}, QStringLiteral("0x00000001"));
}

void TestIdRangeList::parses()
{
    QFETCH(QString, text);
    QFETCH(bool, hex);
    QFETCH(quint64, maxValue);
    QFETCH(QList<quint64>, ranges);
    QFETCH(QString, canonical);
    const Result<IdRangeList> list = IdRangeList::parse(text, radixOf(hex), maxValue);
    QVERIFY2(list.ok(), qPrintable(list.ok() ? QString() : list.error().message));
    QCOMPARE(flatten(*list), ranges);
    QCOMPARE(list->toString(), canonical);
    QCOMPARE(list->isEmpty(), ranges.isEmpty());
    QCOMPARE(list->radix(), radixOf(hex));

    // The canonical form is a fixed point.
    const Result<IdRangeList> again = IdRangeList::parse(canonical, radixOf(hex), maxValue);
    QVERIFY(again.ok());
    QCOMPARE(again->ranges(), list->ranges());
    QCOMPARE(again->toString(), canonical);
}

void TestIdRangeList::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hex");
    QTest::addColumn<quint64>("maxValue");
    QTest::addColumn<QString>("named"); // what the message must name
    QTest::addColumn<QString>("why");
    const auto dec
        = [](const char *name, const QString &text, const QString &named, const QString &why, quint64 maxValue = k32) {
              QTest::newRow(name) << text << false << maxValue << named << why;
          };
    const auto hex
        = [](const char *name, const QString &text, const QString &named, const QString &why, quint64 maxValue = k32) {
              QTest::newRow(name) << text << true << maxValue << named << why;
          };
    dec("inverted", QStringLiteral("1005-1002"), QStringLiteral("\"1005-1002\""), QStringLiteral("inverted"));
    dec("inverted third element", QStringLiteral("1000,1002-1005,1005-1002"), QStringLiteral("\"1005-1002\""),
        QStringLiteral("element 3"));
    dec("double comma", QStringLiteral("1,,2"), QStringLiteral("\"1,,2\""), QStringLiteral("empty element 2"));
    dec("leading comma", QStringLiteral(",1"), QStringLiteral("\",1\""), QStringLiteral("empty element 1"));
    dec("trailing comma", QStringLiteral("1,"), QStringLiteral("\"1,\""), QStringLiteral("empty element 2"));
    dec("blank element", QStringLiteral("1, ,2"), QStringLiteral("\"1, ,2\""), QStringLiteral("empty element 2"));
    dec("lone comma", QStringLiteral(","), QStringLiteral("\",\""), QStringLiteral("empty element 1"));
    dec("junk", QStringLiteral("abc"), QStringLiteral("\"abc\""), QStringLiteral("decimal digits"));
    dec("junk second", QStringLiteral("1000,abc"), QStringLiteral("\"abc\""), QStringLiteral("element 2"));
    dec("junk after value", QStringLiteral("1000x"), QStringLiteral("\"1000x\""), QStringLiteral("decimal digits"));
    dec("hex in decimal list", QStringLiteral("0x10"), QStringLiteral("\"0x10\""), QStringLiteral("decimal digits"));
    dec("two dashes", QStringLiteral("1-2-3"), QStringLiteral("\"1-2-3\""), QStringLiteral("more than one"));
    dec("negative", QStringLiteral("-5"), QStringLiteral("\"-5\""), QStringLiteral("missing value"));
    dec("open range", QStringLiteral("1000-"), QStringLiteral("\"1000-\""), QStringLiteral("missing value"));
    dec("plus sign", QStringLiteral("+5"), QStringLiteral("\"+5\""), QStringLiteral("decimal digits"));
    dec("inner blank", QStringLiteral("10 00"), QStringLiteral("\"10 00\""), QStringLiteral("decimal digits"));
    dec("semicolon", QStringLiteral("1;2"), QStringLiteral("\"1;2\""), QStringLiteral("decimal digits"));
    dec("over default max", QStringLiteral("4294967296"), QStringLiteral("\"4294967296\""),
        QStringLiteral("maximum 4294967295"));
    dec("range end over max", QStringLiteral("1-4294967296"), QStringLiteral("\"1-4294967296\""),
        QStringLiteral("maximum"));
    dec("over 64 bits", QStringLiteral("99999999999999999999999"), QStringLiteral("\"99999999999999999999999\""),
        QStringLiteral("maximum"), k64);
    dec("over custom max", QStringLiteral("5,101"), QStringLiteral("\"101\""), QStringLiteral("maximum 100"), 100);
    dec("full-width digit", QStringLiteral("\uFF11"), QStringLiteral("\"\uFF11\""), QStringLiteral("decimal digits"));
    hex("inverted", QStringLiteral("0x20-0x10"), QStringLiteral("\"0x20-0x10\""),
        QStringLiteral("0x00000020 is greater than 0x00000010"));
    hex("over max", QStringLiteral("0x100000000"), QStringLiteral("\"0x100000000\""),
        QStringLiteral("maximum 0xFFFFFFFF"));
    hex("bare prefix", QStringLiteral("0x"), QStringLiteral("\"0x\""), QStringLiteral("no hex digits"));
    hex("bare prefix in range", QStringLiteral("0x1-0x"), QStringLiteral("\"0x1-0x\""),
        QStringLiteral("no hex digits"));
    hex("junk", QStringLiteral("0xZZ"), QStringLiteral("\"0xZZ\""), QStringLiteral("hex digits"));
    hex("double prefix", QStringLiteral("0x0x1"), QStringLiteral("\"0x0x1\""), QStringLiteral("hex digits"));
    hex("empty element", QStringLiteral("0x1,,0x2"), QStringLiteral("\"0x1,,0x2\""), QStringLiteral("empty element"));
}

void TestIdRangeList::rejects()
{
    QFETCH(QString, text);
    QFETCH(bool, hex);
    QFETCH(quint64, maxValue);
    QFETCH(QString, named);
    QFETCH(QString, why);
    const Result<IdRangeList> list = IdRangeList::parse(text, radixOf(hex), maxValue);
    QVERIFY(!list.ok());
    QCOMPARE(list.error().code, ResultCode::InvalidArguments);
    const QString message = list.error().message;
    QVERIFY2(message.contains(named), qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
}

void TestIdRangeList::containsAtBoundaries()
{
    const Result<IdRangeList> list = IdRangeList::parse(u"0x0001A000-0x0001AFFF,0x00020001", IdRangeList::Radix::Hex);
    QVERIFY(list.ok());
    QVERIFY(!list->contains(0x19FFF));
    QVERIFY(list->contains(0x1A000));
    QVERIFY(list->contains(0x1A7FF));
    QVERIFY(list->contains(0x1AFFF));
    QVERIFY(!list->contains(0x1B000));
    QVERIFY(!list->contains(0x20000));
    QVERIFY(list->contains(0x20001));
    QVERIFY(!list->contains(0x20002));
    QVERIFY(!list->contains(0));
    QVERIFY(!list->contains(k64));

    const Result<IdRangeList> edges = IdRangeList::parse(u"0,18446744073709551615", IdRangeList::Radix::Decimal, k64);
    QVERIFY(edges.ok());
    QVERIFY(edges->contains(0));
    QVERIFY(edges->contains(k64));
    QVERIFY(!edges->contains(1));
    QVERIFY(!edges->contains(k64 - 1));
}

void TestIdRangeList::emptyListContainsNothing()
{
    const Result<IdRangeList> list = IdRangeList::parse(u"", IdRangeList::Radix::Decimal);
    QVERIFY(list.ok());
    QVERIFY(list->isEmpty());
    QVERIFY(!list->contains(0));
    QVERIFY(!list->contains(1000));
    QVERIFY(IdRangeList().isEmpty());
    QVERIFY(!IdRangeList().contains(0));
}

void TestIdRangeList::agreesWithLinearScanOnRandomLists()
{
    // Random element lists in a small universe, so that overlaps, adjacency and
    // duplicates are frequent; membership is checked against the raw elements.
    const quint32 seed = 424242;
    QRandomGenerator rng(seed);
    for (int trial = 0; trial < 300; ++trial) {
        QList<IdRangeList::Range> raw;
        QStringList parts;
        const int count = 1 + rng.bounded(12);
        for (int i = 0; i < count; ++i) {
            const quint64 a = rng.bounded(200);
            const quint64 b = rng.bounded(4) == 0 ? a : a + rng.bounded(15);
            raw.append({a, b});
            parts << (a == b ? QString::number(a) : QStringLiteral("%1-%2").arg(a).arg(b));
        }
        const QString text = parts.join(u',');
        const Result<IdRangeList> list = IdRangeList::parse(text, IdRangeList::Radix::Decimal);
        QVERIFY2(list.ok(), qPrintable(text));
        const QByteArray context = QStringLiteral("%1 (seed %2)").arg(text).arg(seed).toLatin1();
        for (quint64 id = 0; id < 220; ++id) {
            const bool expected
                = std::any_of(raw.cbegin(), raw.cend(), [id](const auto &r) { return r.first <= id && id <= r.last; });
            QVERIFY2(list->contains(id) == expected, context.constData());
        }
        // Merged ranges are sorted, disjoint and never adjacent.
        const QList<IdRangeList::Range> &merged = list->ranges();
        for (qsizetype i = 1; i < merged.size(); ++i)
            QVERIFY2(merged.at(i).first > merged.at(i - 1).last + 1, context.constData());
    }
}

QTEST_GUILESS_MAIN(TestIdRangeList)
#include "tst_idrangelist.moc"

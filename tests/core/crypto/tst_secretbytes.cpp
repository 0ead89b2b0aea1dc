#include "crypto/Random.h"
#include "crypto/SecretBytes.h"

#include <QDebug>
#include <QTest>

#include <type_traits>
#include <utility>

using namespace prov;
using namespace prov::crypto;

namespace {

// Detects whether `QDebug << T` would compile: the deleted overload must win.
template<typename T, typename = void>
struct IsStreamable : std::false_type
{
};
template<typename T>
struct IsStreamable<T, std::void_t<decltype(std::declval<QDebug>() << std::declval<const T &>())>> : std::true_type
{
};

static_assert(!std::is_copy_constructible_v<SecretBytes>, "SecretBytes must not be copyable");
static_assert(!std::is_copy_assignable_v<SecretBytes>, "SecretBytes must not be copy-assignable");
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);
static_assert(!IsStreamable<SecretBytes>::value, "SecretBytes must not stream into QDebug");
static_assert(IsStreamable<QByteArray>::value, "the detector itself must work");

} // namespace

class TestSecretBytes : public QObject
{
    Q_OBJECT

private slots:
    void sizedConstructorZeroes();
    void copyOfAndView();
    void takeFromEmptiesSource();
    void moveTransfersAndEmptiesSource();
    void moveAssignReplaces();
    void cloneIsIndependent();
    void clearEmpties();
    void equals_data();
    void equals();
    void fromHex_data();
    void fromHex();
    void randomSecretSizes_data();
    void randomSecretSizes();
    void randomValuesDiffer();
    void randomRefusesNegativeSize();
};

void TestSecretBytes::sizedConstructorZeroes()
{
    SecretBytes s(32);
    QCOMPARE(s.size(), 32);
    QVERIFY(!s.isEmpty());
    QCOMPARE(s.view(), QByteArrayView(QByteArray(32, '\0')));
    QVERIFY(SecretBytes(0).isEmpty());
    QVERIFY(SecretBytes(-5).isEmpty());
    QVERIFY(SecretBytes().constData() == nullptr);
}

void TestSecretBytes::copyOfAndView()
{
    const QByteArray raw = QByteArrayLiteral("\x00\x01\xfe\xff key");
    const SecretBytes s = SecretBytes::copyOf(raw);
    QCOMPARE(s.size(), raw.size());
    QCOMPARE(s.view(), QByteArrayView(raw));
}

void TestSecretBytes::takeFromEmptiesSource()
{
    QByteArray raw("0123456789abcdef");
    raw.detach();
    const SecretBytes s = SecretBytes::takeFrom(raw);
    QVERIFY(raw.isEmpty());
    QCOMPARE(s.view(), QByteArrayView("0123456789abcdef"));
}

void TestSecretBytes::moveTransfersAndEmptiesSource()
{
    SecretBytes a = SecretBytes::copyOf("secret");
    const unsigned char *where = a.constData();
    SecretBytes b(std::move(a));
    QVERIFY(a.isEmpty()); // NOLINT(bugprone-use-after-move): the moved-from state is specified
    QVERIFY(a.constData() == nullptr);
    QCOMPARE(b.constData(), where); // moved, not copied: no stray copy left behind
    QCOMPARE(b.view(), QByteArrayView("secret"));
}

void TestSecretBytes::moveAssignReplaces()
{
    SecretBytes a = SecretBytes::copyOf("first");
    SecretBytes b = SecretBytes::copyOf("second value");
    a = std::move(b);
    QCOMPARE(a.view(), QByteArrayView("second value"));
    QVERIFY(b.isEmpty()); // NOLINT(bugprone-use-after-move)
    SecretBytes &alias = a;
    a = std::move(alias); // self-move keeps the value
    QCOMPARE(a.view(), QByteArrayView("second value"));
}

void TestSecretBytes::cloneIsIndependent()
{
    SecretBytes a = SecretBytes::copyOf("abcd");
    SecretBytes b = a.clone();
    QVERIFY(a.equals(b));
    QVERIFY(a.constData() != b.constData());
    b.data()[0] = 'x';
    QVERIFY(!a.equals(b));
    QCOMPARE(a.view(), QByteArrayView("abcd"));
}

void TestSecretBytes::clearEmpties()
{
    SecretBytes a = SecretBytes::copyOf("abcd");
    a.clear();
    QVERIFY(a.isEmpty());
    QCOMPARE(a.size(), 0);
    QVERIFY(a.constData() == nullptr);
    a.clear(); // twice is harmless
}

void TestSecretBytes::equals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("0123456789abcdef") << QByteArray("0123456789abcdef") << true;
    QTest::newRow("last byte differs") << QByteArray("0123456789abcdef") << QByteArray("0123456789abcdeg") << false;
    QTest::newRow("first byte differs") << QByteArray("x123") << QByteArray("0123") << false;
    QTest::newRow("prefix") << QByteArray("0123") << QByteArray("01234") << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("one empty") << QByteArray() << QByteArray("a") << false;
}

void TestSecretBytes::equals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    const SecretBytes sa = SecretBytes::copyOf(a);
    const SecretBytes sb = SecretBytes::copyOf(b);
    QCOMPARE(sa.equals(sb), equal);
    QCOMPARE(sb.equals(sa), equal);
}

void TestSecretBytes::fromHex_data()
{
    QTest::addColumn<QByteArray>("hex");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("lower") << QByteArray("00112233445566778899aabbccddeeff") << true
                           << QByteArray::fromHex("00112233445566778899aabbccddeeff") << QString();
    QTest::newRow("upper") << QByteArray("DEADBEEF") << true << QByteArray::fromHex("deadbeef") << QString();
    QTest::newRow("mixed") << QByteArray("aBcD") << true << QByteArray::fromHex("abcd") << QString();
    QTest::newRow("empty") << QByteArray() << true << QByteArray() << QString();
    QTest::newRow("odd length") << QByteArray("a1b2c") << false << QByteArray()
                                << QStringLiteral("even number of digits, found 5");
    QTest::newRow("bad high digit") << QByteArray("a1b2zc") << false << QByteArray() << QStringLiteral("position 5");
    QTest::newRow("bad low digit") << QByteArray("a1b2cz") << false << QByteArray() << QStringLiteral("position 6");
    QTest::newRow("space") << QByteArray("a1 b2c") << false << QByteArray() << QStringLiteral("position 3");
    QTest::newRow("0x prefix") << QByteArray("0xa1b2") << false << QByteArray() << QStringLiteral("position 2");
}

void TestSecretBytes::fromHex()
{
    QFETCH(QByteArray, hex);
    QFETCH(bool, valid);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, errorPart);
    SecretBytes out = SecretBytes::copyOf("untouched");
    QString error;
    QCOMPARE(SecretBytes::fromHex(hex, &out, &error), valid);
    if (valid) {
        QCOMPARE(out.view(), QByteArrayView(bytes));
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        // The message must not quote the key material: no run of its digits.
        QVERIFY2(!error.contains(QLatin1String("a1b2")), qPrintable(error));
        QCOMPARE(out.view(), QByteArrayView("untouched"));
    }
}

void TestSecretBytes::randomSecretSizes_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("0") << 0;
    QTest::newRow("1") << 1;
    QTest::newRow("16") << 16;
    QTest::newRow("32") << 32;
    QTest::newRow("4096") << 4096;
}

void TestSecretBytes::randomSecretSizes()
{
    QFETCH(int, size);
    Result<SecretBytes> secret = randomSecret(size);
    QVERIFY(secret.ok());
    QCOMPARE(secret->size(), size);
    Result<QByteArray> bytes = randomBytes(size);
    QVERIFY(bytes.ok());
    QCOMPARE(bytes->size(), size);
}

void TestSecretBytes::randomValuesDiffer()
{
    Result<SecretBytes> a = randomSecret(32);
    Result<SecretBytes> b = randomSecret(32);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(!a->equals(*b));
    QVERIFY(!a->equals(SecretBytes(32))); // not all zero
    Result<QByteArray> c = randomBytes(32);
    Result<QByteArray> d = randomBytes(32);
    QVERIFY(c.ok() && d.ok());
    QVERIFY(*c != *d);
}

void TestSecretBytes::randomRefusesNegativeSize()
{
    Result<SecretBytes> secret = randomSecret(-1);
    QVERIFY(!secret.ok());
    QCOMPARE(secret.error().code, ResultCode::InvalidArguments);
    QVERIFY(!randomBytes(-1).ok());
}

QTEST_GUILESS_MAIN(TestSecretBytes)
#include "tst_secretbytes.moc"

#include "crypto/PasswordHash.h"

#include "TestSupport.h"

#include <QRegularExpression>
#include <QTest>

using namespace prov;
using namespace prov::crypto;
using namespace prov::test;

namespace {

/// PBKDF2-HMAC-SHA256 by the openssl command, as lower-case hex.
QByteArray opensslPbkdf2(const QByteArray &password, const QByteArray &salt, int iterations, int length)
{
    const ProcessResult r = runProcess(opensslProgram(),
        {QStringLiteral("kdf"), QStringLiteral("-keylen"), QString::number(length), QStringLiteral("-kdfopt"),
            QStringLiteral("digest:SHA256"), QStringLiteral("-kdfopt"),
            QStringLiteral("hexpass:") + QString::fromLatin1(password.toHex()), QStringLiteral("-kdfopt"),
            QStringLiteral("hexsalt:") + QString::fromLatin1(salt.toHex()), QStringLiteral("-kdfopt"),
            QStringLiteral("iter:%1").arg(iterations), QStringLiteral("PBKDF2")});
    if (r.exitCode != 0 || r.crashed) {
        qWarning("openssl kdf failed: %s", r.stdErr.constData());
        return {};
    }
    return r.stdOut.trimmed().replace(':', QByteArray()).toLower();
}

} // namespace

class TestPasswordHash : public QObject
{
    Q_OBJECT

private slots:
    void pbkdf2KnownAnswers_data();
    void pbkdf2KnownAnswers();
    void hashFormat();
    void hashMatchesOpenSslKdf();
    void verify_data();
    void verify();
    void malformedHashIsFalse_data();
    void malformedHashIsFalse();
    void refusesWeakIterationCounts();
};

void TestPasswordHash::pbkdf2KnownAnswers_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QByteArray>("derived");
    // RFC 7914 section 11 (PBKDF2-HMAC-SHA256 test vectors).
    QTest::newRow("RFC7914 c=1") << QByteArray("passwd") << QByteArray("salt") << 1
                                 << QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                                               "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    QTest::newRow("RFC7914 c=80000") << QByteArray("Password") << QByteArray("NaCl") << 80000
                                     << QByteArray("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                                                   "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

void TestPasswordHash::pbkdf2KnownAnswers()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(int, iterations);
    QFETCH(QByteArray, derived);
    Result<SecretBytes> ours = pbkdf2HmacSha256(SecretBytes::copyOf(password), salt, iterations, derived.size() / 2);
    QVERIFY(ours.ok());
    QCOMPARE(ours->view().toByteArray().toHex(), derived);
    QCOMPARE(opensslPbkdf2(password, salt, iterations, int(derived.size() / 2)), derived);
}

void TestPasswordHash::hashFormat()
{
    Result<QString> hash = hashPassword(SecretBytes::copyOf("hunter2"));
    QVERIFY(hash.ok());
    static const QRegularExpression format(
        QStringLiteral("^pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=$"));
    QVERIFY2(format.match(*hash).hasMatch(), qPrintable(*hash));
    QVERIFY(!hash->contains(QLatin1String("hunter2")));
    // A fresh salt every time: equal passwords give different hashes.
    Result<QString> again = hashPassword(SecretBytes::copyOf("hunter2"), 1000);
    Result<QString> third = hashPassword(SecretBytes::copyOf("hunter2"), 1000);
    QVERIFY(again.ok() && third.ok());
    QVERIFY(*again != *third);
}

void TestPasswordHash::hashMatchesOpenSslKdf()
{
    const QByteArray password("p\xc3\xa4ssword");
    Result<QString> hash = hashPassword(SecretBytes::copyOf(password), 2000);
    QVERIFY(hash.ok());
    const QStringList parts = hash->split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(1), QStringLiteral("2000"));
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    QCOMPARE(salt.size(), 16);
    const QByteArray derived = QByteArray::fromBase64(parts.at(3).toLatin1());
    QCOMPARE(opensslPbkdf2(password, salt, 2000, 32), derived.toHex());
}

void TestPasswordHash::verify_data()
{
    QTest::addColumn<QByteArray>("candidate");
    QTest::addColumn<bool>("matches");
    QTest::newRow("right") << QByteArray("correct horse") << true;
    QTest::newRow("case") << QByteArray("Correct horse") << false;
    QTest::newRow("prefix") << QByteArray("correct hors") << false;
    QTest::newRow("longer") << QByteArray("correct horse ") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestPasswordHash::verify()
{
    QFETCH(QByteArray, candidate);
    QFETCH(bool, matches);
    static const Result<QString> hash = hashPassword(SecretBytes::copyOf("correct horse"), 1000);
    QVERIFY(hash.ok());
    QCOMPARE(verifyPassword(SecretBytes::copyOf(candidate), *hash), matches);
}

void TestPasswordHash::malformedHashIsFalse_data()
{
    QTest::addColumn<QString>("encoded");
    const QString salt = QString::fromLatin1(QByteArray(16, 's').toBase64());
    const QString hash = QString::fromLatin1(QByteArray(32, 'h').toBase64());
    QTest::newRow("empty") << QString();
    QTest::newRow("other scheme") << QStringLiteral("bcrypt$1000$") + salt + QLatin1Char('$') + hash;
    QTest::newRow("three fields") << QStringLiteral("pbkdf2-sha256$1000$") + salt;
    QTest::newRow("five fields") << QStringLiteral("pbkdf2-sha256$1000$") + salt + QLatin1Char('$') + hash
            + QStringLiteral("$x");
    QTest::newRow("zero iterations") << QStringLiteral("pbkdf2-sha256$0$") + salt + QLatin1Char('$') + hash;
    QTest::newRow("negative iterations") << QStringLiteral("pbkdf2-sha256$-5$") + salt + QLatin1Char('$') + hash;
    QTest::newRow("huge iterations") << QStringLiteral("pbkdf2-sha256$2000000000$") + salt + QLatin1Char('$') + hash;
    QTest::newRow("text iterations") << QStringLiteral("pbkdf2-sha256$many$") + salt + QLatin1Char('$') + hash;
    QTest::newRow("bad base64 salt") << QStringLiteral("pbkdf2-sha256$1000$!!!!$") + hash;
    QTest::newRow("empty salt") << QStringLiteral("pbkdf2-sha256$1000$$") + hash;
    QTest::newRow("short hash") << QStringLiteral("pbkdf2-sha256$1000$") + salt + QStringLiteral("$AAAA");
}

void TestPasswordHash::malformedHashIsFalse()
{
    QFETCH(QString, encoded);
    QVERIFY(!verifyPassword(SecretBytes::copyOf("password"), encoded));
}

void TestPasswordHash::refusesWeakIterationCounts()
{
    Result<QString> weak = hashPassword(SecretBytes::copyOf("pw"), 10);
    QVERIFY(!weak.ok());
    QCOMPARE(weak.error().code, ResultCode::InvalidArguments);
    QVERIFY2(weak.error().message.contains(QLatin1String("10 is outside")), qPrintable(weak.error().message));
    QVERIFY(!pbkdf2HmacSha256(SecretBytes::copyOf("pw"), "salt", 0, 32).ok());
    QVERIFY(!pbkdf2HmacSha256(SecretBytes::copyOf("pw"), "salt", 1, 0).ok());
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"

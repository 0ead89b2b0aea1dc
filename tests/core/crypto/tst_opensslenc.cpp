#include "crypto/OpenSslEnc.h"
#include "crypto/Random.h"

#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::crypto;
using namespace prov::test;

namespace {

const QByteArray kCsv("key,hex\ngateway,00112233445566778899aabbccddeeff\ncdld,ffeeddccbbaa99887766554433221100\n");
const char kPhrase[] = "wrong passphrase or corrupted file";

QByteArray flipBit(QByteArray data, int bit)
{
    data[bit / 8] = char(data[bit / 8] ^ (1 << (bit % 8)));
    return data;
}

QStringList encArguments(const QByteArray &passphrase, bool decrypt, const QString &in, const QString &out,
    int iterations = kOpenSslEncIterations)
{
    QStringList args {QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"),
        QStringLiteral("-iter"), QString::number(iterations), QStringLiteral("-md"), QStringLiteral("sha256"),
        QStringLiteral("-salt"), QStringLiteral("-pass"), QStringLiteral("pass:") + QString::fromUtf8(passphrase),
        QStringLiteral("-in"), in, QStringLiteral("-out"), out};
    if (decrypt)
        args.insert(1, QStringLiteral("-d"));
    return args;
}

} // namespace

/// The `openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -md sha256 -salt` format,
/// both ways against the real openssl command, and its failure modes.
class TestOpenSslEnc : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensslOutputDecryptsWithUs_data();
    void opensslOutputDecryptsWithUs();
    void ourOutputDecryptsWithOpenSsl_data();
    void ourOutputDecryptsWithOpenSsl();
    void freshSaltEachTime();
    void wrongPassphraseFails_data();
    void wrongPassphraseFails();
    void tamperedFileFails_data();
    void tamperedFileFails();
    void malformedFileFails_data();
    void malformedFileFails();
    void otherIterationCount();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    QByteArray m_openSslFile; // kCsv encrypted by openssl with "secret"
};

void TestOpenSslEnc::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(writeFile(path(QStringLiteral("gw_keys.csv")), kCsv));
    const ProcessResult r = runProcess(opensslProgram(),
        encArguments("secret", false, path(QStringLiteral("gw_keys.csv")), path(QStringLiteral("gw_keys.csv.aes"))));
    QVERIFY2(r.exitCode == 0 && !r.crashed, r.stdErr.constData());
    m_openSslFile = readFile(path(QStringLiteral("gw_keys.csv.aes")));
    QVERIFY(m_openSslFile.startsWith("Salted__"));
}

void TestOpenSslEnc::opensslOutputDecryptsWithUs_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::newRow("gw_keys.csv") << kCsv << QByteArray("secret");
    QTest::newRow("empty file") << QByteArray() << QByteArray("secret");
    QTest::newRow("one block minus one") << QByteArray(15, 'x') << QByteArray("p");
    QTest::newRow("exactly one block") << QByteArray(16, 'y') << QByteArray("p");
    QTest::newRow("utf-8 passphrase") << kCsv << QByteArray("p\xc3\xa4ss w\xc3\xb6rd $&!");
    Result<QByteArray> big = randomBytes(100 * 1024 + 3);
    QVERIFY(big.ok());
    QTest::newRow("100 KiB binary") << *big << QByteArray("long passphrase with spaces");
}

void TestOpenSslEnc::opensslOutputDecryptsWithUs()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, passphrase);
    QVERIFY(writeFile(path(QStringLiteral("plain")), plaintext));
    const ProcessResult r = runProcess(opensslProgram(),
        encArguments(passphrase, false, path(QStringLiteral("plain")), path(QStringLiteral("cipher"))));
    QVERIFY2(r.exitCode == 0 && !r.crashed, r.stdErr.constData());
    Result<SecretBytes> decrypted
        = openSslEncDecrypt(readFile(path(QStringLiteral("cipher"))), SecretBytes::copyOf(passphrase));
    QVERIFY2(decrypted.ok(), qPrintable(decrypted.ok() ? QString() : decrypted.error().toString()));
    QCOMPARE(decrypted->view(), QByteArrayView(plaintext));
}

void TestOpenSslEnc::ourOutputDecryptsWithOpenSsl_data()
{
    opensslOutputDecryptsWithUs_data();
}

void TestOpenSslEnc::ourOutputDecryptsWithOpenSsl()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, passphrase);
    Result<QByteArray> encrypted = openSslEncEncrypt(SecretBytes::copyOf(plaintext), SecretBytes::copyOf(passphrase));
    QVERIFY(encrypted.ok());
    QVERIFY(encrypted->startsWith("Salted__"));
    QCOMPARE(encrypted->size(), 16 + (plaintext.size() / 16 + 1) * 16);
    QVERIFY(writeFile(path(QStringLiteral("ours.aes")), *encrypted));
    const ProcessResult r = runProcess(opensslProgram(),
        encArguments(passphrase, true, path(QStringLiteral("ours.aes")), path(QStringLiteral("ours.out"))));
    QVERIFY2(r.exitCode == 0 && !r.crashed, r.stdErr.constData());
    QCOMPARE(readFile(path(QStringLiteral("ours.out"))), plaintext);
}

void TestOpenSslEnc::freshSaltEachTime()
{
    const SecretBytes plain = SecretBytes::copyOf(kCsv);
    const SecretBytes pass = SecretBytes::copyOf("secret");
    Result<QByteArray> a = openSslEncEncrypt(plain, pass);
    Result<QByteArray> b = openSslEncEncrypt(plain, pass);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(a->mid(8, 8) != b->mid(8, 8));
    QVERIFY(a->mid(16) != b->mid(16));
}

void TestOpenSslEnc::wrongPassphraseFails_data()
{
    QTest::addColumn<QByteArray>("passphrase");
    QTest::newRow("case") << QByteArray("Secret");
    QTest::newRow("extra char") << QByteArray("secret1");
    QTest::newRow("prefix") << QByteArray("secre");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("other") << QByteArray("correct horse battery staple");
}

void TestOpenSslEnc::wrongPassphraseFails()
{
    QFETCH(QByteArray, passphrase);
    Result<SecretBytes> decrypted = openSslEncDecrypt(m_openSslFile, SecretBytes::copyOf(passphrase));
    // The format is unauthenticated: about 1 in 256 wrong passphrases pads correctly
    // and yields garbage, which must still not be the plaintext.
    if (decrypted.ok()) {
        QVERIFY(decrypted->view() != QByteArrayView(kCsv));
        return;
    }
    QVERIFY2(decrypted.error().message.contains(QLatin1String(kPhrase)), qPrintable(decrypted.error().message));
    QVERIFY(!decrypted.error().toString().contains(QString::fromUtf8(passphrase)) || passphrase.isEmpty());
}

void TestOpenSslEnc::tamperedFileFails_data()
{
    QTest::addColumn<int>("bit");
    // header, salt, first/middle ciphertext block, last block (padding)
    const int bits = int(m_openSslFile.size()) * 8;
    for (int bit : {0, 63, 64, 100, 127, 128, 200, 8 * 40 + 1, bits - 8 * 17, bits - 1})
        QTest::addRow("bit %d", bit) << bit;
}

void TestOpenSslEnc::tamperedFileFails()
{
    QFETCH(int, bit);
    Result<SecretBytes> decrypted = openSslEncDecrypt(flipBit(m_openSslFile, bit), SecretBytes::copyOf("secret"));
    if (decrypted.ok()) {
        // CBC without a MAC: a flip before the last block garbles the CSV but keeps the padding.
        QVERIFY(decrypted->view() != QByteArrayView(kCsv));
        return;
    }
    QVERIFY2(decrypted.error().message.contains(QLatin1String(kPhrase)), qPrintable(decrypted.error().message));
}

void TestOpenSslEnc::malformedFileFails_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("detail");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("no \"Salted__\" header");
    QTest::newRow("no header") << m_openSslFile.mid(16) << QStringLiteral("no \"Salted__\" header");
    QTest::newRow("header only") << m_openSslFile.left(16) << QStringLiteral("not whole AES blocks");
    QTest::newRow("truncated by one") << m_openSslFile.chopped(1) << QStringLiteral("not whole AES blocks");
    QTest::newRow("truncated by a block") << m_openSslFile.chopped(16) << QStringLiteral("bad padding");
}

void TestOpenSslEnc::malformedFileFails()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, detail);
    Result<SecretBytes> decrypted = openSslEncDecrypt(file, SecretBytes::copyOf("secret"));
    if (decrypted.ok() && QByteArrayView(QTest::currentDataTag()) == "truncated by a block") {
        QVERIFY(decrypted->view() != QByteArrayView(kCsv)); // 1 in 256 pads correctly
        return;
    }
    QVERIFY(!decrypted.ok());
    QVERIFY2(decrypted.error().message.contains(QLatin1String(kPhrase)), qPrintable(decrypted.error().message));
    QVERIFY2(decrypted.error().message.contains(detail), qPrintable(decrypted.error().message));
    QCOMPARE(decrypted.error().code, ResultCode::ServerResponseInvalid);
}

void TestOpenSslEnc::otherIterationCount()
{
    const ProcessResult r = runProcess(opensslProgram(),
        encArguments("secret", false, path(QStringLiteral("gw_keys.csv")), path(QStringLiteral("iter1000.aes")), 1000));
    QVERIFY2(r.exitCode == 0 && !r.crashed, r.stdErr.constData());
    const QByteArray file = readFile(path(QStringLiteral("iter1000.aes")));
    Result<SecretBytes> right = openSslEncDecrypt(file, SecretBytes::copyOf("secret"), 1000);
    QVERIFY(right.ok());
    QCOMPARE(right->view(), QByteArrayView(kCsv));
    Result<SecretBytes> wrong = openSslEncDecrypt(file, SecretBytes::copyOf("secret"));
    QVERIFY(!wrong.ok() || wrong->view() != QByteArrayView(kCsv));
}

QTEST_GUILESS_MAIN(TestOpenSslEnc)
#include "tst_opensslenc.moc"

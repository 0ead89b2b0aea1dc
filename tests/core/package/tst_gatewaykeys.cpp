// The gateway key file: the CSV's exact shape, decryption of what the openssl
// command writes, the KMS signature, and the passphrase file rule.
#include "TestSupport.h"

#include "crypto/RsaKeys.h"
#include "package/GatewayKeyCsv.h"
#include "package/GatewayKeyFile.h"
#include "package/PassphraseFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::test;
using package::GatewayKeyCsv;
using package::GatewayKeyFile;

namespace {

const QByteArray kGw = "00112233445566778899aabbccddeeff";
const QByteArray kCd = "ffeeddccbbaa99887766554433221100";

crypto::SecretBytes secret(const QByteArray &bytes)
{
    return crypto::SecretBytes::copyOf(bytes);
}

QByteArray hexOf(const crypto::SecretBytes &s)
{
    return QByteArray(reinterpret_cast<const char *>(s.constData()), s.size()).toHex();
}

} // namespace

class TestGatewayKeys : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void csv_data();
    void csv();
    void formatRoundTrip();
    void openOpensslFile();
    void openFailures_data();
    void openFailures();
    void manyWrongPassphrases();
    void sealIsOpensslCompatible();
    void passphraseFile_data();
    void passphraseFile();

private:
    QByteArray openssl(const QStringList &arguments, const QByteArray &input = {});
    QTemporaryDir m_dir;
    crypto::RsaPublicKey m_kms;
    crypto::RsaPublicKey m_other;
};

QByteArray TestGatewayKeys::openssl(const QStringList &arguments, const QByteArray &input)
{
    const ProcessResult r = runProcess(opensslProgram(), arguments, input, 60000, m_dir.path());
    if (r.exitCode != 0)
        qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')), r.stdErr.constData());
    return r.stdOut;
}

void TestGatewayKeys::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const QString &name : {QStringLiteral("kms"), QStringLiteral("other")}) {
        openssl(
            {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), name + QStringLiteral(".pem")});
        const QByteArray pub = openssl(
            {QStringLiteral("pkey"), QStringLiteral("-in"), name + QStringLiteral(".pem"), QStringLiteral("-pubout")});
        Result<crypto::RsaPublicKey> key = crypto::RsaPublicKey::fromPem(pub);
        QVERIFY(key.ok());
        (name == u"kms" ? m_kms : m_other) = *key;
    }
}

void TestGatewayKeys::csv_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QString>("error"); // empty: valid

    QTest::newRow("LF") << "key,hex\ngateway," + kGw + "\ncdld," + kCd + "\n" << QString();
    QTest::newRow("CRLF") << "key,hex\r\ngateway," + kGw + "\r\ncdld," + kCd + "\r\n" << QString();
    QTest::newRow("no final line end") << "key,hex\ngateway," + kGw + "\ncdld," + kCd << QString();
    QTest::newRow("rows swapped") << "key,hex\ncdld," + kCd + "\ngateway," + kGw + "\n" << QString();
    QTest::newRow("upper-case hex") << "key,hex\ngateway," + kGw.toUpper() + "\ncdld," + kCd.toUpper() + "\n"
                                    << QString();
    QTest::newRow("UTF-8 BOM") << "\xEF\xBB\xBFkey,hex\ngateway," + kGw + "\ncdld," + kCd + "\n" << QString();
    QTest::newRow("mixed line ends") << "key,hex\r\ngateway," + kGw + "\ncdld," + kCd + "\r\n" << QString();

    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("header only") << QByteArray("key,hex\n") << QStringLiteral("gateway row is missing");
    QTest::newRow("no header") << "gateway," + kGw + "\ncdld," + kCd + "\n" << QStringLiteral("header");
    QTest::newRow("header in capitals") << "Key,Hex\ngateway," + kGw + "\ncdld," + kCd + "\n"
                                        << QStringLiteral("header");
    QTest::newRow("missing cdld") << "key,hex\ngateway," + kGw + "\n" << QStringLiteral("cdld row is missing");
    QTest::newRow("missing gateway") << "key,hex\ncdld," + kCd + "\n" << QStringLiteral("gateway row is missing");
    QTest::newRow("gateway twice") << "key,hex\ngateway," + kGw + "\ngateway," + kGw + "\n"
                                   << QStringLiteral("gateway row appears twice");
    QTest::newRow("extra row") << "key,hex\ngateway," + kGw + "\ncdld," + kCd + "\nother," + kCd + "\n"
                               << QStringLiteral("4 lines");
    QTest::newRow("unknown row") << "key,hex\ngateway," + kGw + "\nother," + kCd + "\n"
                                 << QStringLiteral("line 3 is not a \"gateway\" or \"cdld\" row");
    QTest::newRow("blank line") << "key,hex\n\ngateway," + kGw << QStringLiteral("line 2");
    QTest::newRow("trailing blank line") << "key,hex\ngateway," + kGw + "\ncdld," + kCd + "\n\n"
                                         << QStringLiteral("4 lines");
    QTest::newRow("space after comma") << "key,hex\ngateway, " + kGw.left(31) + "\ncdld," + kCd + "\n"
                                       << QStringLiteral("not hexadecimal");
    QTest::newRow("no comma") << "key,hex\ngateway" + kGw + "\ncdld," + kCd + "\n" << QStringLiteral("line 2");
    QTest::newRow("bad hex digit") << "key,hex\ngateway," + kGw.left(31) + "z\ncdld," + kCd + "\n"
                                   << QStringLiteral("not hexadecimal");
    QTest::newRow("15 bytes") << "key,hex\ngateway," + kGw.left(30) + "\ncdld," + kCd + "\n"
                              << QStringLiteral("30 characters");
    QTest::newRow("17 bytes") << "key,hex\ngateway," + kGw + "00\ncdld," + kCd + "\n"
                              << QStringLiteral("34 characters");
    QTest::newRow("binary garbage") << QByteArray("\x9f\x12\x00\xff\x10\x0a\x33", 7) << QStringLiteral("header");
}

void TestGatewayKeys::csv()
{
    QFETCH(QByteArray, plain);
    QFETCH(QString, error);
    const Result<package::GatewayKeys> keys = GatewayKeyCsv::parse(secret(plain));
    if (error.isEmpty()) {
        QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().message));
        QCOMPARE(hexOf(keys->gateway), kGw);
        QCOMPARE(hexOf(keys->codeDownload), kCd);
        return;
    }
    QVERIFY(!keys.ok());
    QVERIFY2(keys.error().message.contains(error), qPrintable(keys.error().message));
    // The message never quotes the key material.
    QVERIFY(!keys.error().message.contains(QString::fromLatin1(kGw.left(10))));
    QVERIFY(!keys.error().message.contains(QString::fromLatin1(kCd.left(10))));
}

void TestGatewayKeys::formatRoundTrip()
{
    const Result<package::GatewayKeys> keys = GatewayKeyFile::randomKeys();
    QVERIFY(keys.ok());
    QCOMPARE(keys->gateway.size(), 16);
    QVERIFY(!keys->gateway.equals(keys->codeDownload));
    const crypto::SecretBytes text = GatewayKeyCsv::format(*keys);
    QCOMPARE(QByteArray(text.view().data(), text.size()),
        "key,hex\ngateway," + hexOf(keys->gateway) + "\ncdld," + hexOf(keys->codeDownload) + "\n");
    const Result<package::GatewayKeys> again = GatewayKeyCsv::parse(text);
    QVERIFY(again.ok());
    QVERIFY(again->gateway.equals(keys->gateway));
    QVERIFY(again->codeDownload.equals(keys->codeDownload));
}

// A file made exactly as the contract's recipe makes it.
void TestGatewayKeys::openOpensslFile()
{
    const QByteArray plain = "key,hex\ngateway," + kGw + "\ncdld," + kCd + "\n";
    writeFile(m_dir.filePath(QStringLiteral("gw_keys.csv")), plain);
    openssl({QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"), QStringLiteral("-iter"),
        QStringLiteral("100000"), QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-salt"),
        QStringLiteral("-pass"), QStringLiteral("pass:secret"), QStringLiteral("-in"), QStringLiteral("gw_keys.csv"),
        QStringLiteral("-out"), QStringLiteral("gw_keys.csv.aes")});
    openssl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), QStringLiteral("kms.pem"),
        QStringLiteral("-out"), QStringLiteral("gw_keys.csv.aes.sig"), QStringLiteral("gw_keys.csv.aes")});
    const QByteArray encrypted = readFile(m_dir.filePath(QStringLiteral("gw_keys.csv.aes")));
    const QByteArray signature = readFile(m_dir.filePath(QStringLiteral("gw_keys.csv.aes.sig")));
    QVERIFY(encrypted.startsWith("Salted__"));
    const Result<package::GatewayKeys> keys
        = GatewayKeyFile::open(encrypted, signature, m_kms, secret("secret"), GatewayKeyFile::Names {});
    QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().message));
    QCOMPARE(hexOf(keys->gateway), kGw);
    QCOMPARE(hexOf(keys->codeDownload), kCd);
}

void TestGatewayKeys::openFailures_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<bool>("otherKey");
    QTest::addColumn<bool>("tamper");
    QTest::addColumn<QString>("error");
    const QByteArray good = "key,hex\ngateway," + kGw + "\ncdld," + kCd + "\n";
    const QString wrong = QStringLiteral("wrong passphrase or tampered gateway key file");
    QTest::newRow("wrong passphrase") << good << QByteArray("Secret") << false << false << wrong;
    QTest::newRow("garbage plain text, right passphrase")
        << QByteArray(48, '\x07') << QByteArray("secret") << false << false << wrong;
    QTest::newRow("signed by another key")
        << good << QByteArray("secret") << true << false << QStringLiteral("signed by another key");
    QTest::newRow("tampered ciphertext") << good << QByteArray("secret") << false << true
                                         << QStringLiteral("tampered gateway key file");
}

void TestGatewayKeys::openFailures()
{
    QFETCH(QByteArray, plain);
    QFETCH(QByteArray, passphrase);
    QFETCH(bool, otherKey);
    QFETCH(bool, tamper);
    QFETCH(QString, error);
    writeFile(m_dir.filePath(QStringLiteral("plain.csv")), plain);
    openssl({QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"), QStringLiteral("-iter"),
        QStringLiteral("100000"), QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-salt"),
        QStringLiteral("-pass"), QStringLiteral("pass:secret"), QStringLiteral("-in"), QStringLiteral("plain.csv"),
        QStringLiteral("-out"), QStringLiteral("plain.aes")});
    QByteArray encrypted = readFile(m_dir.filePath(QStringLiteral("plain.aes")));
    const QByteArray signature = openssl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"),
                                             otherKey ? QStringLiteral("other.pem") : QStringLiteral("kms.pem")},
        encrypted);
    if (tamper)
        encrypted[20] = static_cast<char>(encrypted[20] ^ 0x80);
    const Result<package::GatewayKeys> keys = GatewayKeyFile::open(encrypted, signature, m_kms, secret(passphrase),
        GatewayKeyFile::Names {QStringLiteral("x.aes"), QStringLiteral("x.sig")});
    QVERIFY(!keys.ok());
    QVERIFY2(keys.error().message.contains(error), qPrintable(keys.error().message));
    QVERIFY2(keys.error().message.contains(QStringLiteral("x.aes")), qPrintable(keys.error().message));
}

// About 1 wrong passphrase in 256 decrypts without a padding error; each of these
// must still be refused with the same message. One iteration of PBKDF2 (as
// `openssl enc -iter 1` makes) keeps 2000 tries fast; a fixed salt keeps it repeatable.
void TestGatewayKeys::manyWrongPassphrases()
{
    const QByteArray plain = "key,hex\ngateway," + kGw + "\ncdld," + kCd + "\n";
    writeFile(m_dir.filePath(QStringLiteral("many.csv")), plain);
    openssl({QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"), QStringLiteral("-iter"),
        QStringLiteral("1"), QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-S"),
        QStringLiteral("0011223344556677"), QStringLiteral("-pass"), QStringLiteral("pass:secret"),
        QStringLiteral("-in"), QStringLiteral("many.csv"), QStringLiteral("-out"), QStringLiteral("many.aes")});
    // With -S, openssl leaves out the "Salted__" header; put it back as the contract's format has it.
    const QByteArray encrypted
        = "Salted__" + QByteArray::fromHex("0011223344556677") + readFile(m_dir.filePath(QStringLiteral("many.aes")));
    const QByteArray signature = openssl(
        {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), QStringLiteral("kms.pem")},
        encrypted);
    QVERIFY(GatewayKeyFile::open(encrypted, signature, m_kms, secret("secret"), {}, 1).ok());
    int paddingPassed = 0;
    for (int i = 0; i < 2000; ++i) {
        const QByteArray wrong = "wrong-" + QByteArray::number(i);
        if (crypto::openSslEncDecrypt(encrypted, secret(wrong), 1).ok())
            ++paddingPassed;
        const Result<package::GatewayKeys> keys
            = GatewayKeyFile::open(encrypted, signature, m_kms, secret(wrong), {}, 1);
        QVERIFY2(!keys.ok(), wrong.constData());
        QVERIFY(keys.error().message.contains(QStringLiteral("wrong passphrase or tampered gateway key file")));
    }
    // The case the CSV check exists for did occur (deterministic for this salt).
    qInfo("%d of 2000 wrong passphrases passed the padding check", paddingPassed);
    QVERIFY(paddingPassed > 0);
}

// What seal() writes, the openssl command decrypts and verifies.
void TestGatewayKeys::sealIsOpensslCompatible()
{
    openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
        QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), QStringLiteral("signer.pem")});
    const Result<crypto::RsaPrivateKey> signer
        = crypto::RsaPrivateKey::fromPem(readFile(m_dir.filePath(QStringLiteral("signer.pem"))));
    QVERIFY(signer.ok());
    Result<package::GatewayKeys> keys = GatewayKeyFile::randomKeys();
    QVERIFY(keys.ok());
    const Result<GatewayKeyFile::Sealed> sealed = GatewayKeyFile::seal(*keys, secret("p4ss"), *signer);
    QVERIFY(sealed.ok());
    writeFile(m_dir.filePath(QStringLiteral("sealed.aes")), sealed->encrypted);
    writeFile(m_dir.filePath(QStringLiteral("sealed.sig")), sealed->signature);
    writeFile(m_dir.filePath(QStringLiteral("signer.pub")), signer->publicKey().toPem());
    const QByteArray plain = openssl(
        {QStringLiteral("enc"), QStringLiteral("-d"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"),
            QStringLiteral("-iter"), QStringLiteral("100000"), QStringLiteral("-md"), QStringLiteral("sha256"),
            QStringLiteral("-pass"), QStringLiteral("pass:p4ss"), QStringLiteral("-in"), QStringLiteral("sealed.aes")});
    QCOMPARE(plain, "key,hex\ngateway," + hexOf(keys->gateway) + "\ncdld," + hexOf(keys->codeDownload) + "\n");
    const ProcessResult verified = runProcess(opensslProgram(),
        {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"), QStringLiteral("signer.pub"),
            QStringLiteral("-signature"), QStringLiteral("sealed.sig"), QStringLiteral("sealed.aes")},
        {}, 30000, m_dir.path());
    QCOMPARE(verified.exitCode, 0);
    QVERIFY(!GatewayKeyFile::seal(package::GatewayKeys {secret("short"), secret("short")}, secret("p"), *signer).ok());
}

void TestGatewayKeys::passphraseFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("passphrase"); // empty: an error
    QTest::newRow("LF") << QByteArray("secret\n") << QByteArray("secret");
    QTest::newRow("CRLF") << QByteArray("secret\r\n") << QByteArray("secret");
    QTest::newRow("no line end") << QByteArray("secret") << QByteArray("secret");
    QTest::newRow("only the first line") << QByteArray("secret\nsecond\n") << QByteArray("secret");
    QTest::newRow("spaces are kept") << QByteArray(" se cret \n") << QByteArray(" se cret ");
    QTest::newRow("empty file") << QByteArray() << QByteArray();
    QTest::newRow("empty first line") << QByteArray("\nsecret\n") << QByteArray();
    QTest::newRow("too large") << QByteArray(5000, 'a') << QByteArray();
}

// Same rule as `openssl enc -pass file:F` (checked against the command itself),
// except that a CRLF line end is dropped whole, where openssl would keep the CR.
void TestGatewayKeys::passphraseFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, passphrase);
    const QString path = m_dir.filePath(QStringLiteral("pass.txt"));
    writeFile(path, content);
    const Result<crypto::SecretBytes> read = package::PassphraseFile::read(path);
    if (passphrase.isEmpty()) {
        QVERIFY(!read.ok());
        QVERIFY(read.error().message.contains(path));
        return;
    }
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
    QCOMPARE(QByteArray(read->view().data(), read->size()), passphrase);
    if (content.contains('\r'))
        return;
    // openssl reads the same passphrase from the same file.
    const QByteArray encrypted
        = openssl({QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"),
                      QStringLiteral("-iter"), QStringLiteral("1000"), QStringLiteral("-md"), QStringLiteral("sha256"),
                      QStringLiteral("-pass"), QStringLiteral("file:") + path},
            "hello");
    const Result<crypto::SecretBytes> plain = crypto::openSslEncDecrypt(encrypted, *read, 1000);
    QVERIFY(plain.ok());
    QCOMPARE(QByteArray(plain->view().data(), plain->size()), QByteArray("hello"));
}

QTEST_GUILESS_MAIN(TestGatewayKeys)
#include "tst_gatewaykeys.moc"

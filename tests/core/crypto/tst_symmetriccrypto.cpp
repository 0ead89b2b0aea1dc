#include "crypto/Random.h"
#include "crypto/SymmetricCrypto.h"

#include "TestSupport.h"

#include <QTest>

using namespace prov;
using namespace prov::crypto;
using namespace prov::test;

namespace {

QByteArray flipBit(QByteArray data, int bit)
{
    data[bit / 8] = char(data[bit / 8] ^ (1 << (bit % 8)));
    return data;
}

SecretBytes hexKey(const char *hex)
{
    return SecretBytes::copyOf(QByteArray::fromHex(hex));
}

// `openssl mac` prints upper-case hex (no colons for MACs).
QByteArray opensslMac(
    const QStringList &options, const QByteArray &keyHex, const QString &algorithm, const QByteArray &message)
{
    QStringList args {QStringLiteral("mac")};
    args << options << QStringLiteral("-macopt") << QStringLiteral("hexkey:") + QString::fromLatin1(keyHex)
         << algorithm;
    const ProcessResult r = runProcess(opensslProgram(), args, message);
    if (r.exitCode != 0 || r.crashed) {
        qWarning("openssl mac failed: %s", r.stdErr.constData());
        return {};
    }
    return r.stdOut.trimmed().toLower();
}

const QByteArray kNistMessage = QByteArray::fromHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                                                    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");

} // namespace

/// AES-256-GCM sealing, AES-CMAC and HMAC-SHA256: RFC known answers, the openssl
/// command as a second opinion, and tampering.
class TestSymmetricCrypto : public QObject
{
    Q_OBJECT

private slots:
    void cmacKnownAnswers_data();
    void cmacKnownAnswers();
    void cmacRefusesOtherKeySizes_data();
    void cmacRefusesOtherKeySizes();
    void hmacKnownAnswers_data();
    void hmacKnownAnswers();

    void gcmRoundTrip_data();
    void gcmRoundTrip();
    void gcmTamperedFails_data();
    void gcmTamperedFails();
    void gcmWrongKeyOrAadFails();
    void gcmRefusesBadInput();
};

void TestSymmetricCrypto::cmacKnownAnswers_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("mac");
    // RFC 4493 section 4 (AES-128) and NIST SP 800-38B appendix D.3 (AES-256).
    const QByteArray k128("2b7e151628aed2a6abf7158809cf4f3c");
    const QByteArray k256("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    QTest::newRow("RFC4493 empty") << k128 << QByteArray() << QByteArray("bb1d6929e95937287fa37d129b756746");
    QTest::newRow("RFC4493 16") << k128 << kNistMessage.left(16) << QByteArray("070a16b46b4d4144f79bdd9dd04a287c");
    QTest::newRow("RFC4493 40") << k128 << kNistMessage.left(40) << QByteArray("dfa66747de9ae63030ca32611497c827");
    QTest::newRow("RFC4493 64") << k128 << kNistMessage << QByteArray("51f0bebf7e3b9d92fc49741779363cfe");
    QTest::newRow("AES-256 empty") << k256 << QByteArray() << QByteArray("028962f61b7bf89efc6b551f4667d983");
    QTest::newRow("AES-256 16") << k256 << kNistMessage.left(16) << QByteArray("28a7023f452e8f82bd4bf28d8c37c35c");
    QTest::newRow("AES-256 40") << k256 << kNistMessage.left(40) << QByteArray("aaf3d8f1de5640c232f5b169b9c911e6");
    QTest::newRow("AES-256 64") << k256 << kNistMessage << QByteArray("e1992190549f6ed5696a2c056c315410");
}

void TestSymmetricCrypto::cmacKnownAnswers()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, mac);
    Result<QByteArray> ours = aesCmac(hexKey(key.constData()), message);
    QVERIFY(ours.ok());
    QCOMPARE(ours->toHex(), mac);
    const QString cipher = key.size() == 32 ? QStringLiteral("AES-128-CBC") : QStringLiteral("AES-256-CBC");
    QCOMPARE(opensslMac({QStringLiteral("-cipher"), cipher}, key, QStringLiteral("CMAC"), message), mac);
    // One flipped message bit changes the MAC.
    if (!message.isEmpty()) {
        Result<QByteArray> other = aesCmac(hexKey(key.constData()), flipBit(message, 5));
        QVERIFY(other.ok());
        QVERIFY(*other != *ours);
    }
}

void TestSymmetricCrypto::cmacRefusesOtherKeySizes_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("0") << 0;
    QTest::newRow("15") << 15;
    QTest::newRow("24") << 24;
    QTest::newRow("33") << 33;
}

void TestSymmetricCrypto::cmacRefusesOtherKeySizes()
{
    QFETCH(int, size);
    Result<QByteArray> mac = aesCmac(SecretBytes(size), "challenge");
    QVERIFY(!mac.ok());
    QCOMPARE(mac.error().code, ResultCode::InvalidArguments);
    QVERIFY2(mac.error().message.contains(QStringLiteral("got %1 bytes").arg(size)), qPrintable(mac.error().message));
}

void TestSymmetricCrypto::hmacKnownAnswers_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("mac");
    // RFC 4231 test cases 1, 2, 3 and 6.
    QTest::newRow("RFC4231 1") << QByteArray(20, '\x0b').toHex() << QByteArray("Hi There")
                               << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    QTest::newRow("RFC4231 2") << QByteArray("Jefe").toHex() << QByteArray("what do ya want for nothing?")
                               << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("RFC4231 3") << QByteArray(20, '\xaa').toHex() << QByteArray(50, '\xdd')
                               << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    QTest::newRow("RFC4231 6") << QByteArray(131, '\xaa').toHex()
                               << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
                               << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

void TestSymmetricCrypto::hmacKnownAnswers()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, mac);
    Result<QByteArray> ours = hmacSha256(hexKey(key.constData()), message);
    QVERIFY(ours.ok());
    QCOMPARE(ours->toHex(), mac);
    QCOMPARE(
        opensslMac({QStringLiteral("-digest"), QStringLiteral("SHA256")}, key, QStringLiteral("HMAC"), message), mac);
}

void TestSymmetricCrypto::gcmRoundTrip_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<QByteArray>("aad");
    QTest::newRow("empty") << 0 << QByteArray();
    QTest::newRow("16 no aad") << 16 << QByteArray();
    QTest::newRow("16 with aad") << 16 << QByteArray("gateway:0x0001A000");
    QTest::newRow("odd size") << 1001 << QByteArray("x");
    QTest::newRow("64 KiB") << 65536 << QByteArray("aad");
}

void TestSymmetricCrypto::gcmRoundTrip()
{
    QFETCH(int, size);
    QFETCH(QByteArray, aad);
    Result<SecretBytes> key = randomSecret(32);
    Result<SecretBytes> plain = randomSecret(size);
    QVERIFY(key.ok() && plain.ok());
    Result<QByteArray> sealed = aesGcmSeal(*key, *plain, aad);
    QVERIFY(sealed.ok());
    QCOMPARE(sealed->size(), 12 + size + 16);
    if (size >= 16) // the ciphertext is not the plaintext
        QVERIFY(QByteArrayView(*sealed).sliced(12, size) != plain->view());
    Result<SecretBytes> opened = aesGcmOpen(*key, *sealed, aad);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    QVERIFY(opened->equals(*plain));
    // A fresh nonce each time.
    Result<QByteArray> again = aesGcmSeal(*key, *plain, aad);
    QVERIFY(again.ok());
    QVERIFY(again->left(12) != sealed->left(12));
}

void TestSymmetricCrypto::gcmTamperedFails_data()
{
    QTest::addColumn<int>("bit");
    // nonce (0..95), ciphertext (96..351), tag (352..479) of a 32-byte plaintext
    for (int bit : {0, 50, 95, 96, 200, 351, 352, 400, 479})
        QTest::addRow("bit %d", bit) << bit;
}

void TestSymmetricCrypto::gcmTamperedFails()
{
    QFETCH(int, bit);
    Result<SecretBytes> key = randomSecret(32);
    QVERIFY(key.ok());
    Result<QByteArray> sealed = aesGcmSeal(*key, SecretBytes::copyOf("0123456789abcdef0123456789abcdef"), "aad");
    QVERIFY(sealed.ok());
    QCOMPARE(sealed->size(), 60);
    Result<SecretBytes> opened = aesGcmOpen(*key, flipBit(*sealed, bit), "aad");
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(QLatin1String("AES-256-GCM authentication failed")),
        qPrintable(opened.error().message));
}

void TestSymmetricCrypto::gcmWrongKeyOrAadFails()
{
    Result<SecretBytes> key = randomSecret(32);
    Result<SecretBytes> other = randomSecret(32);
    QVERIFY(key.ok() && other.ok());
    Result<QByteArray> sealed = aesGcmSeal(*key, SecretBytes::copyOf("gateway key bytes"), "id=1");
    QVERIFY(sealed.ok());
    QVERIFY(aesGcmOpen(*key, *sealed, "id=1").ok());
    QVERIFY(!aesGcmOpen(*other, *sealed, "id=1").ok());
    QVERIFY(!aesGcmOpen(*key, *sealed, "id=2").ok());
    QVERIFY(!aesGcmOpen(*key, *sealed).ok());
    QVERIFY(!aesGcmOpen(*key, sealed->chopped(1), "id=1").ok());
}

void TestSymmetricCrypto::gcmRefusesBadInput()
{
    Result<QByteArray> sealed = aesGcmSeal(SecretBytes(16), SecretBytes::copyOf("x"));
    QVERIFY(!sealed.ok());
    QVERIFY2(sealed.error().message.contains(QLatin1String("32-byte key, got 16")), qPrintable(sealed.error().message));
    Result<SecretBytes> opened = aesGcmOpen(SecretBytes(32), QByteArray(27, 'x'));
    QVERIFY(!opened.ok());
    QVERIFY2(
        opened.error().message.contains(QLatin1String("27 bytes is too short")), qPrintable(opened.error().message));
}

QTEST_GUILESS_MAIN(TestSymmetricCrypto)
#include "tst_symmetriccrypto.moc"

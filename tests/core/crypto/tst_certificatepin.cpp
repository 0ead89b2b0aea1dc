// crypto::CertificatePin against the openssl command's own output for a
// certificate it generates: every form a user may paste parses to the same
// pin and matches, one canonical text per pin, clear errors for bad text.
#include "crypto/CertificatePin.h"

#include "TestSupport.h"

#include <QFile>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::crypto;
using namespace prov::test;

class tst_CertificatePin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QSslCertificate m_cert;
    QSslCertificate m_other;
    QString m_spkiBase64; ///< from openssl: x509 -pubkey | pkey -outform der | dgst -sha256 | base64
    QString m_fingerprint; ///< from openssl: x509 -fingerprint -sha256 (AA:BB:...)

    QByteArray shell(const QString &script)
    {
        const ProcessResult r
            = runProcess(QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, 60000, m_dir.path());
        return r.exitCode == 0 ? r.stdOut.trimmed() : QByteArray();
    }

    static QSslCertificate load(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QSslCertificate(f.readAll(), QSsl::Pem) : QSslCertificate();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // An EC key as well as RSA elsewhere: the SPKI must be hashed as encoded.
        QVERIFY(!shell(QStringLiteral("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
                                      "-days 2 -keyout a.key -out a.pem -subj /CN=a 2>/dev/null && "
                                      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout b.key -out b.pem "
                                      "-subj /CN=b 2>/dev/null && echo ok"))
                     .isEmpty());
        m_cert = load(m_dir.filePath(QStringLiteral("a.pem")));
        m_other = load(m_dir.filePath(QStringLiteral("b.pem")));
        QVERIFY(!m_cert.isNull() && !m_other.isNull());
        m_spkiBase64 = QString::fromLatin1(shell(QStringLiteral(
            "openssl x509 -in a.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary "
            "| base64")));
        const QByteArray line = shell(QStringLiteral("openssl x509 -in a.pem -noout -fingerprint -sha256"));
        m_fingerprint = QString::fromLatin1(line.mid(line.indexOf('=') + 1));
        QCOMPARE(m_spkiBase64.size(), 44);
        QCOMPARE(m_fingerprint.size(), 95);
    }

    void everyFormMatches_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isKey");
        const QString hex = QString(m_fingerprint).remove(QLatin1Char(':'));
        QTest::newRow("curl sha256//") << QStringLiteral("sha256//") + m_spkiBase64 << true;
        QTest::newRow("one slash") << QStringLiteral("sha256/") + m_spkiBase64 << true;
        QTest::newRow("bare base64") << m_spkiBase64 << true;
        QTest::newRow("tls-pin spki line") << QStringLiteral("sha256-spki: sha256//") + m_spkiBase64 << true;
        QTest::newRow("blanks around") << QStringLiteral("  sha256//") + m_spkiBase64 + QStringLiteral(" \n") << true;
        QTest::newRow("fingerprint with colons") << m_fingerprint << false;
        QTest::newRow("fingerprint lower case") << m_fingerprint.toLower() << false;
        QTest::newRow("fingerprint no colons") << hex << false;
        QTest::newRow("fingerprint no colons lower") << hex.toLower() << false;
        QTest::newRow("tls-pin cert line") << QStringLiteral("sha256-cert: ") + m_fingerprint << false;
        QTest::newRow("openssl output line") << QStringLiteral("sha256 Fingerprint=") + m_fingerprint << false;
    }

    void everyFormMatches()
    {
        QFETCH(QString, text);
        QFETCH(bool, isKey);
        const auto pin = CertificatePin::parse(text);
        QVERIFY2(pin.ok(), pin.ok() ? "" : qPrintable(pin.error().message));
        QCOMPARE(pin->kind() == CertificatePin::Kind::SpkiSha256, isKey);
        QVERIFY(pin->matches(m_cert));
        QVERIFY(!pin->matches(m_other));
        // One canonical text: what tls-pin prints, and it parses back to the same pin.
        QCOMPARE(pin->toString(), isKey ? QStringLiteral("sha256//") + m_spkiBase64 : m_fingerprint);
        QCOMPARE(CertificatePin::parse(pin->toString()).value(), pin.value());
    }

    void pinsOfACertificateAreOpensslsValues()
    {
        QCOMPARE(CertificatePin::ofPublicKey(m_cert).toString(), QStringLiteral("sha256//") + m_spkiBase64);
        QCOMPARE(CertificatePin::ofCertificate(m_cert).toString(), m_fingerprint);
        QCOMPARE(spkiSha256(m_cert), QByteArray::fromBase64(m_spkiBase64.toLatin1()));
    }

    void badTextIsNamed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << QString() << QStringLiteral("is empty");
        QTest::newRow("short base64") << QStringLiteral("sha256//AAAA") << QStringLiteral("44-character");
        QTest::newRow("sha1 fingerprint")
            << QStringLiteral("AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD")
            << QStringLiteral("neither a key pin");
        QTest::newRow("bad base64 character") << QStringLiteral("sha256//") + QString(43, QLatin1Char('*'))
                + QLatin1Char('=') << QStringLiteral("44-character");
        QTest::newRow("63 hex digits") << QString(63, QLatin1Char('a')) << QStringLiteral("neither a key pin");
    }

    void badTextIsNamed()
    {
        QFETCH(QString, text);
        QFETCH(QString, why);
        const auto pin = CertificatePin::parse(text);
        QVERIFY(!pin.ok());
        QCOMPARE(pin.error().code, ResultCode::InvalidArguments);
        QVERIFY2(pin.error().message.contains(why), qPrintable(pin.error().message));
        QVERIFY2(pin.error().message.contains(QStringLiteral("\"%1\"").arg(text.trimmed().left(120))),
            qPrintable(pin.error().message));
    }

    void aBase64StartingWithASlashParsesInEveryForm()
    {
        // SHA-256 digests whose first byte is 0xFC..0xFF encode to a BASE64 that
        // starts with '/': "sha256/" + it looks like "sha256//" + 43 characters.
        const QByteArray digest(32, '\xff');
        const QString base64 = QString::fromLatin1(digest.toBase64());
        QVERIFY(base64.startsWith(QLatin1Char('/')));
        for (const QString &text : {QStringLiteral("sha256//") + base64, QStringLiteral("sha256/") + base64, base64}) {
            const auto pin = CertificatePin::parse(text);
            QVERIFY2(pin.ok(), pin.ok() ? "" : qPrintable(pin.error().message));
            QCOMPARE(pin->digest(), digest);
            QCOMPARE(pin->toString(), QStringLiteral("sha256//") + base64);
        }
    }

    void aNullPinMatchesNothing()
    {
        QVERIFY(!CertificatePin().matches(m_cert));
        QVERIFY(!CertificatePin::anyMatches({CertificatePin()}, m_cert));
        QVERIFY(CertificatePin::ofPublicKey(QSslCertificate()).isNull());
    }
};

QTEST_GUILESS_MAIN(tst_CertificatePin)
#include "tst_certificatepin.moc"

// PackageWriter (provstation-pack's engine): what it writes follows the contract
// as the standard tools see it (tar, xmllint --schema, openssl enc/dgst, md5sum)
// and reads back through the reader; bad input is refused before anything is written.
#include "TestSupport.h"

#include "crypto/RsaKeys.h"
#include "package/GatewayKeyFile.h"
#include "package/PackageInfoFormatter.h"
#include "package/PackageReader.h"
#include "package/PackageWriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace prov;
using namespace prov::test;
using package::PackageSource;

using SourceEdit = std::function<void(PackageSource &)>;
Q_DECLARE_METATYPE(SourceEdit)

class TestPackageWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writeThenRead();
    void standardToolsAgree();
    void refused_data();
    void refused();
    void weakKmsKeyRefused();
    void formatter();

private:
    QByteArray openssl(const QStringList &arguments);
    PackageSource source() const;
    QString path(const QString &name) const { return m_dir.filePath(name); }
    Result<package::Manifest> writePackage(const PackageSource &source, const QString &out);

    QTemporaryDir m_dir;
    std::optional<crypto::RsaPrivateKey> m_kms;
    std::optional<package::GatewayKeys> m_keys;
};

QByteArray TestPackageWriter::openssl(const QStringList &arguments)
{
    const ProcessResult r = runProcess(opensslProgram(), arguments, {}, 60000, m_dir.path());
    if (r.exitCode != 0)
        qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')), r.stdErr.constData());
    return r.stdOut;
}

void TestPackageWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *name : {"kms", "hes", "weak"}) {
        const QString bits = QByteArrayView(name) == "weak" ? QStringLiteral("1024") : QStringLiteral("2048");
        openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"),
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_keygen_bits:") + bits, QStringLiteral("-out"),
            QString::fromLatin1(name) + QStringLiteral(".pem")});
        openssl({QStringLiteral("pkey"), QStringLiteral("-in"), QString::fromLatin1(name) + QStringLiteral(".pem"),
            QStringLiteral("-pubout"), QStringLiteral("-out"), QString::fromLatin1(name) + QStringLiteral(".pub.pem")});
    }
    Result<crypto::RsaPrivateKey> kms = crypto::RsaPrivateKey::fromPem(readFile(path(QStringLiteral("kms.pem"))));
    QVERIFY(kms.ok());
    m_kms = std::move(*kms);
    Result<package::GatewayKeys> keys = package::GatewayKeyFile::randomKeys();
    QVERIFY(keys.ok());
    m_keys = std::move(*keys);
    for (const char *name : {"nfw", "nfield", "nfactory", "afw", "afield", "afactory", "bfw"}) {
        QByteArray data(1000 + QRandomGenerator::global()->bounded(5000), Qt::Uninitialized);
        for (char &c : data)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        QVERIFY(writeFile(path(QString::fromLatin1(name)), data));
    }
}

PackageSource TestPackageWriter::source() const
{
    PackageSource s;
    s.configId = ConfigId(0x1234567890ABCDEFull);
    s.appLabel = QStringLiteral("ge_sgm3000_falconv1_zigbeev2");
    s.aliases = QStringList {QStringLiteral("82JX570141"), QStringLiteral("ALIAS.2")};
    s.nodeType = QStringLiteral("ENODE");
    s.nodeVersion = QStringLiteral("3.2.1");
    s.nodeFirmwarePath = path(QStringLiteral("nfw"));
    s.nodeFieldConfigPath = path(QStringLiteral("nfield"));
    s.nodeFactoryConfigPath = path(QStringLiteral("nfactory"));
    s.apps.append(package::AppSource {QStringLiteral("emcm"), QStringLiteral("5.6.7.8"), path(QStringLiteral("afw")),
        path(QStringLiteral("afield")), path(QStringLiteral("afactory")), path(QStringLiteral("hes.pub.pem"))});
    s.apps.append(package::AppSource {QStringLiteral("meter-2"), QStringLiteral("9"), path(QStringLiteral("bfw")),
        path(QStringLiteral("afield")), path(QStringLiteral("afield")), QString()});
    return s;
}

Result<package::Manifest> TestPackageWriter::writePackage(const PackageSource &s, const QString &out)
{
    return package::PackageWriter::write(s, *m_keys, crypto::SecretBytes::copyOf("pass phrase"), *m_kms, out);
}

void TestPackageWriter::writeThenRead()
{
    const QString out = path(QStringLiteral("written.tar.gz"));
    const Result<package::Manifest> written = writePackage(source(), out);
    QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().toString()));
    const QString quarantine = path(QStringLiteral("q"));
    Result<package::VerifiedPackage> read
        = package::readPackage(out, crypto::SecretBytes::copyOf("pass phrase"), {}, quarantine);
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    const package::PackageInfo &info = read->info;
    QCOMPARE(info.configId, ConfigId(0x1234567890ABCDEFull));
    QCOMPARE(info.appLabel, QStringLiteral("ge_sgm3000_falconv1_zigbeev2"));
    QCOMPARE(info.aliases, (QStringList {QStringLiteral("82JX570141"), QStringLiteral("ALIAS.2")}));
    QCOMPARE(info.nodeType, QStringLiteral("ENODE"));
    QCOMPARE(info.nodeVersion, QStringLiteral("3.2.1"));
    QCOMPARE(info.apps.size(), 2);
    QCOMPARE(info.apps[1].name, QStringLiteral("meter-2"));
    QCOMPARE(info.apps[1].version, QStringLiteral("9"));
    QVERIFY(info.apps[1].publicKeyPem.isEmpty());
    QCOMPARE(info.kmsFingerprint, m_kms->publicKey().fingerprint());
    QVERIFY(read->gatewayKeys.gateway.equals(m_keys->gateway));
    QVERIFY(read->gatewayKeys.codeDownload.equals(m_keys->codeDownload));
    QVERIFY(info.warnings.isEmpty());
    const QList<QPair<QString, QString>> roles {{QStringLiteral("node/firmware"), QStringLiteral("nfw")},
        {QStringLiteral("node/factoryConfig"), QStringLiteral("nfactory")},
        {QStringLiteral("app/emcm/firmware"), QStringLiteral("afw")},
        {QStringLiteral("app/emcm/publicKey"), QStringLiteral("hes.pub.pem")},
        {QStringLiteral("app/meter-2/firmware"), QStringLiteral("bfw")},
        {QStringLiteral("app/meter-2/factoryConfig"), QStringLiteral("afield")}};
    for (const auto &role : roles) {
        const package::PackageFile *file = info.fileForRole(role.first);
        QVERIFY2(file, qPrintable(role.first));
        QCOMPARE(readFile(file->localPath), readFile(path(role.second)));
    }
    package::discardQuarantine(*read);
    // The manifest it returns is the one in the package.
    QCOMPARE(written->apps.size(), 2);
    QCOMPARE(written->nodeFirmware.path, QStringLiteral("node/firmware.bin"));
}

void TestPackageWriter::standardToolsAgree()
{
    const QString out = path(QStringLiteral("tools.tar.gz"));
    QVERIFY(writePackage(source(), out).ok());
    const ProcessResult list = runProcess(QStringLiteral("tar"), {QStringLiteral("-tzf"), out});
    QCOMPARE(list.exitCode, 0);
    QStringList names = QString::fromUtf8(list.stdOut).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(names.first(), QStringLiteral("manifest.xml"));
    names.sort();
    QCOMPARE(names,
        (QStringList {QStringLiteral("apps/"), QStringLiteral("apps/emcm/"), QStringLiteral("apps/emcm/factory.cfg"),
            QStringLiteral("apps/emcm/field.cfg"), QStringLiteral("apps/emcm/firmware.bin"),
            QStringLiteral("apps/emcm/hes_key.pub.pem"), QStringLiteral("apps/meter-2/"),
            QStringLiteral("apps/meter-2/factory.cfg"), QStringLiteral("apps/meter-2/field.cfg"),
            QStringLiteral("apps/meter-2/firmware.bin"), QStringLiteral("gw_keys.csv.aes"),
            QStringLiteral("gw_keys.csv.aes.sig"), QStringLiteral("kms_key.pub.pem"), QStringLiteral("manifest.xml"),
            QStringLiteral("node/"), QStringLiteral("node/factory.cfg"), QStringLiteral("node/field.cfg"),
            QStringLiteral("node/firmware.bin")}));
    // gzip -t checks the whole stream; tar extracts it.
    QCOMPARE(runProcess(QStringLiteral("gzip"), {QStringLiteral("-t"), out}).exitCode, 0);
    const QString x = path(QStringLiteral("x"));
    QVERIFY(QDir().mkpath(x));
    QCOMPARE(runProcess(QStringLiteral("tar"), {QStringLiteral("-xzf"), out, QStringLiteral("-C"), x}).exitCode, 0);
    const ProcessResult lint = runProcess(QStringLiteral("xmllint"),
        {QStringLiteral("--noout"), QStringLiteral("--schema"), schemaPath(QStringLiteral("manifest.xsd")),
            x + QStringLiteral("/manifest.xml")});
    QVERIFY2(lint.exitCode == 0, lint.stdErr.constData());
    const QByteArray manifest = readFile(x + QStringLiteral("/manifest.xml"));
    const QByteArray md5
        = QCryptographicHash::hash(readFile(path(QStringLiteral("nfw"))), QCryptographicHash::Md5).toHex();
    QVERIFY(manifest.contains("file=\"node/firmware.bin\" md5=\"" + md5 + "\""));
    QVERIFY(manifest.contains("<provConfigId>0x1234567890ABCDEF</provConfigId>"));
    // openssl decrypts the gateway key file with the passphrase and verifies it with the package's key.
    const ProcessResult plain = runProcess(opensslProgram(),
        {QStringLiteral("enc"), QStringLiteral("-d"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"),
            QStringLiteral("-iter"), QStringLiteral("100000"), QStringLiteral("-md"), QStringLiteral("sha256"),
            QStringLiteral("-pass"), QStringLiteral("pass:pass phrase"), QStringLiteral("-in"),
            x + QStringLiteral("/gw_keys.csv.aes")});
    QCOMPARE(plain.exitCode, 0);
    QVERIFY(plain.stdOut.startsWith("key,hex\ngateway,"));
    const ProcessResult verify = runProcess(opensslProgram(),
        {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-verify"),
            x + QStringLiteral("/kms_key.pub.pem"), QStringLiteral("-signature"),
            x + QStringLiteral("/gw_keys.csv.aes.sig"), x + QStringLiteral("/gw_keys.csv.aes")});
    QCOMPARE(verify.exitCode, 0);
    QCOMPARE(readFile(x + QStringLiteral("/apps/emcm/hes_key.pub.pem")), readFile(path(QStringLiteral("hes.pub.pem"))));
}

void TestPackageWriter::refused_data()
{
    QTest::addColumn<SourceEdit>("edit");
    QTest::addColumn<QString>("message");
    const auto S = [](const char *t) {
        return QString::fromUtf8(t);
    };
    QTest::newRow("bad app label") << SourceEdit([](PackageSource &s) { s.appLabel = QStringLiteral("a b"); })
                                   << S("app label \"a b\"");
    QTest::newRow("bad alias") << SourceEdit([](PackageSource &s) { s.aliases.append(QStringLiteral("x/y")); })
                               << S("alias \"x/y\"");
    QTest::newRow("bad node type") << SourceEdit([](PackageSource &s) { s.nodeType = QStringLiteral("XNODE"); })
                                   << S("node type \"XNODE\"");
    QTest::newRow("bad node version") << SourceEdit([](PackageSource &s) {
        s.nodeVersion = QStringLiteral("1.2.3.4.5");
    }) << S("node version \"1.2.3.4.5\"");
    QTest::newRow("app named ..") << SourceEdit([](PackageSource &s) { s.apps[0].name = QStringLiteral(".."); })
                                  << S("folder name");
    QTest::newRow("app twice") << SourceEdit([](PackageSource &s) { s.apps[1].name = QStringLiteral("emcm"); })
                               << S("app \"emcm\" is given twice");
    QTest::newRow("bad app version") << SourceEdit([](PackageSource &s) { s.apps[0].version = QStringLiteral("x"); })
                                     << S("version of app emcm");
    QTest::newRow("missing node firmware")
        << SourceEdit([](PackageSource &s) { s.nodeFirmwarePath = QStringLiteral("/nonexistent/fw.bin"); })
        << S("/nonexistent/fw.bin");
    QTest::newRow("missing app file") << SourceEdit([](PackageSource &s) {
        s.apps[0].factoryConfigPath = QStringLiteral("/nonexistent/f.cfg");
    }) << S("/nonexistent/f.cfg");
    QTest::newRow("1024-bit app key") << SourceEdit([this](PackageSource &s) {
        s.apps[0].publicKeyPemPath = path(QStringLiteral("weak.pub.pem"));
    }) << S("1024");
    QTest::newRow("app key not a key") << SourceEdit([this](PackageSource &s) {
        s.apps[0].publicKeyPemPath = path(QStringLiteral("nfw"));
    }) << S("public key of app emcm");
}

void TestPackageWriter::refused()
{
    QFETCH(SourceEdit, edit);
    QFETCH(QString, message);
    PackageSource s = source();
    edit(s);
    const QString out = path(QStringLiteral("refused.tar.gz"));
    const Result<package::Manifest> written = writePackage(s, out);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().message.contains(message), qPrintable(written.error().message));
    QVERIFY(!QFileInfo::exists(out));
}

void TestPackageWriter::weakKmsKeyRefused()
{
    // RsaPrivateKey may load a 1024-bit key; the writer must not sign a package with it.
    Result<crypto::RsaPrivateKey> weak = crypto::RsaPrivateKey::fromPem(readFile(path(QStringLiteral("weak.pem"))));
    if (!weak.ok()) {
        QVERIFY(weak.error().message.contains(QStringLiteral("1024")));
        return;
    }
    const QString out = path(QStringLiteral("weak.tar.gz"));
    const Result<package::Manifest> written
        = package::PackageWriter::write(source(), *m_keys, crypto::SecretBytes::copyOf("p"), *weak, out);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().message.contains(QStringLiteral("1024")), qPrintable(written.error().message));
    QVERIFY(!QFileInfo::exists(out));
}

void TestPackageWriter::formatter()
{
    package::PackageInfo info;
    info.configId = ConfigId(0x45);
    info.appLabel = QStringLiteral("label");
    info.aliases = QStringList {QStringLiteral("A1"), QStringLiteral("A2")};
    info.nodeType = QStringLiteral("DNODE");
    info.nodeVersion = QStringLiteral("1.2");
    info.apps.append(
        package::AppInfo {QStringLiteral("emcm"), QStringLiteral("5.6"), QString(), QStringLiteral("sha256:ab")});
    info.kmsFingerprint = QStringLiteral("sha256:cd");
    info.packageSha256 = QByteArray::fromHex("00ff");
    info.packageSize = 1234;
    info.warnings.append(QStringLiteral("x.txt is in the archive but not named"));
    const QString text = package::PackageInfoFormatter::toText(info);
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("Uploaded Package Information"));
    QStringList simplified;
    for (const QString &line : lines) {
        QVERIFY2(line == lines.first() || line.startsWith(QStringLiteral("  ")), qPrintable(line));
        simplified.append(line.simplified());
    }
    // Values start in one column.
    QCOMPARE(lines[1].indexOf(QStringLiteral("0x")), lines[2].indexOf(QStringLiteral("label")));
    for (const QString &expected :
        {QStringLiteral("Prov. Config ID: 0x0000000000000045"), QStringLiteral("App. Label: label"),
            QStringLiteral("Aliases: A1, A2"), QStringLiteral("Node Type: DNODE"), QStringLiteral("Node Version: 1.2"),
            QStringLiteral("App. Name: emcm 5.6 (public key sha256:ab)"), QStringLiteral("KMS Key: sha256:cd"),
            QStringLiteral("Package SHA-256: 00ff"), QStringLiteral("Warning: x.txt is in the archive but not named")})
        QVERIFY2(simplified.contains(expected), qPrintable(text));
    const QJsonObject json = package::PackageInfoFormatter::toJson(info);
    QCOMPARE(json.value(QStringLiteral("configId")).toString(), QStringLiteral("0x0000000000000045"));
    QCOMPARE(json.value(QStringLiteral("aliases")).toArray().size(), 2);
    QCOMPARE(
        json.value(QStringLiteral("apps")).toArray().first().toObject().value(QStringLiteral("version")).toString(),
        QStringLiteral("5.6"));
    QCOMPARE(json.value(QStringLiteral("packageSha256")).toString(), QStringLiteral("00ff"));
    QCOMPARE(json.value(QStringLiteral("packageSize")).toInteger(), 1234);
}

QTEST_GUILESS_MAIN(TestPackageWriter)
#include "tst_packagewriter.moc"

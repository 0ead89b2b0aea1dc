// provstation-pack end to end: the real executable, its files checked with the
// package reader, tar and the openssl command.
#include "TestSupport.h"

#include "package/PackageReader.h"
#include "package/PassphraseFile.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::test;

namespace {

const QFile::Permissions kGroupOther
    = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

ProcessResult pack(const QStringList &arguments)
{
    return runProcess(binPath(QStringLiteral("provstation-pack")), arguments, {}, 120000);
}

/// One line on stderr, nothing else there.
bool oneErrorLine(const ProcessResult &r)
{
    const QByteArray err = r.stdErr.trimmed();
    return !err.isEmpty() && !err.contains('\n') && err.startsWith("provstation-pack: error: ");
}

QStringList tarList(const QString &package)
{
    const ProcessResult r = runProcess(QStringLiteral("tar"), {QStringLiteral("-tzf"), package});
    QStringList names = QString::fromUtf8(r.stdOut).split(u'\n', Qt::SkipEmptyParts);
    names.sort();
    return names;
}

} // namespace

class TestProvstationPack : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help();
    void demoKeys();
    void demo();
    void build();
    void buildWithGatewayCsv();
    void errors_data();
    void errors();
    void verifyWrongPassphrase();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestProvstationPack::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo::exists(binPath(QStringLiteral("provstation-pack"))),
        qPrintable(binPath(QStringLiteral("provstation-pack"))));
}

void TestProvstationPack::help()
{
    const ProcessResult top = pack({QStringLiteral("--help")});
    QCOMPARE(top.exitCode, 0);
    for (const char *command : {"build", "verify", "demo-keys", "demo"})
        QVERIFY(top.stdOut.contains(command));
    const ProcessResult build = pack({QStringLiteral("build"), QStringLiteral("--help")});
    QCOMPARE(build.exitCode, 0);
    for (const char *option : {"--out", "--config-id", "--app-label", "--alias", "--node-type", "--node-version",
             "--node-firmware", "--node-field-config", "--node-factory-config", "--app", "--kms-key",
             "--passphrase-file", "--gateway-keys-csv"})
        QVERIFY2(build.stdOut.contains(option), option);
}

void TestProvstationPack::demoKeys()
{
    const QString dir = path(QStringLiteral("keys"));
    const ProcessResult r = pack({QStringLiteral("demo-keys"), QStringLiteral("--out-dir"), dir});
    QVERIFY2(r.exitCode == 0, r.stdErr.constData());
    for (const char *name : {"kms.pem", "kms_key.pub.pem", "hes.pem", "hes_key.pub.pem"}) {
        const QFileInfo info(QDir(dir).filePath(QString::fromLatin1(name)));
        QVERIFY2(info.isFile(), name);
        QCOMPARE(info.permissions() & kGroupOther, QFile::Permissions());
    }
    // The openssl command reads them, and each public key is its private key's.
    for (const char *pair : {"kms", "hes"}) {
        const QString priv = QDir(dir).filePath(QString::fromLatin1(pair) + QStringLiteral(".pem"));
        const QString pub = QDir(dir).filePath(QString::fromLatin1(pair) + QStringLiteral("_key.pub.pem"));
        const ProcessResult derived = runProcess(
            opensslProgram(), {QStringLiteral("pkey"), QStringLiteral("-in"), priv, QStringLiteral("-pubout")});
        QCOMPARE(derived.exitCode, 0);
        QCOMPARE(derived.stdOut, readFile(pub));
        const ProcessResult text = runProcess(opensslProgram(),
            {QStringLiteral("pkey"), QStringLiteral("-in"), priv, QStringLiteral("-noout"), QStringLiteral("-text")});
        QVERIFY(text.stdOut.contains("2048 bit"));
    }
    // A second run does not overwrite; --force does.
    const QByteArray before = readFile(QDir(dir).filePath(QStringLiteral("kms.pem")));
    const ProcessResult again = pack({QStringLiteral("demo-keys"), QStringLiteral("--out-dir"), dir});
    QCOMPARE(again.exitCode, 3);
    QVERIFY(oneErrorLine(again));
    QVERIFY(again.stdErr.contains("already exists"));
    QCOMPARE(readFile(QDir(dir).filePath(QStringLiteral("kms.pem"))), before);
    const ProcessResult forced
        = pack({QStringLiteral("demo-keys"), QStringLiteral("--out-dir"), dir, QStringLiteral("--force")});
    QCOMPARE(forced.exitCode, 0);
    QVERIFY(readFile(QDir(dir).filePath(QStringLiteral("kms.pem"))) != before);
}

void TestProvstationPack::demo()
{
    const QString dir = path(QStringLiteral("demo"));
    const ProcessResult r = pack({QStringLiteral("demo"), QStringLiteral("--out-dir"), dir});
    QVERIFY2(r.exitCode == 0, r.stdErr.constData());
    QVERIFY(r.stdOut.contains("Uploaded Package Information"));
    QVERIFY(r.stdOut.contains("0x0000000000000045"));
    QVERIFY(r.stdOut.contains("provstation-server import --passphrase-file"));
    const QString package = QDir(dir).filePath(QStringLiteral("demo-package.tar.gz"));
    QCOMPARE(tarList(package),
        (QStringList {QStringLiteral("apps/"), QStringLiteral("apps/emcm/"), QStringLiteral("apps/emcm/factory.cfg"),
            QStringLiteral("apps/emcm/field.cfg"), QStringLiteral("apps/emcm/firmware.bin"),
            QStringLiteral("apps/emcm/hes_key.pub.pem"), QStringLiteral("gw_keys.csv.aes"),
            QStringLiteral("gw_keys.csv.aes.sig"), QStringLiteral("kms_key.pub.pem"), QStringLiteral("manifest.xml"),
            QStringLiteral("node/"), QStringLiteral("node/factory.cfg"), QStringLiteral("node/field.cfg"),
            QStringLiteral("node/firmware.bin")}));
    const QString passFile = QDir(dir).filePath(QStringLiteral("passphrase.txt"));
    QCOMPARE(QFileInfo(passFile).permissions() & kGroupOther, QFile::Permissions());
    Result<crypto::SecretBytes> passphrase = package::PassphraseFile::read(passFile);
    QVERIFY(passphrase.ok());
    QVERIFY(passphrase->size() >= 20);
    Result<package::VerifiedPackage> read = package::readPackage(package, *passphrase, {}, path(QStringLiteral("q")));
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    QCOMPARE(read->info.configId.value(), quint64(0x45));
    QCOMPARE(read->info.apps.size(), 1);
    QCOMPARE(read->info.apps[0].name, QStringLiteral("emcm"));
    QVERIFY(!read->info.apps[0].publicKeyPem.isEmpty());
    QCOMPARE(read->info.kmsPublicKeyPem.toLatin1(), readFile(QDir(dir).filePath(QStringLiteral("kms_key.pub.pem"))));
    package::discardQuarantine(*read);
    // The openssl command decrypts the gateway key file with the passphrase file.
    const QString x = path(QStringLiteral("demo-x"));
    QVERIFY(QDir().mkpath(x));
    QCOMPARE(runProcess(QStringLiteral("tar"), {QStringLiteral("-xzf"), package, QStringLiteral("-C"), x}).exitCode, 0);
    const ProcessResult plain = runProcess(opensslProgram(),
        {QStringLiteral("enc"), QStringLiteral("-d"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"),
            QStringLiteral("-iter"), QStringLiteral("100000"), QStringLiteral("-md"), QStringLiteral("sha256"),
            QStringLiteral("-pass"), QStringLiteral("file:") + passFile, QStringLiteral("-in"),
            x + QStringLiteral("/gw_keys.csv.aes")});
    QCOMPARE(plain.exitCode, 0);
    QVERIFY(plain.stdOut.startsWith("key,hex\ngateway,"));
}

void TestProvstationPack::build()
{
    const QString keys = path(QStringLiteral("build-keys"));
    QCOMPARE(pack({QStringLiteral("demo-keys"), QStringLiteral("--out-dir"), keys}).exitCode, 0);
    QVERIFY(writeFile(path(QStringLiteral("pass")), "build passphrase\n"));
    for (const char *name : {"fw", "field", "factory", "afw", "afield", "afactory"})
        QVERIFY(writeFile(path(QString::fromLatin1(name)), QByteArray(name) + QByteArray(500, 'x')));
    const QString out = path(QStringLiteral("built.tar.gz"));
    const ProcessResult r = pack(
        {QStringLiteral("build"), QStringLiteral("--out"), out, QStringLiteral("--config-id"), QStringLiteral("77"),
            QStringLiteral("--app-label"), QStringLiteral("label_1"), QStringLiteral("--alias"), QStringLiteral("AL1"),
            QStringLiteral("--alias"), QStringLiteral("AL2"), QStringLiteral("--node-type"), QStringLiteral("DNODE"),
            QStringLiteral("--node-version"), QStringLiteral("1.2.3.4"), QStringLiteral("--node-firmware"),
            path(QStringLiteral("fw")), QStringLiteral("--node-field-config"), path(QStringLiteral("field")),
            QStringLiteral("--node-factory-config"), path(QStringLiteral("factory")), QStringLiteral("--app"),
            QStringLiteral("emcm:5.6.7.8:%1:%2:%3:%4")
                .arg(path(QStringLiteral("afw")), path(QStringLiteral("afield")), path(QStringLiteral("afactory")),
                    QDir(keys).filePath(QStringLiteral("hes_key.pub.pem"))),
            QStringLiteral("--app"),
            QStringLiteral("other:2:%1:%2:%3")
                .arg(path(QStringLiteral("afw")), path(QStringLiteral("afield")), path(QStringLiteral("afield"))),
            QStringLiteral("--kms-key"), QDir(keys).filePath(QStringLiteral("kms.pem")),
            QStringLiteral("--passphrase-file"), path(QStringLiteral("pass"))});
    QVERIFY2(r.exitCode == 0, r.stdErr.constData());
    QVERIFY(r.stdOut.contains("Uploaded Package Information"));
    QVERIFY(r.stdOut.contains("0x000000000000004D"));
    QVERIFY(r.stdOut.contains("verified"));
    QVERIFY(tarList(out).contains(QStringLiteral("apps/other/firmware.bin")));
    Result<package::VerifiedPackage> read
        = package::readPackage(out, crypto::SecretBytes::copyOf("build passphrase"), {}, path(QStringLiteral("q")));
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    const package::PackageInfo &info = read->info;
    QCOMPARE(info.configId.value(), quint64(77));
    QCOMPARE(info.appLabel, QStringLiteral("label_1"));
    QCOMPARE(info.aliases, (QStringList {QStringLiteral("AL1"), QStringLiteral("AL2")}));
    QCOMPARE(info.nodeType, QStringLiteral("DNODE"));
    QCOMPARE(info.apps.size(), 2);
    QCOMPARE(info.apps[1].name, QStringLiteral("other"));
    QVERIFY(info.apps[1].publicKeyPem.isEmpty());
    QCOMPARE(readFile(info.fileForRole(QStringLiteral("node/factoryConfig"))->localPath),
        readFile(path(QStringLiteral("factory"))));
    QCOMPARE(readFile(info.fileForRole(QStringLiteral("app/emcm/firmware"))->localPath),
        readFile(path(QStringLiteral("afw"))));
    package::discardQuarantine(*read);
    // `verify` says the same.
    const ProcessResult verified
        = pack({QStringLiteral("verify"), QStringLiteral("--passphrase-file"), path(QStringLiteral("pass")), out});
    QCOMPARE(verified.exitCode, 0);
    QVERIFY(verified.stdOut.contains("label_1"));
}

void TestProvstationPack::buildWithGatewayCsv()
{
    const QString keys = path(QStringLiteral("csv-keys"));
    QCOMPARE(pack({QStringLiteral("demo-keys"), QStringLiteral("--out-dir"), keys}).exitCode, 0);
    QVERIFY(writeFile(path(QStringLiteral("pass2")), "p2\r\n"));
    QVERIFY(writeFile(path(QStringLiteral("f")), "firmware"));
    QVERIFY(writeFile(path(QStringLiteral("gw.csv")),
        "key,hex\r\ngateway,00112233445566778899AABBCCDDEEFF\r\ncdld,ffeeddccbbaa99887766554433221100\r\n"));
    const QString out = path(QStringLiteral("csv.tar.gz"));
    const ProcessResult r = pack({QStringLiteral("build"), QStringLiteral("--out"), out, QStringLiteral("--config-id"),
        QStringLiteral("0x1"), QStringLiteral("--app-label"), QStringLiteral("l"), QStringLiteral("--node-version"),
        QStringLiteral("1"), QStringLiteral("--node-firmware"), path(QStringLiteral("f")),
        QStringLiteral("--node-field-config"), path(QStringLiteral("f")), QStringLiteral("--node-factory-config"),
        path(QStringLiteral("f")), QStringLiteral("--kms-key"), QDir(keys).filePath(QStringLiteral("kms.pem")),
        QStringLiteral("--passphrase-file"), path(QStringLiteral("pass2")), QStringLiteral("--gateway-keys-csv"),
        path(QStringLiteral("gw.csv"))});
    QVERIFY2(r.exitCode == 0, r.stdErr.constData());
    Result<package::VerifiedPackage> read
        = package::readPackage(out, crypto::SecretBytes::copyOf("p2"), {}, path(QStringLiteral("q")));
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    QVERIFY(read->gatewayKeys.gateway.equals(
        crypto::SecretBytes::copyOf(QByteArray::fromHex("00112233445566778899aabbccddeeff"))));
    QVERIFY(read->gatewayKeys.codeDownload.equals(
        crypto::SecretBytes::copyOf(QByteArray::fromHex("ffeeddccbbaa99887766554433221100"))));
    QCOMPARE(read->info.nodeType, QStringLiteral("UNODE")); // the default
    package::discardQuarantine(*read);
    // The keys never reach stdout or stderr.
    QVERIFY(!r.stdOut.toLower().contains("00112233445566778899aabbccddeeff"));
    QVERIFY(!r.stdErr.toLower().contains("00112233445566778899aabbccddeeff"));
}

void TestProvstationPack::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const auto S = [](const char *t) {
        return QString::fromUtf8(t);
    };
    QTest::newRow("no command") << QStringList() << 3 << S("no command");
    QTest::newRow("unknown command") << QStringList {S("frobnicate")} << 3 << S("unknown command \"frobnicate\"");
    QTest::newRow("build without options") << QStringList {S("build")} << 3 << S("--out is required");
    QTest::newRow("build unknown option") << QStringList {S("build"), S("--bogus")} << 3 << S("bogus");
    QTest::newRow("build bad config id") << QStringList {S("build"), S("--out"), S("x"), S("--config-id"), S("0xZZ"),
        S("--app-label"), S("l"), S("--node-version"), S("1"), S("--node-firmware"), S("f"), S("--node-field-config"),
        S("f"), S("--node-factory-config"), S("f"), S("--kms-key"), S("k"), S("--passphrase-file"), S("p")}
                                         << 3 << S("--config-id");
    QTest::newRow("build bad app spec") << QStringList {S("build"), S("--out"), S("x"), S("--config-id"), S("1"),
        S("--app-label"), S("l"), S("--node-version"), S("1"), S("--node-firmware"), S("f"), S("--node-field-config"),
        S("f"), S("--node-factory-config"), S("f"), S("--kms-key"), S("k"), S("--passphrase-file"), S("p"), S("--app"),
        S("emcm:1:fw")} << 3 << S("name:version:firmware:field:factory");
    QTest::newRow("build missing passphrase file") << QStringList {S("build"), S("--out"), S("x"), S("--config-id"),
        S("1"), S("--app-label"), S("l"), S("--node-version"), S("1"), S("--node-firmware"), S("f"),
        S("--node-field-config"), S("f"), S("--node-factory-config"), S("f"), S("--kms-key"), S("k"),
        S("--passphrase-file"), S("/nonexistent/pass")}
                                                   << 3 << S("/nonexistent/pass");
    QTest::newRow("demo-keys without dir") << QStringList {S("demo-keys")} << 3 << S("--out-dir is required");
    QTest::newRow("demo-keys small key") << QStringList {S("demo-keys"), S("--out-dir"), S("d"), S("--bits"), S("1024")}
                                         << 3 << S("--bits");
    QTest::newRow("verify without passphrase")
        << QStringList {S("verify"), S("x.tar.gz")} << 3 << S("--passphrase-file is required");
}

void TestProvstationPack::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const ProcessResult r = runProcess(binPath(QStringLiteral("provstation-pack")), arguments, {}, 60000, m_dir.path());
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(oneErrorLine(r), r.stdErr.constData());
    QVERIFY2(QString::fromUtf8(r.stdErr).contains(message), r.stdErr.constData());
}

void TestProvstationPack::verifyWrongPassphrase()
{
    const QString dir = path(QStringLiteral("demo-wrong"));
    QCOMPARE(pack({QStringLiteral("demo"), QStringLiteral("--out-dir"), dir}).exitCode, 0);
    QVERIFY(writeFile(path(QStringLiteral("wrong")), "not the passphrase\n"));
    const ProcessResult r = pack({QStringLiteral("verify"), QStringLiteral("--passphrase-file"),
        path(QStringLiteral("wrong")), QDir(dir).filePath(QStringLiteral("demo-package.tar.gz"))});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(oneErrorLine(r), r.stdErr.constData());
    QVERIFY(r.stdErr.contains("demo-package.tar.gz"));
    QVERIFY(r.stdErr.contains("wrong passphrase"));
    QVERIFY(r.stdOut.isEmpty());
}

QTEST_GUILESS_MAIN(TestProvstationPack)
#include "tst_provstationpack.moc"

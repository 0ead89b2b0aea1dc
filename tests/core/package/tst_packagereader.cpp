// Reads packages made by the openssl and tar commands (the contract's recipe)
// and by Python's tarfile module (every bad case of the contract), never by our
// own writer, so the reader is not tuned to the packer.
#include "PackageFixture.h"
#include "TestSupport.h"

#include "package/PackageReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace prov;
using namespace prov::test;
using prov::package::PackageLimits;

using Mutation = std::function<void(Staging &)>;
Q_DECLARE_METATYPE(Mutation)
Q_DECLARE_METATYPE(prov::package::PackageLimits)

class TestPackageReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void recipePackage_data();
    void recipePackage();
    void unnamedFileIsOnlyAWarning();
    void sameFileNamedTwice();
    void badPackage_data();
    void badPackage();
    void missingPackageFile();
    void quarantineIsOwnerOnly();

private:
    static crypto::SecretBytes secret(const QByteArray &text) { return crypto::SecretBytes::copyOf(text); }
    QString quarantine() const { return m_work->filePath(QStringLiteral("quarantine")); }
    QString buildStaging(const Staging &staging);

    QTemporaryDir m_keysDir;
    PackageFixture m_fixture;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestPackageReader::initTestCase()
{
    QVERIFY(m_keysDir.isValid());
    QString error;
    QVERIFY2(m_fixture.init(m_keysDir.path(), &error), qPrintable(error));
}

void TestPackageReader::init()
{
    m_work = std::make_unique<QTemporaryDir>();
    QVERIFY(m_work->isValid());
    QVERIFY(QDir().mkpath(quarantine()));
}

QString TestPackageReader::buildStaging(const Staging &staging)
{
    const QString out = m_work->filePath(QStringLiteral("package.tar.gz"));
    QString error;
    if (!m_fixture.build(staging, out, &error))
        qWarning("%s", qPrintable(error));
    return out;
}

void TestPackageReader::recipePackage_data()
{
    QTest::addColumn<QString>("tarCommand");
    QTest::addColumn<QString>("csvFormat");
    const QString lf = QStringLiteral("key,hex\\ngateway,%s\\ncdld,%s\\n");
    const QString files = QStringLiteral("manifest.xml kms_key.pub.pem gw_keys.csv.aes gw_keys.csv.aes.sig node apps");
    QTest::newRow("tar -czf (GNU default)") << QStringLiteral("tar -czf package.tar.gz ") + files << lf;
    QTest::newRow("ustar") << QStringLiteral("tar --format=ustar -czf package.tar.gz ") + files << lf;
    QTest::newRow("pax") << QStringLiteral("tar --format=pax -czf package.tar.gz ") + files << lf;
    QTest::newRow("gnu") << QStringLiteral("tar --format=gnu -czf package.tar.gz ") + files << lf;
    QTest::newRow("./ names (tar -C dir .)")
        << QStringLiteral("mkdir pkg && cp -r %1 pkg/ && tar -czf package.tar.gz -C pkg .").arg(files) << lf;
    QTest::newRow("CRLF csv") << QStringLiteral("tar -czf package.tar.gz ") + files
                              << QStringLiteral("key,hex\\r\\ngateway,%s\\r\\ncdld,%s\\r\\n");
}

// Exactly the recipe at the end of package-format.md, with only openssl, md5sum and tar.
void TestPackageReader::recipePackage()
{
    QFETCH(QString, tarCommand);
    QFETCH(QString, csvFormat);
    const QString dir = m_work->filePath(QStringLiteral("recipe"));
    QVERIFY(QDir().mkpath(dir));
    const QString script = QStringLiteral(R"SH(set -e
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out kms.pem 2>/dev/null
openssl pkey -in kms.pem -pubout -out kms_key.pub.pem
printf '%1' $(openssl rand -hex 16) $(openssl rand -hex 16) > gw_keys.csv
openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -md sha256 -salt -pass pass:secret -in gw_keys.csv -out gw_keys.csv.aes
openssl dgst -sha256 -sign kms.pem -out gw_keys.csv.aes.sig gw_keys.csv.aes
mkdir -p node apps/emcm
openssl rand -out node/firmware.bin 5000
openssl rand -out node/field.cfg 300
openssl rand -out node/factory.cfg 301
openssl rand -out apps/emcm/firmware.bin 4000
openssl rand -out apps/emcm/field.cfg 100
openssl rand -out apps/emcm/factory.cfg 101
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out hes.pem 2>/dev/null
openssl pkey -in hes.pem -pubout -out apps/emcm/hes_key.pub.pem
m() { md5sum "$1" | cut -c1-32; }
cat > manifest.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<provisioningPackage formatVersion="1">
  <provConfigId>0x0000000000000045</provConfigId>
  <appLabel>ge_sgm3000_falconv1_zigbeev2</appLabel>
  <alias>82JX570141</alias>
  <kmsPublicKey file="kms_key.pub.pem"/>
  <gatewayKeys file="gw_keys.csv.aes" signature="gw_keys.csv.aes.sig"/>
  <node type="UNODE" version="1.2.3.4">
    <firmware      file="node/firmware.bin" md5="$(m node/firmware.bin)"/>
    <fieldConfig   file="node/field.cfg"    md5="$(m node/field.cfg)"/>
    <factoryConfig file="node/factory.cfg"  md5="$(m node/factory.cfg)"/>
  </node>
  <app name="emcm" version="5.6.7.8">
    <publicKey     file="apps/emcm/hes_key.pub.pem"/>
    <firmware      file="apps/emcm/firmware.bin" md5="$(m apps/emcm/firmware.bin)"/>
    <fieldConfig   file="apps/emcm/field.cfg"    md5="$(m apps/emcm/field.cfg)"/>
    <factoryConfig file="apps/emcm/factory.cfg"  md5="$(m apps/emcm/factory.cfg)"/>
  </app>
</provisioningPackage>
EOF
%2
)SH")
                               .arg(csvFormat, tarCommand);
    const ProcessResult made = runProcess(QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, 120000, dir);
    QVERIFY2(made.exitCode == 0, made.stdErr.constData());

    const QString packagePath = QDir(dir).filePath(QStringLiteral("package.tar.gz"));
    Result<package::VerifiedPackage> read = package::readPackage(packagePath, secret("secret"), {}, quarantine());
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    const package::PackageInfo &info = read->info;
    QCOMPARE(info.configId.value(), quint64(0x45));
    QCOMPARE(info.appLabel, QStringLiteral("ge_sgm3000_falconv1_zigbeev2"));
    QCOMPARE(info.aliases, QStringList {QStringLiteral("82JX570141")});
    QCOMPARE(info.nodeType, QStringLiteral("UNODE"));
    QCOMPARE(info.nodeVersion, QStringLiteral("1.2.3.4"));
    QCOMPARE(info.apps.size(), 1);
    QCOMPARE(info.apps[0].name, QStringLiteral("emcm"));
    QCOMPARE(info.apps[0].version, QStringLiteral("5.6.7.8"));
    QVERIFY(info.warnings.isEmpty());

    // Fingerprints as the openssl command computes them (SHA-256 of the DER SPKI).
    const ProcessResult der = runProcess(opensslProgram(),
        {QStringLiteral("pkey"), QStringLiteral("-pubin"), QStringLiteral("-in"), QStringLiteral("kms_key.pub.pem"),
            QStringLiteral("-outform"), QStringLiteral("DER")},
        {}, 30000, dir);
    QCOMPARE(info.kmsFingerprint,
        QStringLiteral("sha256:")
            + QString::fromLatin1(QCryptographicHash::hash(der.stdOut, QCryptographicHash::Sha256).toHex()));
    QVERIFY(info.apps[0].publicKeyFingerprint.startsWith(QStringLiteral("sha256:")));
    QVERIFY(info.kmsPublicKeyPem.contains(QStringLiteral("BEGIN PUBLIC KEY")));

    // The gateway keys are the ones the recipe generated.
    const QList<QByteArray> lines = readFile(QDir(dir).filePath(QStringLiteral("gw_keys.csv"))).split('\n');
    crypto::SecretBytes gateway;
    crypto::SecretBytes cdld;
    QString hexError;
    QVERIFY(crypto::SecretBytes::fromHex(lines[1].trimmed().mid(8), &gateway, &hexError));
    QVERIFY(crypto::SecretBytes::fromHex(lines[2].trimmed().mid(5), &cdld, &hexError));
    QVERIFY(read->gatewayKeys.gateway.equals(gateway));
    QVERIFY(read->gatewayKeys.codeDownload.equals(cdld));

    const QByteArray packageBytes = readFile(packagePath);
    QCOMPARE(info.packageSha256, QCryptographicHash::hash(packageBytes, QCryptographicHash::Sha256));
    QCOMPARE(info.packageSize, packageBytes.size());

    // Every named file, with its bytes, digests and roles, in the quarantine.
    QCOMPARE(info.files.size(), 10);
    for (const package::PackageFile &file : info.files) {
        const QByteArray original = readFile(QDir(dir).filePath(file.archivePath));
        QVERIFY2(!original.isEmpty(), qPrintable(file.archivePath));
        QCOMPARE(readFile(file.localPath), original);
        QCOMPARE(file.size, original.size());
        QCOMPARE(file.md5, QCryptographicHash::hash(original, QCryptographicHash::Md5));
        QCOMPARE(file.sha256, QCryptographicHash::hash(original, QCryptographicHash::Sha256));
        QVERIFY(file.localPath.startsWith(read->quarantineDir + u'/'));
    }
    QCOMPARE(info.fileForRole(QStringLiteral("node/factoryConfig"))->archivePath, QStringLiteral("node/factory.cfg"));
    QCOMPARE(info.fileForRole(QStringLiteral("app/emcm/publicKey"))->archivePath,
        QStringLiteral("apps/emcm/hes_key.pub.pem"));
    QCOMPARE(
        info.fileForRole(QStringLiteral("gatewayKeysSignature"))->archivePath, QStringLiteral("gw_keys.csv.aes.sig"));

    QVERIFY(QFileInfo(read->quarantineDir).isDir());
    package::discardQuarantine(*read);
    QCOMPARE(leftovers(quarantine()), QStringList());
}

void TestPackageReader::unnamedFileIsOnlyAWarning()
{
    Staging staging = m_fixture.goodStaging();
    staging.entries.append(TarEntry {QStringLiteral("README.txt"), TarEntry::File, "not named", {}});
    staging.entries.append(TarEntry {QStringLiteral("node/notes.txt"), TarEntry::File, "not named either", {}});
    const QString path = buildStaging(staging);
    Result<package::VerifiedPackage> read
        = package::readPackage(path, secret(PackageFixture::passphrase()), {}, quarantine());
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    QCOMPARE(read->info.warnings.size(), 2);
    QVERIFY(read->info.warnings[0].contains(QStringLiteral("README.txt")));
    QVERIFY(read->info.warnings[0].contains(QStringLiteral("not named")));
    QVERIFY(read->info.warnings[1].contains(QStringLiteral("node/notes.txt")));
    for (const package::PackageFile &file : read->info.files)
        QVERIFY(!file.archivePath.endsWith(QStringLiteral(".txt")));
    QCOMPARE(read->info.aliases, (QStringList {QStringLiteral("82JX570141"), QStringLiteral("82JX570142")}));
    package::discardQuarantine(*read);
}

void TestPackageReader::sameFileNamedTwice()
{
    Staging staging = m_fixture.goodStaging();
    staging.manifestTemplate.replace(QStringLiteral("file=\"node/factory.cfg\"  md5=\"%MD5:node/factory.cfg%\""),
        QStringLiteral("file=\"./node/field.cfg\"  md5=\"%MD5:node/field.cfg%\""));
    staging.remove(QStringLiteral("node/factory.cfg"));
    const QString path = buildStaging(staging);
    Result<package::VerifiedPackage> read
        = package::readPackage(path, secret(PackageFixture::passphrase()), {}, quarantine());
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    const package::PackageFile *field = read->info.fileForRole(QStringLiteral("node/fieldConfig"));
    const package::PackageFile *factory = read->info.fileForRole(QStringLiteral("node/factoryConfig"));
    QVERIFY(field && factory);
    QCOMPARE(field, factory);
    QCOMPARE(field->roles, (QStringList {QStringLiteral("node/fieldConfig"), QStringLiteral("node/factoryConfig")}));
    QCOMPARE(read->info.files.size(), 9);
    package::discardQuarantine(*read);
}

void TestPackageReader::badPackage_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<PackageLimits>("limits");
    QTest::addColumn<QStringList>("expected");

    const QByteArray pass = PackageFixture::passphrase();
    const PackageLimits limits;
    const auto add = [](TarEntry entry) {
        return [entry](Staging &s) {
            s.entries.append(entry);
        };
    };
    const auto manifest = [](QString from, QString to) {
        return [from, to](Staging &s) {
            s.editManifest = [from, to](QString text) {
                if (!text.contains(from))
                    qFatal("test manifest does not contain %s", qPrintable(from));
                return text.replace(from, to);
            };
        };
    };
    const PackageFixture *fixture = &m_fixture;
    // A gateway key file with other plain text, encrypted and signed correctly.
    const auto csv = [fixture](QByteArray plain) {
        return [fixture, plain](Staging &s) {
            const QByteArray encrypted = fixture->opensslEncrypt(plain, PackageFixture::passphrase());
            s.setData(QStringLiteral("gw_keys.csv.aes"), encrypted);
            s.setData(
                QStringLiteral("gw_keys.csv.aes.sig"), fixture->opensslSign(encrypted, QStringLiteral("kms.pem")));
        };
    };
    const QByteArray gw = fixture->gatewayHex();
    const QByteArray cd = fixture->cdldHex();
    const auto S = [](const char *text) {
        return QString::fromUtf8(text);
    };

    // Container: entry types.
    QTest::newRow("symlink") << Mutation(add({S("node/link"), TarEntry::Symlink, {}, S("/etc/passwd")})) << pass
                             << limits << QStringList {S("symbolic link"), S("node/link")};
    QTest::newRow("symlink inside the package")
        << Mutation(add({S("apps/emcm/fw.bin"), TarEntry::Symlink, {}, S("firmware.bin")})) << pass << limits
        << QStringList {S("symbolic link"), S("apps/emcm/fw.bin")};
    QTest::newRow("hard link") << Mutation(add({S("node/hard.bin"), TarEntry::Hardlink, {}, S("node/firmware.bin")}))
                               << pass << limits << QStringList {S("hard link"), S("node/hard.bin")};
    QTest::newRow("FIFO") << Mutation(add({S("node/pipe"), TarEntry::Fifo, {}, {}})) << pass << limits
                          << QStringList {S("FIFO"), S("node/pipe")};
    QTest::newRow("character device") << Mutation(add({S("node/null"), TarEntry::CharDevice, {}, {}})) << pass << limits
                                      << QStringList {S("character device"), S("node/null")};
    QTest::newRow("block device") << Mutation(add({S("sda"), TarEntry::BlockDevice, {}, {}})) << pass << limits
                                  << QStringList {S("block device"), S("sda")};

    // Container: names.
    QTest::newRow("absolute path") << Mutation(add({S("/tmp/provstation-evil"), TarEntry::File, "x", {}})) << pass
                                   << limits << QStringList {S("absolute path"), S("/tmp/provstation-evil")};
    QTest::newRow(".. path") << Mutation(add({S("../evil"), TarEntry::File, "x", {}})) << pass << limits
                             << QStringList {S("\"..\""), S("../evil")};
    QTest::newRow(".. inside a path") << Mutation(add({S("node/../../evil"), TarEntry::File, "x", {}})) << pass
                                      << limits << QStringList {S("\"..\""), S("node/../../evil")};
    QTest::newRow("duplicate path") << Mutation(add({S("node/firmware.bin"), TarEntry::File, "again", {}})) << pass
                                    << limits << QStringList {S("appears twice"), S("node/firmware.bin")};
    QTest::newRow("duplicate after ./ normalisation")
        << Mutation(add({S("./node/firmware.bin"), TarEntry::File, "again", {}})) << pass << limits
        << QStringList {S("appears twice"), S("./node/firmware.bin")};
    QTest::newRow("duplicate folder") << Mutation(add({S("node/"), TarEntry::Dir, {}, {}})) << pass << limits
                                      << QStringList {S("appears twice"), S("node")};
    QTest::newRow("file below a file") << Mutation(add({S("node/firmware.bin/x"), TarEntry::File, "x", {}})) << pass
                                       << limits << QStringList {S("which is a file"), S("node/firmware.bin/x")};

    // Manifest.
    QTest::newRow("missing manifest") << Mutation([](Staging &s) { s.withManifest = false; }) << pass << limits
                                      << QStringList {S("no manifest.xml"), S("package.tar.gz")};
    QTest::newRow("manifest is a folder") << Mutation([](Staging &s) {
        s.withManifest = false;
        s.entries.append({QStringLiteral("manifest.xml"), TarEntry::Dir, {}, {}});
    }) << pass << limits << QStringList {S("manifest.xml"), S("folder")};
    QTest::newRow("manifest with DOCTYPE") << Mutation(manifest(S("<provisioningPackage "),
        S("<!DOCTYPE provisioningPackage SYSTEM \"file:///etc/passwd\">\n<provisioningPackage ")))
                                           << pass << limits << QStringList {S("DOCTYPE"), S("manifest.xml")};
    QTest::newRow("manifest with entity declarations (billion laughs)") << Mutation(manifest(S("<provisioningPackage "),
        S("<!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
          "<provisioningPackage "))) << pass << limits << QStringList {S("DOCTYPE"), S("manifest.xml")};
    QTest::newRow("manifest with entity reference") << Mutation(manifest(S(">ge_sgm3000"), S(">&xxe;ge_sgm3000")))
                                                    << pass << limits << QStringList {S("entit"), S("manifest.xml")};
    QTest::newRow("wrong element order") << Mutation(
        manifest(S("<alias>82JX570142</alias>\n  <kmsPublicKey file=\"kms_key.pub.pem\"/>"),
            S("<kmsPublicKey file=\"kms_key.pub.pem\"/>\n  <alias>82JX570142</alias>")))
                                         << pass << limits
                                         << QStringList {S("out of order"), S("manifest.xml"), S("alias")};
    QTest::newRow("bad configId") << Mutation(manifest(S("0x0000000000000045"), S("0x45G"))) << pass << limits
                                  << QStringList {S("provConfigId"), S("0x45G"), S("manifest.xml")};
    QTest::newRow("configId over 64 bits")
        << Mutation(manifest(S("0x0000000000000045"), S("18446744073709551616"))) << pass << limits
        << QStringList {S("provConfigId"), S("64 bits"), S("manifest.xml")};
    QTest::newRow("bad md5 pattern") << Mutation([](Staging &s) {
        s.manifestTemplate.replace(
            QStringLiteral("%MD5:node/field.cfg%"), QStringLiteral("0123456789abcdef0123456789abcdeg"));
    }) << pass << limits << QStringList {S("md5"), S("node/field.cfg"), S("manifest.xml")};
    QTest::newRow("bad version") << Mutation(manifest(S("version=\"1.2.3.4\""), S("version=\"1.2.3.4.5\""))) << pass
                                 << limits << QStringList {S("version"), S("1.2.3.4.5"), S("manifest.xml")};
    QTest::newRow("bad node type") << Mutation(manifest(S("type=\"UNODE\""), S("type=\"XNODE\""))) << pass << limits
                                   << QStringList {S("node type"), S("XNODE"), S("manifest.xml")};
    QTest::newRow("bad alias") << Mutation(manifest(S("<alias>82JX570141</alias>"), S("<alias>82JX 570141</alias>")))
                               << pass << limits << QStringList {S("alias"), S("82JX 570141"), S("manifest.xml")};
    QTest::newRow("unsupported formatVersion")
        << Mutation(manifest(S("formatVersion=\"1\""), S("formatVersion=\"2\""))) << pass << limits
        << QStringList {S("formatVersion"), S("not supported"), S("manifest.xml")};

    // Named files.
    QTest::newRow("named file absent") << Mutation([](Staging &s) { s.remove(QStringLiteral("node/field.cfg")); })
                                       << pass << limits << QStringList {S("node/field.cfg"), S("not in the archive")};
    QTest::newRow("named app key absent")
        << Mutation([](Staging &s) { s.remove(QStringLiteral("apps/emcm/hes_key.pub.pem")); }) << pass << limits
        << QStringList {S("apps/emcm/hes_key.pub.pem"), S("not in the archive")};
    QTest::newRow("gateway key file absent")
        << Mutation([](Staging &s) { s.remove(QStringLiteral("gw_keys.csv.aes")); }) << pass << limits
        << QStringList {S("gw_keys.csv.aes"), S("not in the archive")};
    QTest::newRow("named file is a folder")
        << Mutation(manifest(S("file=\"node/firmware.bin\""), S("file=\"apps/emcm\""))) << pass << limits
        << QStringList {S("apps/emcm"), S("folder")};
    QTest::newRow("MD5 mismatch") << Mutation([](Staging &s) {
        s.manifestTemplate.replace(
            QStringLiteral("%MD5:apps/emcm/firmware.bin%"), QStringLiteral("0123456789ABCDEF0123456789ABCDEF"));
    }) << pass << limits << QStringList {S("MD5 mismatch"), S("apps/emcm/firmware.bin")};

    // Keys.
    QTest::newRow("1024-bit KMS key") << Mutation([fixture](Staging &s) {
        s.setData(QStringLiteral("kms_key.pub.pem"), readFile(fixture->path(QStringLiteral("weak.pub.pem"))));
        s.setData(QStringLiteral("gw_keys.csv.aes.sig"),
            fixture->opensslSign(s.entry(QStringLiteral("gw_keys.csv.aes"))->data, QStringLiteral("weak.pem")));
    }) << pass << limits << QStringList {S("kms_key.pub.pem"), S("1024")};
    QTest::newRow("1024-bit app key") << Mutation([fixture](Staging &s) {
        s.setData(QStringLiteral("apps/emcm/hes_key.pub.pem"), readFile(fixture->path(QStringLiteral("weak.pub.pem"))));
    }) << pass << limits << QStringList {S("apps/emcm/hes_key.pub.pem"), S("1024")};
    QTest::newRow("EC KMS key") << Mutation([fixture](Staging &s) {
        s.setData(QStringLiteral("kms_key.pub.pem"), readFile(fixture->path(QStringLiteral("ec.pub.pem"))));
    }) << pass << limits << QStringList {S("kms_key.pub.pem"), S("RSA")};
    QTest::newRow("KMS key not PEM") << Mutation([](Staging &s) {
        s.setData(QStringLiteral("kms_key.pub.pem"), "not a key");
    }) << pass << limits << QStringList {S("kms_key.pub.pem"), S("not usable")};

    // Gateway key file.
    const QStringList wrongPass {S("gw_keys.csv.aes"), S("wrong passphrase")};
    const QString tampered = S("wrong passphrase or tampered gateway key file");
    QTest::newRow("wrong passphrase") << Mutation() << QByteArray("wrong") << limits << wrongPass;
    QTest::newRow("wrong passphrase (empty)") << Mutation() << QByteArray() << limits << wrongPass;
    QTest::newRow("wrong passphrase (case)")
        << Mutation() << QByteArray("Correct horse battery staple") << limits << wrongPass;
    QTest::newRow("wrong passphrase (trailing space)") << Mutation() << QByteArray(pass + ' ') << limits << wrongPass;
    QTest::newRow("wrong passphrase (trailing newline)")
        << Mutation() << QByteArray(pass + '\n') << limits << wrongPass;
    QTest::newRow("wrong passphrase (long)") << Mutation() << QByteArray(300, 'p') << limits << wrongPass;
    QTest::newRow("wrong passphrase (binary)")
        << Mutation() << QByteArray("\x00\xff\x01secret", 9) << limits << wrongPass;
    QTest::newRow("csv missing cdld row") << Mutation(csv("key,hex\ngateway," + gw + "\n")) << pass << limits
                                          << QStringList {S("gw_keys.csv.aes"), S("cdld row is missing"), tampered};
    QTest::newRow("csv missing gateway row")
        << Mutation(csv("key,hex\ncdld," + cd + "\n")) << pass << limits
        << QStringList {S("gw_keys.csv.aes"), S("gateway row is missing"), tampered};
    QTest::newRow("csv bad hex") << Mutation(csv("key,hex\ngateway," + gw.left(31) + "x\ncdld," + cd + "\n")) << pass
                                 << limits << QStringList {S("gw_keys.csv.aes"), S("not hexadecimal"), tampered};
    QTest::newRow("csv wrong length") << Mutation(csv("key,hex\ngateway," + gw + "\ncdld," + cd.left(30) + "\n"))
                                      << pass << limits
                                      << QStringList {S("gw_keys.csv.aes"), S("30 characters"), tampered};
    QTest::newRow("csv without header") << Mutation(csv("gateway," + gw + "\ncdld," + cd + "\n")) << pass << limits
                                        << QStringList {S("gw_keys.csv.aes"), S("header"), tampered};
    QTest::newRow("tampered encrypted file")
        << Mutation([](Staging &s) {
               QByteArray &data = s.entry(QStringLiteral("gw_keys.csv.aes"))->data;
               data[data.size() - 20] = static_cast<char>(data[data.size() - 20] ^ 0x01);
           })
        << pass << limits
        << QStringList {S("gw_keys.csv.aes.sig"), S("does not verify"), S("tampered gateway key file")};
    QTest::newRow("signature by another key") << Mutation([fixture](Staging &s) {
        s.setData(QStringLiteral("gw_keys.csv.aes.sig"),
            fixture->opensslSign(s.entry(QStringLiteral("gw_keys.csv.aes"))->data, QStringLiteral("other.pem")));
    }) << pass << limits << QStringList {S("gw_keys.csv.aes.sig"), S("does not verify"), S("another key")};
    QTest::newRow("empty signature") << Mutation([](Staging &s) {
        s.setData(QStringLiteral("gw_keys.csv.aes.sig"), {});
    }) << pass << limits << QStringList {S("gw_keys.csv.aes.sig"), S("does not verify")};

    // Limits (small ones, so the test stays small).
    PackageLimits total;
    total.maxTotalBytes = 6000;
    QTest::newRow("total size over the limit")
        << Mutation() << pass << total << QStringList {S("total limit"), S("6000")};
    PackageLimits perFile;
    perFile.maxFileBytes = 4000;
    QTest::newRow("file over the limit") << Mutation() << pass << perFile
                                         << QStringList {S("per-file limit"), S("node/firmware.bin")};
    PackageLimits entries;
    entries.maxEntries = 5;
    QTest::newRow("too many entries") << Mutation() << pass << entries
                                      << QStringList {S("more than 5 entries"), S("package.tar.gz")};
    PackageLimits manifestLimit;
    manifestLimit.maxManifestBytes = 500;
    QTest::newRow("manifest over the limit")
        << Mutation() << pass << manifestLimit << QStringList {S("manifest.xml"), S("limit")};
    PackageLimits bomb;
    bomb.maxTotalBytes = 8 * 1024 * 1024;
    QTest::newRow("archive bomb (20 MB of zeros)") << Mutation([](Staging &s) {
        TarEntry zeros {QStringLiteral("node/zeros.bin"), TarEntry::File, {}, {}};
        zeros.zeros = 20 * 1024 * 1024;
        s.entries.append(zeros);
    }) << pass << bomb << QStringList {S("total limit"), S("node/zeros.bin")};

    // Compression and damage.
    QTest::newRow("not gzip (plain tar)") << Mutation([](Staging &s) { s.gzip = false; }) << pass << limits
                                          << QStringList {S("not gzip-compressed"), S("package.tar.gz")};
    QTest::newRow("gzip of something that is not tar") << Mutation([](Staging &s) {
        s.editArchive = [](const QByteArray &) {
            return runProcess(QStringLiteral("gzip"), {QStringLiteral("-c")}, QByteArray(3000, 'z')).stdOut;
        };
    }) << pass << limits << QStringList {S("not a tar archive"), S("package.tar.gz")};
    QTest::newRow("truncated archive (half)") << Mutation([](Staging &s) {
        s.editArchive = [](const QByteArray &b) {
            return b.left(b.size() / 2);
        };
    }) << pass << limits << QStringList {S("truncated"), S("package.tar.gz")};
    QTest::newRow("truncated archive (gzip trailer)") << Mutation([](Staging &s) {
        s.editArchive = [](const QByteArray &b) {
            return b.chopped(6);
        };
    }) << pass << limits << QStringList {S("truncated"), S("package.tar.gz")};
    // libarchive does not check the gzip trailer; GzipIntegrity does.
    QTest::newRow("gzip CRC-32 corrupted") << Mutation([](Staging &s) {
        s.editArchive = [](QByteArray b) {
            b[b.size() - 7] = static_cast<char>(b[b.size() - 7] ^ 0x10);
            return b;
        };
    }) << pass << limits << QStringList {S("gzip check failed"), S("package.tar.gz")};
    QTest::newRow("gzip length corrupted") << Mutation([](Staging &s) {
        s.editArchive = [](QByteArray b) {
            b[b.size() - 3] = static_cast<char>(b[b.size() - 3] ^ 0x01);
            return b;
        };
    }) << pass << limits << QStringList {S("gzip check failed"), S("package.tar.gz")};
    QTest::newRow("deflate data corrupted (the cause named depends on what the flip hits)") << Mutation([](Staging &s) {
        s.editArchive = [](QByteArray b) {
            b[b.size() / 3] = static_cast<char>(b[b.size() / 3] ^ 0x04);
            return b;
        };
    }) << pass << limits << QStringList {S("package.tar.gz")};
    QTest::newRow("empty file") << Mutation([](Staging &s) {
        s.editArchive = [](const QByteArray &) {
            return QByteArray();
        };
    }) << pass << limits << QStringList {S("not gzip-compressed"), S("package.tar.gz")};
}

void TestPackageReader::badPackage()
{
    QFETCH(Mutation, mutate);
    QFETCH(QByteArray, passphrase);
    QFETCH(PackageLimits, limits);
    QFETCH(QStringList, expected);

    Staging staging = m_fixture.goodStaging();
    if (mutate)
        mutate(staging);
    const QString path = buildStaging(staging);
    QVERIFY(QFileInfo::exists(path));

    const Result<package::VerifiedPackage> read = package::readPackage(path, secret(passphrase), limits, quarantine());
    QVERIFY2(!read.ok(), "a bad package was accepted");
    const QString message = read.error().toString();
    for (const QString &part : expected)
        QVERIFY2(message.contains(part), qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, message)));
    QCOMPARE(read.error().context, QStringLiteral("package.tar.gz"));
    QCOMPARE(read.error().code, ResultCode::InvalidArguments);
    // Never a key in a message: neither gateway key's hex digits appear.
    QVERIFY(!message.contains(QString::fromLatin1(m_fixture.gatewayHex().left(12))));
    QVERIFY(!message.contains(QString::fromLatin1(m_fixture.cdldHex().left(12))));
    // Nothing left behind, nothing written outside.
    QCOMPARE(leftovers(quarantine()), QStringList());
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/provstation-evil")));
    QVERIFY(!QFileInfo::exists(m_work->filePath(QStringLiteral("evil"))));
    qInfo("%s", qPrintable(message));
}

void TestPackageReader::missingPackageFile()
{
    const Result<package::VerifiedPackage> read
        = package::readPackage(m_work->filePath(QStringLiteral("nothing.tar.gz")), secret("x"), {}, quarantine());
    QVERIFY(!read.ok());
    QVERIFY(read.error().message.contains(QStringLiteral("nothing.tar.gz")));
    QCOMPARE(leftovers(quarantine()), QStringList());
}

void TestPackageReader::quarantineIsOwnerOnly()
{
    const QString path = buildStaging(m_fixture.goodStaging());
    Result<package::VerifiedPackage> read
        = package::readPackage(path, secret(PackageFixture::passphrase()), {}, quarantine());
    QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().toString()));
    const QFile::Permissions ownerOnlyDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const QFile::Permissions groupOther = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
        | QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(QFileInfo(read->quarantineDir).permissions() & (ownerOnlyDir | groupOther), ownerOnlyDir);
    QCOMPARE(QFileInfo(read->quarantineDir).dir().absolutePath(), QDir(quarantine()).absolutePath());
    for (const QString &entry : leftovers(read->quarantineDir))
        QCOMPARE(QFileInfo(entry).permissions() & groupOther, QFile::Permissions());
    package::discardQuarantine(*read);
    QCOMPARE(leftovers(quarantine()), QStringList());
}

QTEST_GUILESS_MAIN(TestPackageReader)
#include "tst_packagereader.moc"

#include "PackageFixture.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include "crypto/RsaKeys.h"
#include "server/store/EscrowStore.h"

#include <QDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

using namespace prov;

namespace {

using Mutation = std::function<void(test::Staging &)>;

Mutation manifestEdit(const QString &from, const QString &to)
{
    return [from, to](test::Staging &s) {
        s.editManifest = [from, to](QString manifest) {
            return manifest.replace(from, to);
        };
    };
}

} // namespace

/// provstation-server import and export end to end, with packages made by tar,
/// openssl and Python's tarfile (never our own packer), on both databases.
class TestServerImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup() { m_scratch.reset(); }

    void dryRunThenImportPrintsThePackageInformation();
    void reimportIdenticalAndNewRevision();
    void badPackagesLeaveTheStoreExactlyAsItWas_data();
    void badPackagesLeaveTheStoreExactlyAsItWas();
    void aliasOfAnotherConfigurationIsRefused();
    void hostileEntryNamesPrintEscaped();
    void kmsChangeNeedsTheOption();
    void exportWritesValidDecryptableKeys();

private:
    [[nodiscard]] test::ProcessResult server(const QStringList &arguments) const;
    [[nodiscard]] QString buildPackage(const Mutation &mutation = {}, const QString &name = {});
    [[nodiscard]] test::ProcessResult import(const QString &package, const QStringList &extra = {}) const;

    QTemporaryDir m_keys;
    test::PackageFixture m_fixture;
    QString m_passphraseFile;
    test::Staging m_good;
    std::unique_ptr<test::ScratchStore> m_scratch;
};

void TestServerImport::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.init(m_keys.path(), &error), qPrintable(error));
    m_passphraseFile = m_keys.filePath(QStringLiteral("passphrase.txt"));
    QVERIFY(test::writeFile(m_passphraseFile, test::PackageFixture::passphrase() + '\n'));
    m_good = m_fixture.goodStaging();
}

void TestServerImport::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
}

test::ProcessResult TestServerImport::server(const QStringList &arguments) const
{
    QStringList all = arguments;
    all << QStringLiteral("--data-dir") << m_scratch->dataDir() << QStringLiteral("--master-key-file")
        << m_scratch->masterKeyFile();
    if (!m_scratch->databaseUrl().isEmpty())
        all << QStringLiteral("--db") << m_scratch->databaseUrl();
    return test::runProcess(test::binPath(QStringLiteral("provstation-server")), all, {}, 120000);
}

QString TestServerImport::buildPackage(const Mutation &mutation, const QString &name)
{
    test::Staging staging = m_good;
    if (mutation)
        mutation(staging);
    const QString path = m_scratch->scratchDir() + u'/'
        + (name.isEmpty() ? QUuid::createUuid().toString(QUuid::Id128) : name) + QStringLiteral(".tar.gz");
    QString error;
    if (!m_fixture.build(staging, path, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    return path;
}

test::ProcessResult TestServerImport::import(const QString &package, const QStringList &extra) const
{
    return server(QStringList {QStringLiteral("import"), QStringLiteral("--passphrase-file"), m_passphraseFile} + extra
        + QStringList {package});
}

void TestServerImport::dryRunThenImportPrintsThePackageInformation()
{
    const QString package = buildPackage();
    QVERIFY(!package.isEmpty());
    auto dry = import(package, {QStringLiteral("--dry-run")});
    QVERIFY2(dry.exitCode == 0, dry.stdErr.constData());
    for (const char *expected : {"0x0000000000000045", "ge_sgm3000_falconv1_zigbeev2", "UNODE", "1.2.3.4", "emcm",
             "5.6.7.8", "82JX570141", "sha256:", "dry run: would import revision 1"}) {
        QVERIFY2(dry.stdOut.contains(expected),
            qPrintable(QString::fromUtf8(expected) + u'\n' + QString::fromUtf8(dry.stdOut)));
    }
    auto listed = server({QStringLiteral("packages")});
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.stdOut.isEmpty());

    auto real = import(package, {QStringLiteral("--comment"), QStringLiteral("first delivery")});
    QVERIFY2(real.exitCode == 0, real.stdErr.constData());
    QVERIFY2(real.stdOut.contains("imported as revision 1 of new configuration 0x0000000000000045"),
        real.stdOut.constData());
    listed = server({QStringLiteral("packages")});
    QCOMPARE(listed.exitCode, 0);
    const QList<QByteArray> lines = listed.stdOut.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.at(0).startsWith("0x0000000000000045\trev 1\t"), lines.at(0).constData());
    QVERIFY(lines.at(0).contains("\temcm 5.6.7.8\t82JX570141,82JX570142\tsha256:"));
    QVERIFY(lines.at(0).endsWith("\tfirst delivery"));
    // Nothing of the quarantine stays behind.
    QVERIFY(!QDir(m_scratch->dataDir() + QStringLiteral("/tmp")).exists());
}

void TestServerImport::reimportIdenticalAndNewRevision()
{
    const QString package = buildPackage();
    QVERIFY(import(package).exitCode == 0);
    auto store = m_scratch->open();
    QVERIFY(store);
    const QByteArray before = test::dumpStore(*store.value());
    auto identical = import(package);
    QVERIFY2(identical.exitCode == 0, identical.stdErr.constData());
    QVERIFY2(identical.stdOut.contains("identical to revision 1"), identical.stdOut.constData());
    PROV_COMPARE_DUMP(test::dumpStore(*store.value()), before);

    const QString second = buildPackage([](test::Staging &s) { s.setData(QStringLiteral("node/field.cfg"), "v2\n"); });
    auto next = import(second);
    QVERIFY2(next.exitCode == 0, next.stdErr.constData());
    QVERIFY2(
        next.stdOut.contains("imported as revision 2 of configuration 0x0000000000000045"), next.stdOut.constData());
    auto listed = server({QStringLiteral("packages")});
    QVERIFY(listed.stdOut.startsWith("0x0000000000000045\trev 2\t"));
    QCOMPARE(listed.stdOut.count('\n'), 2);
}

void TestServerImport::badPackagesLeaveTheStoreExactlyAsItWas_data()
{
    QTest::addColumn<Mutation>("mutation");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QByteArray>("message");
    const QByteArray pass = test::PackageFixture::passphrase();
    const auto add = [](const test::TarEntry &entry) {
        return Mutation([entry](test::Staging &s) { s.entries.append(entry); });
    };
    QTest::newRow("symlink") << add(
        {QStringLiteral("node/link"), test::TarEntry::Symlink, {}, QStringLiteral("/etc/passwd")})
                             << pass << QByteArray("node/link");
    QTest::newRow(".. path") << add({QStringLiteral("../evil"), test::TarEntry::File, "x", {}}) << pass
                             << QByteArray("../evil");
    QTest::newRow("duplicate path") << add({QStringLiteral("node/firmware.bin"), test::TarEntry::File, "again", {}})
                                    << pass << QByteArray("node/firmware.bin");
    QTest::newRow("DOCTYPE") << manifestEdit(
        QStringLiteral("<provisioningPackage "), QStringLiteral("<!DOCTYPE x []>\n<provisioningPackage "))
                             << pass << QByteArray("DOCTYPE");
    QTest::newRow("named file absent") << Mutation([](test::Staging &s) { s.remove(QStringLiteral("node/field.cfg")); })
                                       << pass << QByteArray("node/field.cfg");
    QTest::newRow("MD5 mismatch") << Mutation([](test::Staging &s) {
        s.editArchive = {};
        s.editManifest = [](QString manifest) {
            const qsizetype at = manifest.indexOf(QLatin1String("md5=\"")) + 5;
            manifest[at] = manifest.at(at) == u'0' ? u'1' : u'0';
            return manifest;
        };
    }) << pass << QByteArray("MD5");
    QTest::newRow("wrong passphrase") << Mutation() << QByteArray("not the passphrase")
                                      << QByteArray("wrong passphrase");
    QTest::newRow("signature by another key") << Mutation([this](test::Staging &s) {
        const QByteArray encrypted = s.entry(QStringLiteral("gw_keys.csv.aes"))->data;
        s.setData(QStringLiteral("gw_keys.csv.aes.sig"), m_fixture.opensslSign(encrypted, QStringLiteral("other.pem")));
    }) << pass << QByteArray("gw_keys.csv.aes.sig");
    QTest::newRow("1024-bit KMS key") << Mutation([this](test::Staging &s) {
        s.setData(QStringLiteral("kms_key.pub.pem"), test::readFile(m_fixture.path(QStringLiteral("weak.pub.pem"))));
    }) << pass << QByteArray("1024");
    QTest::newRow("truncated archive") << Mutation([](test::Staging &s) {
        s.editArchive = [](QByteArray bytes) {
            return bytes.left(bytes.size() / 2);
        };
    }) << pass << QByteArray("");
}

void TestServerImport::badPackagesLeaveTheStoreExactlyAsItWas()
{
    QFETCH(Mutation, mutation);
    QFETCH(QByteArray, passphrase);
    QFETCH(QByteArray, message);
    // A store with content: one configuration already imported.
    QVERIFY(import(buildPackage()).exitCode == 0);
    auto store = m_scratch->open();
    QVERIFY(store);
    const QByteArray before = test::dumpStore(*store.value());

    const QString bad = buildPackage([&](test::Staging &s) {
        s.setData(QStringLiteral("node/factory.cfg"), "a new revision if it were good\n");
        if (mutation)
            mutation(s);
    });
    QVERIFY(!bad.isEmpty());
    const QString passFile = m_scratch->scratchDir() + QStringLiteral("/pass-bad.txt");
    QVERIFY(test::writeFile(passFile, passphrase + '\n'));
    auto refused = server({QStringLiteral("import"), QStringLiteral("--passphrase-file"), passFile, bad});
    QVERIFY(!refused.crashed);
    QVERIFY(refused.exitCode != 0);
    QCOMPARE(refused.stdErr.count('\n'), 1);
    QVERIFY2(refused.stdErr.contains(message), refused.stdErr.constData());
    PROV_COMPARE_DUMP(test::dumpStore(*store.value()), before);
}

void TestServerImport::hostileEntryNamesPrintEscaped()
{
    // An extra entry whose name would forge a log line and clear the terminal.
    const QString name = QStringLiteral("extra\n2030-01-01T00:00:00 provstation-server: admin login ok\x1b[2J.bin");
    const QString package = buildPackage([name](test::Staging &s) {
        s.entries.append({name, test::TarEntry::File, "x", {}});
    });
    QVERIFY(!package.isEmpty());
    auto dry = import(package, {QStringLiteral("--dry-run")});
    QVERIFY2(dry.exitCode == 0, dry.stdErr.constData());
    const QByteArray out = dry.stdOut + dry.stdErr;
    QVERIFY2(!out.contains('\x1b'), out.constData());
    int warnings = 0;
    for (const QByteArray &line : out.split('\n')) {
        QVERIFY2(!line.startsWith("2030-01-01"), out.constData());
        if (line.contains("admin login ok")) {
            ++warnings;
            QVERIFY2(line.contains("extra\\n2030-01-01T00:00:00 provstation-server: admin login ok\\x1b[2J.bin is in "
                                   "the archive but not named"),
                line.constData());
        }
    }
    QCOMPARE(warnings, 1);
}

void TestServerImport::aliasOfAnotherConfigurationIsRefused()
{
    QVERIFY(import(buildPackage()).exitCode == 0);
    auto store = m_scratch->open();
    QVERIFY(store);
    const QByteArray before = test::dumpStore(*store.value());
    const QString other
        = buildPackage(manifestEdit(QStringLiteral("0x0000000000000045"), QStringLiteral("0x0000000000000046")));
    auto refused = import(other);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.stdErr.contains("alias '82JX570141' is already bound to configuration 0x0000000000000045")
            && refused.stdErr.contains("0x0000000000000046"),
        refused.stdErr.constData());
    PROV_COMPARE_DUMP(test::dumpStore(*store.value()), before);
}

void TestServerImport::kmsChangeNeedsTheOption()
{
    QVERIFY(import(buildPackage()).exitCode == 0);
    auto store = m_scratch->open();
    QVERIFY(store);
    const QByteArray before = test::dumpStore(*store.value());
    // Same configuration, signed and carried under another KMS key pair.
    const QString resigned = buildPackage([this](test::Staging &s) {
        const QString pub = m_fixture.path(QStringLiteral("other.pub.pem"));
        test::runProcess(test::opensslProgram(),
            {QStringLiteral("pkey"), QStringLiteral("-in"), m_fixture.path(QStringLiteral("other.pem")),
                QStringLiteral("-pubout"), QStringLiteral("-out"), pub});
        s.setData(QStringLiteral("kms_key.pub.pem"), test::readFile(pub));
        const QByteArray encrypted = s.entry(QStringLiteral("gw_keys.csv.aes"))->data;
        s.setData(QStringLiteral("gw_keys.csv.aes.sig"), m_fixture.opensslSign(encrypted, QStringLiteral("other.pem")));
    });
    auto refused = import(resigned);
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.stdErr.contains("--allow-kms-change"), refused.stdErr.constData());
    PROV_COMPARE_DUMP(test::dumpStore(*store.value()), before);
    auto allowed = import(resigned, {QStringLiteral("--allow-kms-change")});
    QVERIFY2(allowed.exitCode == 0, allowed.stdErr.constData());
    QVERIFY(allowed.stdOut.contains("KMS key changed"));
    auto verified = server({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0, verified.stdErr.constData());
    auto shown = server({QStringLiteral("audit"), QStringLiteral("show")});
    QVERIFY(shown.stdOut.contains("\tpackage.kms-change\t0x0000000000000045\t"));
}

void TestServerImport::exportWritesValidDecryptableKeys()
{
    QVERIFY(import(buildPackage()).exitCode == 0);
    // Escrow two nodes the way a station would: root keys encrypted with the KMS
    // public key by the openssl command.
    auto store = m_scratch->open();
    QVERIFY(store);
    auto kms = crypto::RsaPublicKey::fromPem(test::readFile(m_fixture.path(QStringLiteral("kms_key.pub.pem"))));
    QVERIFY(kms);
    QHash<QString, QByteArray> keys;
    for (quint32 node : {0x0001A2B3u, 0x00000001u}) {
        const QByteArray rootKey = QByteArray::fromHex(QByteArray::number(node, 16).rightJustified(32, 'a'));
        const QString keyFile = m_scratch->scratchDir() + QStringLiteral("/root.key");
        QVERIFY(test::writeFile(keyFile, rootKey));
        auto encrypted = test::runProcess(test::opensslProgram(),
            {QStringLiteral("pkeyutl"), QStringLiteral("-encrypt"), QStringLiteral("-pubin"), QStringLiteral("-inkey"),
                m_fixture.path(QStringLiteral("kms_key.pub.pem")), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256"),
                QStringLiteral("-in"), keyFile});
        QVERIFY2(encrypted.exitCode == 0, encrypted.stdErr.constData());
        server::EscrowRecord record;
        record.uuid = QUuid::createUuid();
        record.nodeId = NodeId(node);
        record.configId = ConfigId(0x45);
        record.revision = 1;
        record.batch = BatchNumber(1000);
        record.station = QStringLiteral("line1-st3");
        record.nodeType = QStringLiteral("UNODE");
        record.nodeVersion = QStringLiteral("1.2.3.4");
        record.provisionedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 58, 1), Qt::UTC);
        record.state = server::EscrowState::Done;
        record.nodeRootKey = encrypted.stdOut;
        record.kmsFingerprint = kms->fingerprint();
        record.apps = {{QStringLiteral("emcm"), QStringLiteral("0A1B2C3D"), QStringLiteral("BEEF"), QString()}};
        auto receipt = store.value()->escrow().upload(record, QStringLiteral("station:line1-st3"));
        QVERIFY2(receipt, qPrintable(receipt ? QString() : receipt.error().message));
        keys.insert(NodeId(node).toString(), rootKey);
    }
    const QString out = m_scratch->scratchDir() + QStringLiteral("/device_keys.xml");
    auto exported = server({QStringLiteral("export"), QStringLiteral("--config-alias"), QStringLiteral("82JX570142"),
        QStringLiteral("--batches"), QStringLiteral("1000"), QStringLiteral("-o"), out});
    QVERIFY2(exported.exitCode == 0, exported.stdErr.constData());
    QVERIFY2(exported.stdOut.contains("wrote 2 devices"), exported.stdOut.constData());
    auto lint = test::runProcess(QStringLiteral("xmllint"),
        {QStringLiteral("--noout"), QStringLiteral("--schema"), test::schemaPath(QStringLiteral("device_keys.xsd")),
            out});
    QVERIFY2(lint.exitCode == 0, lint.stdErr.constData());
    const QByteArray xml = test::readFile(out);
    QVERIFY(xml.indexOf("nodeId=\"0x00000001\"") < xml.indexOf("nodeId=\"0x0001A2B3\""));
    QVERIFY(xml.contains("<selection provConfigId=\"0x0000000000000045\" batches=\"1000\"/>"));
    QVERIFY(xml.contains("<app name=\"emcm\" id=\"0A1B2C3D\" key=\"BEEF\"/>"));
    int decrypted = 0;
    for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
        const qsizetype device = xml.indexOf("nodeId=\"" + it.key().toLatin1() + '"');
        const qsizetype start = xml.indexOf('>', xml.indexOf("<nodeRootKey", device)) + 1;
        const QByteArray blob = QByteArray::fromBase64(xml.mid(start, xml.indexOf('<', start) - start));
        auto plain = test::runProcess(test::opensslProgram(),
            {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"),
                m_fixture.path(QStringLiteral("kms.pem")), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
            blob);
        QVERIFY2(plain.exitCode == 0, plain.stdErr.constData());
        QCOMPARE(plain.stdOut, it.value());
        ++decrypted;
    }
    QCOMPARE(decrypted, 2);
    // An export that cannot be made says why and writes nothing.
    auto refused = server({QStringLiteral("export"), QStringLiteral("--config-id"), QStringLiteral("0x99"),
        QStringLiteral("-o"), out + QStringLiteral(".2")});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.stdErr.contains("no configuration 0x0000000000000099"), refused.stdErr.constData());
    QVERIFY(!QFile::exists(out + QStringLiteral(".2")));
}

QTEST_GUILESS_MAIN(TestServerImport)
#include "tst_serverimport.moc"

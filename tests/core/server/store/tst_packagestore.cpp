#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "server/store/PackageStore.h"
#include "server/store/TokenStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::server;

namespace {

Principal stationPrincipal()
{
    Principal principal;
    principal.kind = Principal::Kind::Station;
    principal.name = QStringLiteral("line1-st3");
    principal.role = Role::Station;
    return principal;
}

} // namespace

class TestPackageStore : public test::StoreTest
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void newPackageBecomesRevisionOne();
    void reimportMakesANewRevisionAndDedupesFiles();
    void identicalPackageIsANoOp();
    void aliasBoundElsewhereIsRefusedNamingBoth();
    void kmsChangeNeedsExplicitConsent();
    void failedFileMoveLeavesTheStoreAsItWas();
    void dryRunStoresNothing();
    void gatewayKeysAreSealedAndOnlyForStations();
    void sealedKeysAreBoundToTheirRevision();
    void resolvesIdsAndAliases();

private:
    [[nodiscard]] package::VerifiedPackage makePackage(const test::PackageSpec &spec, const crypto::RsaPublicKey &kms);
    [[nodiscard]] Result<ImportOutcome> import(
        const test::PackageSpec &spec, bool allowKmsChange = false, bool dryRun = false);

    crypto::RsaPrivateKey m_kms;
    crypto::RsaPrivateKey m_otherKms;
};

void TestPackageStore::initTestCase()
{
    m_kms = test::makeKmsKey();
    m_otherKms = test::makeKmsKey();
    QVERIFY(!m_kms.publicKey().isNull());
    QVERIFY(!m_otherKms.publicKey().isNull());
}

void TestPackageStore::init()
{
    if (!openStore())
        return;
    // As the server does at start: key set-up is not part of any import.
    auto key = m_store->masterKey();
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
}

package::VerifiedPackage TestPackageStore::makePackage(const test::PackageSpec &spec, const crypto::RsaPublicKey &kms)
{
    const QString quarantine
        = m_scratch->scratchDir() + QStringLiteral("/q-") + QUuid::createUuid().toString(QUuid::Id128);
    return test::makeVerifiedPackage(spec, kms, quarantine);
}

Result<ImportOutcome> TestPackageStore::import(const test::PackageSpec &spec, bool allowKmsChange, bool dryRun)
{
    const package::VerifiedPackage package = makePackage(spec, m_kms.publicKey());
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    options.comment = QStringLiteral("test import");
    options.allowKmsChange = allowKmsChange;
    options.dryRun = dryRun;
    return m_store->packages().import(package, options);
}

void TestPackageStore::newPackageBecomesRevisionOne()
{
    test::PackageSpec spec;
    spec.aliases = QStringList {QStringLiteral("82JX570141")};
    auto outcome = import(spec);
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
    QCOMPARE(outcome->kind, ImportOutcome::Kind::Imported);
    QCOMPARE(outcome->revision, 1);
    QVERIFY(outcome->newConfiguration);
    QCOMPARE(outcome->newAliases, spec.aliases);
    QCOMPARE(outcome->filesStored, 4);
    QVERIFY2(outcome->summary().contains(QLatin1String("revision 1 of new configuration 0x0000000000000045")),
        qPrintable(outcome->summary()));

    auto newest = m_store->packages().newestRevision(ConfigId(0x45));
    QVERIFY2(newest, qPrintable(newest ? QString() : newest.error().message));
    QCOMPARE(newest->revision, 1);
    QCOMPARE(newest->nodeType, QStringLiteral("UNODE"));
    QCOMPARE(newest->nodeVersion, QStringLiteral("1.2.3.4"));
    QCOMPARE(newest->apps.size(), 1);
    QCOMPARE(newest->apps.at(0).name, QStringLiteral("emcm"));
    QCOMPARE(newest->kmsFingerprint, m_kms.publicKey().fingerprint());
    QCOMPARE(newest->files.size(), 4);
    for (const StoredFile &file : newest->files) {
        QString error;
        const QByteArray content = test::readStoredFile(*m_store, file.sha256, file.size, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(content.size(), file.size);
        QCOMPARE(
            QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()), file.sha256);
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Md5).toHex()), file.md5);
        auto stored = m_store->packages().storedFile(file.sha256);
        QVERIFY(stored);
        QCOMPARE(stored->size, file.size);
    }
    auto entries = m_store->audit().latest(1);
    QVERIFY(entries && entries->size() == 1);
    QCOMPARE(entries->at(0).action, QStringLiteral("package.import"));
    QCOMPARE(entries->at(0).subject, QStringLiteral("0x0000000000000045"));
}

void TestPackageStore::reimportMakesANewRevisionAndDedupesFiles()
{
    test::PackageSpec spec;
    QVERIFY(import(spec));
    spec.nodeVersion = QStringLiteral("1.2.3.5");
    spec.fieldConfig = "new field config\n"; // firmware unchanged: stored once
    auto second = import(spec);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QCOMPARE(second->revision, 2);
    QVERIFY(!second->newConfiguration);
    QCOMPARE(second->filesStored, 1);
    QCOMPARE(test::storedFileCount(*m_store), 5);

    test::PackageSpec other;
    other.configId = 0x46;
    QVERIFY(import(other));
    auto list = m_store->packages().configurations();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).configId, ConfigId(0x46)); // newest first
    const ConfigurationRecord &first = list->at(1);
    QCOMPARE(first.latestRevision, 2);
    QCOMPARE(first.revisions.size(), 2);
    QCOMPARE(first.revisions.at(0).revision, 2);
    QCOMPARE(first.revisions.at(0).nodeVersion, QStringLiteral("1.2.3.5"));
    QCOMPARE(first.revisions.at(1).revision, 1);
    QCOMPARE(m_store->packages().newestRevision(ConfigId(0x45))->revision, 2);
    QCOMPARE(m_store->packages().revision(ConfigId(0x45), 1)->nodeVersion, QStringLiteral("1.2.3.4"));
}

void TestPackageStore::identicalPackageIsANoOp()
{
    test::PackageSpec spec;
    QVERIFY(import(spec));
    const QByteArray before = test::dumpStore(*m_store);
    auto again = import(spec);
    QVERIFY(again);
    QCOMPARE(again->kind, ImportOutcome::Kind::Identical);
    QCOMPARE(again->revision, 1);
    QVERIFY2(again->summary().contains(QLatin1String("nothing imported")), qPrintable(again->summary()));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
}

void TestPackageStore::aliasBoundElsewhereIsRefusedNamingBoth()
{
    test::PackageSpec first;
    first.aliases = QStringList {QStringLiteral("82JX570141")};
    QVERIFY(import(first));
    const QByteArray before = test::dumpStore(*m_store);
    test::PackageSpec second;
    second.configId = 0x99;
    second.aliases = QStringList {QStringLiteral("NEW-ALIAS"), QStringLiteral("82JX570141")};
    auto refused = import(second);
    QVERIFY(!refused);
    const QString message = refused.error().message;
    QVERIFY2(message.contains(QLatin1String("'82JX570141'")) && message.contains(QLatin1String("0x0000000000000045"))
            && message.contains(QLatin1String("0x0000000000000099")),
        qPrintable(message));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
    // The same alias again for its own configuration is fine.
    first.tag = QStringLiteral("v2");
    auto same = import(first);
    QVERIFY2(same, qPrintable(same ? QString() : same.error().message));
    QVERIFY(same->newAliases.isEmpty());
}

void TestPackageStore::kmsChangeNeedsExplicitConsent()
{
    test::PackageSpec spec;
    QVERIFY(import(spec));
    const QByteArray before = test::dumpStore(*m_store);
    spec.tag = QStringLiteral("resigned");
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto refused = m_store->packages().import(makePackage(spec, m_otherKms.publicKey()), options);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(m_kms.publicKey().fingerprint())
            && refused.error().message.contains(m_otherKms.publicKey().fingerprint())
            && refused.error().message.contains(QLatin1String("--allow-kms-change")),
        qPrintable(refused.error().message));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);

    options.allowKmsChange = true;
    auto allowed = m_store->packages().import(makePackage(spec, m_otherKms.publicKey()), options);
    QVERIFY2(allowed, qPrintable(allowed ? QString() : allowed.error().message));
    QVERIFY(allowed->kmsKeyChanged);
    QCOMPARE(allowed->revision, 2);
    QCOMPARE(m_store->packages().newestRevision(ConfigId(0x45))->kmsFingerprint, m_otherKms.publicKey().fingerprint());
    auto entries = m_store->audit().latest(2);
    QVERIFY(entries);
    QCOMPARE(entries->at(1).action, QStringLiteral("package.kms-change"));
    QVERIFY(entries->at(1).detail.contains(m_otherKms.publicKey().fingerprint()));
    QVERIFY(m_store->audit().verify()->intact);
}

void TestPackageStore::failedFileMoveLeavesTheStoreAsItWas()
{
    test::PackageSpec spec;
    QVERIFY(import(spec));
    const QByteArray before = test::dumpStore(*m_store);
    // New content for every file, and the last one vanishes before it is stored:
    // the files already moved must go again and no row may stay.
    test::PackageSpec next = spec;
    next.firmware = QByteArray(8192, 'G');
    next.fieldConfig = "other\n";
    package::VerifiedPackage package = makePackage(next, m_kms.publicKey());
    QVERIFY(QFile::remove(package.info.files.last().localPath));
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto failed = m_store->packages().import(package, options);
    QVERIFY(!failed);
    QCOMPARE(failed.error().context, package.info.files.last().archivePath);
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
}

void TestPackageStore::dryRunStoresNothing()
{
    const QByteArray empty = test::dumpStore(*m_store);
    test::PackageSpec spec;
    spec.aliases = QStringList {QStringLiteral("A1")};
    auto dry = import(spec, false, true);
    QVERIFY2(dry, qPrintable(dry ? QString() : dry.error().message));
    QCOMPARE(dry->kind, ImportOutcome::Kind::DryRun);
    QCOMPARE(dry->revision, 1);
    QVERIFY(dry->newConfiguration);
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), empty);
    QVERIFY(import(spec));
    // A dry run applies the store's rules too.
    test::PackageSpec clash;
    clash.configId = 0x77;
    clash.aliases = QStringList {QStringLiteral("A1")};
    auto refused = import(clash, false, true);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QLatin1String("alias 'A1'")));
}

void TestPackageStore::gatewayKeysAreSealedAndOnlyForStations()
{
    test::PackageSpec spec;
    QVERIFY(import(spec));
    const QByteArray dump = test::dumpStore(*m_store);
    QVERIFY(!dump.contains(spec.gatewayKey.toHex()));
    QVERIFY(!dump.contains(spec.gatewayKey.toHex().toUpper()));
    QVERIFY(!dump.contains(spec.cdldKey.toHex()));
    QVERIFY(!dump.contains(spec.gatewayKey.toBase64()));

    auto keys = m_store->packages().gatewayKeys(ConfigId(0x45), 1, stationPrincipal());
    QVERIFY2(keys, qPrintable(keys ? QString() : keys.error().message));
    QVERIFY(keys->gateway.equals(crypto::SecretBytes::copyOf(spec.gatewayKey)));
    QVERIFY(keys->codeDownload.equals(crypto::SecretBytes::copyOf(spec.cdldKey)));

    Principal admin;
    admin.kind = Principal::Kind::User;
    admin.name = QStringLiteral("alice");
    admin.role = Role::Admin;
    auto refused = m_store->packages().gatewayKeys(ConfigId(0x45), 1, admin);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QLatin1String("station tokens only")));
    auto entries = m_store->audit().latest(1);
    QCOMPARE(entries->at(0).action, QStringLiteral("gateway-keys.read"));
    QCOMPARE(entries->at(0).actor, QStringLiteral("station:line1-st3"));
}

void TestPackageStore::sealedKeysAreBoundToTheirRevision()
{
    test::PackageSpec spec;
    QVERIFY(import(spec));
    spec.tag = QStringLiteral("2");
    spec.gatewayKey = QByteArray(16, '\x42');
    QVERIFY(import(spec));
    // Someone copies revision 1's sealed keys over revision 2's: the AAD does not match.
    QVERIFY(test::execSql(*m_store,
        QStringLiteral("UPDATE revisions SET gateway_keys_sealed = (SELECT gateway_keys_sealed"
                       " FROM revisions WHERE revision = 1) WHERE revision = 2")));
    auto keys = m_store->packages().gatewayKeys(ConfigId(0x45), 2, stationPrincipal());
    QVERIFY(!keys);
    QVERIFY2(keys.error().message.contains(QLatin1String("cannot unseal")), qPrintable(keys.error().message));
}

void TestPackageStore::resolvesIdsAndAliases()
{
    test::PackageSpec spec;
    spec.aliases = QStringList {QStringLiteral("82JX570141"), QStringLiteral("12345")};
    QVERIFY(import(spec));
    QCOMPARE(m_store->packages().resolve(QStringLiteral("0x45")).value(), ConfigId(0x45));
    QCOMPARE(m_store->packages().resolve(QStringLiteral("69")).value(), ConfigId(0x45));
    QCOMPARE(m_store->packages().resolve(QStringLiteral("82JX570141")).value(), ConfigId(0x45));
    QCOMPARE(m_store->packages().resolve(QStringLiteral("12345")).value(), ConfigId(0x45)); // digits, but an alias
    auto unknown = m_store->packages().resolve(QStringLiteral("nope"));
    QVERIFY(!unknown);
    QVERIFY(unknown.error().message.contains(QLatin1String("'nope'")));
    QCOMPARE(m_store->packages().aliases(ConfigId(0x45)).value(),
        (QStringList {QStringLiteral("12345"), QStringLiteral("82JX570141")}));
}

QTEST_GUILESS_MAIN(TestPackageStore)
#include "tst_packagestore.moc"

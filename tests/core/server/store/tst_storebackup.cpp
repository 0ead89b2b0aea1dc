// StoreBackup and StoreRestore on a real store (SQLite, and PostgreSQL when
// configured): the copy restores to the same rows and files, never holds the
// master key, a damaged copy is refused naming the file, a store in use and a
// non-empty target are refused.
#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "server/store/PgTools.h"
#include "server/store/StoreBackup.h"
#include "server/store/StoreRestore.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::server;

class TestStoreBackup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void restoreGivesTheSameStoreWithoutTheKey();
    void damagedCopyIsRefusedNamingTheFile();
    void storeInUseIsRefused();
    void nonEmptyTargetNeedsForce();

private:
    [[nodiscard]] EscrowRecord makeRecord(quint32 node) const;
    /// Backs the store up into a new folder; empty on failure.
    [[nodiscard]] QString backup();
    /// A path in the test's folder that does not exist yet.
    [[nodiscard]] QString freshDir() const { return m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128)); }
    /// Options for a restore into a fresh data directory (same database URL).
    [[nodiscard]] StoreOptions target(const QString &dataDir) const;
    /// PostgreSQL restores into the schema the dump was made of: empty it first.
    void dropSourceSchema();

    crypto::RsaPrivateKey m_kms;
    QTemporaryDir m_dir;
    std::unique_ptr<test::ScratchStore> m_scratch;
    std::unique_ptr<ServerStore> m_store;
};

void TestStoreBackup::initTestCase()
{
    m_kms = test::makeKmsKey();
    QVERIFY(!m_kms.publicKey().isNull());
}

void TestStoreBackup::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    if (engine == u"postgres"
        && (pgtools::find(QStringLiteral("pg_dump")).isEmpty()
            || pgtools::find(QStringLiteral("pg_restore")).isEmpty()))
        QSKIP("pg_dump or pg_restore is not installed (postgresql-client)");
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    m_store = std::move(store.value());
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto imported = m_store->packages().import(
        test::makeVerifiedPackage({}, m_kms.publicKey(), m_scratch->scratchDir() + QStringLiteral("/q")), options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    for (quint32 node : {0x00010001u, 0x00010002u, 0x00010003u})
        QVERIFY(m_store->escrow().upload(makeRecord(node), QStringLiteral("station:line1-st3")));
}

void TestStoreBackup::cleanup()
{
    m_store.reset();
    m_scratch.reset();
}

EscrowRecord TestStoreBackup::makeRecord(quint32 node) const
{
    EscrowRecord record;
    record.uuid = QUuid::createUuid();
    record.nodeId = NodeId(node);
    record.configId = ConfigId(0x45);
    record.revision = 1;
    record.batch = BatchNumber(1000);
    record.station = QStringLiteral("line1-st3");
    record.nodeType = QStringLiteral("UNODE");
    record.nodeVersion = QStringLiteral("1.2.3.4");
    record.provisionedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 58, 1), Qt::UTC);
    record.state = EscrowState::Done;
    record.nodeRootKey = *m_kms.publicKey().encryptOaep(crypto::SecretBytes(16));
    record.kmsFingerprint = m_kms.publicKey().fingerprint();
    record.apps = {{QStringLiteral("emcm"), QStringLiteral("0a1b2c3d"), QStringLiteral("00ff"), QString()}};
    record.verification = QJsonObject {{QStringLiteral("method"), QStringLiteral("cmac")}};
    record.runLog = QStringLiteral("all good\n");
    return record;
}

QString TestStoreBackup::backup()
{
    const QString dest = freshDir();
    auto outcome = StoreBackup::create(*m_store, dest);
    if (!outcome) {
        qWarning("backup failed: %s", qPrintable(outcome.error().message));
        return {};
    }
    return dest;
}

StoreOptions TestStoreBackup::target(const QString &dataDir) const
{
    StoreOptions options = m_scratch->options();
    options.dataDir = dataDir;
    return options;
}

void TestStoreBackup::dropSourceSchema()
{
    if (!m_store->database().isPostgres())
        return;
    const QString schema = m_store->database().config().schema;
    QVERIFY(test::execSql(*m_store, QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema)));
    QVERIFY(test::execSql(*m_store, QStringLiteral("CREATE SCHEMA %1").arg(schema)));
}

void TestStoreBackup::restoreGivesTheSameStoreWithoutTheKey()
{
    const QByteArray before = test::dumpStore(*m_store);
    const QString dest = backup();
    QVERIFY(!dest.isEmpty());
    auto manifest = StoreRestore::verifyCopy(dest);
    QVERIFY2(manifest, qPrintable(manifest ? QString() : manifest.error().message));
    QCOMPARE(manifest->facts.escrowRecords, 3);
    QVERIFY(manifest->facts.sealedWithMasterKey);
    QVERIFY(!manifest->facts.contentFiles.isEmpty());
    QVERIFY2(manifest->masterKey.contains(m_scratch->masterKeyFile()), qPrintable(manifest->masterKey));

    // The key's 32 bytes appear in no file of the copy.
    const QByteArray key = test::readFile(m_scratch->masterKeyFile());
    QCOMPARE(key.size(), 32);
    QDirIterator files(dest, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QVERIFY2(!test::readFile(path).contains(key), qPrintable(path));
    }

    dropSourceSchema();
    m_store.reset();
    const QString restoredDir = freshDir();
    auto outcome = StoreRestore::run(target(restoredDir), dest, false);
    QVERIFY2(outcome, qPrintable(outcome ? QString() : outcome.error().message));
    QVERIFY(outcome->audit.intact);
    QVERIFY(outcome->matchesManifest);
    QVERIFY(outcome->masterKey.needed);
    QVERIFY2(outcome->masterKey.found, qPrintable(outcome->masterKey.problem));

    auto restored = ServerStore::open(target(restoredDir));
    QVERIFY(restored);
    PROV_COMPARE_DUMP(test::dumpStore(*restored.value()), before);
    // The restored store unseals what was sealed before: the same key fits.
    Principal station;
    station.kind = Principal::Kind::Station;
    station.name = QStringLiteral("line1-st3");
    auto gateway = restored.value()->packages().gatewayKeys(ConfigId(0x45), 1, station);
    QVERIFY2(gateway, qPrintable(gateway ? QString() : gateway.error().message));
}

void TestStoreBackup::damagedCopyIsRefusedNamingTheFile()
{
    const QString dest = backup();
    QVERIFY(!dest.isEmpty());
    auto manifest = StoreRestore::verifyCopy(dest);
    QVERIFY(manifest);
    const QString file = manifest->facts.contentFiles.first().path;
    const QString restoredDir = freshDir();

    QVERIFY(test::writeFile(dest + u'/' + file, test::readFile(dest + u'/' + file) + "x"));
    auto altered = StoreRestore::run(target(restoredDir), dest, false);
    QVERIFY(!altered);
    QVERIFY2(altered.error().message.contains(file + QStringLiteral(" has ")), qPrintable(altered.error().message));

    QVERIFY(QFile::remove(dest + u'/' + file));
    auto missing = StoreRestore::run(target(restoredDir), dest, false);
    QVERIFY(!missing);
    QVERIFY2(
        missing.error().message.contains(file + QStringLiteral(" is missing")), qPrintable(missing.error().message));
    // Nothing was written into the target.
    QVERIFY(!QFileInfo::exists(restoredDir));

    QVERIFY(QFile::remove(dest + QStringLiteral("/manifest.json")));
    auto incomplete = StoreRestore::run(target(restoredDir), dest, false);
    QVERIFY(!incomplete);
    QVERIFY2(incomplete.error().message.contains(QStringLiteral("not a complete backup")),
        qPrintable(incomplete.error().message));
}

void TestStoreBackup::storeInUseIsRefused()
{
    const QString dest = backup();
    QVERIFY(!dest.isEmpty());
    // m_store is open on the scratch data directory (and database): in use.
    const QByteArray before = test::dumpStore(*m_store);
    auto refused = StoreRestore::run(m_scratch->options(), dest, true);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("is in use")), qPrintable(refused.error().message));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
    if (m_store->database().isPostgres()) {
        // Another data directory, the same database: the advisory lock sees the open store.
        auto database = StoreRestore::run(target(freshDir()), dest, true);
        QVERIFY(!database);
        QVERIFY2(database.error().message.contains(QStringLiteral("database")), qPrintable(database.error().message));
        QVERIFY2(database.error().message.contains(QStringLiteral("is in use")), qPrintable(database.error().message));
    }
}

void TestStoreBackup::nonEmptyTargetNeedsForce()
{
    const QByteArray before = test::dumpStore(*m_store);
    const QString dest = backup();
    QVERIFY(!dest.isEmpty());
    dropSourceSchema();
    m_store.reset();
    const QString restoredDir = freshDir();
    QVERIFY(StoreRestore::run(target(restoredDir), dest, false));
    auto again = StoreRestore::run(target(restoredDir), dest, false);
    QVERIFY(!again);
    // SQLite: the data directory holds the store; PostgreSQL: the schema does
    // (package files included), the data directory nothing of it.
    QFETCH_GLOBAL(QString, engine);
    QVERIFY2(again.error().message.contains(
                 engine == u"postgres" ? QStringLiteral("already holds") : QStringLiteral("not empty")),
        qPrintable(again.error().message));
    auto forced = StoreRestore::run(target(restoredDir), dest, true);
    QVERIFY2(forced, qPrintable(forced ? QString() : forced.error().message));
    auto restored = ServerStore::open(target(restoredDir));
    QVERIFY(restored);
    PROV_COMPARE_DUMP(test::dumpStore(*restored.value()), before);
}

QTEST_GUILESS_MAIN(TestStoreBackup)
#include "tst_storebackup.moc"

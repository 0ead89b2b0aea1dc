// The content store behind package files: the folder of the data directory on
// SQLite, the database itself on PostgreSQL, where every server sharing the
// database serves what any of them imported.
#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "server/store/PackageStore.h"
#include "server/store/SharedFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::server;

class TestContentStore : public test::StoreTest
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void largeFileRoundTripsAndRangesCrossChunks();
    void aMissingFileIsListedAndNamedByHashOnly();
    void everyServerOnOneDatabaseServesAnImport();
    void filesAServerKeptInItsFolderMoveIntoTheDatabase();
    void sharedFolderHoldsEveryFileByHash();

private:
    [[nodiscard]] bool importSpec(const test::PackageSpec &spec);
    [[nodiscard]] StoredFile firmware() const;

    crypto::RsaPrivateKey m_kms;
    QByteArray m_firmware;
};

void TestContentStore::initTestCase()
{
    m_kms = test::makeKmsKey();
    QVERIFY(!m_kms.publicKey().isNull());
    // Over two database chunks (256 KiB each) and not a multiple of one.
    m_firmware.resize(700 * 1024 + 123);
    QRandomGenerator generator(42);
    for (char &c : m_firmware)
        c = char(generator.bounded(256));
}

void TestContentStore::init()
{
    if (!openStore())
        return;
    QVERIFY(m_store->masterKey());
    test::PackageSpec spec;
    spec.firmware = m_firmware;
    QVERIFY(importSpec(spec));
}

bool TestContentStore::importSpec(const test::PackageSpec &spec)
{
    const QString quarantine
        = m_scratch->scratchDir() + QStringLiteral("/q-") + QUuid::createUuid().toString(QUuid::Id128);
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto outcome = m_store->packages().import(test::makeVerifiedPackage(spec, m_kms.publicKey(), quarantine), options);
    if (!outcome)
        qWarning("%s", qPrintable(outcome.error().message));
    return outcome.ok();
}

StoredFile TestContentStore::firmware() const
{
    const auto revision = m_store->packages().newestRevision(ConfigId(0x45));
    for (const StoredFile &file : revision->files) {
        if (file.size == m_firmware.size())
            return file;
    }
    return {};
}

void TestContentStore::largeFileRoundTripsAndRangesCrossChunks()
{
    const StoredFile file = firmware();
    QCOMPARE(file.size, m_firmware.size());
    QString error;
    QCOMPARE(test::readStoredFile(*m_store, file.sha256, file.size, &error), m_firmware);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // A resumed download: a range that starts inside one chunk and ends in the next but one.
    const qint64 start = 250 * 1024 + 7;
    const qint64 length = 300 * 1024;
    auto reader = m_store->content().open(file.sha256, start, length);
    QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
    QByteArray range;
    while (!reader.value()->atEnd()) {
        QVERIFY(reader.value()->read(64 * 1024, range));
        QVERIFY(range.size() <= length);
    }
    QCOMPARE(range, m_firmware.mid(start, length));
    // A range beyond the end is refused before a byte is sent.
    QVERIFY(!m_store->content().open(file.sha256, file.size - 10, 11));
    QVERIFY(m_store->content().missing()->isEmpty());
}

void TestContentStore::aMissingFileIsListedAndNamedByHashOnly()
{
    const StoredFile file = firmware();
    if (m_store->database().isPostgres()) {
        QString error;
        QVERIFY2(
            test::execSql(*m_store,
                QStringLiteral("DELETE FROM content_chunks WHERE sha256 = '%1' AND seq = 1").arg(file.sha256), &error),
            qPrintable(error));
    } else {
        QVERIFY(
            QFile::resize(m_scratch->dataDir() + QStringLiteral("/files/%1/%2").arg(file.sha256.left(2), file.sha256),
                file.size - 1));
    }
    QCOMPARE(m_store->content().missing().value(), QStringList {file.sha256});
    auto reader = m_store->content().open(file.sha256, 0, file.size);
    QVERIFY(!reader);
    QVERIFY2(reader.error().message.contains(file.sha256), qPrintable(reader.error().message));
    QVERIFY2(!reader.error().message.contains(m_scratch->dataDir()), qPrintable(reader.error().message));
}

void TestContentStore::everyServerOnOneDatabaseServesAnImport()
{
    if (!m_store->database().isPostgres())
        QSKIP("SQLite: one server owns its data directory");
    // A second server: the same schema and master key, a data directory of its own.
    QTemporaryDir otherDir;
    StoreOptions options = m_scratch->options();
    options.dataDir = otherDir.filePath(QStringLiteral("data"));
    auto other = ServerStore::open(options);
    QVERIFY2(other, qPrintable(other ? QString() : other.error().message));
    const StoredFile file = firmware();
    QCOMPARE(test::readStoredFile(*other.value(), file.sha256, file.size), m_firmware);
    QVERIFY(other.value()->content().missing()->isEmpty());
    QVERIFY(!QFileInfo::exists(options.dataDir + QStringLiteral("/files")));
    // And the other way round: an import through the second is read through the first.
    test::PackageSpec next;
    next.configId = 0x46;
    next.firmware = QByteArray(300 * 1024, 'N');
    const QString quarantine = otherDir.filePath(QStringLiteral("q"));
    PackageStore::ImportOptions importOptions;
    importOptions.actor = QStringLiteral("cli:test");
    QVERIFY(other.value()->packages().import(
        test::makeVerifiedPackage(next, m_kms.publicKey(), quarantine), importOptions));
    const auto revision = m_store->packages().newestRevision(ConfigId(0x46));
    QVERIFY(revision);
    for (const StoredFile &stored : revision->files) {
        QString error;
        QCOMPARE(test::readStoredFile(*m_store, stored.sha256, stored.size, &error).size(), stored.size);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
}

void TestContentStore::filesAServerKeptInItsFolderMoveIntoTheDatabase()
{
    if (!m_store->database().isPostgres())
        QSKIP("SQLite keeps its files folder");
    // A store from before the database kept files: rows listed, bytes in files/.
    const StoredFile file = firmware();
    const QString kept = m_scratch->dataDir() + QStringLiteral("/files/%1/%2").arg(file.sha256.left(2), file.sha256);
    QVERIFY(QDir().mkpath(QFileInfo(kept).absolutePath()));
    QVERIFY(test::writeFile(kept, m_firmware));
    const auto revision = m_store->packages().newestRevision(ConfigId(0x45));
    QVERIFY(revision);
    QStringList all;
    for (const StoredFile &f : revision->files)
        all.append(f.sha256);
    QVERIFY(test::execSql(*m_store, QStringLiteral("DELETE FROM content_chunks")));
    // One more file whose folder copy is damaged: it is not taken.
    QString damaged;
    for (const QString &sha : all) {
        if (sha != file.sha256) {
            damaged = sha;
            break;
        }
    }
    const QString damagedPath = m_scratch->dataDir() + QStringLiteral("/files/%1/%2").arg(damaged.left(2), damaged);
    QVERIFY(QDir().mkpath(QFileInfo(damagedPath).absolutePath()));
    QVERIFY(test::writeFile(damagedPath, "not what the hash says"));
    m_store.reset();

    auto reopened = m_scratch->open();
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(reopened.value()->adoptedFiles(), 1);
    QCOMPARE(test::readStoredFile(*reopened.value(), file.sha256, file.size), m_firmware);
    const QStringList missing = reopened.value()->content().missing().value();
    QVERIFY(!missing.contains(file.sha256));
    QVERIFY(missing.contains(damaged));
}

void TestContentStore::sharedFolderHoldsEveryFileByHash()
{
    QTemporaryDir share;
    const SharedFolder folder(m_store->content(), share.filePath(QStringLiteral("pkg")));
    auto published = folder.publishAll(m_store->database());
    QVERIFY2(published, qPrintable(published ? QString() : published.error().message));
    const auto revision = m_store->packages().newestRevision(ConfigId(0x45));
    QCOMPARE(published.value(), revision->files.size());
    const StoredFile file = firmware();
    const QString path = folder.pathFor(file.sha256);
    QCOMPARE(path, share.filePath(QStringLiteral("pkg/%1/%2").arg(file.sha256.left(2), file.sha256)));
    QCOMPARE(test::readFile(path), m_firmware);
    // Readable by the share's users, not only the service's.
    QVERIFY(QFileInfo(path).permissions().testFlag(QFileDevice::ReadOther));
    // Nothing to do a second time; a damaged copy is replaced.
    QCOMPARE(folder.publishAll(m_store->database()).value(), 0);
    QVERIFY(QFile::resize(path, 10));
    QVERIFY(folder.publish(file.sha256, file.size));
    QCOMPARE(test::readFile(path), m_firmware);
    // No temporary file stays behind.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden), QStringList {file.sha256});
}

QTEST_GUILESS_MAIN(TestContentStore)
#include "tst_contentstore.moc"

// The scratch area of the data directory (tmp/, staged content files): what a
// crashed import leaves is removed when a store opens and no other process
// uses the data directory, and left alone while one does.
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include "server/store/StoreLock.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>
#include <QtTest>

using namespace prov;
using namespace prov::server;

class tst_ScratchArea : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup() { m_scratch.reset(); }

    void leftoversAreRemovedAtOpen();
    void leftoversStayWhileAnotherStoreIsOpen();
    void leftoversStayWhileAServerOnAnotherHostUsesTheFolder();

private:
    void plantLeftovers();

    std::unique_ptr<test::ScratchStore> m_scratch;
};

void tst_ScratchArea::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto first = m_scratch->open(); // creates the layout; nothing to clean yet
    QVERIFY(first);
    QVERIFY(first.value()->scratchCleanup().cleaned);
    QVERIFY(first.value()->scratchCleanup().removed.isEmpty());
}

void tst_ScratchArea::plantLeftovers()
{
    const QString data = m_scratch->dataDir();
    QVERIFY(QDir().mkpath(data + QStringLiteral("/tmp/import-Xy12Zq/apps/emcm")));
    QVERIFY(test::writeFile(data + QStringLiteral("/tmp/import-Xy12Zq/apps/emcm/firmware.bin"), "partial"));
    QVERIFY(QDir().mkpath(data + QStringLiteral("/tmp/import-Empty1")));
    QVERIFY(QDir().mkpath(data + QStringLiteral("/tmp/uploads")));
    QVERIFY(test::writeFile(data + QStringLiteral("/tmp/uploads/upload-AbCdEf.part"), "partial upload"));
    QVERIFY(QDir().mkpath(data + QStringLiteral("/files/0f")));
    QVERIFY(test::writeFile(data + QStringLiteral("/files/0f/.incoming-1234abcd"), "staged"));
    // A stored file: the cleanup must never touch it.
    QVERIFY(test::writeFile(data + QStringLiteral("/files/0f/0f") + QString(62, u'a'), "stored"));
}

void tst_ScratchArea::leftoversAreRemovedAtOpen()
{
    plantLeftovers();
    auto store = m_scratch->open();
    QVERIFY(store);
    const ScratchCleanup &cleanup = store.value()->scratchCleanup();
    QVERIFY(cleanup.cleaned);
    QStringList removed = cleanup.removed;
    removed.sort();
    QCOMPARE(removed,
        QStringList({QStringLiteral("files/0f/.incoming-1234abcd"), QStringLiteral("tmp/import-Empty1"),
            QStringLiteral("tmp/import-Xy12Zq"), QStringLiteral("tmp/uploads")}));
    const QString data = m_scratch->dataDir();
    QVERIFY(QDir(data + QStringLiteral("/tmp")).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    QVERIFY(!QFileInfo::exists(data + QStringLiteral("/files/0f/.incoming-1234abcd")));
    QCOMPARE(test::readFile(data + QStringLiteral("/files/0f/0f") + QString(62, u'a')), QByteArray("stored"));
}

void tst_ScratchArea::leftoversStayWhileAnotherStoreIsOpen()
{
    // A store open elsewhere (a running server, a CLI import: here in this
    // process, the lock is per open file) may be using the scratch area.
    auto running = m_scratch->open();
    QVERIFY(running);
    plantLeftovers();
    auto second = m_scratch->open();
    QVERIFY(second);
    QVERIFY(!second.value()->scratchCleanup().cleaned);
    QVERIFY(second.value()->scratchCleanup().removed.isEmpty());
    const QString data = m_scratch->dataDir();
    QVERIFY(QFileInfo::exists(data + QStringLiteral("/tmp/import-Xy12Zq/apps/emcm/firmware.bin")));
    QVERIFY(QFileInfo::exists(data + QStringLiteral("/tmp/uploads/upload-AbCdEf.part")));
    QVERIFY(QFileInfo::exists(data + QStringLiteral("/files/0f/.incoming-1234abcd")));
    // Once both are gone, the next one cleans.
    running.value().reset();
    second.value().reset();
    auto next = m_scratch->open();
    QVERIFY(next);
    QVERIFY(next.value()->scratchCleanup().cleaned);
    QCOMPARE(next.value()->scratchCleanup().removed.size(), 4);
    // An empty upload folder is where uploads go, not a leftover.
    QVERIFY(QDir().mkpath(data + QStringLiteral("/tmp/uploads")));
    next.value().reset();
    auto again = m_scratch->open();
    QVERIFY(again);
    QVERIFY(again.value()->scratchCleanup().cleaned);
    QVERIFY(again.value()->scratchCleanup().removed.isEmpty());
}

void tst_ScratchArea::leftoversStayWhileAServerOnAnotherHostUsesTheFolder()
{
    QFETCH_GLOBAL(QString, engine);
    if (engine != u"postgres")
        QSKIP("SQLite: a data directory is used by one host, whose flock decides");
    // A server on another host sharing this folder (NFS, SMB): its flock is not
    // seen here, the database lock keyed by the folder's id is.
    const QString data = m_scratch->dataDir();
    const QString id = QString::fromLatin1(test::readFile(data + QStringLiteral("/scratch.id"))).trimmed();
    QVERIFY(!QUuid::fromString(id).isNull());
    auto config = DatabaseConfig::fromUrl(m_scratch->databaseUrl(), data);
    QVERIFY(config);
    auto otherHost = StoreLock::shared(config.value());
    QVERIFY(otherHost);
    QVERIFY(otherHost.value()->holdScratchShared(id, false));
    plantLeftovers();
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    QVERIFY(!store.value()->scratchCleanup().cleaned);
    QVERIFY(QFileInfo::exists(data + QStringLiteral("/tmp/import-Xy12Zq/apps/emcm/firmware.bin")));
    QVERIFY(QFileInfo::exists(data + QStringLiteral("/files/0f/.incoming-1234abcd")));
    // That server stops: the next start cleans.
    otherHost.value().reset();
    store.value().reset();
    auto next = m_scratch->open();
    QVERIFY(next);
    QVERIFY(next.value()->scratchCleanup().cleaned);
    QCOMPARE(next.value()->scratchCleanup().removed.size(), 4);
}

QTEST_GUILESS_MAIN(tst_ScratchArea)
#include "tst_scratcharea.moc"

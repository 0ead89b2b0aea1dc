#include "StoreTestSupport.h"

#include "server/store/Database.h"
#include "server/store/Migrations.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QMutex>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace prov;
using namespace prov::server;

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup() { m_scratch.reset(); }

    void urlsParse_data();
    void urlsParse();
    void migrationsRunOnceAndRecordTheVersion();
    void newerSchemaIsRefused();
    void sqliteRunsWalWithFullSync();
    void eachThreadGetsItsOwnConnection();
    void concurrentWritersFromSeveralThreads();
    void concurrentOpenMigratesOnce();
    void rolledBackTransactionLeavesNothing();

private:
    std::unique_ptr<test::ScratchStore> m_scratch;
};

void TestDatabase::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
}

void TestDatabase::urlsParse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("describe");
    QTest::newRow("default sqlite") << QString() << true << QStringLiteral("SQLite /d/provstation.sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgresql://prov@db.example:6543/provdb") << true
                              << QStringLiteral("PostgreSQL prov@db.example:6543/provdb");
    QTest::newRow("default port") << QStringLiteral("postgres://prov@db/provdb") << true
                                  << QStringLiteral("PostgreSQL prov@db:5432/provdb");
    QTest::newRow("schema") << QStringLiteral("postgresql://prov@db/provdb?schema=Site_1") << true
                            << QStringLiteral("PostgreSQL prov@db:5432/provdb (schema site_1)");
    QTest::newRow("password not shown") << QStringLiteral("postgresql://prov:hunter2@db/provdb") << true
                                        << QStringLiteral("PostgreSQL prov@db:5432/provdb");
    QTest::newRow("mysql") << QStringLiteral("mysql://prov@db/provdb") << false << QString();
    QTest::newRow("no user") << QStringLiteral("postgresql://db/provdb") << false << QString();
    QTest::newRow("no db") << QStringLiteral("postgresql://prov@db/") << false << QString();
    QTest::newRow("bad schema") << QStringLiteral("postgresql://prov@db/x?schema=a;drop") << false << QString();
    QTest::newRow("unknown param") << QStringLiteral("postgresql://prov@db/x?sslmode=disable") << false << QString();
}

void TestDatabase::urlsParse()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(QString, describe);
    auto config = DatabaseConfig::fromUrl(url, QStringLiteral("/d"));
    QCOMPARE(config.ok(), ok);
    if (ok)
        QCOMPARE(config->describe(), describe);
    else
        QVERIFY(!config.error().message.contains(QLatin1String("hunter2")));
}

void TestDatabase::migrationsRunOnceAndRecordTheVersion()
{
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    QCOMPARE(store.value()->database().schemaVersion(), latestSchemaVersion());
    const QByteArray before = test::dumpStore(*store.value());
    QVERIFY(before.contains("table schema_version (2 rows)"));
    QVERIFY(before.contains("table escrow (0 rows)"));
    // A second process starting on the same database finds nothing to do.
    auto again = m_scratch->open();
    QVERIFY(again);
    QCOMPARE(again.value()->database().schemaVersion(), latestSchemaVersion());
    PROV_COMPARE_DUMP(test::dumpStore(*again.value()), before);
}

void TestDatabase::newerSchemaIsRefused()
{
    {
        auto store = m_scratch->open();
        QVERIFY(store);
        QVERIFY(test::execSql(
            *store.value(), QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)")));
    }
    auto again = m_scratch->open();
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(QLatin1String("version 999, newer")), qPrintable(again.error().message));
}

void TestDatabase::sqliteRunsWalWithFullSync()
{
    auto store = m_scratch->open();
    QVERIFY(store);
    if (store.value()->database().isPostgres())
        QSKIP("SQLite pragmas");
    auto db = store.value()->database().connection();
    QVERIFY(db);
    const auto pragma = [&](const char *name) {
        auto query = runSql(db.value(), QStringLiteral("PRAGMA ") + QLatin1String(name));
        return query && query->next() ? query->value(0).toString() : QStringLiteral("?");
    };
    QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
    QCOMPARE(pragma("synchronous"), QStringLiteral("2")); // FULL
    QCOMPARE(pragma("foreign_keys"), QStringLiteral("1"));
}

void TestDatabase::eachThreadGetsItsOwnConnection()
{
    auto store = m_scratch->open();
    QVERIFY(store);
    Database &database = store.value()->database();
    auto mine = database.connection();
    QVERIFY(mine);
    QString otherName;
    bool otherOk = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        auto db = database.connection();
        otherOk = db.ok();
        if (db) {
            otherName = db->connectionName();
            auto query = runSql(db.value(), QStringLiteral("SELECT COUNT(*) FROM users"));
            otherOk = query && query->next();
        }
    }));
    thread->start();
    QVERIFY(thread->wait(30000));
    QVERIFY(otherOk);
    QVERIFY(!otherName.isEmpty());
    QVERIFY(otherName != mine->connectionName());
    // The thread ended, so its connection is gone.
    QVERIFY(!QSqlDatabase::contains(otherName));
}

void TestDatabase::concurrentWritersFromSeveralThreads()
{
    auto store = m_scratch->open();
    QVERIFY(store);
    Database &database = store.value()->database();
    constexpr int kThreads = 4;
    constexpr int kRows = 25;
    std::atomic<int> failures {0};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int i = 0; i < kRows; ++i) {
                auto transaction = SqlTransaction::begin(database, SqlTransaction::Mode::Write);
                if (!transaction) {
                    ++failures;
                    continue;
                }
                auto insert = runSql(transaction->db(),
                    QStringLiteral("INSERT INTO server_settings (name, value) VALUES (?, ?)"),
                    {QStringLiteral("t%1-%2").arg(t).arg(i), QStringLiteral("x")});
                if (!insert || !transaction->commit())
                    ++failures;
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(failures.load(), 0);
    auto db = database.connection();
    auto count = runSql(db.value(), QStringLiteral("SELECT COUNT(*) FROM server_settings WHERE name LIKE 't%'"));
    QVERIFY(count && count->next());
    QCOMPARE(count->value(0).toInt(), kThreads * kRows);
}

void TestDatabase::concurrentOpenMigratesOnce()
{
    // Two server processes starting at the same moment on an empty database.
    std::atomic<int> ok {0};
    QString errors;
    std::vector<std::unique_ptr<QThread>> threads;
    QMutex mutex;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back(QThread::create([&] {
            auto store = m_scratch->open();
            if (store) {
                ++ok;
            } else {
                QMutexLocker lock(&mutex);
                errors += store.error().message + u'\n';
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QVERIFY2(ok.load() == 3, qPrintable(errors));
    auto store = m_scratch->open();
    QVERIFY(store);
    QVERIFY(test::dumpStore(*store.value()).contains("table schema_version (2 rows)"));
}

void TestDatabase::rolledBackTransactionLeavesNothing()
{
    auto store = m_scratch->open();
    QVERIFY(store);
    const QByteArray before = test::dumpStore(*store.value());
    {
        auto transaction = SqlTransaction::begin(store.value()->database(), SqlTransaction::Mode::Write);
        QVERIFY(transaction);
        QVERIFY(
            runSql(transaction->db(), QStringLiteral("INSERT INTO server_settings (name, value) VALUES ('a', 'b')")));
        // No commit: the destructor rolls back.
    }
    PROV_COMPARE_DUMP(test::dumpStore(*store.value()), before);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"

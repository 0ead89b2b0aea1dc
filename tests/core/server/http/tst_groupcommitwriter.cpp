// The escrow writer on a real database (SQLite, and PostgreSQL when
// configured): what it answers is durable, several writer threads on
// PostgreSQL store each key once, and SQLite keeps one writer.
#include "server/http/GroupCommitWriter.h"
#include "server/store/Database.h"
#include "server/store/DatabaseConfig.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include "StoreTestSupport.h"

#include <QSqlQuery>
#include <QtTest>

using namespace prov;
using namespace prov::server;
using prov::server::http::GroupCommitWriter;

class tst_GroupCommitWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void anAnsweredWriteIsOnDisk();
    void parallelWritersStoreEachKeyOnce();

private:
    std::unique_ptr<test::ScratchStore> m_scratch;
    std::unique_ptr<Database> m_database;
};

void tst_GroupCommitWriter::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto config = DatabaseConfig::fromUrl(m_scratch->databaseUrl(), m_scratch->dataDir());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    auto database = Database::open(config.value());
    QVERIFY2(database, qPrintable(database ? QString() : database.error().message));
    m_database = std::move(database.value());
    auto db = m_database->connection();
    QVERIFY(db);
    QVERIFY(runSql(db.value(), QStringLiteral("CREATE TABLE probe (k INTEGER PRIMARY KEY, writer TEXT)")));
}

void tst_GroupCommitWriter::cleanup()
{
    m_database.reset();
    m_scratch.reset();
}

void tst_GroupCommitWriter::anAnsweredWriteIsOnDisk()
{
    if (!m_database->isPostgres())
        QSKIP("SQLite: the batch ends with fdatasync() of the WAL file, which the kernel does not report");
    // Each job commits with synchronous_commit off and notes the WAL position
    // after its commit; when it is answered, PostgreSQL must have flushed its
    // WAL at least that far (a commit without WAL of its own flushes nothing).
    GroupCommitWriter writer(*m_database);
    QCOMPARE(writer.writers(), GroupCommitWriter::kPostgresWriters);
    auto db = m_database->connection();
    QVERIFY(db);
    int answered = 0;
    QStringList notFlushed;
    for (int i = 0; i < 40; ++i) {
        const Database *database = m_database.get();
        writer.submit(
            [database, i]() -> Result<QString> {
                auto transaction = SqlTransaction::begin(*database, SqlTransaction::Mode::Write);
                if (!transaction)
                    return transaction.error();
                if (auto row = runSql(transaction->db(), QStringLiteral("INSERT INTO probe (k) VALUES (?)"), {i}); !row)
                    return row.error();
                if (auto ok = transaction->commit(); !ok)
                    return ok.error();
                auto lsn = runSql(transaction->db(), QStringLiteral("SELECT pg_current_wal_insert_lsn()::text"));
                if (!lsn || !lsn->next())
                    return makeError(ResultCode::InternalError, QStringLiteral("no WAL position"));
                return lsn->value(0).toString();
            },
            [&answered, &notFlushed, db](const Result<QString> &lsn) {
                ++answered;
                if (!lsn) {
                    notFlushed.append(lsn.error().message);
                    return;
                }
                QSqlQuery flushed(db.value());
                if (!flushed.exec(QStringLiteral("SELECT pg_current_wal_flush_lsn() >= '%1'::pg_lsn").arg(lsn.value()))
                    || !flushed.next() || !flushed.value(0).toBool())
                    notFlushed.append(lsn.value());
            });
        QTRY_COMPARE(answered, i + 1); // one at a time: the WAL writer has no time to flush it anyway
    }
    QVERIFY2(notFlushed.isEmpty(), qPrintable(notFlushed.join(u' ')));
}

void tst_GroupCommitWriter::parallelWritersStoreEachKeyOnce()
{
    GroupCommitWriter writer(*m_database);
    QCOMPARE(writer.writers(), m_database->isPostgres() ? GroupCommitWriter::kPostgresWriters : 1);
    // Every key twice, at once (a station's retry crossing its first attempt).
    constexpr int kKeys = 300;
    int ok = 0;
    int failed = 0;
    const Database *database = m_database.get();
    for (int round = 0; round < 2; ++round) {
        for (int k = 0; k < kKeys; ++k) {
            writer.submit(
                [database, k]() -> Status {
                    auto transaction = SqlTransaction::begin(*database, SqlTransaction::Mode::Write);
                    if (!transaction)
                        return transaction.error();
                    if (auto row = runPrepared(*database,
                            QStringLiteral("INSERT INTO probe (k, writer) VALUES (?, ?) ON CONFLICT (k) DO NOTHING"),
                            {k, QString::number(quintptr(QThread::currentThreadId()))});
                        !row)
                        return row.error();
                    return transaction->commit();
                },
                [&ok, &failed](const Status &status) { ++(status ? ok : failed); });
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(ok + failed, 2 * kKeys, 60000);
    QCOMPARE(failed, 0);
    auto db = m_database->connection();
    QVERIFY(db);
    auto rows
        = runSql(db.value(), QStringLiteral("SELECT count(*), count(DISTINCT k), count(DISTINCT writer) FROM probe"));
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->value(0).toInt(), kKeys);
    QCOMPARE(rows->value(1).toInt(), kKeys);
    if (!m_database->isPostgres())
        QCOMPARE(rows->value(2).toInt(), 1);
    QCOMPARE(writer.stats().jobs, qint64(2 * kKeys));
}

QTEST_GUILESS_MAIN(tst_GroupCommitWriter)
#include "tst_groupcommitwriter.moc"

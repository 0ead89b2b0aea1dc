#include "StoreTestSupport.h"

#include "server/store/AuditLog.h"

#include <QMutex>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace prov;
using namespace prov::server;

class TestAuditLog : public test::StoreTest
{
    Q_OBJECT

private slots:
    void appendedRowsVerify();
    void serverConnectionCannotChangeRows();
    void editedRowIsDetected_data();
    void editedRowIsDetected();
    void deletedRowIsDetected();
    void deletedTailIsDetected();
    void concurrentAppendsKeepTheChain();

private:
    void appendRows(int count);
    void dropProtection();
};

void TestAuditLog::appendRows(int count)
{
    for (int i = 0; i < count; ++i) {
        auto ok = m_store->audit().record(QStringLiteral("cli:test"), QStringLiteral("test.action"),
            QStringLiteral("subject %1").arg(i), QStringLiteral("detail \"%1\"").arg(i));
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
    }
}

void TestAuditLog::dropProtection()
{
    // What someone with direct database access would do first.
    QString error;
    if (m_store->database().isPostgres()) {
        QVERIFY2(test::execSql(*m_store, QStringLiteral("DROP TRIGGER audit_log_no_change ON audit_log"), &error),
            qPrintable(error));
    } else {
        QVERIFY2(
            test::execSql(*m_store, QStringLiteral("DROP TRIGGER audit_log_no_update"), &error), qPrintable(error));
        QVERIFY2(
            test::execSql(*m_store, QStringLiteral("DROP TRIGGER audit_log_no_delete"), &error), qPrintable(error));
    }
}

void TestAuditLog::appendedRowsVerify()
{
    appendRows(5);
    auto result = m_store->audit().verify();
    QVERIFY(result);
    QVERIFY2(result->intact, qPrintable(result->problem));
    QCOMPARE(result->rows, qint64(5));
    auto latest = m_store->audit().latest(2);
    QVERIFY(latest);
    QCOMPARE(latest->size(), 2);
    QCOMPARE(latest->at(0).seq, qint64(5));
    QCOMPARE(latest->at(0).subject, QStringLiteral("subject 4"));
}

void TestAuditLog::serverConnectionCannotChangeRows()
{
    appendRows(2);
    QString error;
    QVERIFY(!test::execSql(*m_store, QStringLiteral("UPDATE audit_log SET detail = 'x' WHERE seq = 1"), &error));
    QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
    QVERIFY(!test::execSql(*m_store, QStringLiteral("DELETE FROM audit_log WHERE seq = 2"), &error));
    QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
    auto result = m_store->audit().verify();
    QVERIFY(result && result->intact);
}

void TestAuditLog::editedRowIsDetected_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value");
    QTest::newRow("detail") << QStringLiteral("detail") << QStringLiteral("'nothing happened'");
    QTest::newRow("actor") << QStringLiteral("actor") << QStringLiteral("'cli:someone-else'");
    QTest::newRow("time") << QStringLiteral("at") << QStringLiteral("at + 1000");
}

void TestAuditLog::editedRowIsDetected()
{
    QFETCH(QString, column);
    QFETCH(QString, value);
    appendRows(5);
    dropProtection();
    QString error;
    QVERIFY2(test::execSql(
                 *m_store, QStringLiteral("UPDATE audit_log SET %1 = %2 WHERE seq = 3").arg(column, value), &error),
        qPrintable(error));
    auto result = m_store->audit().verify();
    QVERIFY(result);
    QVERIFY(!result->intact);
    QVERIFY2(result->problem.contains(QLatin1String("row 3 was edited")), qPrintable(result->problem));
}

void TestAuditLog::deletedRowIsDetected()
{
    appendRows(5);
    dropProtection();
    QString error;
    QVERIFY2(test::execSql(*m_store, QStringLiteral("DELETE FROM audit_log WHERE seq = 2"), &error), qPrintable(error));
    auto result = m_store->audit().verify();
    QVERIFY(result);
    QVERIFY(!result->intact);
    QVERIFY2(result->problem.contains(QLatin1String("row 2 is missing")), qPrintable(result->problem));

    // Renumbering the rest to hide the gap breaks the chain instead.
    QVERIFY2(test::execSql(*m_store, QStringLiteral("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2"), &error),
        qPrintable(error));
    result = m_store->audit().verify();
    QVERIFY(result && !result->intact);
    QVERIFY2(result->problem.contains(QLatin1String("does not chain")), qPrintable(result->problem));
}

void TestAuditLog::deletedTailIsDetected()
{
    appendRows(5);
    dropProtection();
    QString error;
    QVERIFY2(
        test::execSql(*m_store, QStringLiteral("DELETE FROM audit_log WHERE seq >= 4"), &error), qPrintable(error));
    auto result = m_store->audit().verify();
    QVERIFY(result && !result->intact);
    QVERIFY2(result->problem.contains(QLatin1String("rows 4 to 5 are missing")), qPrintable(result->problem));
}

void TestAuditLog::concurrentAppendsKeepTheChain()
{
    // Separate ServerStore instances stand for separate server processes.
    constexpr int kWriters = 3;
    constexpr int kRows = 15;
    std::atomic<int> failures {0};
    QMutex mutex;
    QString errors;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back(QThread::create([&, w] {
            auto store = m_scratch->open();
            if (!store) {
                ++failures;
                return;
            }
            for (int i = 0; i < kRows; ++i) {
                auto ok = store.value()->audit().record(
                    QStringLiteral("writer%1").arg(w), QStringLiteral("test"), QString::number(i));
                if (!ok) {
                    ++failures;
                    QMutexLocker lock(&mutex);
                    errors += ok.error().message + u'\n';
                }
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(120000));
    QVERIFY2(failures.load() == 0, qPrintable(errors));
    auto result = m_store->audit().verify();
    QVERIFY(result);
    QVERIFY2(result->intact, qPrintable(result->problem));
    QCOMPARE(result->rows, qint64(kWriters * kRows));
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"

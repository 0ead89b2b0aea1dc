#include "engine/KeyOutbox.h"

#include "EscrowTestData.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace prov;
using namespace prov::engine;

class tst_KeyOutbox : public QObject
{
    Q_OBJECT

private slots:
    void durableSettings()
    {
        QTemporaryDir dir;
        auto outbox = KeyOutbox::open(dir.path());
        QVERIFY(outbox.ok());
        QCOMPARE(outbox.value()->pragma(QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(outbox.value()->pragma(QStringLiteral("synchronous")), QStringLiteral("2")); // FULL
        QCOMPARE(outbox.value()->filePath(), QDir(dir.path()).filePath(QStringLiteral("outbox.sqlite")));
    }

    void putUpdateRemove()
    {
        QTemporaryDir dir;
        auto opened = KeyOutbox::open(dir.path());
        QVERIFY(opened.ok());
        KeyOutbox &outbox = *opened.value();
        EscrowRecord a = prov::test::sampleEscrowRecord(1);
        const EscrowRecord b = prov::test::sampleEscrowRecord(2);
        QVERIFY(outbox.put(a).ok());
        QVERIFY(outbox.put(b).ok());
        QVERIFY2(!outbox.put(a).ok(), "a UUID is stored once");
        QCOMPARE(outbox.count().value(), 2);

        a.stage = EscrowRecord::Stage::Verified;
        a.runLog = QStringLiteral("log");
        QVERIFY(outbox.update(a).ok());
        QVERIFY(outbox.setServerState(a.uuid, ServerState::Pending).ok());
        const auto entry = outbox.entry(a.uuid);
        QVERIFY(entry.ok() && entry.value().has_value());
        QCOMPARE(entry.value()->record.stage, EscrowRecord::Stage::Verified);
        QCOMPARE(entry.value()->record.runLog, QStringLiteral("log"));
        QCOMPARE(entry.value()->serverState, ServerState::Pending);
        QCOMPARE(entry.value()->owner, outbox.owner());

        QVERIFY(outbox.remove(a.uuid).ok());
        QCOMPARE(outbox.count().value(), 1);
        QVERIFY(!outbox.entry(a.uuid).value().has_value());
        QVERIFY(!outbox.setServerState(a.uuid, ServerState::Done).ok());
    }

    void survivesReopeningAndSeesOtherInstances()
    {
        QTemporaryDir dir;
        const EscrowRecord r = prov::test::sampleEscrowRecord();
        QString firstOwner;
        {
            auto first = KeyOutbox::open(dir.path());
            QVERIFY(first.ok());
            QVERIFY(first.value()->put(r).ok());
            firstOwner = first.value()->owner();
            auto second = KeyOutbox::open(dir.path());
            QVERIFY(second.ok());
            const auto entries = second.value()->entries();
            QCOMPARE(entries.value().size(), 1);
            // The first instance is alive: its Escrowed record is not from a crash.
            QVERIFY(!second.value()->ownerIsGone(entries.value().first()));
        }
        auto later = KeyOutbox::open(dir.path());
        const auto entries = later.value()->entries();
        QCOMPARE(entries.value().size(), 1);
        QCOMPARE(entries.value().first().record.uuid, r.uuid);
        QCOMPARE(entries.value().first().owner, firstOwner);
        QVERIFY(later.value()->ownerIsGone(entries.value().first()));
    }

    void aKilledOwnerIsGone()
    {
        // A lock file left by a process that no longer exists (what kill -9 leaves).
        QTemporaryDir dir;
        auto outbox = KeyOutbox::open(dir.path());
        QProcess child;
        child.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(child.waitForStarted());
        const qint64 pid = child.processId();
        const QString lockPath = QDir(dir.path()).filePath(QStringLiteral("outbox-owners/dead.lock"));
        QFile lock(lockPath);
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(pid) + "\nsleep\n" + QSysInfo::machineHostName().toUtf8() + '\n');
        lock.close();
        OutboxEntry e;
        e.owner = QStringLiteral("dead");
        QVERIFY(!outbox.value()->ownerIsGone(e));
        child.kill();
        child.waitForFinished();
        QVERIFY(outbox.value()->ownerIsGone(e));
        QVERIFY(!QFile::exists(lockPath));
    }

    void storesTheRecordAsJsonInOneRow()
    {
        // Other tools (the GUI's outbox view, support) read the file directly.
        QTemporaryDir dir;
        auto outbox = KeyOutbox::open(dir.path());
        EscrowRecord r = prov::test::sampleEscrowRecord();
        r.nodeRootKey = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        QVERIFY(outbox.value()->put(r).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(outbox.value()->filePath());
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT record FROM outbox")) && q.next());
            QVERIFY(q.value(0).toString().contains(QString::fromLatin1(r.nodeRootKey.toBase64())));
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }

    void usableFromSeveralThreads()
    {
        QTemporaryDir dir;
        auto opened = KeyOutbox::open(dir.path());
        KeyOutbox *outbox = opened.value().get();
        QList<QThread *> threads;
        QAtomicInt failures;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([outbox, t, &failures] {
                for (int i = 0; i < 10; ++i) {
                    if (!outbox->put(prov::test::sampleEscrowRecord(quint32(t * 100 + i))).ok())
                        failures.fetchAndAddRelaxed(1);
                }
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(30000));
            delete t;
        }
        QCOMPARE(failures.loadRelaxed(), 0);
        QCOMPARE(outbox->count().value(), 40);
    }

    void aRefusedWriteIsKeptInMemory()
    {
        // A full disk must not lose what the station decided about a record:
        // this process still reads it back as it was meant, and the error is told.
        QTemporaryDir dir;
        auto opened = KeyOutbox::open(dir.path());
        QVERIFY(opened.ok());
        KeyOutbox &outbox = *opened.value();
        EscrowRecord a = prov::test::sampleEscrowRecord(1);
        const EscrowRecord b = prov::test::sampleEscrowRecord(2);
        QVERIFY(outbox.put(a).ok());
        QVERIFY(outbox.put(b).ok());

        outbox.failWritesForTest({QStringLiteral("SET stage"), QStringLiteral("SET server_state"),
            QStringLiteral("DELETE"), QStringLiteral("INSERT")});
        const Status refusedPut = outbox.put(prov::test::sampleEscrowRecord(3));
        QVERIFY(!refusedPut.ok());
        QCOMPARE(int(refusedPut.error().code), 14);
        a.stage = EscrowRecord::Stage::Failed;
        a.runLog = QStringLiteral("the run failed\n");
        const Status refused = outbox.update(a);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().toString().contains(outbox.filePath()), qPrintable(refused.error().toString()));
        QVERIFY(!outbox.setServerState(a.uuid, ServerState::Failed).ok());
        QVERIFY(!outbox.remove(b.uuid).ok());

        auto held = outbox.entries();
        QVERIFY(held.ok());
        QCOMPARE(held->size(), 1); // b is forgotten, the refused put was never stored
        QCOMPARE(held->first().record.uuid, a.uuid);
        QCOMPARE(held->first().record.stage, EscrowRecord::Stage::Failed);
        QCOMPARE(held->first().record.runLog, a.runLog);
        QCOMPARE(held->first().serverState, ServerState::Failed);
        QCOMPARE(outbox.count().value(), 1);

        // Another process reads only the file: the writes never reached it.
        auto other = KeyOutbox::open(dir.path());
        QVERIFY(other.ok());
        QCOMPARE(other.value()->count().value(), 2);
        QCOMPARE(other.value()->entry(a.uuid).value()->record.stage, EscrowRecord::Stage::Escrowed);

        // Once the disk takes writes again, the removal clears the memory too.
        outbox.failWritesForTest({});
        QVERIFY(outbox.remove(a.uuid).ok());
        QCOMPARE(outbox.count().value(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_KeyOutbox)
#include "tst_keyoutbox.moc"

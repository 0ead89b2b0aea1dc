#include "engine/KeyOutbox.h"

#include "EscrowTestData.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
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
        OutboxEntry a = prov::test::sampleOutboxEntry(1);
        const OutboxEntry b = prov::test::sampleOutboxEntry(2);
        QVERIFY(outbox.put(a).ok());
        QVERIFY(outbox.put(b).ok());
        QVERIFY2(!outbox.put(a).ok(), "a UUID is stored once");
        QCOMPARE(outbox.count().value(), 2);

        a.stage = EscrowStage::Verified;
        a.record.runLog = QStringLiteral("log");
        QVERIFY(outbox.update(a).ok());
        QVERIFY(outbox.setServerState(a.record.uuid, ServerState::Pending).ok());
        const auto entry = outbox.entry(a.record.uuid);
        QVERIFY(entry.ok() && entry.value().has_value());
        QCOMPARE(entry.value()->stage, EscrowStage::Verified);
        QCOMPARE(entry.value()->record.runLog, QStringLiteral("log"));
        QCOMPARE(entry.value()->serverState, ServerState::Pending);
        QCOMPARE(entry.value()->owner, outbox.owner());

        QVERIFY(outbox.remove(a.record.uuid).ok());
        QCOMPARE(outbox.count().value(), 1);
        QVERIFY(!outbox.entry(a.record.uuid).value().has_value());
        QVERIFY(!outbox.setServerState(a.record.uuid, ServerState::Done).ok());
    }

    void survivesReopeningAndSeesOtherInstances()
    {
        QTemporaryDir dir;
        const OutboxEntry r = prov::test::sampleOutboxEntry();
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
        QCOMPARE(entries.value().first().record.uuid, r.record.uuid);
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

    void aRowOfTheFieldStillReadsAndIsWrittenTheSame()
    {
        QTemporaryDir dir;
        const OutboxEntry fixed = prov::test::fixedOutboxEntry();
        {
            auto outbox = KeyOutbox::open(dir.path());
            QVERIFY(outbox.ok());
            QVERIFY(outbox.value()->put(fixed).ok());
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("field-row"));
        db.setDatabaseName(QDir(dir.path()).filePath(QLatin1String(KeyOutbox::kFileName)));
        QVERIFY(db.open());
        {
            // Written byte for byte as the field's rows are...
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT record, stage FROM outbox")) && q.next());
            QCOMPARE(q.value(0).toString().toUtf8(), prov::test::kFixedOutboxRow);
            QCOMPARE(q.value(1).toString(), QStringLiteral("verified"));
            // ...and a field row (another record's UUID) reads back whole.
            QSqlQuery insert(db);
            QVERIFY(insert.prepare(QStringLiteral("INSERT INTO outbox (uuid, node_id, created_at, stage, server_state, "
                                                  "owner, record) VALUES (?, ?, ?, ?, ?, ?, ?)")));
            const QString uuid = QStringLiteral("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
            for (const QVariant &v : QVariantList {uuid, 0x1A2B3C4D, 1, QStringLiteral("verified"),
                     QStringLiteral("pending"), QStringLiteral("gone"),
                     QString::fromUtf8(prov::test::kFixedOutboxRow)
                         .replace(fixed.record.uuid.toString(QUuid::WithoutBraces), uuid)})
                insert.addBindValue(v);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("field-row"));
        auto outbox = KeyOutbox::open(dir.path());
        QVERIFY(outbox.ok());
        const auto read
            = outbox.value()->entry(QUuid::fromString(QStringLiteral("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")));
        QVERIFY(read.ok() && read.value().has_value());
        const OutboxEntry &e = *read.value();
        QCOMPARE(e.stage, EscrowStage::Verified);
        QCOMPARE(e.serverState, ServerState::Pending);
        QCOMPARE(e.run, fixed.run);
        QCOMPARE(e.record.nodeId, fixed.record.nodeId);
        QCOMPARE(e.record.configId, fixed.record.configId);
        QCOMPARE(e.record.revision, fixed.record.revision);
        QCOMPARE(e.record.batch, fixed.record.batch);
        QCOMPARE(e.record.station, fixed.record.station);
        QCOMPARE(e.record.nodeType, fixed.record.nodeType);
        QCOMPARE(e.record.nodeVersion, fixed.record.nodeVersion);
        QCOMPARE(e.record.provisionedAt, fixed.record.provisionedAt);
        QCOMPARE(e.record.nodeRootKey, fixed.record.nodeRootKey);
        QCOMPARE(e.record.kmsFingerprint, fixed.record.kmsFingerprint);
        QCOMPARE(e.record.apps, fixed.record.apps);
        QCOMPARE(e.record.verification, fixed.record.verification);
        QCOMPARE(e.record.runLog, fixed.record.runLog);
    }

    void storesTheRecordAsJsonInOneRow()
    {
        // Other tools (the GUI's outbox view, support) read the file directly.
        QTemporaryDir dir;
        auto outbox = KeyOutbox::open(dir.path());
        OutboxEntry r = prov::test::sampleOutboxEntry();
        r.record.nodeRootKey = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        QVERIFY(outbox.value()->put(r).ok());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(outbox.value()->filePath());
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT record FROM outbox")) && q.next());
            QVERIFY(q.value(0).toString().contains(QString::fromLatin1(r.record.nodeRootKey.toBase64())));
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
                    if (!outbox->put(prov::test::sampleOutboxEntry(quint32(t * 100 + i))).ok())
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
        OutboxEntry a = prov::test::sampleOutboxEntry(1);
        const OutboxEntry b = prov::test::sampleOutboxEntry(2);
        QVERIFY(outbox.put(a).ok());
        QVERIFY(outbox.put(b).ok());

        outbox.failWritesForTest({QStringLiteral("SET stage"), QStringLiteral("SET server_state"),
            QStringLiteral("DELETE"), QStringLiteral("INSERT")});
        const Status refusedPut = outbox.put(prov::test::sampleOutboxEntry(3));
        QVERIFY(!refusedPut.ok());
        QCOMPARE(int(refusedPut.error().code), 14);
        a.stage = EscrowStage::Failed;
        a.record.runLog = QStringLiteral("the run failed\n");
        const Status refused = outbox.update(a);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().toString().contains(outbox.filePath()), qPrintable(refused.error().toString()));
        QVERIFY(!outbox.setServerState(a.record.uuid, ServerState::Failed).ok());
        QVERIFY(!outbox.remove(b.record.uuid).ok());

        auto held = outbox.entries();
        QVERIFY(held.ok());
        QCOMPARE(held->size(), 1); // b is forgotten, the refused put was never stored
        QCOMPARE(held->first().record.uuid, a.record.uuid);
        QCOMPARE(held->first().stage, EscrowStage::Failed);
        QCOMPARE(held->first().record.runLog, a.record.runLog);
        QCOMPARE(held->first().serverState, ServerState::Failed);
        QCOMPARE(outbox.count().value(), 1);

        // Another process reads only the file: the writes never reached it.
        auto other = KeyOutbox::open(dir.path());
        QVERIFY(other.ok());
        QCOMPARE(other.value()->count().value(), 2);
        QCOMPARE(other.value()->entry(a.record.uuid).value()->stage, EscrowStage::Escrowed);

        // Once the disk takes writes again, the removal clears the memory too.
        outbox.failWritesForTest({});
        QVERIFY(outbox.remove(a.record.uuid).ok());
        QCOMPARE(outbox.count().value(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_KeyOutbox)
#include "tst_keyoutbox.moc"

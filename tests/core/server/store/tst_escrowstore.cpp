#include "StoreTestSupport.h"
#include "TestPackages.h"

#include "server/store/EscrowStore.h"

#include <QMutex>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <memory>

using namespace prov;
using namespace prov::server;

class TestEscrowStore : public test::StoreTest
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void uploadIsIdempotentByUuid();
    void sameUuidWithOtherContentConflicts();
    void pendingBecomesDone();
    void invalidResultsAreRefused_data();
    void invalidResultsAreRefused();
    void laterArrivalSupersedesWhateverTheClocks();
    void failedRunIsIncompleteAndClosed();
    void onlyItsOwnStationClosesARecord();
    void incompleteListsNodesNeverVerified();
    void longRunLogIsTruncatedNotRefused();
    void jsonRoundTrips();
    void concurrentRetriesStoreOnce();

private:
    [[nodiscard]] EscrowRecord makeRecord(quint32 node, qint64 secondsAfter = 0) const;

    crypto::RsaPrivateKey m_kms;
};

void TestEscrowStore::initTestCase()
{
    m_kms = test::makeKmsKey();
    QVERIFY(!m_kms.publicKey().isNull());
}

void TestEscrowStore::init()
{
    if (!openStore())
        return;
    test::PackageSpec spec;
    spec.apps = QStringList {QStringLiteral("emcm"), QStringLiteral("meter")};
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto imported = m_store->packages().import(
        test::makeVerifiedPackage(spec, m_kms.publicKey(), m_scratch->scratchDir() + QStringLiteral("/q")), options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
}

EscrowRecord TestEscrowStore::makeRecord(quint32 node, qint64 secondsAfter) const
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
    record.provisionedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 58, 1), Qt::UTC).addSecs(secondsAfter);
    record.state = EscrowState::Done;
    auto blob = m_kms.publicKey().encryptOaep(crypto::SecretBytes(16));
    record.nodeRootKey = *blob;
    record.kmsFingerprint = m_kms.publicKey().fingerprint();
    record.apps = {{QStringLiteral("emcm"), QStringLiteral("0a1b2c3d"), QStringLiteral("00ff"), QString()}};
    record.verification = QJsonObject {{QStringLiteral("method"), QStringLiteral("cmac")}};
    record.runLog = QStringLiteral("all good\n");
    return record;
}

void TestEscrowStore::uploadIsIdempotentByUuid()
{
    const EscrowRecord record = makeRecord(0x0001A2B3);
    auto first = m_store->escrow().upload(record, QStringLiteral("station:line1-st3"));
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(!first->duplicate);
    QVERIFY(first->id > 0);
    QCOMPARE(first->state, EscrowState::Done);
    const QByteArray after = test::dumpStore(*m_store);
    auto second = m_store->escrow().upload(record, QStringLiteral("station:line1-st3"));
    QVERIFY(second);
    QVERIFY(second->duplicate);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->state, first->state);
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), after);
    auto stored = m_store->escrow().record(record.uuid);
    QVERIFY(stored);
    QCOMPARE(stored->apps.at(0).id, QStringLiteral("0A1B2C3D")); // upper-case hex
    QCOMPARE(stored->nodeRootKey, record.nodeRootKey);
}

void TestEscrowStore::sameUuidWithOtherContentConflicts()
{
    EscrowRecord record = makeRecord(0x0001A2B3);
    QVERIFY(m_store->escrow().upload(record, QStringLiteral("station:a")));
    const QByteArray before = test::dumpStore(*m_store);
    record.nodeId = NodeId(0x0001A2B4);
    auto conflict = m_store->escrow().upload(record, QStringLiteral("station:a"));
    QVERIFY(!conflict);
    QCOMPARE(conflict.error().context, QStringLiteral("escrow.conflict"));
    QVERIFY2(conflict.error().message.contains(record.uuid.toString(QUuid::WithoutBraces)),
        qPrintable(conflict.error().message));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
}

void TestEscrowStore::pendingBecomesDone()
{
    EscrowRecord record = makeRecord(0x10);
    record.state = EscrowState::Pending;
    auto pending = m_store->escrow().upload(record, QStringLiteral("station:a"));
    QVERIFY(pending);
    QCOMPARE(pending->state, EscrowState::Pending);
    auto confirmed = m_store->escrow().confirm(record.uuid, QJsonObject {{QStringLiteral("ok"), true}});
    QVERIFY2(confirmed, qPrintable(confirmed ? QString() : confirmed.error().message));
    QVERIFY(confirmed->confirmed);
    QCOMPARE(confirmed->state, EscrowState::Done);
    auto again = m_store->escrow().confirm(record.uuid, {});
    QVERIFY(again);
    QVERIFY(again->duplicate);
    QVERIFY(!again->confirmed);
    QVERIFY(!m_store->escrow().confirm(QUuid::createUuid(), {}));

    // A re-upload of the same record as done also confirms it.
    EscrowRecord other = makeRecord(0x11);
    other.state = EscrowState::Pending;
    QVERIFY(m_store->escrow().upload(other, QStringLiteral("station:a")));
    other.state = EscrowState::Done;
    other.runLog = QStringLiteral("verified\n");
    auto viaUpload = m_store->escrow().upload(other, QStringLiteral("station:a"));
    QVERIFY(viaUpload);
    QVERIFY(viaUpload->confirmed);
    QCOMPARE(m_store->escrow().record(other.uuid)->state, EscrowState::Done);
    QCOMPARE(m_store->escrow().record(other.uuid)->runLog, QStringLiteral("verified\n"));
}

void TestEscrowStore::invalidResultsAreRefused_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown revision") << QStringLiteral("revision") << QStringLiteral("has no revision 7");
    QTest::newRow("unknown config") << QStringLiteral("config") << QStringLiteral("0x0000000000000099 has no revision");
    QTest::newRow("other KMS key") << QStringLiteral("kms") << QStringLiteral("encrypted under KMS key");
    QTest::newRow("short blob") << QStringLiteral("blob") << QStringLiteral("is 16 bytes, not the 256");
    QTest::newRow("no key") << QStringLiteral("key") << QStringLiteral("has no nodeRootKey");
    QTest::newRow("node type") << QStringLiteral("type") << QStringLiteral("is reported as ENODE");
    QTest::newRow("unknown app") << QStringLiteral("app") << QStringLiteral("has no app 'radio'");
    QTest::newRow("bad hex") << QStringLiteral("hex") << QStringLiteral("not hex bytes");
    QTest::newRow("control character") << QStringLiteral("station") << QStringLiteral("control characters");
    QTest::newRow("no uuid") << QStringLiteral("uuid") << QStringLiteral("no UUID");
}

void TestEscrowStore::invalidResultsAreRefused()
{
    QFETCH(QString, change);
    QFETCH(QString, message);
    EscrowRecord record = makeRecord(0x20);
    if (change == u"revision")
        record.revision = 7;
    else if (change == u"config")
        record.configId = ConfigId(0x99);
    else if (change == u"kms")
        record.kmsFingerprint = QStringLiteral("sha256:") + QString(64, u'0');
    else if (change == u"blob")
        record.nodeRootKey = QByteArray(16, 'x');
    else if (change == u"key")
        record.nodeRootKey.clear();
    else if (change == u"type")
        record.nodeType = QStringLiteral("ENODE");
    else if (change == u"app")
        record.apps.append({QStringLiteral("radio"), {}, {}, {}});
    else if (change == u"hex")
        record.apps[0].key = QStringLiteral("xyz");
    else if (change == u"station")
        record.station = QStringLiteral("line\x01");
    else if (change == u"uuid")
        record.uuid = QUuid();
    const QByteArray before = test::dumpStore(*m_store);
    auto refused = m_store->escrow().upload(record, QStringLiteral("station:a"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(message), qPrintable(refused.error().message));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
}

void TestEscrowStore::laterArrivalSupersedesWhateverTheClocks()
{
    // A station a day fast provisions the node first; a station an hour slow
    // provisions it again later. The device holds the second key.
    const EscrowRecord first = makeRecord(0x30, 86400);
    const EscrowRecord second = makeRecord(0x30, -3600);
    auto early = m_store->escrow().upload(first, QStringLiteral("station:a"));
    QVERIFY(early);
    QVERIFY(!early->superseded);
    auto late = m_store->escrow().upload(second, QStringLiteral("station:b"));
    QVERIFY(late);
    QVERIFY(!late->superseded);
    QVERIFY(late->id > early->id); // the server's sequence
    // A repetition of the first upload is answered as superseded now.
    auto repeated = m_store->escrow().upload(first, QStringLiteral("station:a"));
    QVERIFY(repeated);
    QVERIFY(repeated->duplicate);
    QVERIFY(repeated->superseded);
    auto history = m_store->escrow().history(NodeId(0x30));
    QVERIFY(history);
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->at(0).uuid, second.uuid);
    QCOMPARE(history->at(1).uuid, first.uuid);
    // provisionedAt stays what the station said.
    QCOMPARE(history->at(0).provisionedAt, second.provisionedAt);
}

void TestEscrowStore::failedRunIsIncompleteAndClosed()
{
    QVERIFY(m_store->escrow().upload(makeRecord(0x50), QStringLiteral("station:a"))); // done
    EscrowRecord again = makeRecord(0x50, 60);
    again.state = EscrowState::Pending;
    QVERIFY(m_store->escrow().upload(again, QStringLiteral("station:a")));
    // The station sends the same record as failed: its run failed after the key was written.
    EscrowRecord failed = again;
    failed.state = EscrowState::Failed;
    failed.runLog = QStringLiteral("CheckMeterLink failed\n");
    auto receipt = m_store->escrow().upload(failed, QStringLiteral("station:a"));
    QVERIFY2(receipt, qPrintable(receipt ? QString() : receipt.error().message));
    QCOMPARE(receipt->state, EscrowState::Failed);
    QCOMPARE(m_store->escrow().record(again.uuid)->runLog, QStringLiteral("CheckMeterLink failed\n"));
    auto incomplete = m_store->escrow().incomplete();
    QVERIFY(incomplete);
    QCOMPARE(incomplete->size(), 1);
    QCOMPARE(incomplete->at(0).uuid, again.uuid);
    QCOMPARE(incomplete->at(0).state, EscrowState::Failed);
    // Failed is final: it never becomes done.
    const QByteArray before = test::dumpStore(*m_store);
    auto done = m_store->escrow().confirm(again.uuid, {}, QStringLiteral("line1-st3"));
    QVERIFY(!done);
    QCOMPARE(done.error().context, QStringLiteral("escrow.closed"));
    QVERIFY2(done.error().message.contains(QStringLiteral("already failed")), qPrintable(done.error().message));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
}

void TestEscrowStore::onlyItsOwnStationClosesARecord()
{
    EscrowRecord pending = makeRecord(0x51);
    pending.state = EscrowState::Pending;
    QVERIFY(m_store->escrow().upload(pending, QStringLiteral("station:line1-st3")));
    const QByteArray before = test::dumpStore(*m_store);
    auto foreign = m_store->escrow().confirm(pending.uuid, {}, QStringLiteral("line2-st1"));
    QVERIFY(!foreign);
    QCOMPARE(foreign.error().context, QStringLiteral("escrow.not_owner"));
    QVERIFY(foreign.error().message.contains(QStringLiteral("line1-st3")));
    QVERIFY(foreign.error().message.contains(QStringLiteral("line2-st1")));
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), before);
    auto own = m_store->escrow().confirm(pending.uuid, {}, QStringLiteral("line1-st3"));
    QVERIFY(own);
    QCOMPARE(own->state, EscrowState::Done);
    // An admin (no station) may close any pending record, e.g. as failed.
    EscrowRecord other = makeRecord(0x52);
    other.state = EscrowState::Pending;
    QVERIFY(m_store->escrow().upload(other, QStringLiteral("station:line1-st3")));
    auto admin = m_store->escrow().confirm(other.uuid, {}, std::nullopt, EscrowState::Failed);
    QVERIFY(admin);
    QCOMPARE(admin->state, EscrowState::Failed);
}

void TestEscrowStore::incompleteListsNodesNeverVerified()
{
    EscrowRecord pending = makeRecord(0x40);
    pending.state = EscrowState::Pending;
    QVERIFY(m_store->escrow().upload(pending, QStringLiteral("station:a")));
    EscrowRecord fixedLater = makeRecord(0x41);
    fixedLater.state = EscrowState::Pending;
    QVERIFY(m_store->escrow().upload(fixedLater, QStringLiteral("station:a")));
    QVERIFY(m_store->escrow().upload(makeRecord(0x41, 60), QStringLiteral("station:a"))); // re-provisioned, done
    QVERIFY(m_store->escrow().upload(makeRecord(0x42), QStringLiteral("station:a")));
    auto incomplete = m_store->escrow().incomplete();
    QVERIFY(incomplete);
    QCOMPARE(incomplete->size(), 1);
    QCOMPARE(incomplete->at(0).nodeId, NodeId(0x40));
    QCOMPARE(incomplete->at(0).state, EscrowState::Pending);
    QCOMPARE(m_store->escrow().incomplete(ConfigId(0x46))->size(), 0);
}

void TestEscrowStore::longRunLogIsTruncatedNotRefused()
{
    EscrowRecord record = makeRecord(0x50);
    record.runLog = QString(100 * 1024, u'a') + QStringLiteral("the end");
    auto stored = m_store->escrow().upload(record, QStringLiteral("station:a"));
    QVERIFY(stored);
    const QString log = m_store->escrow().record(record.uuid)->runLog;
    QVERIFY(log.toUtf8().size() <= kMaxRunLogBytes);
    QVERIFY(log.startsWith(QLatin1String("[run log truncated")));
    QVERIFY(log.endsWith(QLatin1String("the end")));
}

void TestEscrowStore::jsonRoundTrips()
{
    const EscrowRecord record = makeRecord(0x0001A2B3);
    auto parsed = EscrowRecord::fromJson(record.toJson());
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(EscrowStore::contentHash(parsed.value()), EscrowStore::contentHash(record));
    QCOMPARE(parsed->toJson(), record.toJson());
    QJsonObject broken = record.toJson();
    broken.insert(QStringLiteral("nodeId"), QStringLiteral("0xZZ"));
    QVERIFY(!EscrowRecord::fromJson(broken));
    broken = record.toJson();
    broken.insert(QStringLiteral("revision"), 1.5);
    QVERIFY(!EscrowRecord::fromJson(broken));
}

void TestEscrowStore::concurrentRetriesStoreOnce()
{
    // A station retrying the same upload through several server processes.
    const EscrowRecord record = makeRecord(0x60);
    std::atomic<int> failures {0};
    QSet<qint64> ids;
    QMutex mutex;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back(QThread::create([&] {
            auto store = m_scratch->open();
            if (!store) {
                ++failures;
                return;
            }
            for (int i = 0; i < 5; ++i) {
                auto receipt = store.value()->escrow().upload(record, QStringLiteral("station:a"));
                if (!receipt) {
                    ++failures;
                    continue;
                }
                QMutexLocker lock(&mutex);
                ids.insert(receipt->id);
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(failures.load(), 0);
    QCOMPARE(ids.size(), 1);
    QCOMPARE(m_store->escrow().history(NodeId(0x60))->size(), 1);
}

QTEST_GUILESS_MAIN(TestEscrowStore)
#include "tst_escrowstore.moc"

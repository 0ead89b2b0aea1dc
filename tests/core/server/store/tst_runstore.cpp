#include "StoreTestSupport.h"
#include "TestPackages.h"

#include "server/store/Database.h"
#include "server/store/RunStore.h"
#include "server/store/SqlSupport.h"

#include <QJsonArray>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::server;

/// Run records on both engines: every run stored once by its UUID, a device's
/// history found by any of its identities with every attempt in order, its
/// key records' states without key material, and a rejection audited.
class TestRunStore : public test::StoreTest
{
    Q_OBJECT

private slots:
    void initTestCase();

    void sameUuidStoresOnce();
    void whatTheDeviceReportedIsStored();
    void historyFindsTheDeviceByAnyIdentity_data();
    void historyFindsTheDeviceByAnyIdentity();
    void retriesAreListedInOrder();
    void historyShowsKeyStatesWithoutKeyMaterial();
    void rejectionIsStoredOnceAndAudited();
    void onlyItsOwnStationRejectsARun();
    void longLogIsCut();
    void unknownDeviceHasNoHistory();

private:
    [[nodiscard]] RunRecord makeRun(int result = 0, int attempt = 1, qint64 startedAt = 1800000000000) const;

    crypto::RsaPrivateKey m_kms;
};

void TestRunStore::initTestCase()
{
    m_kms = test::makeKmsKey();
    QVERIFY(!m_kms.publicKey().isNull());
}

RunRecord TestRunStore::makeRun(int result, int attempt, qint64 startedAt) const
{
    RunRecord run;
    run.uuid = QUuid::createUuid();
    run.station = QStringLiteral("line1-st3");
    run.slot = QStringLiteral("A3");
    run.port = QStringLiteral("/dev/ttyUSB3");
    run.operatorName = QStringLiteral("ana");
    run.meter = QStringLiteral("i210plus");
    run.operation = QStringLiteral("PROVISION");
    run.configId = QStringLiteral("0x0000000000000045");
    run.revision = 1;
    run.batch = 1000;
    run.nodeId = QStringLiteral("0x0001A2B3");
    run.emcmId = QStringLiteral("0011223344556677AABBCCDD");
    run.meterSerial = QStringLiteral("M-778899");
    run.labels = QJsonObject {{QStringLiteral("boxLabel"), QStringLiteral("BOX-42")}};
    run.result = result;
    run.failedStep = result == 0 ? QString() : QStringLiteral("WaitForJoin");
    run.attempt = attempt;
    run.startedAtMs = startedAt;
    run.finishedAtMs = startedAt + 61500;
    run.durationMs = 61500;
    run.steps = QJsonArray {QJsonObject {{QStringLiteral("step"), QStringLiteral("Identify")},
        {QStringLiteral("ms"), 1200}, {QStringLiteral("result"), 0}}};
    run.runLog = QStringLiteral("step 1/1 Identify\nresult %1\n").arg(result);
    return run;
}

void TestRunStore::sameUuidStoresOnce()
{
    const RunRecord run = makeRun();
    auto first = m_store->runs().store(run);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(!first->duplicate);
    QCOMPARE(first->device, QStringLiteral("0x0001A2B3"));
    const QByteArray after = test::dumpStore(*m_store);
    RunRecord replay = run;
    replay.result = 164; // a replay never changes what was stored first
    auto second = m_store->runs().store(replay);
    QVERIFY(second);
    QVERIFY(second->duplicate);
    QCOMPARE(second->id, first->id);
    PROV_COMPARE_DUMP(test::dumpStore(*m_store), after);
    auto history = m_store->runs().history(QStringLiteral("0x0001A2B3"));
    QVERIFY(history);
    QCOMPARE(history->runs.size(), 1);
    QCOMPARE(history->runs.first().result, 0);
}

void TestRunStore::whatTheDeviceReportedIsStored()
{
    RunRecord reported = makeRun(72);
    reported.nodeFirmware = QStringLiteral("1.0.0.0");
    reported.hostFirmware = QStringLiteral("1.0.0.3");
    reported.nodeType = QStringLiteral("UNODE");
    reported.hostType = QStringLiteral("EMCM");
    QVERIFY(m_store->runs().store(reported));
    // A run from an older station tells nothing about the device.
    QVERIFY(m_store->runs().store(makeRun(0, 1, 1800000100000)));
    auto db = m_store->database().connection();
    QVERIFY(db);
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT result, node_firmware, host_firmware, node_type, host_type FROM runs ORDER BY id"));
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
    QStringList stored;
    while (rows->next()) {
        QStringList columns;
        for (int i = 0; i < 5; ++i)
            columns << rows->value(i).toString();
        stored << columns.join(u'|');
    }
    QCOMPARE(stored, (QStringList {QStringLiteral("72|1.0.0.0|1.0.0.3|UNODE|EMCM"), QStringLiteral("0||||")}));
    // The device's history says, run by run, which firmware it was found with.
    auto history = m_store->runs().history(QStringLiteral("0x0001A2B3"));
    QVERIFY(history);
    const QJsonArray runs = history->toJson().value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).toObject().value(QStringLiteral("nodeFirmware")).toString(), QStringLiteral("1.0.0.0"));
    QCOMPARE(runs.at(0).toObject().value(QStringLiteral("hostFirmware")).toString(), QStringLiteral("1.0.0.3"));
    QCOMPARE(runs.at(1).toObject().value(QStringLiteral("nodeFirmware")).toString(), QString());
    QCOMPARE(runs.at(1).toObject().value(QStringLiteral("hostFirmware")).toString(), QString());
}

void TestRunStore::historyFindsTheDeviceByAnyIdentity_data()
{
    QTest::addColumn<QString>("identity");
    QTest::newRow("node ID") << QStringLiteral("0x0001A2B3");
    QTest::newRow("node ID, other spelling") << QStringLiteral("0x0001a2b3");
    QTest::newRow("eMCM ID") << QStringLiteral("0011223344556677aabbccdd");
    QTest::newRow("eMCM tail") << QStringLiteral("aabbccdd");
    QTest::newRow("meter serial") << QStringLiteral("M-778899");
    QTest::newRow("scanned label") << QStringLiteral("BOX-42");
}

void TestRunStore::historyFindsTheDeviceByAnyIdentity()
{
    QFETCH(QString, identity);
    // A PRETEST that failed before the node ID was read: grouped by its eMCM ID.
    RunRecord pretest = makeRun(164, 1, 1800000000000);
    pretest.operation = QStringLiteral("PRETEST");
    pretest.nodeId.clear();
    QVERIFY(m_store->runs().store(pretest));
    QVERIFY(m_store->runs().store(makeRun(0, 1, 1800000100000)));
    RunRecord other = makeRun(0, 1, 1800000200000);
    other.nodeId = QStringLiteral("0x0001A2B4");
    other.emcmId = QStringLiteral("0011223344556677AABBCCDE");
    other.meterSerial = QStringLiteral("M-778800");
    other.labels = QJsonObject {{QStringLiteral("boxLabel"), QStringLiteral("BOX-43")}};
    QVERIFY(m_store->runs().store(other));

    auto history = m_store->runs().history(identity);
    QVERIFY2(history, qPrintable(history ? QString() : history.error().message));
    QCOMPARE(history->nodeId, QStringLiteral("0x0001A2B3"));
    QCOMPARE(history->emcmId, QStringLiteral("0011223344556677AABBCCDD"));
    QCOMPARE(history->meterSerial, QStringLiteral("M-778899"));
    QVERIFY(!history->runs.isEmpty());
    for (const RunSummary &run : std::as_const(history->runs))
        QVERIFY(run.startedAtMs != 1800000200000); // never the other device's run
    const QJsonObject json = history->toJson();
    const QJsonObject first = json.value(QStringLiteral("runs")).toArray().last().toObject();
    for (const char *key : {"uuid", "operation", "result", "station", "slot", "operator", "batch", "startedAt",
             "seconds", "attempt", "failedStep"})
        QVERIFY2(first.contains(QLatin1String(key)), key);
    QCOMPARE(first.value(QStringLiteral("seconds")).toDouble(), 61.5);
    QCOMPARE(first.value(QStringLiteral("operator")).toString(), QStringLiteral("ana"));
}

void TestRunStore::retriesAreListedInOrder()
{
    // A script retries with a new CLI process: every run says attempt 1, the
    // server numbers them. Station faults in between are not attempts.
    const RunRecord first = makeRun(134, 1, 1800000000000);
    const RunRecord second = makeRun(164, 1, 1800000090000);
    const RunRecord third = makeRun(0, 1, 1800000180000);
    RunRecord fault = makeRun(100, 1, 1800000100000);
    fault.stationFault = true;
    QVERIFY(m_store->runs().store(fault));
    // Replayed out of order: history is by start time.
    QVERIFY(m_store->runs().store(third));
    QVERIFY(m_store->runs().store(first));
    QVERIFY(m_store->runs().store(second));
    auto history = m_store->runs().history(QStringLiteral("0x0001A2B3"));
    QVERIFY(history);
    QCOMPARE(history->runs.size(), 4);
    QCOMPARE(history->runs.at(0).uuid, first.uuid);
    QCOMPARE(history->runs.at(1).uuid, second.uuid);
    QCOMPARE(history->runs.at(2).uuid, fault.uuid);
    QCOMPARE(history->runs.at(3).uuid, third.uuid);
    QCOMPARE(history->runs.at(0).attempt, 1);
    QCOMPARE(history->runs.at(1).attempt, 2);
    QCOMPARE(history->runs.at(3).attempt, 3);
    QCOMPARE(history->runs.at(0).failedStep, QStringLiteral("WaitForJoin"));
    // A station fault is told apart from the device's own failures; no unit was rejected.
    const QJsonArray json = history->toJson().value(QStringLiteral("runs")).toArray();
    QCOMPARE(json.at(2).toObject().value(QStringLiteral("stationFault")), QJsonValue(true));
    QCOMPARE(json.at(1).toObject().value(QStringLiteral("stationFault")), QJsonValue(false));
    for (const QJsonValue &run : json)
        QVERIFY(!run.toObject().contains(QStringLiteral("rejectedAt")));
}

void TestRunStore::historyShowsKeyStatesWithoutKeyMaterial()
{
    test::PackageSpec spec;
    spec.apps = QStringList {QStringLiteral("emcm")};
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto imported = m_store->packages().import(
        test::makeVerifiedPackage(spec, m_kms.publicKey(), m_scratch->scratchDir() + QStringLiteral("/q")), options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    EscrowRecord record;
    record.uuid = QUuid::createUuid();
    record.nodeId = NodeId(0x0001A2B3);
    record.configId = ConfigId(0x45);
    record.revision = 1;
    record.batch = BatchNumber(1000);
    record.station = QStringLiteral("line1-st3");
    record.nodeType = QStringLiteral("UNODE");
    record.nodeVersion = QStringLiteral("1.2.3.4");
    record.provisionedAt = QDateTime::currentDateTimeUtc();
    record.state = EscrowState::Pending;
    record.nodeRootKey = *m_kms.publicKey().encryptOaep(crypto::SecretBytes(16));
    record.kmsFingerprint = m_kms.publicKey().fingerprint();
    record.apps = {{QStringLiteral("emcm"), QStringLiteral("0a1b2c3d"), QStringLiteral("00ff"), QString()}};
    auto escrowed = m_store->escrow().upload(record, QStringLiteral("station:line1-st3"));
    QVERIFY2(escrowed, qPrintable(escrowed ? QString() : escrowed.error().message));
    RunRecord run = makeRun();
    run.escrowUuid = record.uuid.toString(QUuid::WithoutBraces);
    QVERIFY(m_store->runs().store(run));

    auto history = m_store->runs().history(QStringLiteral("aabbccdd"));
    QVERIFY(history);
    QCOMPARE(history->keys.size(), 1);
    QCOMPARE(history->keys.first().state, EscrowState::Pending);
    QCOMPARE(history->keys.first().id, escrowed->id);
    const QJsonObject key = history->toJson().value(QStringLiteral("keys")).toArray().first().toObject();
    QCOMPARE(
        key.keys(), (QStringList {QStringLiteral("sequence"), QStringLiteral("state"), QStringLiteral("station")}));
    QCOMPARE(key.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
}

void TestRunStore::rejectionIsStoredOnceAndAudited()
{
    const RunRecord run = makeRun(164);
    QVERIFY(m_store->runs().store(run));
    auto first = m_store->runs().reject(run.uuid, QStringLiteral("line1-st3"), QStringLiteral("ana"), 1800000200000);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(!first->duplicate);
    auto again = m_store->runs().reject(run.uuid, QStringLiteral("line1-st3"), QStringLiteral("bo"), 1800000300000);
    QVERIFY(again);
    QVERIFY(again->duplicate);
    auto history = m_store->runs().history(QStringLiteral("M-778899"));
    QVERIFY(history);
    QCOMPARE(history->runs.first().rejectedAtMs, 1800000200000);
    QCOMPARE(history->runs.first().rejectedBy, QStringLiteral("ana"));
    // What history --json and the History page read.
    const QJsonObject json = history->toJson().value(QStringLiteral("runs")).toArray().first().toObject();
    QCOMPARE(json.value(QStringLiteral("rejectedAt")).toString(), QStringLiteral("2027-01-15T08:03:20.000Z"));
    QCOMPARE(json.value(QStringLiteral("rejectedBy")).toString(), QStringLiteral("ana"));
    QCOMPARE(history->audit.size(), 1);
    QCOMPARE(history->audit.first().action, QStringLiteral("run.reject"));
    QCOMPARE(history->audit.first().actor, QStringLiteral("station:line1-st3"));
    auto missing = m_store->runs().reject(QUuid::createUuid(), QStringLiteral("line1-st3"), {}, 1);
    QVERIFY(!missing);
    QCOMPARE(missing.error().context, QStringLiteral("run.not_found"));
}

void TestRunStore::onlyItsOwnStationRejectsARun()
{
    const RunRecord run = makeRun(164);
    QVERIFY(m_store->runs().store(run));
    auto refused = m_store->runs().reject(run.uuid, QStringLiteral("line2-st1"), QStringLiteral("eve"), 1);
    QVERIFY(!refused);
    QCOMPARE(refused.error().context, QStringLiteral("run.not_owner"));
    auto history = m_store->runs().history(QStringLiteral("0x0001A2B3"));
    QVERIFY(history);
    QCOMPARE(history->runs.first().rejectedAtMs, 0);
}

void TestRunStore::longLogIsCut()
{
    RunRecord run = makeRun();
    run.runLog = QString(200 * 1024, u'x') + QStringLiteral("\nresult 0\n");
    QVERIFY(m_store->runs().store(run));
    auto log = m_store->runs().log(run.uuid);
    QVERIFY(log);
    QVERIFY(log->toUtf8().size() <= kMaxRunLogBytes);
    QVERIFY(log->startsWith(QStringLiteral("[run log truncated")));
    QVERIFY(log->endsWith(QStringLiteral("result 0\n")));
    QCOMPARE(m_store->runs().log(QUuid::createUuid()).error().context, QStringLiteral("run.not_found"));
}

void TestRunStore::unknownDeviceHasNoHistory()
{
    QVERIFY(m_store->runs().store(makeRun()));
    auto history = m_store->runs().history(QStringLiteral("0x00FFFFFF"));
    QVERIFY(history);
    QVERIFY(history->isEmpty());
}

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"

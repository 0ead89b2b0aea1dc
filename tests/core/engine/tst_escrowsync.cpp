// EscrowSync against a loopback server: what leaves the outbox, as what, and when.
#include "engine/EscrowSync.h"
#include "engine/ServerClient.h"

#include "EscrowTestData.h"
#include "StubStationServer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace prov::engine;

class tst_EscrowSync : public QObject
{
    Q_OBJECT

private:
    static EscrowSync::PassResult pass(EscrowSync &sync)
    {
        QSignalSpy done(&sync, &EscrowSync::passFinished);
        sync.syncNow();
        // A pass with nothing to send ends inside syncNow().
        if (done.isEmpty() && !done.wait(10000))
            return {};
        return done.first().first().value<EscrowSync::PassResult>();
    }

    /// A client of `server` and an outbox in `dir`.
    struct Replay
    {
        ServerClient client;
        std::unique_ptr<KeyOutbox> outbox;

        Replay(const prov::test::StubStationServer &server, const QString &dir)
            : client(endpointOf(server))
            , outbox(KeyOutbox::open(dir).value())
        { }

        static ServerEndpoint endpointOf(const prov::test::StubStationServer &server)
        {
            ServerEndpoint e;
            e.baseUrl = QUrl(server.baseUrl());
            return e;
        }

        OutboxEntry put(quint32 nodeId, EscrowStage stage)
        {
            OutboxEntry entry = prov::test::sampleOutboxEntry(nodeId);
            entry.stage = stage;
            if (!outbox->put(entry).ok())
                qFatal("the outbox refused a record");
            return entry;
        }
    };

private slots:
    void initTestCase() { qRegisterMetaType<EscrowSync::PassResult>(); }

    void eachRecordGoesOutAsWhatItNeeds()
    {
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        ServerEndpoint e;
        e.baseUrl = QUrl(server.baseUrl());
        ServerClient client(e);
        auto mine = KeyOutbox::open(dir.path());
        QVERIFY(mine.ok());

        OutboxEntry verified = prov::test::sampleOutboxEntry(1);
        verified.stage = EscrowStage::Verified;
        OutboxEntry unverified = prov::test::sampleOutboxEntry(2);
        unverified.stage = EscrowStage::Unverified;
        OutboxEntry failed = prov::test::sampleOutboxEntry(6); // the run failed after the keys were written
        failed.stage = EscrowStage::Failed;
        OutboxEntry running = prov::test::sampleOutboxEntry(3); // Escrowed, this process: a run in progress
        OutboxEntry crashed = prov::test::sampleOutboxEntry(4);
        {
            auto dead = KeyOutbox::open(dir.path()); // an owner that goes away
            QVERIFY(dead.value()->put(crashed).ok());
        }
        auto alive = KeyOutbox::open(dir.path()); // another live process
        const OutboxEntry otherRunning = prov::test::sampleOutboxEntry(5);
        QVERIFY(alive.value()->put(otherRunning).ok());
        for (OutboxEntry *r : {&verified, &unverified, &failed, &running})
            QVERIFY(mine.value()->put(*r).ok());

        EscrowSync sync(mine.value().get(), &client);
        const EscrowSync::PassResult result = pass(sync);
        QVERIFY(!result.error);
        QCOMPARE(result.sent, 4);
        QCOMPARE(result.waiting, 2);
        QCOMPARE(result.remaining, 2);
        QHash<QString, QString> states;
        for (const QJsonObject &post : std::as_const(server.escrowPosts))
            states.insert(
                post.value(QLatin1String("nodeId")).toString(), post.value(QLatin1String("state")).toString());
        QCOMPARE(states.value(QStringLiteral("0x00000001")), QStringLiteral("done"));
        QCOMPARE(states.value(QStringLiteral("0x00000002")), QStringLiteral("pending"));
        QCOMPARE(states.value(QStringLiteral("0x00000004")), QStringLiteral("pending")); // crashed run
        QCOMPARE(states.value(QStringLiteral("0x00000006")), QStringLiteral("failed"));
        QVERIFY(!states.contains(QStringLiteral("0x00000003")));
        QVERIFY(!states.contains(QStringLiteral("0x00000005")));
        QVERIFY(!mine.value()->entry(crashed.record.uuid).value().has_value());
        QVERIFY(mine.value()->entry(running.record.uuid).value().has_value());
    }

    void aServerThatIsDownKeepsEverything()
    {
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        server.goAway();
        ServerEndpoint e;
        e.baseUrl = QUrl(server.baseUrl());
        ServerClient client(e);
        auto outbox = KeyOutbox::open(dir.path());
        OutboxEntry r = prov::test::sampleOutboxEntry(7);
        r.stage = EscrowStage::Verified;
        QVERIFY(outbox.value()->put(r).ok());
        EscrowSync sync(outbox.value().get(), &client);
        EscrowSync::PassResult result = pass(sync);
        QVERIFY(result.error.has_value());
        QCOMPARE(result.error->code, prov::ResultCode::ServerUnreachable);
        QCOMPARE(result.remaining, 1);

        // A pending-only server state is not enough for a verified record.
        QVERIFY(server.comeBack());
        QVERIFY(outbox.value()->setServerState(r.record.uuid, ServerState::Pending).ok());
        result = pass(sync);
        QVERIFY(!result.error);
        QCOMPARE(result.remaining, 0);
        QCOMPARE(server.escrowPosts.last().value(QLatin1String("state")).toString(), QStringLiteral("done"));
    }

    void aRunTheServerRefusesStaysAndTheNextStillGoes()
    {
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        ServerEndpoint e;
        e.baseUrl = QUrl(server.baseUrl());
        ServerClient client(e);
        auto outbox = KeyOutbox::open(dir.path());
        QVERIFY(outbox.ok());
        // The refused one first in the replay's order (put first; the lower UUID on a tie).
        QUuid refused = QUuid::createUuid();
        QUuid good = QUuid::createUuid();
        if (good.toString() < refused.toString())
            std::swap(refused, good);
        server.refusedRuns.insert(refused.toString(QUuid::WithoutBraces));
        for (const QUuid &uuid : {refused, good}) {
            const QJsonObject body {{QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces)}};
            QVERIFY(outbox.value()->putRun({uuid, QString::fromLatin1(KeyOutbox::kRunKind), body}).ok());
        }
        EscrowSync sync(outbox.value().get(), &client);
        const EscrowSync::PassResult result = pass(sync);
        QVERIFY(!result.error);
        QCOMPARE(result.runsSent, 1);
        QCOMPARE(server.resultPosts.size(), 2);
        const auto left = outbox.value()->pendingRuns();
        QVERIFY(left.ok());
        QCOMPARE(left.value().size(), 1);
        QCOMPARE(left.value().first().uuid, refused);
    }

    void aKeyRecordTheServerRefusesStaysAndStopsThePass()
    {
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        Replay r(server, dir.path());
        r.put(0x11, EscrowStage::Verified);
        r.put(0x12, EscrowStage::Verified);
        server.statusOverride = 409;
        EscrowSync sync(r.outbox.get(), &r.client);
        const EscrowSync::PassResult result = pass(sync);
        QVERIFY(result.error.has_value());
        QCOMPARE(result.error->code, prov::ResultCode::ServerErrorResponse);
        QCOMPARE(result.sent, 0);
        QCOMPARE(result.remaining, 2);
        // The pass stops at the first refusal: the second record was not offered.
        QCOMPARE(server.escrowPosts.size(), 1);

        server.statusOverride = 0;
        const EscrowSync::PassResult again = pass(sync);
        QVERIFY(!again.error);
        QCOMPARE(again.sent, 2);
        QCOMPARE(again.remaining, 0);
    }

    void aRecordTheServerAlreadyCommittedIsOnlyRemoved()
    {
        // A replay that died between the server's answer and the removal: the
        // record is not sent again, only forgotten.
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        Replay r(server, dir.path());
        const OutboxEntry done = r.put(0x21, EscrowStage::Verified);
        QVERIFY(r.outbox->setServerState(done.record.uuid, ServerState::Done).ok());
        const OutboxEntry pending = r.put(0x22, EscrowStage::Unverified);
        QVERIFY(r.outbox->setServerState(pending.record.uuid, ServerState::Pending).ok());
        EscrowSync sync(r.outbox.get(), &r.client);
        const EscrowSync::PassResult result = pass(sync);
        QVERIFY(!result.error);
        QCOMPARE(result.sent, 2);
        QCOMPARE(result.remaining, 0);
        QVERIFY(server.escrowPosts.isEmpty());
    }

    void aSecondPassSendsNothingAgain()
    {
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        Replay r(server, dir.path());
        r.put(0x31, EscrowStage::Verified);
        r.put(0x32, EscrowStage::Failed);
        EscrowSync sync(r.outbox.get(), &r.client);
        QCOMPARE(pass(sync).sent, 2);
        QCOMPARE(server.escrowPosts.size(), 2);
        const EscrowSync::PassResult again = pass(sync);
        QVERIFY(!again.error);
        QCOMPARE(again.sent, 0);
        QCOMPARE(server.escrowPosts.size(), 2);
    }

    void aRemovalRefusedAfterTheCommitIsNotSentAgain()
    {
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        QUuid uuid;
        {
            Replay r(server, dir.path());
            uuid = r.put(0x41, EscrowStage::Verified).record.uuid;
            r.outbox->failWritesForTest({QStringLiteral("DELETE")});
            EscrowSync sync(r.outbox.get(), &r.client);
            // The server has it; this process forgets it in memory, the row stays (done) on disk.
            const EscrowSync::PassResult result = pass(sync);
            QVERIFY(result.error.has_value());
            QCOMPARE(result.sent, 0);
        }
        QCOMPARE(server.escrowPosts.size(), 1);
        QCOMPARE(server.escrowPosts.first().value(QLatin1String("state")).toString(), QStringLiteral("done"));

        // The next process finds the row the server has committed and only removes it.
        Replay next(server, dir.path());
        const auto left = next.outbox->entry(uuid);
        QVERIFY(left.ok() && left.value().has_value());
        QCOMPARE(left.value()->serverState, ServerState::Done);
        EscrowSync sync(next.outbox.get(), &next.client);
        const EscrowSync::PassResult result = pass(sync);
        QVERIFY(!result.error);
        QCOMPARE(result.sent, 1);
        QCOMPARE(result.remaining, 0);
        QCOMPARE(server.escrowPosts.size(), 1);
    }

    void aServerGoneMidPassKeepsWhatItDidNotHearBack()
    {
        // The server stores the first record and vanishes before its answer
        // arrives: both stay, and the next pass sends both (the server keeps
        // one record per UUID).
        QTemporaryDir dir;
        prov::test::StubStationServer server;
        Replay r(server, dir.path());
        r.put(0x51, EscrowStage::Unverified);
        r.put(0x52, EscrowStage::Unverified);
        server.goAwayAfterPending = true;
        EscrowSync sync(r.outbox.get(), &r.client);
        const EscrowSync::PassResult result = pass(sync);
        QVERIFY(result.error.has_value());
        QCOMPARE(result.sent, 0);
        QCOMPARE(result.remaining, 2);
        QCOMPARE(server.escrowPosts.size(), 1);
        QVERIFY(server.comeBack());
        const EscrowSync::PassResult again = pass(sync);
        QVERIFY(!again.error);
        QCOMPARE(again.sent, 2);
        QCOMPARE(again.remaining, 0);
        QCOMPARE(server.escrowPosts.size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_EscrowSync)
#include "tst_escrowsync.moc"

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
        if (!done.wait(10000))
            return {};
        return done.first().first().value<EscrowSync::PassResult>();
    }

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
};

QTEST_GUILESS_MAIN(tst_EscrowSync)
#include "tst_escrowsync.moc"

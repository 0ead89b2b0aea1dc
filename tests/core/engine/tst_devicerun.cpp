// The engine end to end in one process: Engine and Stations on engine threads,
// the real provstation-sim on pseudo-terminals, and a loopback HTTP server
// answering the station endpoints. The simulator's state file is the oracle;
// the escrowed ciphertext is decrypted with the KMS private key and compared
// with the key the device holds.
#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "engine/Engine.h"
#include "engine/EscrowSync.h"
#include "engine/FileCache.h"
#include "engine/KeyOutbox.h"
#include "engine/PluginRegistry.h"
#include "engine/ServerClient.h"

#include "ConfigurationJson.h"
#include "SimHarness.h"
#include "StubStationServer.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::engine;

class tst_Station : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::SimProcess m_sim;
    PluginRegistry m_plugins;
    std::optional<crypto::RsaPrivateKey> m_kms;
    std::unique_ptr<test::StubStationServer> m_server;
    std::unique_ptr<KeyOutbox> m_outbox;
    std::unique_ptr<ServerClient> m_client;
    std::unique_ptr<FileCache> m_files;
    int m_lastUpdates = 0;

    RunOptions options(const test::SimPort &port, Operation op) const
    {
        RunOptions o;
        o.operation = op;
        o.port = port.path;
        o.config.id = ConfigId(0x45);
        o.batch = BatchNumber(1000);
        o.stationName = QStringLiteral("test-station");
        o.gatewayHost = QStringLiteral("127.0.0.1");
        o.gatewayPort = m_sim.gatewayPort();
        o.joinTimeoutS = 20;
        if (op == Operation::Posttest)
            o.settings.insert(QStringLiteral("joinPollMs"), 100);
        o.runLogDir = m_dir.filePath(QStringLiteral("runlogs"));
        return o;
    }

    RunSnapshot run(const QString &meter, const RunOptions &o, int progressIntervalMs = 0)
    {
        Engine engine({m_client.get(), m_files.get(), m_outbox.get(), {}, nullptr}, 1);
        if (progressIntervalMs > 0)
            engine.setProgressInterval(progressIntervalMs);
        QSignalSpy finished(&engine, &Engine::runFinished);
        QSignalSpy updates(engine.model(), &QAbstractItemModel::dataChanged);
        const PluginDescription *plugin = m_plugins.find(meter);
        if (!plugin)
            return {};
        engine.addRun(*plugin, o);
        engine.startAll();
        if (!finished.wait(60000))
            return {};
        m_lastUpdates = int(updates.size());
        return finished.first().first().value<RunSnapshot>();
    }

    QJsonObject lastEscrow(const QString &state) const
    {
        for (auto it = m_server->escrowPosts.crbegin(); it != m_server->escrowPosts.crend(); ++it) {
            if (it->value(QLatin1String("state")).toString() == state)
                return *it;
        }
        return {};
    }

    QByteArray decrypt(const QByteArray &ciphertext) const
    {
        Result<crypto::SecretBytes> plain = m_kms->decryptOaep(ciphertext);
        return plain.ok() ? plain->view().toByteArray() : QByteArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(
            m_plugins.loadDirectory(QDir::cleanPath(test::binPath(QStringLiteral("../lib/provstation/plugins")))), 3);
        auto kms = crypto::RsaPrivateKey::generate(2048);
        QVERIFY(kms.ok());
        m_kms = std::move(kms).value();
        QString error;
        QVERIFY2(
            m_sim.start({QStringLiteral("--devices"), QStringLiteral("i210plus:2,kv2c:1,node:5"),
                            QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("sim")),
                            QStringLiteral("--join-delay"), QStringLiteral("0.3"), QStringLiteral("--flash-ms-per-kib"),
                            QStringLiteral("0.5"), QStringLiteral("--reset-ms"), QStringLiteral("100")},
                &error),
            qPrintable(error));

        m_server = std::make_unique<test::StubStationServer>();
        m_server->files = {{QStringLiteral("node-firmware"), test::testImage(40000, 1)},
            {QStringLiteral("node-factoryConfig"), test::testImage(700, 2)},
            {QStringLiteral("node-fieldConfig"), test::testImage(900, 3)},
            {QStringLiteral("emcm-firmware"), test::testImage(20000, 4)},
            {QStringLiteral("emcm-factoryConfig"), test::testImage(300, 5)},
            {QStringLiteral("emcm-fieldConfig"), test::testImage(400, 6)}};
        m_server->configuration
            = test::configurationJson(m_server->baseUrl(), m_server->files, m_kms->publicKey().toPem());

        auto outbox = KeyOutbox::open(m_dir.filePath(QStringLiteral("station")));
        QVERIFY(outbox.ok());
        m_outbox = std::move(outbox).value();
        ServerEndpoint endpoint;
        endpoint.baseUrl = QUrl(m_server->baseUrl());
        endpoint.token = "t";
        m_client = std::make_unique<ServerClient>(endpoint);
        m_files = std::make_unique<FileCache>(m_dir.filePath(QStringLiteral("cache")), m_client.get());
    }

    void cleanupTestCase()
    {
        m_files.reset();
        m_client.reset();
        QCOMPARE(m_sim.stop(), 0);
    }

    void i210PretestThenPosttest()
    {
        const test::SimPort port = m_sim.port(QStringLiteral("i210plus"), 0);
        const RunSnapshot pre = run(QStringLiteral("i210plus"), options(port, Operation::Pretest));
        QVERIFY2(pre.resultCode == 0, qPrintable(pre.message));
        // Progress reaches the model coalesced: about one update per 50 ms, plus the state changes.
        QVERIFY2(m_lastUpdates <= pre.elapsedMs / DeviceRun::kProgressIntervalMs + 8,
            qPrintable(QStringLiteral("%1 updates in %2 ms").arg(m_lastUpdates).arg(pre.elapsedMs)));
        QVERIFY(m_lastUpdates >= 3);
        QJsonObject state = test::SimProcess::readState(port);
        QCOMPARE(state.value(QLatin1String("node"))
                     .toObject()
                     .value(QLatin1String("firmware"))
                     .toObject()
                     .value(QLatin1String("version"))
                     .toString(),
            QStringLiteral("1.2.3.4"));
        QCOMPARE(state.value(QLatin1String("host"))
                     .toObject()
                     .value(QLatin1String("config"))
                     .toObject()
                     .value(QLatin1String("kind"))
                     .toString(),
            QStringLiteral("factory"));

        RunOptions post = options(port, Operation::Posttest);
        post.partialMcmId = port.emcmId.right(8);
        const RunSnapshot done = run(QStringLiteral("i210plus"), post);
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QCOMPARE(done.nodeId, port.nodeId);
        QCOMPARE(done.emcmId, port.emcmId);

        state = test::SimProcess::readState(port);
        const QJsonObject node = state.value(QLatin1String("node")).toObject();
        const QJsonObject host = state.value(QLatin1String("host")).toObject();
        QCOMPARE(node.value(QLatin1String("config")).toObject().value(QLatin1String("kind")).toString(),
            QStringLiteral("field"));
        QCOMPARE(node.value(QLatin1String("config")).toObject().value(QLatin1String("configId")).toString(),
            QStringLiteral("0x0000000000000045"));
        QCOMPARE(host.value(QLatin1String("firmware")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral("5.6.7.8"));
        QVERIFY(node.value(QLatin1String("locked")).toBool());
        QVERIFY(host.value(QLatin1String("locked")).toBool());

        const QJsonObject escrow = lastEscrow(QStringLiteral("done"));
        QCOMPARE(escrow.value(QLatin1String("nodeId")).toString(), port.nodeId);
        const QByteArray nodeRoot
            = decrypt(QByteArray::fromBase64(escrow.value(QLatin1String("nodeRootKey")).toString().toLatin1()));
        QCOMPARE(nodeRoot.toHex(),
            node.value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString().toLatin1());
        const QJsonObject app = escrow.value(QLatin1String("apps")).toArray().first().toObject();
        QCOMPARE(app.value(QLatin1String("id")).toString(), port.emcmId);
        const QByteArray appKey = decrypt(QByteArray::fromHex(app.value(QLatin1String("key")).toString().toLatin1()));
        QCOMPARE(appKey.toHex(),
            host.value(QLatin1String("keys")).toObject().value(QLatin1String("app")).toString().toLatin1());
        QCOMPARE(m_outbox->count().value(), 0);
        QVERIFY(escrow.value(QLatin1String("runLog")).toString().contains(QStringLiteral("VerifyKeys")));
    }

    void kv2cThroughFixtureAndOpticalPort()
    {
        const test::SimPort fixture = m_sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("fixture"));
        const test::SimPort optical = m_sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("optical"));
        const RunSnapshot pre = run(QStringLiteral("kv2c"), options(fixture, Operation::Pretest));
        QVERIFY2(pre.resultCode == 0, qPrintable(pre.message));
        const RunSnapshot check = run(QStringLiteral("kv2c"), options(optical, Operation::CheckConfig));
        QVERIFY2(check.resultCode == 0, qPrintable(check.message));
        const RunSnapshot post = run(QStringLiteral("kv2c"), options(optical, Operation::Posttest));
        QVERIFY2(post.resultCode == 0, qPrintable(post.message));
        const QJsonObject node = test::SimProcess::readState(optical).value(QLatin1String("node")).toObject();
        const QByteArray nodeRoot = decrypt(QByteArray::fromBase64(
            lastEscrow(QStringLiteral("done")).value(QLatin1String("nodeRootKey")).toString().toLatin1()));
        QCOMPARE(nodeRoot.toHex(),
            node.value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString().toLatin1());
    }

    void bareNodeInOneStage()
    {
        const test::SimPort port = m_sim.port(QStringLiteral("node"), 0);
        // As the station window asks: progress every 250 ms, not every 50,
        // and once as each step starts (the slot names the step at once).
        const RunSnapshot done = run(QStringLiteral("node"), options(port, Operation::Provision), 250);
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QVERIFY2(m_lastUpdates <= done.elapsedMs / 250 + done.stepCount + 8,
            qPrintable(QStringLiteral("%1 updates in %2 ms").arg(m_lastUpdates).arg(done.elapsedMs)));
        const QJsonObject node = test::SimProcess::readState(port).value(QLatin1String("node")).toObject();
        QCOMPARE(node.value(QLatin1String("config")).toObject().value(QLatin1String("kind")).toString(),
            QStringLiteral("field"));
        QVERIFY(node.value(QLatin1String("locked")).toBool());
        QVERIFY(lastEscrow(QStringLiteral("done")).value(QLatin1String("apps")).toArray().isEmpty());
    }

    void aLockedNodeIsProvisionedAgainOnlyWhenAllowed()
    {
        // The node bareNodeInOneStage provisioned and locked.
        const test::SimPort port = m_sim.port(QStringLiteral("node"), 0);
        const auto nodeState = [&port] {
            return test::SimProcess::readState(port).value(QLatin1String("node")).toObject();
        };
        QVERIFY(nodeState().value(QLatin1String("locked")).toBool());
        const QString key
            = nodeState().value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString();
        const qsizetype posts = m_server->escrowPosts.size();

        // Not allowed: stops at the identification, no key made, none sent.
        const RunSnapshot refused = run(QStringLiteral("node"), options(port, Operation::Provision));
        QCOMPARE(refused.resultCode, int(ResultCode::NodeConfigurationIncompatible));
        QCOMPARE(refused.cause, CauseCatalogue::id(FailureCause::AlreadyProvisioned));
        QCOMPARE(refused.causeFacts, QStringList {port.nodeId});
        QVERIFY2(refused.message.contains(QStringLiteral("provisioned before")), qPrintable(refused.message));
        QCOMPARE(nodeState().value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString(), key);
        QCOMPARE(m_server->escrowPosts.size(), posts);
        // A run that makes no keys is not stopped by the lock.
        RunOptions noKeys = options(port, Operation::Provision);
        noKeys.skipKeys = true;
        QCOMPARE(run(QStringLiteral("node"), noKeys).resultCode, 0);

        // Allowed and confirmed: a new key, the confirmation in the run log and in the escrow record's run.
        RunOptions again = options(port, Operation::Provision);
        again.reprovisionLocked = true;
        again.reprovisionConfirmedBy = QStringLiteral("sam");
        const RunSnapshot done = run(QStringLiteral("node"), again);
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QVERIFY(nodeState().value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString() != key);
        const QJsonObject escrow = lastEscrow(QStringLiteral("done"));
        QCOMPARE(escrow.value(QLatin1String("nodeId")).toString(), port.nodeId);
        const QJsonObject runInfo = escrow.value(QLatin1String("run")).toObject();
        QCOMPARE(runInfo.value(QLatin1String("reprovision")).toBool(), true);
        QCOMPARE(runInfo.value(QLatin1String("reprovisionConfirmedBy")).toString(), QStringLiteral("sam"));
        QVERIFY(escrow.value(QLatin1String("runLog")).toString().contains(QStringLiteral("confirmed by sam")));
    }

    void aWrongLabelStopsBeforeAnyWrite()
    {
        const test::SimPort port = m_sim.port(QStringLiteral("i210plus"), 1);
        RunOptions o = options(port, Operation::Pretest);
        o.partialMcmId = QStringLiteral("DEADBEEF");
        const RunSnapshot done = run(QStringLiteral("i210plus"), o);
        QCOMPARE(done.resultCode, 72);
        QVERIFY2(done.message.contains(QStringLiteral("DEADBEEF")), qPrintable(done.message));
        const QJsonObject node = test::SimProcess::readState(port).value(QLatin1String("node")).toObject();
        QCOMPARE(node.value(QLatin1String("firmware")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral("1.0.0.0"));
    }

    void aClockOffTheServersMakesNoKeys()
    {
        // The server's clock is ten minutes ahead, its limit five: the slot says
        // why, with both times, before any firmware or key reaches the node.
        const QJsonObject saved = m_server->configuration;
        const QDateTime server = QDateTime::currentDateTimeUtc().addSecs(600);
        m_server->configuration.insert(QStringLiteral("serverTime"), server.toString(Qt::ISODateWithMs));
        m_server->configuration.insert(QStringLiteral("maxClockSkewSeconds"), 300);
        const qsizetype posts = m_server->escrowPosts.size();
        const test::SimPort port = m_sim.port(QStringLiteral("node"), 1);
        const RunSnapshot done = run(QStringLiteral("node"), options(port, Operation::Provision));
        m_server->configuration = saved;
        QCOMPARE(done.resultCode, 101);
        QVERIFY2(done.message.contains(server.toString(Qt::ISODate)), qPrintable(done.message));
        QVERIFY2(
            done.message.contains(QStringLiteral("600.0 s behind")) || done.message.contains(QStringLiteral("599.")),
            qPrintable(done.message));
        QCOMPARE(m_server->escrowPosts.size(), posts);
        const QJsonObject node = test::SimProcess::readState(port).value(QLatin1String("node")).toObject();
        QVERIFY(node.value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString().isEmpty());
        QCOMPARE(node.value(QLatin1String("firmware")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral("1.0.0.0"));
    }

    void anOutboxThatCannotStoreTheRecordStopsBeforeTheKeys()
    {
        const test::SimPort port = m_sim.port(QStringLiteral("node"), 2);
        m_outbox->failWritesForTest({QStringLiteral("INSERT")});
        const RunSnapshot done = run(QStringLiteral("node"), options(port, Operation::Provision));
        m_outbox->failWritesForTest({});
        QCOMPARE(done.resultCode, 14);
        QVERIFY2(done.message.contains(m_outbox->filePath()), qPrintable(done.message));
        QVERIFY2(done.message.contains(QStringLiteral("no key was written to the device")), qPrintable(done.message));
        const QJsonObject node = test::SimProcess::readState(port).value(QLatin1String("node")).toObject();
        QVERIFY(node.value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString().isEmpty());
        QVERIFY(m_server->escrowFor(port.nodeId).isEmpty());
        QCOMPARE(m_outbox->count().value(), 0);
    }

    void anOutboxWriteRefusedAfterTheKeysFailsTheRun()
    {
        // The keys are on the device when the outbox refuses the verification:
        // the run fails with 14 and the server learns the record failed.
        const test::SimPort port = m_sim.port(QStringLiteral("node"), 3);
        m_outbox->failWritesForTest({QStringLiteral("SET stage")});
        const RunSnapshot done = run(QStringLiteral("node"), options(port, Operation::Provision));
        m_outbox->failWritesForTest({});
        QCOMPARE(done.resultCode, 14);
        QVERIFY2(done.message.contains(QStringLiteral("kept in this process's memory")), qPrintable(done.message));
        const QJsonObject node = test::SimProcess::readState(port).value(QLatin1String("node")).toObject();
        QVERIFY(!node.value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString().isEmpty());
        const QList<QJsonObject> posts = m_server->escrowFor(port.nodeId);
        QVERIFY(!posts.isEmpty());
        QCOMPARE(posts.last().value(QLatin1String("state")).toString(), QStringLiteral("failed"));
        QVERIFY(posts.last().value(QLatin1String("runLog")).toString().contains(QStringLiteral("error 14")));
        QCOMPARE(m_outbox->count().value(), 0);
    }

    void aRecordTheOutboxRefusedWaitsInMemoryForTheReplay()
    {
        // Neither the disk nor the server takes the failed record: it stays in
        // memory, and the replay sends it as failed once the server is back.
        const test::SimPort port = m_sim.port(QStringLiteral("node"), 4);
        m_outbox->failWritesForTest({QStringLiteral("SET stage")});
        m_server->escrowUnreachable = true;
        const RunSnapshot done = run(QStringLiteral("node"), options(port, Operation::Provision));
        m_server->escrowUnreachable = false;
        QCOMPARE(done.resultCode, 14);
        auto held = m_outbox->entries();
        QVERIFY(held.ok());
        QCOMPARE(held->size(), 1);
        QCOMPARE(held->first().record.nodeId.toString(), port.nodeId);
        QCOMPARE(held->first().stage, EscrowStage::Failed);

        EscrowSync sync(m_outbox.get(), m_client.get());
        QSignalSpy passed(&sync, &EscrowSync::passFinished);
        sync.syncNow();
        QVERIFY(passed.wait(20000));
        m_outbox->failWritesForTest({});
        const auto pass = passed.first().first().value<EscrowSync::PassResult>();
        QVERIFY2(!pass.error, qPrintable(pass.error ? pass.error->toString() : QString()));
        QCOMPARE(pass.sent, 1);
        QCOMPARE(
            m_server->escrowFor(port.nodeId).last().value(QLatin1String("state")).toString(), QStringLiteral("failed"));
        QCOMPARE(m_outbox->count().value(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Station)
#include "tst_devicerun.moc"

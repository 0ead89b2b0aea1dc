// The key steps one by one, on a node the simulator's device logic plays
// behind a fake serial port: what reaches the outbox, the server and the
// device, in which order, and what each failure leaves behind.
#include "engine/KeySteps.h"
#include "engine/StepFactory.h"
#include "engine/StepPolicy.h"
#include "transport/Link.h"
#include "transport/WrapperFactory.h"

#include "FakeDevice.h"
#include "KeyTestWorld.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace prov;
using namespace prov::engine;
using protocol::KeySlot;
using protocol::Opcode;

namespace {

/// One run's context on one fake port with a node behind it.
struct Bench
{
    PluginDescription plugin;
    OperationSpec operation;
    RunOptions options;
    RunLog log;
    StepContext ctx;
    test::FakeSerialPort port;
    test::FakeDevice device {test::FakeDevice::bareNode(), transport::WrapperKind::None};
    std::unique_ptr<transport::Link> link;
    QObject owner;

    Bench(test::KeyTestWorld &world, ConfigurationPtr config)
    {
        plugin.id = QStringLiteral("node");
        plugin.hasHost = false;
        operation.operation = Operation::Provision;
        operation.wrapper = transport::WrapperKind::None;
        for (StepKind kind : {StepKind::IdentifyNode, StepKind::GenerateAndEscrowKeys, StepKind::WriteKeys,
                 StepKind::VerifyKeys, StepKind::ConfirmEscrow})
            operation.steps.append(StepSpec {kind, Targets::Node, 0, -1});
        options.port = port.portName();
        options.batch = BatchNumber(1000);
        options.stationName = QStringLiteral("test-station");
        ctx.owner = &owner;
        ctx.plugin = &plugin;
        ctx.operation = &operation;
        ctx.options = &options;
        ctx.config = std::move(config);
        ctx.server = world.client.get();
        ctx.outbox = world.outbox.get();
        ctx.keys = KeyLedger(world.outbox.get());
        ctx.log = &log;
        ctx.runId = QUuid::createUuid();
        (void)port.open(QIODevice::ReadWrite);
        device.attach(&port);
        link = std::make_unique<transport::Link>(
            &port, transport::createWrapper(transport::WrapperKind::None, transport::Wrapper::Role::Station, {}));
        ctx.link = link.get();
    }

    ~Bench() { ctx.wipeKeys(); }

    bool openLink()
    {
        QSignalSpy ready(link.get(), &transport::Link::ready);
        link->open();
        return ready.count() > 0 || ready.wait(5000);
    }

    /// Runs one step to its end; its status.
    Status run(StepKind kind)
    {
        std::optional<Status> result;
        std::unique_ptr<Step> step(StepFactory::create(StepSpec {kind, Targets::Node, 0, -1}, ctx, nullptr));
        step->start([&result](const Status &s) { result = s; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
            return makeError(ResultCode::InternalError, QStringLiteral("the step never ended"));
        return *result;
    }

    /// Identify, then generate: the record is sealed and offered to the server.
    Status generate()
    {
        if (const Status identified = run(StepKind::IdentifyNode); !identified.ok())
            return identified;
        return run(StepKind::GenerateAndEscrowKeys);
    }

    [[nodiscard]] QString nodeId() const { return NodeId(0x1A2B3C4D).toString(); }
    [[nodiscard]] QUuid uuid() const { return ctx.keys.entry() ? ctx.keys.entry()->record.uuid : QUuid(); }
};

/// What a failed status says, for a failure message (nothing when it passed).
QByteArray why(const Status &s)
{
    return s.ok() ? QByteArray() : s.error().toString().toLocal8Bit();
}

QByteArray plain(const crypto::SecretBytes *key)
{
    return key ? key->view().toByteArray() : QByteArray();
}

} // namespace

class tst_KeySteps : public QObject
{
    Q_OBJECT

private:
    test::KeyTestWorld m_world;
    ConfigurationPtr m_config;

    std::optional<OutboxEntry> stored(const QUuid &uuid) const
    {
        auto e = m_world.outbox->entry(uuid);
        return e.ok() ? e.value() : std::nullopt;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_world.start());
        m_config = m_world.configuration();
        QVERIFY(m_config);
    }

    void cleanup()
    {
        m_world.outbox->failWritesForTest({});
        m_world.server->statusOverride = 0;
        m_world.server->escrowUnreachable = false;
    }

    void theRecordIsInTheOutboxBeforeTheServerHearsOfIt()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        const qsizetype posts = m_world.server->escrowPosts.size();
        const Status s = b.generate();
        QVERIFY2(s.ok(), why(s).constData());
        const std::optional<OutboxEntry> entry = stored(b.uuid());
        QVERIFY(entry);
        QCOMPARE(entry->stage, EscrowStage::Escrowed);
        QCOMPARE(entry->serverState, ServerState::Pending);
        QCOMPARE(entry->record.nodeId.toString(), b.nodeId());
        QCOMPARE(entry->record.station, QStringLiteral("test-station"));
        QCOMPARE(entry->run.value(QLatin1String("runId")).toString(), b.ctx.runId.toString(QUuid::WithoutBraces));
        // The outbox holds the key the run will write, sealed with the KMS key, and no plaintext.
        QCOMPARE(m_world.decrypt(entry->record.nodeRootKey), b.ctx.nodeRootKey.view().toByteArray());
        QCOMPARE(b.ctx.nodeRootKey.view().size(), 16);
        QVERIFY(!entry->record.nodeRootKey.contains(b.ctx.nodeRootKey.view().toByteArray()));
        // A bare node's record names no application.
        QVERIFY(entry->record.apps.isEmpty());
        QCOMPARE(m_world.server->escrowPosts.size(), posts + 1);
        QCOMPARE(
            m_world.server->escrowPosts.last().value(QLatin1String("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(b.device.count(Opcode::WriteKey), 0);
        QVERIFY(!b.ctx.keys.onDevice());
    }

    void eachRunMakesItsOwnKey()
    {
        Bench first(m_world, m_config);
        Bench second(m_world, m_config);
        QVERIFY(first.openLink());
        QVERIFY(second.openLink());
        QVERIFY(first.generate().ok());
        QVERIFY(second.generate().ok());
        QVERIFY(first.ctx.nodeRootKey.view() != second.ctx.nodeRootKey.view());
        QVERIFY(first.uuid() != second.uuid());
    }

    void anUnidentifiedNodeGetsNoKey()
    {
        Bench b(m_world, m_config);
        const Status s = b.run(StepKind::GenerateAndEscrowKeys);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::InternalError);
        QVERIFY(!b.ctx.keys.entry());
        QVERIFY(b.ctx.nodeRootKey.isEmpty());
    }

    void aConfigurationWithoutGatewayKeysMakesNoKeys()
    {
        QJsonObject json = m_world.server->configuration;
        json.remove(QStringLiteral("gatewayKeys"));
        const QJsonObject saved = std::exchange(m_world.server->configuration, json);
        const ConfigurationPtr withoutKeys = m_world.configuration();
        m_world.server->configuration = saved;
        QVERIFY(withoutKeys);
        Bench b(m_world, withoutKeys);
        QVERIFY(b.openLink());
        const int before = m_world.outbox->count().value();
        const Status s = b.generate();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::ServerErrorResponse);
        QVERIFY2(s.error().message.contains(QStringLiteral("without its gateway keys")), qPrintable(s.error().message));
        QCOMPARE(m_world.outbox->count().value(), before);
        QVERIFY(b.ctx.nodeRootKey.isEmpty());
    }

    void anOutboxThatRefusesTheRecordStopsBeforeAnyKeyLeaves()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        const qsizetype posts = m_world.server->escrowPosts.size();
        const int before = m_world.outbox->count().value();
        m_world.outbox->failWritesForTest({QStringLiteral("INSERT")});
        const Status s = b.generate();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::UnknownError);
        QVERIFY2(s.error().message.contains(QStringLiteral("no key was written to the device")),
            qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(m_world.outbox->filePath()), qPrintable(s.error().message));
        // Nothing to protect, so nothing was sent, and no ledger entry can reach the device.
        QVERIFY(!b.ctx.keys.entry());
        QCOMPARE(m_world.server->escrowPosts.size(), posts);
        QCOMPARE(m_world.outbox->count().value(), before);
    }

    void anUnreachableServerLeavesTheRecordInTheOutbox()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        m_world.server->escrowUnreachable = true;
        const Status s = b.generate();
        QVERIFY2(s.ok(), why(s).constData());
        const std::optional<OutboxEntry> entry = stored(b.uuid());
        QVERIFY(entry);
        QCOMPARE(entry->serverState, ServerState::None);
        QCOMPARE(b.ctx.keys.serverState(), ServerState::None);
        QVERIFY(b.log.text().contains(QStringLiteral("the outbox holds the record")));
    }

    void aServerThatRefusesTheRecordFailsTheStepAndTheRecordStays()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        m_world.server->statusOverride = 409;
        const Status s = b.generate();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::ServerErrorResponse);
        // Sealed before the server was asked: the record stays for the end of the run to settle.
        const std::optional<OutboxEntry> entry = stored(b.uuid());
        QVERIFY(entry);
        QCOMPARE(entry->serverState, ServerState::None);
    }

    void writeKeysPutsTheNetworkKeysAndTheRootKeyOnTheNode()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        const Status s = b.run(StepKind::WriteKeys);
        QVERIFY2(s.ok(), why(s).constData());
        QVERIFY(b.ctx.keys.onDevice());
        QCOMPARE(b.device.count(Opcode::WriteKey), 3);
        QCOMPARE(plain(b.device.key(KeySlot::Gateway)), m_config->gatewayKey.view().toByteArray());
        QCOMPARE(plain(b.device.key(KeySlot::CodeDownload)), m_config->codeDownloadKey.view().toByteArray());
        QCOMPARE(plain(b.device.key(KeySlot::NodeRoot)), b.ctx.nodeRootKey.view().toByteArray());
        // The key on the node is the one the outbox escrowed.
        QCOMPARE(m_world.decrypt(stored(b.uuid())->record.nodeRootKey), plain(b.device.key(KeySlot::NodeRoot)));
        const QString log = b.log.text();
        QVERIFY(log.indexOf(QStringLiteral("gateway written")) < log.indexOf(QStringLiteral("nodeRoot written")));
    }

    void theSlotsOfABareNodeAreTheNodesOnly()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        const auto order = keySlotsOf(b.ctx, Targets::Both);
        QCOMPARE(order.size(), 3);
        QCOMPARE(order.at(0).first, KeySlot::Gateway);
        QCOMPARE(order.at(1).first, KeySlot::CodeDownload);
        QCOMPARE(order.at(2).first, KeySlot::NodeRoot);
        QVERIFY(keySlotsOf(b.ctx, Targets::Host).isEmpty());
    }

    void verifyKeysRecordsEverySlotButLeavesTheRecordEscrowed()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        const Status s = b.run(StepKind::VerifyKeys);
        QVERIFY2(s.ok(), why(s).constData());
        QVERIFY(b.ctx.keys.verified());
        QCOMPARE(b.device.count(Opcode::VerifyKey), 3);
        const std::optional<OutboxEntry> entry = stored(b.uuid());
        QVERIFY(entry);
        // Verified only once the whole run passed (ConfirmEscrow).
        QCOMPARE(entry->stage, EscrowStage::Escrowed);
        QCOMPARE(entry->record.verification.value(QLatin1String("slots")).toArray(),
            QJsonArray({QStringLiteral("gateway"), QStringLiteral("codeDownload"), QStringLiteral("nodeRoot")}));
    }

    void aKeyTheNodeDoesNotHoldFailsVerification()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        // The node lost (or never stored) the root key it acknowledged.
        b.device.state().node.keys[KeySlot::NodeRoot] = crypto::SecretBytes::copyOf(QByteArray(16, '\x11'));
        const Status s = b.run(StepKind::VerifyKeys);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::NodeVerificationFailed);
        QVERIFY(!b.ctx.keys.verified());
        QVERIFY(stored(b.uuid())->record.verification.isEmpty());
    }

    void anOutboxThatRefusesTheVerificationFailsAfterTheKeys()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        m_world.outbox->failWritesForTest({QStringLiteral("SET stage")});
        const Status s = b.run(StepKind::VerifyKeys);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::UnknownError);
        QVERIFY2(
            s.error().message.contains(QStringLiteral("the device may hold its keys")), qPrintable(s.error().message));
        QVERIFY(s.error().message.contains(b.uuid().toString(QUuid::WithoutBraces)));
    }

    void confirmEscrowCommitsDoneAndTheOutboxForgets()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        QVERIFY(b.run(StepKind::VerifyKeys).ok());
        b.log.add(QStringLiteral("every step passed"));
        const Status s = b.run(StepKind::ConfirmEscrow);
        QVERIFY2(s.ok(), why(s).constData());
        QCOMPARE(b.ctx.keys.serverState(), ServerState::Done);
        QVERIFY(!stored(b.uuid()));
        const QJsonObject done = m_world.server->escrowPosts.last();
        QCOMPARE(done.value(QLatin1String("state")).toString(), QStringLiteral("done"));
        QCOMPARE(done.value(QLatin1String("uuid")).toString(), b.uuid().toString(QUuid::WithoutBraces));
        QVERIFY(done.value(QLatin1String("runLog")).toString().contains(QStringLiteral("every step passed")));
        QVERIFY(done.contains(QStringLiteral("verification")));
    }

    void confirmEscrowWithoutAVerifiedRecordIsRefused()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        const qsizetype posts = m_world.server->escrowPosts.size();
        const Status s = b.run(StepKind::ConfirmEscrow);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::InternalError);
        QCOMPARE(m_world.server->escrowPosts.size(), posts);
        QCOMPARE(stored(b.uuid())->stage, EscrowStage::Escrowed);
    }

    void confirmEscrowRetriesThenLeavesTheRecordSafe()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        QVERIFY(b.run(StepKind::VerifyKeys).ok());
        m_world.server->escrowUnreachable = true;
        const Status s = b.run(StepKind::ConfirmEscrow);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::ServerUnreachable);
        QCOMPARE(b.log.text().count(QStringLiteral("retrying:")), StepPolicy::kNetworkAttempts - 1);
        QVERIFY2(s.error().message.contains(QStringLiteral("is safe in the outbox")), qPrintable(s.error().message));
        QVERIFY(s.error().message.contains(QStringLiteral("--flush-outbox")));
        // Verified and waiting for the replay.
        const std::optional<OutboxEntry> entry = stored(b.uuid());
        QVERIFY(entry);
        QCOMPARE(entry->stage, EscrowStage::Verified);
        QCOMPARE(KeyLedger::serverTarget(entry->stage), ServerState::Done);
    }

    void aRemovalRefusedAfterTheCommitIsReported()
    {
        Bench b(m_world, m_config);
        QVERIFY(b.openLink());
        QVERIFY(b.generate().ok());
        QVERIFY(b.run(StepKind::WriteKeys).ok());
        QVERIFY(b.run(StepKind::VerifyKeys).ok());
        m_world.outbox->failWritesForTest({QStringLiteral("DELETE")});
        const Status s = b.run(StepKind::ConfirmEscrow);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::UnknownError);
        QVERIFY2(
            s.error().message.contains(QStringLiteral("kept in this process's memory")), qPrintable(s.error().message));
        // The server has it as done: the row left behind says so, and a replay only removes it.
        QCOMPARE(m_world.server->escrowPosts.last().value(QLatin1String("state")).toString(), QStringLiteral("done"));
        QCOMPARE(b.ctx.keys.serverState(), ServerState::Done);
    }
};

QTEST_GUILESS_MAIN(tst_KeySteps)
#include "tst_keysteps.moc"

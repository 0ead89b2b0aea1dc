// One device run in one process: the DeviceRun's sequencing of a plugin's
// steps on a node the simulator's device logic plays behind a fake serial
// port, against a loopback station server. What ran, in which order, what
// the device, the server and the outbox were left with, for each way a run
// ends.
#include "engine/DeviceRun.h"
#include "engine/FileCache.h"
#include "engine/StepPolicy.h"

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

const QString kPort = QStringLiteral("/dev/ttyFAKE7");

QList<StepSpec> provisionSteps()
{
    QList<StepSpec> steps;
    for (StepKind kind : {StepKind::IdentifyNode, StepKind::GenerateAndEscrowKeys, StepKind::WriteKeys,
             StepKind::VerifyKeys, StepKind::Lock, StepKind::ConfirmEscrow})
        steps.append(StepSpec {kind, Targets::Node, 0, -1});
    return steps;
}

PluginDescription bareNodePlugin()
{
    PluginDescription p;
    p.id = QStringLiteral("node");
    p.family = QStringLiteral("bare node");
    p.models = {QStringLiteral("node")};
    p.hasHost = false;
    OperationSpec provision;
    provision.operation = Operation::Provision;
    provision.wrapper = transport::WrapperKind::None;
    provision.steps = provisionSteps();
    p.operations = {provision};
    return p;
}

/// The name a node step goes by in run records and step boundaries.
QString nodeStep(StepKind kind)
{
    return StepSpec {kind, Targets::Node, 0, -1}.name();
}

QStringList names(const QList<StepSpec> &steps)
{
    QStringList out;
    for (const StepSpec &s : steps)
        out.append(s.name());
    return out;
}

} // namespace

class tst_StationSteps : public QObject
{
    Q_OBJECT

private:
    test::KeyTestWorld m_world;
    std::unique_ptr<FileCache> m_files;
    PluginDescription m_plugin = bareNodePlugin();

    RunOptions options() const
    {
        RunOptions o;
        o.operation = Operation::Provision;
        o.port = kPort;
        o.config.id = ConfigId(0x45);
        o.batch = BatchNumber(1000);
        o.stationName = QStringLiteral("test-station");
        return o;
    }

    /// Runs one station to its end; `atBoundary` sees each step boundary with the station.
    RunSnapshot run(const RunOptions &o, test::FakeSerialPorts &ports,
        const std::function<void(DeviceRun *, const QString &)> &atBoundary = {})
    {
        RunServices services;
        services.server = m_world.client.get();
        services.files = m_files.get();
        services.outbox = m_world.outbox.get();
        services.ports = &ports;
        DeviceRun *station = nullptr;
        if (atBoundary)
            services.stepBoundary = [&station, atBoundary](const QString &b) {
                atBoundary(station, b);
            };
        DeviceRun s(1, m_plugin, o, services);
        station = &s;
        QSignalSpy finished(&s, &DeviceRun::finished);
        s.start();
        if (finished.isEmpty() && !finished.wait(60000))
            return {};
        return finished.first().first().value<RunSnapshot>();
    }

    /// The run record the server got for `snapshot`'s run.
    QJsonObject runRecord(const RunSnapshot &snapshot) const
    {
        for (const QJsonObject &post : std::as_const(m_world.server->resultPosts)) {
            if (post.value(QLatin1String("uuid")).toString() == snapshot.runId.toString(QUuid::WithoutBraces))
                return post;
        }
        return {};
    }

    static QStringList stepsRun(const QJsonObject &record)
    {
        QStringList out;
        for (const QJsonValue &v : record.value(QLatin1String("steps")).toArray())
            out.append(v.toObject().value(QLatin1String("step")).toString());
        return out;
    }

    static QString nodeId(test::FakeDevice &device) { return NodeId(device.state().nodeId).toString(); }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RunSnapshot>();
        QVERIFY(m_world.start());
        m_files = std::make_unique<FileCache>(m_world.dir.filePath(QStringLiteral("cache")), m_world.client.get());
    }

    void cleanup()
    {
        m_world.outbox->failWritesForTest({});
        m_world.server->escrowUnreachable = false;
        m_world.server->statusOverride = 0;
    }

    void aProvisionRunsItsStepsInOrder()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x100), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        QStringList boundaries;
        const RunSnapshot done
            = run(options(), ports, [&boundaries](DeviceRun *, const QString &b) { boundaries.append(b); });
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QCOMPARE(done.state, RunSnapshot::State::Succeeded);
        QCOMPARE(done.nodeId, nodeId(device));
        const QStringList expected = names(provisionSteps());
        QCOMPARE(stepsRun(runRecord(done)), expected);
        QStringList expectedBoundaries;
        for (const QString &step : expected)
            expectedBoundaries << QStringLiteral("before:") + step << QStringLiteral("after:") + step;
        QCOMPARE(boundaries, expectedBoundaries);
        // On the wire: identify, the three keys, their checks, the lock (and its check).
        const QList<Opcode> expectedWire {Opcode::NodeIdentify, Opcode::WriteKey, Opcode::WriteKey, Opcode::WriteKey,
            Opcode::VerifyKey, Opcode::VerifyKey, Opcode::VerifyKey, Opcode::Lock, Opcode::NodeIdentify};
        QCOMPARE(device.requests(), expectedWire);
        QVERIFY(device.state().node.locked);
        QCOMPARE(m_world.escrowStates(done.nodeId), QStringList({QStringLiteral("pending"), QStringLiteral("done")}));
        const QJsonObject escrow = m_world.server->escrowFor(done.nodeId).last();
        QCOMPARE(
            m_world.decrypt(QByteArray::fromBase64(escrow.value(QLatin1String("nodeRootKey")).toString().toLatin1())),
            device.key(KeySlot::NodeRoot)->view().toByteArray());
        QCOMPARE(runRecord(done).value(QLatin1String("escrowUuid")).toString(),
            escrow.value(QLatin1String("uuid")).toString());
        QCOMPARE(m_world.outbox->count().value(), 0);
        QCOMPARE(ports.opened(), 1);
    }

    void skipKeysRunsNoKeyStep()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x101), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        RunOptions o = options();
        o.skipKeys = true;
        const RunSnapshot done = run(o, ports);
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QCOMPARE(stepsRun(runRecord(done)), QStringList({nodeStep(StepKind::IdentifyNode), nodeStep(StepKind::Lock)}));
        QCOMPARE(device.count(Opcode::WriteKey), 0);
        QCOMPARE(device.count(Opcode::VerifyKey), 0);
        QVERIFY(device.state().node.locked);
        QVERIFY(m_world.escrowStates(done.nodeId).isEmpty());
        const QString log = runRecord(done).value(QLatin1String("runLog")).toString();
        QCOMPARE(log.count(QStringLiteral("skipped (--skip-keys)")), 4);
    }

    void skipLockLeavesTheNodeOpen()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x102), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        RunOptions o = options();
        o.skipLock = true;
        const RunSnapshot done = run(o, ports);
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QVERIFY(!stepsRun(runRecord(done)).contains(nodeStep(StepKind::Lock)));
        QCOMPARE(device.count(Opcode::Lock), 0);
        QVERIFY(!device.state().node.locked);
        QCOMPARE(device.count(Opcode::WriteKey), 3);
        QCOMPARE(m_world.escrowStates(done.nodeId).last(), QStringLiteral("done"));
    }

    void noKeyReachesTheDeviceUnlessTheOutboxHoldsItsRecord()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x103), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        m_world.outbox->failWritesForTest({QStringLiteral("INSERT INTO outbox")});
        const RunSnapshot done = run(options(), ports);
        m_world.outbox->failWritesForTest({});
        QCOMPARE(done.resultCode, int(ResultCode::UnknownError));
        QVERIFY2(done.message.contains(QStringLiteral("no key was written to the device")), qPrintable(done.message));
        QCOMPARE(device.count(Opcode::WriteKey), 0);
        QVERIFY(device.state().node.keys.empty());
        QVERIFY(m_world.escrowStates(done.nodeId).isEmpty());
        const QJsonObject record = runRecord(done);
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), nodeStep(StepKind::GenerateAndEscrowKeys));
        QCOMPARE(stepsRun(record).last(), nodeStep(StepKind::GenerateAndEscrowKeys));
        QCOMPARE(m_world.outbox->count().value(), 0);
    }

    void aKeyThatDoesNotVerifyFailsTheRunAndItsRecord()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x104), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        device.setBeforeRequest([&device](Opcode opcode) {
            // The node forgets the root key between writing and checking it.
            if (opcode == Opcode::VerifyKey)
                device.state().node.keys[KeySlot::NodeRoot] = crypto::SecretBytes::copyOf(QByteArray(16, '\x22'));
        });
        const RunSnapshot done = run(options(), ports);
        QCOMPARE(done.resultCode, int(ResultCode::NodeVerificationFailed));
        QCOMPARE(done.state, RunSnapshot::State::Failed);
        QCOMPARE(runRecord(done).value(QLatin1String("failedStep")).toString(), nodeStep(StepKind::VerifyKeys));
        QCOMPARE(device.count(Opcode::Lock), 0);
        // The device may hold a key: the server learns the record failed (never exported), the outbox forgets it.
        QCOMPARE(m_world.escrowStates(done.nodeId), QStringList({QStringLiteral("pending"), QStringLiteral("failed")}));
        QCOMPARE(m_world.outbox->count().value(), 0);
    }

    void aStaleAnswerAfterTheLockIsReadAgain()
    {
        // The node answers the identify after Lock as it was before (a
        // remembered answer an earlier session's request with the same tag
        // left behind); the second read shows the lock, and the run passes.
        test::FakeDevice device(test::FakeDevice::bareNode(0x107), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        int identifiesAfterLock = 0;
        device.setBeforeRequest([&device, &identifiesAfterLock](Opcode opcode) {
            if (opcode == Opcode::NodeIdentify && device.count(Opcode::Lock) > 0)
                device.state().node.locked = ++identifiesAfterLock > 1;
        });
        const RunSnapshot done = run(options(), ports);
        QVERIFY2(done.resultCode == 0, qPrintable(done.message));
        QCOMPARE(identifiesAfterLock, 2);
        QCOMPARE(m_world.escrowStates(done.nodeId).last(), QStringLiteral("done"));
    }

    void aNodeThatStaysUnlockedFailsTheRun()
    {
        // Read twice, unlocked both times: the lock did not take (38, its cause).
        test::FakeDevice device(test::FakeDevice::bareNode(0x108), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        device.setBeforeRequest([&device](Opcode opcode) {
            if (opcode == Opcode::NodeIdentify && device.count(Opcode::Lock) > 0)
                device.state().node.locked = false;
        });
        const RunSnapshot done = run(options(), ports);
        QCOMPARE(done.resultCode, int(ResultCode::NodeVerificationFailed));
        QCOMPARE(done.cause, CauseCatalogue::id(FailureCause::LockIncomplete));
        QCOMPARE(device.count(Opcode::NodeIdentify), 3); // once before the keys, twice after the lock
        QCOMPARE(m_world.escrowStates(done.nodeId).last(), QStringLiteral("failed"));
    }

    void aFailingStepStopsTheRunWithItsCode()
    {
        sim::DeviceFaults faults;
        faults.lockFails = true;
        test::FakeDevice device(test::FakeDevice::bareNode(0x105), transport::WrapperKind::None, faults);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        const RunSnapshot done = run(options(), ports);
        // The node answers Lock with a hardware failure: an unexpected answer (37).
        QCOMPARE(done.resultCode, int(ResultCode::NodeUnexpectedError));
        QCOMPARE(done.state, RunSnapshot::State::Failed);
        const QJsonObject record = runRecord(done);
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), nodeStep(StepKind::Lock));
        QCOMPARE(record.value(QLatin1String("code")).toInt(), done.resultCode);
        const QJsonArray steps = record.value(QLatin1String("steps")).toArray();
        QCOMPARE(steps.last().toObject().value(QLatin1String("result")).toInt(), done.resultCode);
        QVERIFY(!stepsRun(record).contains(nodeStep(StepKind::ConfirmEscrow)));
        QVERIFY(!record.value(QLatin1String("stationFault")).toBool());
        QCOMPARE(m_world.escrowStates(done.nodeId).last(), QStringLiteral("failed"));
    }

    void anAbortEndsTheRunWithTheOperatorsError()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x106), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        const Error stop = makeError(ResultCode::InvalidArguments, QStringLiteral("stopped by the operator"));
        const RunSnapshot done = run(options(), ports, [stop](DeviceRun *station, const QString &boundary) {
            if (boundary == QStringLiteral("before:") + nodeStep(StepKind::WriteKeys))
                QTimer::singleShot(0, station, [station, stop] { station->abort(stop); });
        });
        QCOMPARE(done.resultCode, int(ResultCode::InvalidArguments));
        QVERIFY2(done.message.contains(QStringLiteral("stopped by the operator")), qPrintable(done.message));
        const QJsonObject record = runRecord(done);
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), nodeStep(StepKind::WriteKeys));
        QVERIFY(!stepsRun(record).contains(nodeStep(StepKind::WriteKeys)));
        QCOMPARE(device.count(Opcode::VerifyKey), 0);
        // The keys may have started towards the device: the record is failed, never forgotten.
        QCOMPARE(m_world.escrowStates(done.nodeId).last(), QStringLiteral("failed"));
        QCOMPARE(m_world.outbox->count().value(), 0);
    }

    void aPortThatStopsWorkingFailsTheRunAndItsRecord()
    {
        // The adapter is pulled while the first key check is on its way: the
        // run fails at once (no waiting for retries), naming the port, and the
        // record is failed.
        test::FakeDevice device(test::FakeDevice::bareNode(0x108), transport::WrapperKind::None);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        bool pulled = false;
        device.setBeforeRequest([&device, &pulled](Opcode opcode) {
            if (opcode == Opcode::VerifyKey && !pulled) {
                pulled = true;
                device.setSilent(true);
                device.port()->raiseError(QSerialPort::ResourceError, QStringLiteral("No such device"));
            }
        });
        const RunSnapshot done = run(options(), ports);
        QCOMPARE(done.state, RunSnapshot::State::Failed);
        QVERIFY2(done.message.contains(kPort), qPrintable(done.message));
        QVERIFY2(done.message.contains(QStringLiteral("No such device")), qPrintable(done.message));
        const QJsonObject record = runRecord(done);
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), nodeStep(StepKind::VerifyKeys));
        QVERIFY(!record.value(QLatin1String("stationFault")).toBool());
        QCOMPARE(device.count(Opcode::WriteKey), 3);
        QCOMPARE(device.count(Opcode::VerifyKey), 1);
        QCOMPARE(m_world.escrowStates(done.nodeId).last(), QStringLiteral("failed"));
        QCOMPARE(m_world.outbox->count().value(), 0);
    }

    void aPortThatCannotOpenIsTheStationsFault()
    {
        test::FakeSerialPorts ports;
        ports.failOpen(
            kPort, QSerialPort::PermissionError, QStringLiteral("Permission error while locking the device"));
        const RunSnapshot done = run(options(), ports);
        QCOMPARE(done.resultCode, int(ResultCode::DeviceUnreachable));
        QVERIFY2(done.message.contains(QStringLiteral("in use by another program")), qPrintable(done.message));
        const QJsonObject record = runRecord(done);
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), QStringLiteral("OpenPort"));
        QVERIFY(record.value(QLatin1String("stationFault")).toBool());
        QVERIFY(stepsRun(record).isEmpty());
        QCOMPARE(ports.opened(), 0);
    }

    void anOperationThePluginLacksIsRefusedBeforeAnything()
    {
        test::FakeSerialPorts ports;
        RunOptions o = options();
        o.operation = Operation::Pretest;
        const RunSnapshot done = run(o, ports);
        QCOMPARE(done.resultCode, int(ResultCode::InvalidArguments));
        QVERIFY2(done.message.contains(QStringLiteral("has no")), qPrintable(done.message));
        QCOMPARE(runRecord(done).value(QLatin1String("failedStep")).toString(), QStringLiteral("CheckOptions"));
        QCOMPARE(ports.opened(), 0);
    }

    void anUnknownSettingIsRefusedBeforeAnything()
    {
        test::FakeSerialPorts ports;
        RunOptions o = options();
        o.settings.insert(QStringLiteral("noSuchSetting"), 1);
        const RunSnapshot done = run(o, ports);
        QCOMPARE(done.resultCode, int(ResultCode::InvalidArguments));
        QVERIFY2(done.message.contains(QStringLiteral("noSuchSetting")), qPrintable(done.message));
        QCOMPARE(ports.opened(), 0);
    }

    void anUnreachableServerIsTriedAgainThenReported()
    {
        test::FakeSerialPorts ports;
        m_world.server->goAway();
        const RunSnapshot done = run(options(), ports);
        QVERIFY(m_world.server->comeBack());
        QCOMPARE(done.resultCode, int(ResultCode::ServerUnreachable));
        QCOMPARE(ports.opened(), 0);
        // The run record waits in the outbox for the replay, with its log.
        const auto pending = m_world.outbox->pendingRuns();
        QVERIFY(pending.ok());
        QJsonObject record;
        for (const PendingRun &r : pending.value()) {
            if (r.uuid == done.runId)
                record = r.body;
        }
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), QStringLiteral("FetchConfiguration"));
        QVERIFY(record.value(QLatin1String("stationFault")).toBool());
        QCOMPARE(record.value(QLatin1String("runLog")).toString().count(QStringLiteral("retrying:")),
            StepPolicy::kNetworkAttempts - 1);
        QVERIFY(m_world.outbox->removeRun(done.runId, QString::fromLatin1(KeyOutbox::kRunKind)).ok());
    }

    void aSilentDeviceIsNoDevice()
    {
        test::FakeDevice device(test::FakeDevice::bareNode(0x107), transport::WrapperKind::None);
        device.setSilent(true);
        test::FakeSerialPorts ports([&device](test::FakeSerialPort *p) { device.attach(p); });
        const RunSnapshot done = run(options(), ports);
        QCOMPARE(done.resultCode, int(ResultCode::DeviceUnreachable));
        QCOMPARE(done.cause, CauseCatalogue::id(FailureCause::NoAnswer));
        QCOMPARE(done.causeFacts, QStringList {kPort});
        const QJsonObject record = runRecord(done);
        QCOMPARE(record.value(QLatin1String("failedStep")).toString(), nodeStep(StepKind::IdentifyNode));
        // The port opened: the device failed, not the station.
        QVERIFY(!record.value(QLatin1String("stationFault")).toBool());
        QVERIFY(device.requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_StationSteps)
#include "tst_devicerunsteps.moc"

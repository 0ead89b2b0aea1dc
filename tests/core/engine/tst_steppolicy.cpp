// Which steps a run skips and why, how long each step may take, how often an
// exchange is tried, and the code a step ends with when its time runs out.
#include "engine/SettingKeys.h"
#include "engine/StepFactory.h"
#include "engine/StepPolicy.h"

#include <QTest>

using namespace prov;
using namespace prov::engine;

namespace {

/// A context for one family (with or without a host) and one run's options.
struct Run
{
    PluginDescription plugin;
    OperationSpec operation;
    RunOptions options;
    StepContext ctx;

    explicit Run(bool hasHost)
    {
        plugin.id = hasHost ? QStringLiteral("i210plus") : QStringLiteral("node");
        plugin.hasHost = hasHost;
        operation.steps = {StepSpec {StepKind::IdentifyNode, Targets::Node, 0, -1},
            StepSpec {StepKind::GenerateAndEscrowKeys, Targets::Both, 0, -1}};
        ctx.plugin = &plugin;
        ctx.operation = &operation;
        ctx.options = &options;
    }

    bool skipped(StepKind kind, QString *why = nullptr)
    {
        QString reason;
        const bool out = StepFactory::skipped(StepSpec {kind, Targets::Both, 0, -1}, ctx, &reason);
        if (why)
            *why = reason;
        return out;
    }
};

constexpr StepKind kKeySteps[]
    = {StepKind::GenerateAndEscrowKeys, StepKind::WriteKeys, StepKind::VerifyKeys, StepKind::ConfirmEscrow};
constexpr StepKind kHostSteps[]
    = {StepKind::IdentifyHost, StepKind::CheckPartialMcmId, StepKind::UpdateHostFirmware, StepKind::CheckMeterLink};

} // namespace

class tst_StepPolicy : public QObject
{
    Q_OBJECT

private slots:
    void nothingIsSkippedByDefault()
    {
        Run run(true);
        for (int k = int(StepKind::IdentifyNode); k <= int(StepKind::CheckMeterLink); ++k)
            QVERIFY2(!run.skipped(StepKind(k)), qPrintable(stepKindName(StepKind(k))));
        QVERIFY(run.ctx.makesKeys());
    }

    void skipKeysSkipsEveryKeyStepAndNothingElse()
    {
        Run run(true);
        run.options.skipKeys = true;
        for (StepKind kind : kKeySteps) {
            QString why;
            QVERIFY(run.skipped(kind, &why));
            QCOMPARE(why, QStringLiteral("--skip-keys"));
        }
        QVERIFY(!run.skipped(StepKind::Lock));
        QVERIFY(!run.skipped(StepKind::IdentifyNode));
        // A run that makes no keys is not stopped by a node's lock or a clock.
        QVERIFY(!run.ctx.makesKeys());
    }

    void skipLockSkipsTheLockOnly()
    {
        Run run(true);
        run.options.skipLock = true;
        QString why;
        QVERIFY(run.skipped(StepKind::Lock, &why));
        QCOMPARE(why, QStringLiteral("--skip_lock"));
        for (StepKind kind : kKeySteps)
            QVERIFY(!run.skipped(kind));
    }

    void aBareNodeSkipsTheHostSteps()
    {
        Run bare(false);
        Run meter(true);
        for (StepKind kind : kHostSteps) {
            QString why;
            QVERIFY(bare.skipped(kind, &why));
            QCOMPARE(why, QStringLiteral("no host on this family"));
            QVERIFY(!meter.skipped(kind));
        }
        // Keys and the lock are the node's too.
        QVERIFY(!bare.skipped(StepKind::WriteKeys));
        QVERIFY(!bare.skipped(StepKind::Lock));
    }

    void anOperationWithoutTheKeyStepMakesNoKeys()
    {
        Run run(true);
        run.operation.steps.removeLast();
        QVERIFY(!run.ctx.makesKeys());
    }

    void theFactoryMakesEachKindOfStep()
    {
        Run run(true);
        for (int k = int(StepKind::IdentifyNode); k <= int(StepKind::CheckMeterLink); ++k) {
            const StepSpec spec {StepKind(k), Targets::Node, 0, -1};
            std::unique_ptr<Step> step(StepFactory::create(spec, run.ctx, nullptr));
            QVERIFY2(step, qPrintable(stepKindName(spec.kind)));
            QCOMPARE(step->spec().kind, spec.kind);
        }
    }

    void exchangesWaitLongerOnASlowLine()
    {
        Run run(true);
        const StepSpec spec {StepKind::IdentifyNode, Targets::Node, 0, -1};
        run.ctx.baud = 115200;
        QCOMPARE(StepPolicy::clientOptions(spec, run.ctx).responseTimeoutMs, 1000);
        run.ctx.baud = 9600;
        QCOMPARE(StepPolicy::clientOptions(spec, run.ctx).responseTimeoutMs, 3000);
        QCOMPARE(StepPolicy::clientOptions(spec, run.ctx).baudRate, 9600);
        QCOMPARE(StepPolicy::clientOptions(spec, run.ctx).retries, 3);
    }

    void aPluginsTimeoutAndRetriesWin()
    {
        Run run(true);
        const StepSpec spec {StepKind::WriteKeys, Targets::Node, 250, 0};
        const protocol::ClientOptions o = StepPolicy::clientOptions(spec, run.ctx);
        QCOMPARE(o.responseTimeoutMs, 250);
        QCOMPARE(o.retries, 0);
    }

    void theBlockWindowSettingIsBounded_data()
    {
        QTest::addColumn<int>("setting");
        QTest::addColumn<int>("window");
        QTest::newRow("as set") << 4 << 4;
        QTest::newRow("at least one") << 0 << 1;
        QTest::newRow("at most sixteen") << 64 << 16;
    }

    void theBlockWindowSettingIsBounded()
    {
        QFETCH(int, setting);
        QFETCH(int, window);
        Run run(true);
        run.options.settings.insert(QLatin1String(SettingKeys::kBlockWindow), setting);
        const StepSpec spec {StepKind::UpdateNodeFirmware, Targets::Node, 0, -1};
        QCOMPARE(StepPolicy::clientOptions(spec, run.ctx).transferWindow, window);
    }

    void theJoinWaitsAsLongAsTheOperatorAsked()
    {
        Run run(true);
        run.options.joinTimeoutS = 45;
        QCOMPARE(StepPolicy::stepTimeoutMs(StepSpec {StepKind::WaitForJoin, Targets::Node, 0, -1}, run.ctx),
            45 * 1000 + 30000);
    }

    void aTransferGetsTimeForItsLargestObject()
    {
        Run run(true);
        const StepSpec spec {StepKind::UpdateNodeFirmware, Targets::Node, 0, -1};
        run.ctx.baud = 115200;
        const int none = StepPolicy::stepTimeoutMs(spec, run.ctx);
        QCOMPARE(none, 120000);
        auto config = std::make_shared<Configuration>();
        config->nodeFirmware = ConfigFile {};
        config->nodeFirmware->size = 1024 * 1024;
        run.ctx.config = config;
        const int fast = StepPolicy::stepTimeoutMs(spec, run.ctx);
        run.ctx.baud = 9600;
        const int slow = StepPolicy::stepTimeoutMs(spec, run.ctx);
        QVERIFY(fast > none);
        QVERIFY(slow > fast);
        QVERIFY(slow <= 3600000);
    }

    void aStepOutOfTimeEndsWithItsCode_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("targets");
        QTest::addColumn<int>("code");
        QTest::newRow("join") << int(StepKind::WaitForJoin) << int(Targets::Node) << int(ResultCode::DeviceDidNotJoin);
        QTest::newRow("gateway") << int(StepKind::ClearGatewayStatus) << int(Targets::Node)
                                 << int(ResultCode::GatewayUnreachable);
        QTest::newRow("escrow") << int(StepKind::GenerateAndEscrowKeys) << int(Targets::Both)
                                << int(ResultCode::ServerUnreachable);
        QTest::newRow("confirm") << int(StepKind::ConfirmEscrow) << int(Targets::Both)
                                 << int(ResultCode::ServerUnreachable);
        QTest::newRow("host") << int(StepKind::IdentifyHost) << int(Targets::Host) << int(ResultCode::HostUnreachable);
        QTest::newRow("meter link") << int(StepKind::CheckMeterLink) << int(Targets::Host)
                                    << int(ResultCode::HostUnreachable);
        QTest::newRow("host keys") << int(StepKind::WriteKeys) << int(Targets::Host)
                                   << int(ResultCode::HostUnreachable);
        QTest::newRow("node keys") << int(StepKind::WriteKeys) << int(Targets::Node)
                                   << int(ResultCode::NodeMessageFailed);
        QTest::newRow("node") << int(StepKind::IdentifyNode) << int(Targets::Node)
                              << int(ResultCode::NodeMessageFailed);
    }

    void aStepOutOfTimeEndsWithItsCode()
    {
        QFETCH(int, kind);
        QFETCH(int, targets);
        QFETCH(int, code);
        QCOMPARE(int(StepPolicy::timeoutCode(StepSpec {StepKind(kind), Targets(targets), 0, -1})), code);
    }
};

QTEST_GUILESS_MAIN(tst_StepPolicy)
#include "tst_steppolicy.moc"

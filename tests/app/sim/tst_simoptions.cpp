#include "SimOptions.h"

#include <QTest>

using namespace prov;
using namespace prov::sim;

class TestSimOptions : public QObject
{
    Q_OBJECT

private slots:
    void deviceLists_data();
    void deviceLists();
    void faultRules_data();
    void faultRules();
    void faultTargets();
    void laterRulesOverride();
    void options();
};

void TestSimOptions::deviceLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("parsed"); // model:count@wrapper,... or the error fragment
    QTest::newRow("the issue's example") << QStringLiteral("i210plus:4,kv2c:2,node:2")
                                         << QStringLiteral("i210plus:4@-,kv2c:2@-,node:2@-");
    QTest::newRow("count defaults to 1") << QStringLiteral("node") << QStringLiteral("node:1@-");
    QTest::newRow("wrapper override") << QStringLiteral("node:1@reliable,kv2c@none")
                                      << QStringLiteral("node:1@reliable,kv2c:1@none");
    QTest::newRow("spaces around items") << QStringLiteral(" node:2 , i210plus ")
                                         << QStringLiteral("node:2@-,i210plus:1@-");
    QTest::newRow("unknown model") << QStringLiteral("i310:1") << QStringLiteral("unknown model");
    QTest::newRow("zero") << QStringLiteral("node:0") << QStringLiteral("at least one");
    QTest::newRow("negative") << QStringLiteral("node:-1") << QStringLiteral("is not MODEL");
    QTest::newRow("unknown wrapper") << QStringLiteral("node:1@fast") << QStringLiteral("unknown wrapper");
    QTest::newRow("empty item") << QStringLiteral("node:1,,kv2c") << QStringLiteral("is not MODEL");
    QTest::newRow("too many") << QStringLiteral("node:200,kv2c:100") << QStringLiteral("at most 256");
}

void TestSimOptions::deviceLists()
{
    QFETCH(QString, text);
    QFETCH(QString, parsed);
    const Result<QList<DeviceGroup>> r = SimOptions::parseDevices(text);
    if (!r.ok()) {
        QCOMPARE(r.error().code, ResultCode::InvalidArguments);
        QVERIFY2(r.error().message.contains(parsed), qPrintable(r.error().message));
        return;
    }
    QStringList items;
    for (const DeviceGroup &g : *r)
        items << QStringLiteral("%1:%2@%3")
                     .arg(g.model)
                     .arg(g.count)
                     .arg(g.wrapper ? transport::wrapperName(*g.wrapper) : QStringLiteral("-"));
    QCOMPARE(items.join(u','), parsed);
}

void TestSimOptions::faultRules_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("why");
    QTest::newRow("ber") << QStringLiteral("kv2c#1:ber=1e-5") << true << QString();
    QTest::newRow("several") << QStringLiteral("node:silent,drop=0.001,never-join") << true << QString();
    QTest::newRow("all devices") << QStringLiteral("*:join-after=2.5") << true << QString();
    QTest::newRow("switch with 0") << QStringLiteral("node#0:hw-fail=0") << true << QString();
    QTest::newRow("reset default fraction") << QStringLiteral("i210plus:reset-during-fw") << true << QString();
    QTest::newRow("calibration") << QStringLiteral("node:calibration=uncalibrated") << true << QString();
    QTest::newRow("no colon") << QStringLiteral("node") << false << QStringLiteral("expected TARGET:key");
    QTest::newRow("nothing after colon") << QStringLiteral("node:") << false << QStringLiteral("expected TARGET:key");
    QTest::newRow("bad target") << QStringLiteral("Node#x:silent") << false
                                << QStringLiteral("is not MODEL, MODEL#N or *");
    QTest::newRow("star with index") << QStringLiteral("*#1:silent") << false << QStringLiteral("takes no #N");
    QTest::newRow("unknown key") << QStringLiteral("node:explode") << false
                                 << QStringLiteral("unknown fault \"explode\"");
    QTest::newRow("ber above 1") << QStringLiteral("node:ber=2") << false << QStringLiteral("probability");
    QTest::newRow("ber not a number") << QStringLiteral("node:ber=lots") << false << QStringLiteral("probability");
    QTest::newRow("negative seconds") << QStringLiteral("node:join-after=-1") << false << QStringLiteral("seconds");
    QTest::newRow("fraction 1") << QStringLiteral("node:reset-during-fw=1") << false << QStringLiteral("fraction");
    QTest::newRow("switch with value") << QStringLiteral("node:silent=yes") << false << QStringLiteral("0/1");
    QTest::newRow("bad calibration") << QStringLiteral("node:calibration=meh") << false
                                     << QStringLiteral("valid, invalid");
}

void TestSimOptions::faultRules()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, why);
    const Result<FaultRule> r = FaultRule::parse(text);
    QCOMPARE(r.ok(), valid);
    if (!valid) {
        QVERIFY2(r.error().message.contains(why), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(text), qPrintable(r.error().message));
    }
}

void TestSimOptions::faultTargets()
{
    const FaultRule one = FaultRule::parse(u"kv2c#1:silent").value();
    QVERIFY(one.matches(QStringLiteral("kv2c"), 1));
    QVERIFY(!one.matches(QStringLiteral("kv2c"), 0));
    QVERIFY(!one.matches(QStringLiteral("node"), 1));
    const FaultRule model = FaultRule::parse(u"node:silent").value();
    QVERIFY(model.matches(QStringLiteral("node"), 0) && model.matches(QStringLiteral("node"), 7));
    QVERIFY(!model.matches(QStringLiteral("kv2c"), 0));
    const FaultRule all = FaultRule::parse(u"*:silent").value();
    QVERIFY(all.matches(QStringLiteral("kv2c"), 3) && all.matches(QStringLiteral("i210plus"), 0));
}

void TestSimOptions::laterRulesOverride()
{
    DeviceFaults f;
    FaultRule::parse(u"*:ber=1e-4,silent,join-after=3,reset-during-fw").value().applyTo(&f);
    FaultRule::parse(u"node#0:silent=0,ber=0,calibration=invalid").value().applyTo(&f);
    QCOMPARE(f.bitErrorRate, 0.0);
    QVERIFY(!f.silent);
    QCOMPARE(f.joinAfterSeconds.value_or(-1), 3.0);
    QCOMPARE(f.resetDuringFirmware.value_or(-1), 0.5);
    QCOMPARE(f.calibration, std::optional<protocol::CalibrationState>(protocol::CalibrationState::Invalid));
    QVERIFY(!f.wrongHardware && !f.hardwareFailure && !f.meterLinkDown && !f.neverJoin && !f.flashCorrupt);
}

void TestSimOptions::options()
{
    const QString prog = QStringLiteral("provstation-sim");
    Result<SimOptions> r = SimOptions::parse({prog, QStringLiteral("--devices"), QStringLiteral("node")});
    QVERIFY(r.ok());
    QCOMPARE(r->gatewayPort, quint16(4021));
    QCOMPARE(r->joinDelaySeconds, 3.0);
    QCOMPARE(r->maxBlock, 1024);
    QCOMPARE(r->nodeHardwareType, protocol::HardwareType::Unode);

    r = SimOptions::parse({prog, QStringLiteral("--devices"), QStringLiteral("node"), QStringLiteral("--gateway-port"),
        QStringLiteral("0"), QStringLiteral("--join-delay"), QStringLiteral("0.25"), QStringLiteral("--node-type"),
        QStringLiteral("dnode"), QStringLiteral("--seed"), QStringLiteral("0x10"), QStringLiteral("--fault"),
        QStringLiteral("node:silent"), QStringLiteral("--fault"), QStringLiteral("*:ber=1e-6"),
        QStringLiteral("--host-firmware"), QStringLiteral("5.6")});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->gatewayPort, quint16(0));
    QCOMPARE(r->joinDelaySeconds, 0.25);
    QCOMPARE(r->nodeHardwareType, protocol::HardwareType::Dnode);
    QCOMPARE(r->seed, 16u);
    QCOMPARE(r->faults.size(), 2);
    QCOMPARE(r->hostFirmware.toString(), QStringLiteral("5.6.0.0"));

    const QList<QPair<QStringList, QString>> bad = {
        {{QStringLiteral("--gateway-port"), QStringLiteral("70000")}, QStringLiteral("--gateway-port")},
        {{QStringLiteral("--max-block"), QStringLiteral("5000")}, QStringLiteral("--max-block")},
        {{QStringLiteral("--node-type"), QStringLiteral("EMCM")}, QStringLiteral("--node-type")},
        {{QStringLiteral("--join-delay"), QStringLiteral("soon")}, QStringLiteral("--join-delay")},
        {{QStringLiteral("--gateway-address"), QStringLiteral("nowhere")}, QStringLiteral("--gateway-address")},
        {{QStringLiteral("--no-such-option")}, QStringLiteral("no-such-option")},
    };
    for (const auto &[extra, fragment] : bad) {
        const Result<SimOptions> e
            = SimOptions::parse(QStringList {prog, QStringLiteral("--devices"), QStringLiteral("node")} + extra);
        QVERIFY2(!e.ok(), qPrintable(extra.join(u' ')));
        QCOMPARE(e.error().code, ResultCode::InvalidArguments);
        QVERIFY2(e.error().message.contains(fragment), qPrintable(e.error().message));
    }
    const Result<SimOptions> help = SimOptions::parse({prog, QStringLiteral("--help")});
    QCOMPARE(help.error().code, ResultCode::Success);
    QVERIFY(help.error().message.contains(QStringLiteral("--fault")));
    const Result<SimOptions> version = SimOptions::parse({prog, QStringLiteral("--version")});
    QCOMPARE(version.error().code, ResultCode::Success);
    QCOMPARE(version.error().message, QStringLiteral("provstation-sim %1\n").arg(QStringLiteral(PROVSTATION_VERSION)));
}

QTEST_GUILESS_MAIN(TestSimOptions)
#include "tst_simoptions.moc"

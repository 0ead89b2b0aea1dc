// provstation-sim as a process: its announcement lines, deterministic IDs,
// state files, clean exit on SIGTERM/SIGINT and argument errors.
#include "SimHarness.h"
#include "TestSupport.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace prov;
using namespace prov::test;

class TestSimProcess : public QObject
{
    Q_OBJECT

private slots:
    void announcesEveryPort();
    void idsFollowTheSeed();
    void stopsCleanlyOnSignals_data();
    void stopsCleanlyOnSignals();
    void argumentErrors_data();
    void argumentErrors();
    void busyGatewayPortIsAnError();
};

void TestSimProcess::announcesEveryPort()
{
    QTemporaryDir dir;
    SimProcess sim;
    QString error;
    QVERIFY2(sim.start({QStringLiteral("--devices"), QStringLiteral("i210plus:2,kv2c:1,node:1@reliable"),
                           QStringLiteral("--state-dir"), dir.path()},
                 &error),
        qPrintable(error));
    QCOMPARE(sim.ports().size(), 5);
    QSet<QString> paths;
    QSet<QString> nodeIds;
    for (const SimPort &p : sim.ports()) {
        for (const char *key :
            {"kind", "model", "role", "path", "baud", "wrapper", "nodeId", "emcmId", "device", "index", "stateFile"})
            QVERIFY2(p.line.contains(QLatin1String(key)), key);
        QVERIFY2(QFileInfo::exists(p.path), qPrintable(p.path));
        QVERIFY(p.path.startsWith(QStringLiteral("/dev/pts/")));
        paths.insert(p.path);
        nodeIds.insert(p.nodeId);
        QVERIFY(p.nodeId.startsWith(QStringLiteral("0x")) && p.nodeId.size() == 10);
        QCOMPARE(p.stateFile, dir.filePath(p.nodeId + QStringLiteral(".json")));
        QVERIFY2(QFileInfo::exists(p.stateFile), qPrintable(p.stateFile)); // written from the start
    }
    QCOMPARE(paths.size(), 5);
    QCOMPARE(nodeIds.size(), 4); // the kv2c's two ports are one device

    const SimPort i210 = sim.port(QStringLiteral("i210plus"), 1);
    QCOMPARE(i210.role, QStringLiteral("direct"));
    QCOMPARE(i210.baud, 115200);
    QCOMPARE(i210.wrapper, QStringLiteral("orw"));
    QCOMPARE(i210.device, 1);
    QCOMPARE(i210.emcmId.size(), 16);
    QCOMPARE(sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("fixture")).device, 2);
    const SimPort optical = sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("optical"));
    QCOMPARE(optical.baud, 9600);
    QCOMPARE(optical.wrapper, QStringLiteral("opt_psem"));
    const SimPort node = sim.port(QStringLiteral("node"), 0);
    QCOMPARE(node.wrapper, QStringLiteral("reliable")); // the @reliable override
    QVERIFY(node.line.value(QStringLiteral("emcmId")).isNull());
    QVERIFY(!SimProcess::readState(node).contains(QStringLiteral("host")));
    QVERIFY(sim.gatewayPort() > 0);
    QCOMPARE(sim.stop(), 0);
}

void TestSimProcess::idsFollowTheSeed()
{
    const auto idsOf = [](const QString &seed) {
        SimProcess sim;
        QString error;
        QStringList ids;
        if (!sim.start(
                {QStringLiteral("--devices"), QStringLiteral("i210plus:2,node:2"), QStringLiteral("--seed"), seed},
                &error))
            return QStringList {error};
        for (const SimPort &p : sim.ports())
            ids << p.nodeId + p.emcmId;
        sim.stop();
        return ids;
    };
    const QStringList a = idsOf(QStringLiteral("42"));
    QCOMPARE(a.size(), 4);
    QCOMPARE(idsOf(QStringLiteral("42")), a);
    const QStringList b = idsOf(QStringLiteral("43"));
    QCOMPARE(b.size(), 4);
    for (int i = 0; i < 4; ++i)
        QVERIFY(a.at(i) != b.at(i));
}

void TestSimProcess::stopsCleanlyOnSignals_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestSimProcess::stopsCleanlyOnSignals()
{
    QFETCH(int, signal);
    SimProcess sim;
    QString error;
    QVERIFY2(sim.start({QStringLiteral("--devices"), QStringLiteral("node:1")}, &error), qPrintable(error));
    ::kill(pid_t(sim.process().processId()), signal);
    QVERIFY(sim.process().waitForFinished(10000));
    QCOMPARE(sim.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(sim.process().exitCode(), 0);
}

void TestSimProcess::argumentErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no devices") << QStringList {} << QStringLiteral("--devices is required");
    QTest::newRow("unknown model") << QStringList {QStringLiteral("--devices"), QStringLiteral("i310:1")}
                                   << QStringLiteral("unknown model \"i310\"");
    QTest::newRow("unknown wrapper") << QStringList {QStringLiteral("--devices"), QStringLiteral("node:1@fast")}
                                     << QStringLiteral("unknown wrapper \"fast\"");
    QTest::newRow("bad fault") << QStringList {QStringLiteral("--devices"), QStringLiteral("node:1"),
        QStringLiteral("--fault"), QStringLiteral("node#0:ber=2")}
                               << QStringLiteral("ber wants a probability");
    QTest::newRow("bad version") << QStringList {QStringLiteral("--devices"), QStringLiteral("node"),
        QStringLiteral("--node-firmware"), QStringLiteral("1.x")}
                                 << QStringLiteral("--node-firmware");
    QTest::newRow("stray argument") << QStringList {QStringLiteral("--devices"), QStringLiteral("node"),
        QStringLiteral("extra")} << QStringLiteral("unexpected argument \"extra\"");
}

void TestSimProcess::argumentErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const ProcessResult r = runProcess(binPath(QStringLiteral("provstation-sim")), arguments, {}, 10000);
    QVERIFY(!r.crashed);
    QCOMPARE(r.exitCode, 3);
    const QString err = QString::fromUtf8(r.stdErr);
    QVERIFY2(err.startsWith(QStringLiteral("error 3: ")), qPrintable(err));
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY(r.stdOut.isEmpty());
}

void TestSimProcess::busyGatewayPortIsAnError()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const ProcessResult r = runProcess(binPath(QStringLiteral("provstation-sim")),
        {QStringLiteral("--devices"), QStringLiteral("node:1"), QStringLiteral("--gateway-port"),
            QString::number(taken.serverPort())},
        {}, 10000);
    QVERIFY(!r.crashed);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.stdErr.contains(QByteArray::number(taken.serverPort())), r.stdErr.constData());
}

QTEST_GUILESS_MAIN(TestSimProcess)
#include "tst_simprocess.moc"

// The legacy operations the factory scripts call, on the families and port
// roles that run them, end to end against the simulator: i210+ CHECKCONFIG on
// the direct port (after PRETEST, before calibration) and kV2c single-stage
// PROVISION on the board fixture port.
#include "CliWorld.h"

#include "TestSupport.h"

#include <QJsonObject>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliOperations : public QObject
{
    Q_OBJECT

private:
    CliWorld m_world;

    QStringList args(const QString &meter, const SimPort &port, const QString &operation) const
    {
        return m_world.baseArguments() << QStringLiteral("--meter") << meter << QStringLiteral("-d") << port.path
                                       << QStringLiteral("-t") << QStringLiteral("20") << QStringLiteral("--set")
                                       << QStringLiteral("joinPollMs=100") << operation;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_world.start(
                     {QStringLiteral("--devices"), QStringLiteral("i210plus:2,kv2c:1"), QStringLiteral("--join-delay"),
                         QStringLiteral("0.2"), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0.5")},
                     &error),
            qPrintable(error));
    }

    void i210CheckConfigAfterPretest()
    {
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), 0);
        QCOMPARE(port.role, QStringLiteral("direct"));
        const CliRun pretest = m_world.run(args(QStringLiteral("i210plus"), port, QStringLiteral("PRETEST")));
        QVERIFY2(pretest.exitCode == 0, qPrintable(pretest.err));
        const QJsonObject before = SimProcess::readState(port);

        const CliRun check = m_world.run(args(QStringLiteral("i210plus"), port, QStringLiteral("CHECKCONFIG")));
        QVERIFY2(check.exitCode == 0, qPrintable(check.err));
        QVERIFY2(check.out.contains(QStringLiteral("%1: 0 success").arg(port.path)), qPrintable(check.out));
        // A check: the device's memory is as PRETEST left it, no key, no lock.
        const QJsonObject after = SimProcess::readState(port);
        for (const char *processor : {"node", "host"})
            QCOMPARE(after.value(QLatin1String(processor)).toObject().value(QLatin1String("config")),
                before.value(QLatin1String(processor)).toObject().value(QLatin1String("config")));
        QVERIFY(CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot")).isEmpty());
        QVERIFY(!after.value(QLatin1String("node")).toObject().value(QLatin1String("locked")).toBool());
        QVERIFY(m_world.server->escrowFor(port.nodeId).isEmpty());
    }

    void i210CheckConfigWithoutPretestNamesIt()
    {
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), 1);
        const CliRun check = m_world.run(args(QStringLiteral("i210plus"), port, QStringLiteral("CHECKCONFIG")));
        QVERIFY2(check.exitCode == 42, qPrintable(check.err));
        QVERIFY2(check.err.startsWith(QStringLiteral("error 42: ")), qPrintable(check.err));
        QVERIFY2(check.err.contains(QStringLiteral("run PRETEST first")), qPrintable(check.err));
    }

    void kv2cSingleStageOnTheFixture()
    {
        const SimPort fixture = m_world.sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("fixture"));
        const CliRun r = m_world.run(args(QStringLiteral("kv2c"), fixture, QStringLiteral("PROVISION")));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("%1: 0 success").arg(fixture.path)), qPrintable(r.out));
        // Provisioned in one run: field configuration, the escrowed key on the
        // device, locked.
        const QJsonObject state = SimProcess::readState(fixture);
        const QJsonObject node = state.value(QLatin1String("node")).toObject();
        QCOMPARE(node.value(QLatin1String("config")).toObject().value(QLatin1String("kind")).toString(),
            QStringLiteral("field"));
        QVERIFY(node.value(QLatin1String("locked")).toBool());
        const QByteArray onDevice = CliWorld::deviceKey(fixture, QStringLiteral("node"), QStringLiteral("nodeRoot"));
        QVERIFY(!onDevice.isEmpty());
        const QList<QJsonObject> escrow = m_world.server->escrowFor(fixture.nodeId);
        QVERIFY(!escrow.isEmpty());
        QCOMPARE(m_world.decryptNodeRootKey(escrow.constLast()).toLower(), onDevice.toLower());
    }
};

QTEST_GUILESS_MAIN(tst_CliOperations)
#include "tst_clioperations.moc"

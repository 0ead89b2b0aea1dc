// The kV2c optical port after an interrupted session: provstation-cli is
// killed with SIGKILL in the middle of a C12.18 session on the simulator's
// optical port, which leaves the meter's answers on the line; the next run on
// the same port must pass (the station drains the port and ties each answer
// to its request).
#include "CliWorld.h"

#include "TestSupport.h"

#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliOptical : public QObject
{
    Q_OBJECT

private:
    CliWorld m_world;

    QStringList args(const SimPort &port, const QString &operation) const
    {
        return m_world.baseArguments() << QStringLiteral("--meter") << QStringLiteral("kv2c") << QStringLiteral("-d")
                                       << port.path << QStringLiteral("-t") << QStringLiteral("30") << operation;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_world.start({QStringLiteral("--devices"), QStringLiteral("kv2c:1"), QStringLiteral("--join-delay"),
                                   QStringLiteral("0.2"), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0")},
                     &error),
            qPrintable(error));
        const CliRun pretest
            = m_world.run(args(m_world.sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("fixture")), u"PRETEST"_qs));
        QVERIFY2(pretest.exitCode == 0, qPrintable(pretest.err));
    }

    void nextRunPassesAfterAKilledSession_data()
    {
        // Kill points from the session setup (Identify .. Security) to the tunnel.
        QTest::addColumn<int>("killAfterMs");
        for (int ms : {60, 150, 250, 350, 450})
            QTest::addRow("killed after %d ms", ms) << ms;
    }

    void nextRunPassesAfterAKilledSession()
    {
        QFETCH(int, killAfterMs);
        const SimPort optical = m_world.sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("optical"));
        std::unique_ptr<QProcess> victim(m_world.launch(args(optical, u"CHECKCONFIG"_qs)));
        QVERIFY(victim->waitForStarted(10000));
        QTest::qWait(killAfterMs);
        // A fast machine may finish the whole CHECKCONFIG before a late kill point:
        // then there is no interrupted session to recover from at this point.
        if (victim->state() != QProcess::Running)
            QSKIP(qPrintable(QStringLiteral("the run ended (exit %1) before %2 ms: nothing to interrupt")
                                 .arg(victim->exitCode())
                                 .arg(killAfterMs)));
        victim->kill(); // SIGKILL: no Logoff, no Terminate, the meter's answers stay on the line
        QVERIFY(victim->waitForFinished(10000));
        QCOMPARE(victim->exitStatus(), QProcess::CrashExit);

        const CliRun r = m_world.run(args(optical, u"CHECKCONFIG"_qs));
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY(r.out.contains(optical.path + QStringLiteral(": 0 success")));
    }
};

QTEST_GUILESS_MAIN(tst_CliOptical)
#include "tst_clioptical.moc"

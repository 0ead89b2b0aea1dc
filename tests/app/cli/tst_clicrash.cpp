// The crash test: provstation-cli is killed with SIGKILL (the test's own build,
// provstation-cli-crashtest, kills itself at the step boundary named by
// PROVSTATION_TEST_KILL_AT) at every step boundary of a POSTTEST,
// one device per boundary, all sharing one station data folder; then one
// `--flush-outbox`. Afterwards no device may hold a node root key that the
// server does not have, every key the export carries (or, on the loopback
// server, every record the station sent as done) is the key the device holds,
// and every node the export leaves out is named by the exporter. A fourth round
// runs devices whose Lock fails after the keys were written (failed records).
#include "CliWorld.h"

#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliCrash : public QObject
{
    Q_OBJECT

private:
    CliWorld m_world;
    QStringList m_boundaries;

    QStringList postTestBoundaries()
    {
        const CliRun r = m_world.run({QStringLiteral("--describe-meter"), QStringLiteral("i210plus")});
        const QJsonArray ops
            = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("operations")).toArray();
        QStringList out;
        for (const QJsonValue &op : ops) {
            if (op.toObject().value(QLatin1String("operation")).toString() != QLatin1String("POSTTEST"))
                continue;
            for (const QJsonValue &step : op.toObject().value(QLatin1String("steps")).toArray()) {
                const QString name = step.toObject().value(QLatin1String("name")).toString();
                out << QStringLiteral("before:") + name << QStringLiteral("after:") + name;
            }
        }
        return out;
    }

    /// What leaves the factory after a round: every exported key (every record
    /// the station last sent as done, on the loopback server) is the device's;
    /// every node of the round that is not exported but has a record is named.
    void verifyExport(int first, bool real, int failedRuns)
    {
        QHash<QString, QByteArray> exported;
        QStringList leftOut;
        if (real) {
            QString error;
            QVERIFY2(m_world.exportReal(&exported, &leftOut, &error), qPrintable(error));
        }
        int good = 0;
        int named = 0;
        for (int i = 0; i < m_boundaries.size(); ++i) {
            const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), first + i);
            const QByteArray held = CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot"));
            bool hasRecord = false;
            if (real) {
                hasRecord = !m_world.realServerKeys(port.nodeId).isEmpty();
            } else {
                // The loopback server keeps the posts in arrival order: the last one
                // is what the real server would export (done) or leave out.
                const QList<QJsonObject> posts = m_world.server->escrowFor(port.nodeId);
                hasRecord = !posts.isEmpty();
                if (hasRecord && posts.last().value(QLatin1String("state")).toString() == u"done")
                    exported.insert(port.nodeId, m_world.decryptNodeRootKey(posts.last()));
                else if (hasRecord)
                    leftOut.append(port.nodeId);
            }
            if (exported.contains(port.nodeId)) {
                QVERIFY2(exported.value(port.nodeId) == held,
                    qPrintable(QStringLiteral("device %1 (killed at %2): the export carries a key it does not hold")
                                   .arg(port.nodeId, m_boundaries.at(i))));
                ++good;
            } else if (hasRecord) {
                QVERIFY2(leftOut.contains(port.nodeId),
                    qPrintable(QStringLiteral("device %1 (killed at %2) is neither exported nor named")
                                   .arg(port.nodeId, m_boundaries.at(i))));
                ++named;
            }
        }
        // A round of kills leaves exactly the runs past ConfirmEscrow done;
        // Lock failing leaves none.
        if (failedRuns > 0)
            QCOMPARE(good, 0);
        else
            QVERIFY(good >= 1);
        qInfo("export: %d devices with the key they hold, %d named as left out (%d runs failed after the keys)", good,
            named, failedRuns);
    }

private slots:
    void initTestCase()
    {
        // One device per boundary.
        m_boundaries = postTestBoundaries();
        QVERIFY(m_boundaries.size() >= 20);
        QVERIFY(m_boundaries.contains(QStringLiteral("after:WriteKeys")));
        QString error;
        // Four rounds: the (loopback) server takes the pending records, or it
        // never sees them; the real provstation-server; and the real server
        // with devices whose Lock fails.
        const int n = int(m_boundaries.size());
        QStringList simArguments {QStringLiteral("--devices"), QStringLiteral("i210plus:%1").arg(4 * n),
            QStringLiteral("--join-delay"), QStringLiteral("0.2"), QStringLiteral("--flash-ms-per-kib"),
            QStringLiteral("0")};
        for (int i = 3 * n; i < 4 * n; ++i)
            simArguments << QStringLiteral("--fault") << QStringLiteral("i210plus#%1:lock-fail").arg(i);
        QVERIFY2(m_world.start(simArguments, &error), qPrintable(error));
        QVERIFY2(m_world.startRealServer(&error), qPrintable(error));
    }

    void pretestAllPortsInOneProcess()
    {
        // The first two rounds' devices on the loopback server's configuration,
        // the third's on the real server's: one process each, many ports.
        for (bool real : {false, true}) {
            QStringList a = m_world.baseArguments(real);
            a << QStringLiteral("--meter") << QStringLiteral("i210plus");
            const int first = real ? 2 * int(m_boundaries.size()) : 0;
            const int count = 2 * int(m_boundaries.size());
            for (int i = first; i < first + count; ++i)
                a << QStringLiteral("-d") << m_world.sim.port(QStringLiteral("i210plus"), i).path;
            a << QStringLiteral("PRETEST");
            const CliRun r = m_world.run(a, {}, 300000);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QCOMPARE(r.out.count(QStringLiteral(": 0 success")), count);
        }
    }

    void killAtEveryBoundaryThenFlush_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<bool>("escrowLost");
        QTest::addColumn<bool>("real");
        QTest::newRow("server takes the pending records") << 0 << false << false;
        QTest::newRow("pending records never reach the server") << int(m_boundaries.size()) << true << false;
        QTest::newRow("provstation-server") << 2 * int(m_boundaries.size()) << false << true;
        QTest::newRow("provstation-server, Lock fails") << 3 * int(m_boundaries.size()) << false << true;
    }

    void killAtEveryBoundaryThenFlush()
    {
        QFETCH(int, first);
        QFETCH(bool, escrowLost);
        QFETCH(bool, real);
        m_world.server->escrowUnreachable = escrowLost;
        QList<QProcess *> runs;
        int failedRuns = 0;
        for (int i = 0; i < m_boundaries.size(); ++i) {
            QStringList a = m_world.baseArguments(real);
            a << QStringLiteral("--meter") << QStringLiteral("i210plus") << QStringLiteral("-d")
              << m_world.sim.port(QStringLiteral("i210plus"), first + i).path << QStringLiteral("--set")
              << QStringLiteral("joinPollMs=100") << QStringLiteral("POSTTEST");
            QProcessEnvironment env;
            env.insert(QStringLiteral("PROVSTATION_TEST_KILL_AT"), m_boundaries.at(i));
            m_world.cliProgram = QStringLiteral("provstation-cli-crashtest");
            runs.append(m_world.launch(a, env));
            m_world.cliProgram = QStringLiteral("provstation-cli"); // the flush and the rest: the shipped program
        }
        for (int i = 0; i < runs.size(); ++i) {
            QProcess *p = runs.at(i);
            if (p->state() != QProcess::NotRunning)
                QVERIFY(QSignalSpy(p, &QProcess::finished).wait(120000) || p->state() == QProcess::NotRunning);
            const QByteArray err = p->readAllStandardError();
            // Lock fails: the run ends there (failed record) before the later boundaries.
            const bool lockFails = first >= 3 * int(m_boundaries.size());
            if (lockFails && i > m_boundaries.indexOf(QStringLiteral("before:Lock"))) {
                QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() != 0, err.constData());
                ++failedRuns;
                delete p;
                continue;
            }
            // Without the server, ConfirmEscrow ends the run with 100 before
            // the later boundaries; the record waits in the outbox.
            if (escrowLost && i > m_boundaries.indexOf(QStringLiteral("before:ConfirmEscrow"))) {
                QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 100, err.constData());
                QVERIFY(err.contains("is safe in the outbox"));
                delete p;
                continue;
            }
            QVERIFY2(p->exitStatus() == QProcess::CrashExit,
                qPrintable(m_boundaries.at(i) + QStringLiteral(": exit ") + QString::number(p->exitCode())
                    + QLatin1Char(' ') + QString::fromUtf8(err)));
            QVERIFY(err.contains("killing myself at " + m_boundaries.at(i).toUtf8()));
            delete p;
        }
        if (escrowLost)
            QVERIFY(m_world.server->lostEscrowPosts > 0);
        m_world.server->escrowUnreachable = false;

        const CliRun flush = m_world.run({QStringLiteral("-s"),
            QStringLiteral("127.0.0.1:%1").arg(m_world.server->port()), QStringLiteral("--token-file"),
            m_world.tokenFile, QStringLiteral("--data-dir"), m_world.dataDir, QStringLiteral("--flush-outbox")});
        QVERIFY2(flush.exitCode == 0, qPrintable(flush.err));

        int holding = 0;
        for (int i = 0; i < m_boundaries.size(); ++i) {
            const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), first + i);
            const QByteArray held = CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot"));
            if (held.isEmpty())
                continue;
            ++holding;
            bool found = false;
            if (real) {
                found = m_world.realServerKeys(port.nodeId).contains(held);
            } else {
                for (const QJsonObject &post : m_world.server->escrowFor(port.nodeId))
                    found = found || m_world.decryptNodeRootKey(post) == held;
            }
            QVERIFY2(found,
                qPrintable(QStringLiteral("device %1 (killed at %2) holds a key the server does not have")
                               .arg(port.nodeId, m_boundaries.at(i))));
        }
        // Every boundary from WriteKeys on leaves a key on the device.
        QVERIFY2(holding >= m_boundaries.size() - m_boundaries.indexOf(QStringLiteral("after:WriteKeys")),
            qPrintable(QString::number(holding)));
        qInfo("%d of %d devices hold a key; the server has every one of them", holding, int(m_boundaries.size()));
        verifyExport(first, real, failedRuns);
    }
};

QTEST_GUILESS_MAIN(tst_CliCrash)
#include "tst_clicrash.moc"

// Every fault the simulator can inject, and the server and gateway going
// away, each through the real provstation-cli process: exact exit code, one
// error line naming what failed, and the contract's corrective action.
#include "CliWorld.h"

#include "ConfigurationJson.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliFaults : public QObject
{
    Q_OBJECT

private:
    CliWorld m_world;

    QStringList args(const QString &op, int index, const QStringList &more = {}) const
    {
        QStringList a = m_world.baseArguments();
        a << QStringLiteral("--meter") << QStringLiteral("i210plus") << QStringLiteral("-d")
          << m_world.sim.port(QStringLiteral("i210plus"), index).path << QStringLiteral("-t") << QStringLiteral("20")
          << QStringLiteral("--set") << QStringLiteral("joinPollMs=100") << more << op;
        return a;
    }

    static quint16 closedPort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    static void verifyErrorLine(const CliRun &r, int code, const QString &message)
    {
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
        const QStringList lines = r.err.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(lines.size() == 1, qPrintable(r.err));
        const QRegularExpression format(QStringLiteral("^error %1: .+ \u2014 .+$").arg(code));
        QVERIFY2(format.match(lines.first()).hasMatch(), qPrintable(lines.first()));
        const QString actions = ResultCatalogue::actionsText(ResultCode(code));
        QVERIFY2(lines.first().endsWith(actions), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(message), qPrintable(lines.first() + QStringLiteral("\n  wanted: ") + message));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_world.start({QStringLiteral("--devices"), QStringLiteral("i210plus:17,node:1"),
                              QStringLiteral("--join-delay"), QStringLiteral("0.2"),
                              QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0.5"), QStringLiteral("--reset-ms"),
                              QStringLiteral("200"), QStringLiteral("--fault"), QStringLiteral("i210plus#1:silent"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#2:wrong-hw"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#3:hw-fail"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#4:calibration=invalid"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#5:flash-corrupt"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#6:reset-during-fw=0.5"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#7:ber=1e-5"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#8:meter-link-down"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#9:never-join"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#10:join-after=1.5"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#11:calibration=valid"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#15:meter-link-down"),
                              QStringLiteral("--fault"), QStringLiteral("i210plus#16:lock-fail")},
                &error),
            qPrintable(error));
    }

    void deviceFaults_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unplugged") << 1 << QStringLiteral("PRETEST") << 4
                                   << QStringLiteral("no answer from a device on port");
        QTest::newRow("foreign node hardware")
            << 2 << QStringLiteral("PRETEST") << 40 << QStringLiteral("the configuration is for UNODE");
        QTest::newRow("eMCM self-test fails")
            << 3 << QStringLiteral("PRETEST") << 72 << QStringLiteral("reports failing hardware");
        QTest::newRow("calibration invalid")
            << 4 << QStringLiteral("PRETEST") << 41 << QStringLiteral("calibration is invalid");
        QTest::newRow("flash corrupts firmware") << 5 << QStringLiteral("PRETEST") << 43 << QStringLiteral("CRC");
        QTest::newRow("reset during firmware resumes") << 6 << QStringLiteral("PRETEST") << 0 << QString();
        QTest::newRow("noisy line") << 7 << QStringLiteral("PRETEST") << 0 << QString();
        QTest::newRow("meter link pretest") << 8 << QStringLiteral("PRETEST") << 0 << QString();
        QTest::newRow("meter link down") << 8 << QStringLiteral("POSTTEST") << 164 << QStringLiteral("meter");
        QTest::newRow("never joins pretest") << 9 << QStringLiteral("PRETEST") << 0 << QString();
        QTest::newRow("never joins") << 9 << QStringLiteral("POSTTEST") << 134
                                     << QStringLiteral("did not join gateway");
        QTest::newRow("slow join pretest") << 10 << QStringLiteral("PRETEST") << 0 << QString();
        QTest::newRow("slow join within timeout") << 10 << QStringLiteral("POSTTEST") << 0 << QString();
    }

    void deviceFaults()
    {
        QFETCH(int, index);
        QFETCH(QString, operation);
        QFETCH(int, code);
        QFETCH(QString, message);
        const CliRun r = m_world.run(args(operation, index));
        if (code == 0) {
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY(r.err.isEmpty());
            QVERIFY(r.out.contains(QStringLiteral(": 0 success")));
            return;
        }
        verifyErrorLine(r, code, message);
        QVERIFY2(
            r.err.contains(m_world.sim.port(QStringLiteral("i210plus"), index).path) || code != 4, qPrintable(r.err));
        if (code == 164) {
            // The meter link is checked before any key is made: no key on the
            // device, no record on the server.
            const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), index);
            QVERIFY(CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot")).isEmpty());
            QVERIFY(m_world.server->escrowFor(port.nodeId).isEmpty());
        }
    }

    void severalPortsInOneProcess()
    {
        // One line per port; the exit code is the first non-zero in -d order.
        QStringList a = args(QStringLiteral("PRETEST"), 6);
        a.insert(a.size() - 1, QStringLiteral("-d"));
        a.insert(a.size() - 1, m_world.sim.port(QStringLiteral("i210plus"), 2).path);
        a.insert(a.size() - 1, QStringLiteral("-d"));
        a.insert(a.size() - 1, m_world.sim.port(QStringLiteral("i210plus"), 1).path);
        a << QStringLiteral("--verbosity") << QStringLiteral("2") << QStringLiteral("--logfile")
          << m_world.dir.filePath(QStringLiteral("diag.log"));
        const CliRun r = m_world.run(a);
        QCOMPARE(r.exitCode, 40);
        const QStringList errors = r.err.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.first().startsWith(QStringLiteral("error ")));
        QCOMPARE(r.err.count(QStringLiteral("error 40: ")), 1);
        QCOMPARE(r.err.count(QStringLiteral("error 4: ")), 1);
        QCOMPARE(r.out.count(QStringLiteral(": 0 success")), 1);
        // --verbosity 2: the steps on stdout (and in --logfile), never on stderr.
        QVERIFY(r.out.contains(QStringLiteral("provstation.engine: ")));
        QVERIFY2(r.out.contains(QStringLiteral("step 5/9 UpdateNodeFirmware")), qPrintable(r.out));
        // Several ports: one --logfile per port, the port's name before the extension.
        QVERIFY(!QFile::exists(m_world.dir.filePath(QStringLiteral("diag.log"))));
        for (int index : {6, 2}) {
            const QString path = m_world.sim.port(QStringLiteral("i210plus"), index).path;
            const QByteArray diag = readFile(m_world.dir.filePath(
                QStringLiteral("diag-%1.log").arg(path.mid(5).replace(QLatin1Char('/'), QLatin1Char('_')))));
            QVERIFY2(diag.contains((path + QStringLiteral(": step 1/9 IdentifyNode")).toUtf8()), qPrintable(path));
        }
        QVERIFY(!r.err.contains(QStringLiteral("provstation.")));
    }

    void posttestWithoutPretestIs42()
    {
        verifyErrorLine(m_world.run(args(QStringLiteral("POSTTEST"), 12)), 42, QStringLiteral("run PRETEST first"));
    }

    void wrongLabelIs72()
    {
        // 72 for the scripts, but the line says the label is wrong, not the
        // hardware: both IDs, and re-scan or set aside instead of "send the log".
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), 12);
        const CliRun r = m_world.run(
            args(QStringLiteral("PRETEST"), 12, {QStringLiteral("--partial_mcm_id"), QStringLiteral("0000abcd")}));
        QVERIFY2(r.exitCode == 72, qPrintable(r.err));
        const QString line = r.err.trimmed();
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
        QVERIFY2(
            line.startsWith(QStringLiteral("error 72: partial MCM ID mismatch: the label does not match the device")),
            qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("0000ABCD")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("reports %1").arg(port.emcmId.right(8).toUpper())), qPrintable(line));
        QVERIFY2(line.contains(port.path), qPrintable(line));
        QVERIFY2(
            line.endsWith(QStringLiteral("\u2014 re-scan the label; if it still does not match, set the unit aside")),
            qPrintable(line));
        QVERIFY2(!line.contains(ResultCatalogue::message(ResultCode::HostHardwareFailure)), qPrintable(line));
        QVERIFY2(!line.contains(ResultCatalogue::actionsText(ResultCode::HostHardwareFailure)), qPrintable(line));
    }

    void serverUnreachableIs100()
    {
        QStringList a = args(QStringLiteral("PRETEST"), 0);
        a[a.indexOf(QStringLiteral("-s")) + 1] = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        verifyErrorLine(m_world.run(a), 100, QStringLiteral("unreachable"));
    }

    void unknownConfigurationIs101()
    {
        m_world.server->statusOverride = 404;
        const CliRun r = m_world.run(args(QStringLiteral("PRETEST"), 0));
        m_world.server->statusOverride = 0;
        verifyErrorLine(r, 101, QStringLiteral("no configuration like that"));
    }

    void tamperedFileIs102()
    {
        const QByteArray good = m_world.server->files.value(QStringLiteral("emcm-factoryConfig"));
        QByteArray evil = good;
        evil[0] = char(evil[0] ^ 1);
        m_world.server->files[QStringLiteral("emcm-factoryConfig")] = evil;
        QStringList a = args(QStringLiteral("PRETEST"), 13);
        a[a.indexOf(QStringLiteral("--data-dir")) + 1] = m_world.dir.filePath(QStringLiteral("fresh-cache"));
        const CliRun r = m_world.run(a);
        m_world.server->files[QStringLiteral("emcm-factoryConfig")] = good;
        verifyErrorLine(r, 102, QStringLiteral("SHA-256"));
    }

    void missingFirmwareIs43()
    {
        const QJsonObject saved = m_world.server->configuration;
        QJsonObject node = saved.value(QLatin1String("node")).toObject();
        node.remove(QStringLiteral("firmware"));
        m_world.server->configuration.insert(QStringLiteral("node"), node);
        const CliRun r = m_world.run(args(QStringLiteral("PRETEST"), 11));
        m_world.server->configuration = saved;
        verifyErrorLine(r, 43, QStringLiteral("has no node firmware"));
    }

    void withheldGatewayKeysAre101BeforeAnyKey()
    {
        const QJsonObject saved = m_world.server->configuration;
        m_world.server->configuration.remove(QStringLiteral("gatewayKeys"));
        m_world.server->configuration.insert(QStringLiteral("gatewayKeysWithheld"),
            QStringLiteral("gateway keys are not sent over plain HTTP to another host: use TLS"));
        const CliRun r = m_world.run(args(QStringLiteral("PROVISION"), 11));
        m_world.server->configuration = saved;
        verifyErrorLine(r, 101, QStringLiteral("without its gateway keys: gateway keys are not sent over plain HTTP"));
        QVERIFY(CliWorld::deviceKey(
            m_world.sim.port(QStringLiteral("i210plus"), 11), QStringLiteral("node"), QStringLiteral("nodeRoot"))
                    .isEmpty());
    }

    void stationClockOffMakesNoKeys()
    {
        // The server says its clock is an hour ahead of this station's.
        const QJsonObject saved = m_world.server->configuration;
        const QDateTime server = QDateTime::currentDateTimeUtc().addSecs(3600);
        m_world.server->configuration.insert(QStringLiteral("serverTime"), server.toString(Qt::ISODateWithMs));
        m_world.server->configuration.insert(QStringLiteral("maxClockSkewSeconds"), 300);
        const CliRun r = m_world.run(args(QStringLiteral("PROVISION"), 14));
        m_world.server->configuration = saved;
        // 101, like the server's own refusal of such a record: both times and the difference.
        verifyErrorLine(r, 101, QStringLiteral("this station's clock ("));
        QVERIFY2(r.err.contains(server.toString(QStringLiteral("yyyy-MM-ddTHH:mm"))), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral(" s behind the server's")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("limit of 300 s")));
        qInfo("%s", qPrintable(r.err.trimmed()));
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), 14);
        QVERIFY(CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot")).isEmpty());
        QVERIFY(m_world.server->escrowFor(port.nodeId).isEmpty());
        // Within the limit: provisioned.
        m_world.server->configuration.insert(
            QStringLiteral("serverTime"), QDateTime::currentDateTimeUtc().addSecs(20).toString(Qt::ISODateWithMs));
        m_world.server->configuration.insert(QStringLiteral("maxClockSkewSeconds"), 300);
        const CliRun ok = m_world.run(args(QStringLiteral("PROVISION"), 14));
        m_world.server->configuration = saved;
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(!CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot")).isEmpty());
    }

    void failuresAroundTheKeysOnTheRealServer()
    {
        QString error;
        QVERIFY2(m_world.startRealServer(&error), qPrintable(error));
        const auto run = [this](const QString &op, int index) {
            QStringList a = m_world.baseArguments(true);
            a << QStringLiteral("--meter") << QStringLiteral("i210plus") << QStringLiteral("-d")
              << m_world.sim.port(QStringLiteral("i210plus"), index).path << QStringLiteral("-t")
              << QStringLiteral("20") << QStringLiteral("--set") << QStringLiteral("joinPollMs=100") << op;
            return m_world.run(a);
        };
        const SimPort good = m_world.sim.port(QStringLiteral("i210plus"), 13);
        const SimPort linkDown = m_world.sim.port(QStringLiteral("i210plus"), 15);
        const SimPort lockFails = m_world.sim.port(QStringLiteral("i210plus"), 16);
        for (int index : {13, 15, 16})
            QCOMPARE(run(QStringLiteral("PRETEST"), index).exitCode, 0);
        QCOMPARE(run(QStringLiteral("POSTTEST"), 13).exitCode, 0);
        // Meter link down: refused before any key, so the server has no record at all.
        QCOMPARE(run(QStringLiteral("POSTTEST"), 15).exitCode, 164);
        QVERIFY(CliWorld::deviceKey(linkDown, QStringLiteral("node"), QStringLiteral("nodeRoot")).isEmpty());
        QVERIFY(m_world.realServerKeys(linkDown.nodeId).isEmpty());
        // Lock fails after the keys were written: the device holds a key, the
        // server a failed record that the export leaves out and names.
        const CliRun locked = run(QStringLiteral("POSTTEST"), 16);
        QVERIFY2(locked.exitCode != 0, qPrintable(locked.err));
        qInfo("%s", qPrintable(locked.err.trimmed()));
        const QByteArray held = CliWorld::deviceKey(lockFails, QStringLiteral("node"), QStringLiteral("nodeRoot"));
        QVERIFY(!held.isEmpty());
        QVERIFY(m_world.realServerKeys(lockFails.nodeId).contains(held));
        const ProcessResult incomplete
            = m_world.realServerCommand({QStringLiteral("escrow"), QStringLiteral("incomplete")});
        QVERIFY2(
            incomplete.stdOut.contains(lockFails.nodeId.toLatin1() + '\t') && incomplete.stdOut.contains("\tfailed\t"),
            incomplete.stdOut.constData());
        QHash<QString, QByteArray> exported;
        QStringList leftOut;
        QVERIFY2(m_world.exportReal(&exported, &leftOut, &error), qPrintable(error));
        QCOMPARE(leftOut, QStringList {lockFails.nodeId});
        QCOMPARE(exported.keys(), QStringList {good.nodeId});
        QCOMPARE(
            exported.value(good.nodeId), CliWorld::deviceKey(good, QStringLiteral("node"), QStringLiteral("nodeRoot")));
    }

    void gatewayUnreachableIs132()
    {
        QStringList a = args(QStringLiteral("PRETEST"), 0);
        a[a.indexOf(QStringLiteral("--control_port")) + 1] = QString::number(closedPort());
        verifyErrorLine(m_world.run(a), 132, QStringLiteral("gateway 127.0.0.1:"));
    }

    void serverGoneAfterKeysIs100AndTheOutboxDelivers()
    {
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), 0);
        QCOMPARE(m_world.run(args(QStringLiteral("PRETEST"), 0)).exitCode, 0);
        m_world.server->goAwayAfterPending = true;
        const CliRun r = m_world.run(args(QStringLiteral("POSTTEST"), 0));
        verifyErrorLine(r, 100, QStringLiteral("is safe in the outbox"));
        QVERIFY(r.err.contains(QStringLiteral("--flush-outbox")));
        const QByteArray held = CliWorld::deviceKey(port, QStringLiteral("node"), QStringLiteral("nodeRoot"));
        QVERIFY(!held.isEmpty());

        // Still away: the flush says so and keeps the record.
        const QStringList flush = {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(m_world.server->port()),
            QStringLiteral("--token-file"), m_world.tokenFile, QStringLiteral("--data-dir"), m_world.dataDir,
            QStringLiteral("--flush-outbox")};
        verifyErrorLine(m_world.run(flush), 100, QStringLiteral("1 escrow record(s) still in the outbox"));

        QVERIFY(m_world.server->comeBack());
        const CliRun flushed = m_world.run(flush);
        QVERIFY2(flushed.exitCode == 0, qPrintable(flushed.err));
        QVERIFY(flushed.out.contains(QStringLiteral("1 escrow record(s) sent, none left")));
        const QList<QJsonObject> posts = m_world.server->escrowFor(port.nodeId);
        QVERIFY(!posts.isEmpty());
        QCOMPARE(posts.last().value(QLatin1String("state")).toString(), QStringLiteral("done"));
        QCOMPARE(m_world.decryptNodeRootKey(posts.last()), held);
        QCOMPARE(m_world.run(flush).exitCode, 0); // nothing left, still 0
    }
};

QTEST_GUILESS_MAIN(tst_CliFaults)
#include "tst_clifaults.moc"

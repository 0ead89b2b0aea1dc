// The server as the line's record, through real processes: a line of
// provstation-cli runs with faults and retries (as `scripts/run-line.sh
// --fault ...` makes them) against provstation-server and provstation-sim,
// then runs made while the server was stopped. The test counts every run it
// made (pass, fail, station fault) and checks that the server stored exactly
// those, each once by its UUID; that a retried device's history lists every
// attempt in order, numbered; and that runs and a rejection kept in the
// station's outbox during the outage are stored once when it is back, even
// when the station replays them twice; and that the device report gives the
// firmware each device runs after its runs, as the device reported it.
#include "CliWorld.h"

#include "engine/KeyOutbox.h"
#include "engine/StationRuntime.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <algorithm>
#include <memory>
#include <tuple>

using namespace prov;
using namespace prov::test;
using namespace Qt::StringLiterals;

namespace {

/// What a run was, as the test saw it made and as the server stores it.
struct RunFact
{
    QString operation;
    int result = 0;
    bool stationFault = false;

    friend bool operator<(const RunFact &a, const RunFact &b)
    {
        return std::tie(a.operation, a.result, a.stationFault) < std::tie(b.operation, b.result, b.stationFault);
    }
    friend bool operator==(const RunFact &a, const RunFact &b)
    {
        return a.operation == b.operation && a.result == b.result && a.stationFault == b.stationFault;
    }
};

QString describe(const QList<RunFact> &facts)
{
    QStringList text;
    for (const RunFact &fact : facts)
        text.append(QStringLiteral("%1 %2%3").arg(fact.operation).arg(fact.result).arg(fact.stationFault ? u"*" : u""));
    return text.join(QStringLiteral(", "));
}

/// Rows of `sql` on a SQLite file, read-only; each row's columns joined by tabs.
QStringList sqliteRows(const QString &file, const QString &sql, const QVariantList &params = {})
{
    QStringList rows;
    const QString name = QStringLiteral("oracle-%1").arg(QUuid::createUuid().toString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(sql);
            for (const QVariant &param : params)
                q.addBindValue(param);
            if (q.exec()) {
                while (q.next()) {
                    QStringList columns;
                    for (int i = 0; i < q.record().count(); ++i)
                        columns.append(q.value(i).toString());
                    rows.append(columns.join(u'\t'));
                }
            } else {
                rows.append(QStringLiteral("error: ") + q.lastError().text());
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

} // namespace

class tst_CliRunRecords : public QObject
{
    Q_OBJECT

private:
    CliWorld m_world;
    QList<RunFact> m_made; ///< every run this test made, in order
    quint16 m_serverPort = 0;

    [[nodiscard]] QString serverDb() const { return m_world.dir.filePath(QStringLiteral("server/provstation.sqlite")); }
    [[nodiscard]] QString outboxFile() const
    {
        return QDir(m_world.dataDir).filePath(QLatin1String(engine::KeyOutbox::kFileName));
    }

    /// One CLI run on one device; the run it made is counted.
    CliRun run(const QString &operation, const QString &meter, int index, int joinTimeoutS = 20)
    {
        QStringList a = m_world.baseArguments(true);
        a << QStringLiteral("--meter") << meter << QStringLiteral("-d") << m_world.sim.port(meter, index).path
          << QStringLiteral("-t") << QString::number(joinTimeoutS);
        if (meter == u"i210plus")
            a << QStringLiteral("--set") << QStringLiteral("joinPollMs=100");
        a << operation;
        const CliRun r = m_world.run(a);
        // A station fault is what fails before the port opens: here, the server being away.
        m_made.append({operation, r.exitCode, r.exitCode == int(ResultCode::ServerUnreachable)});
        return r;
    }

    /// `provstation-server history ID --json` on the server's store.
    QJsonObject history(const QString &identity)
    {
        const ProcessResult r
            = m_world.realServerCommand({QStringLiteral("history"), identity, QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("history %s: %s", qPrintable(identity), r.stdErr.constData());
        return QJsonDocument::fromJson(r.stdOut).object();
    }

    QStringList pendingInOutbox() const
    {
        return sqliteRows(outboxFile(), QStringLiteral("SELECT uuid, kind FROM run_outbox ORDER BY uuid, kind"));
    }

    /// How often each UUID is stored, for the given ones ("uuid\tcount").
    QStringList storedCounts(const QStringList &uuids) const
    {
        QStringList counts;
        for (const QString &uuid : uuids) {
            counts
                += sqliteRows(serverDb(), QStringLiteral("SELECT ?, COUNT(*) FROM runs WHERE uuid = ?"), {uuid, uuid});
        }
        return counts;
    }

    bool flushOutbox(QString *out)
    {
        QStringList a = m_world.baseArguments(true).mid(0, 6); // -s, --token-file, --data-dir
        a << QStringLiteral("--flush-outbox");
        const CliRun r = m_world.run(a);
        *out = r.out + r.err;
        return r.exitCode == 0;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(
            m_world.start(
                {QStringLiteral("--devices"), QStringLiteral("i210plus:5,node:2"), QStringLiteral("--join-delay"),
                    QStringLiteral("0.2"), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0.5"),
                    QStringLiteral("--reset-ms"), QStringLiteral("100"), QStringLiteral("--fault"),
                    QStringLiteral("i210plus#1:join-after=8"), QStringLiteral("--fault"),
                    QStringLiteral("i210plus#2:meter-link-down"), QStringLiteral("--fault"),
                    QStringLiteral("i210plus#3:hw-fail"), QStringLiteral("--fault"), QStringLiteral("node#1:silent"),
                    QStringLiteral("--fault"), QStringLiteral("i210plus#4:join-after=6")},
                &error),
            qPrintable(error));
        QVERIFY2(m_world.startRealServer(&error), qPrintable(error));
        m_serverPort = m_world.realServer.port();
        QCOMPARE(m_world.baseArguments(true).at(4), QStringLiteral("--data-dir"));
    }

    void aShiftWithFaultsAndRetries()
    {
        const QString pretest = QStringLiteral("PRETEST");
        const QString posttest = QStringLiteral("POSTTEST");
        const QString i210 = QStringLiteral("i210plus");
        QCOMPARE(run(pretest, i210, 0).exitCode, 0);
        QCOMPARE(run(posttest, i210, 0).exitCode, 0);
        // Joins 8 s late: fails with a 1 s join timeout, passes on the retry.
        QCOMPARE(run(pretest, i210, 1).exitCode, 0);
        QCOMPARE(run(posttest, i210, 1, 1).exitCode, 134);
        QCOMPARE(run(posttest, i210, 1).exitCode, 0);
        // The meter link stays down: retried, fails again.
        QCOMPARE(run(pretest, i210, 2).exitCode, 0);
        QCOMPARE(run(posttest, i210, 2).exitCode, 164);
        QCOMPARE(run(posttest, i210, 2).exitCode, 164);
        QCOMPARE(run(pretest, i210, 3).exitCode, 72);
        QCOMPARE(run(QStringLiteral("PROVISION"), QStringLiteral("node"), 0).exitCode, 0);
        // Unplugged: the port opens, nothing answers: a device failure without a device identity.
        const CliRun silent = run(QStringLiteral("PROVISION"), QStringLiteral("node"), 1);
        QVERIFY2(silent.exitCode != 0 && silent.exitCode != int(ResultCode::ServerUnreachable), qPrintable(silent.err));
        // Nothing waits on the station: the server had it all at once.
        QCOMPARE(pendingInOutbox(), QStringList());
    }

    void runsMadeWhileTheServerIsDownAreStoredOnceWhenItIsBack()
    {
        // The unit that failed twice is rejected at the station while the server is down.
        const QJsonArray linkDownRuns
            = history(m_world.sim.port(QStringLiteral("i210plus"), 2).nodeId).value(QStringLiteral("runs")).toArray();
        QCOMPARE(linkDownRuns.size(), 3);
        const QString rejected = linkDownRuns.last().toObject().value(QStringLiteral("uuid")).toString();

        // A POSTTEST that is waiting for its device to join when the server goes
        // away: it touched the device, so a device's run, made without the server.
        QCOMPARE(run(QStringLiteral("PRETEST"), QStringLiteral("i210plus"), 4).exitCode, 0);
        QStringList a = m_world.baseArguments(true);
        a << QStringLiteral("--meter") << QStringLiteral("i210plus") << QStringLiteral("-d")
          << m_world.sim.port(QStringLiteral("i210plus"), 4).path << QStringLiteral("-t") << QStringLiteral("60")
          << QStringLiteral("--set") << QStringLiteral("joinPollMs=100") << QStringLiteral("POSTTEST");
        const QDir runLogs(QDir(m_world.dataDir).filePath(QStringLiteral("runlogs")));
        const QStringList earlierLogs = runLogs.entryList({QStringLiteral("*.log")}, QDir::Files);
        std::unique_ptr<QProcess> waiting(m_world.launch(a));
        // Its own run log (written line by line) says when it waits.
        const auto waitsForJoin = [&runLogs, &earlierLogs] {
            for (const QString &name : runLogs.entryList({QStringLiteral("*.log")}, QDir::Files)) {
                if (!earlierLogs.contains(name) && readFile(runLogs.filePath(name)).contains("WaitForJoin"))
                    return true;
            }
            return false;
        };
        QVERIFY2(QTest::qWaitFor(waitsForJoin, 60000), "the POSTTEST never reached WaitForJoin");
        QCOMPARE(m_world.realServer.stop(), 0);
        QVERIFY(QTest::qWaitFor([&waiting] { return waiting->state() == QProcess::NotRunning; }, 90000));
        QCOMPARE(waiting->exitCode(), int(ResultCode::ServerUnreachable));
        // The device was touched, but the server failed the run: a station fault.
        m_made.append({QStringLiteral("POSTTEST"), waiting->exitCode(), true});

        QCOMPARE(run(QStringLiteral("PRETEST"), QStringLiteral("i210plus"), 0).exitCode, 100);
        QCOMPARE(run(QStringLiteral("PROVISION"), QStringLiteral("node"), 0).exitCode, 100);
        {
            // The window's Reject, made by the station's runtime on the CLI's data folder.
            engine::StationRuntime::Settings settings;
            settings.dataDir = m_world.dataDir;
            engine::StationRuntime runtime(settings);
            engine::ServerEndpoint endpoint;
            endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_serverPort));
            endpoint.token = readFile(m_world.realTokenFile).trimmed();
            const Status opened = runtime.openServices(endpoint);
            QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
            runtime.rejectRun(QUuid::fromString(rejected), QStringLiteral("ana"));
        }
        const QStringList pending = pendingInOutbox();
        QCOMPARE(pending.size(), 4);
        QVERIFY2(pending.contains(rejected + QStringLiteral("\treject")), qPrintable(pending.join(u'\n')));
        QStringList uuids;
        for (const QString &row : pending)
            uuids.append(row.section(u'\t', 0, 0));
        uuids.removeDuplicates();
        // A copy of the outbox as it was: a station that replays everything twice.
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile::remove(outboxFile() + QStringLiteral(".copy") + suffix);
            if (QFile::exists(outboxFile() + suffix))
                QVERIFY(QFile::copy(outboxFile() + suffix, outboxFile() + QStringLiteral(".copy") + suffix));
        }

        // Back on the same address.
        QStringList arguments {QStringLiteral("--data-dir"), m_world.dir.filePath(QStringLiteral("server")),
            QStringLiteral("--master-key-file"), m_world.dir.filePath(QStringLiteral("master.key")),
            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_serverPort),
            QStringLiteral("--insecure-http")};
        QVERIFY2(m_world.realServer.start(binPath(QStringLiteral("provstation-server")), arguments),
            qPrintable(m_world.realServer.errorText()));
        QString out;
        QVERIFY2(flushOutbox(&out), qPrintable(out));
        QCOMPARE(pendingInOutbox(), QStringList());
        QStringList once;
        for (const QString &uuid : std::as_const(uuids))
            once.append(uuid + QStringLiteral("\t1"));
        QCOMPARE(storedCounts(uuids), once);

        // The replay again: nothing new is stored, the rejection is audited once.
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile::remove(outboxFile() + suffix);
            if (QFile::exists(outboxFile() + QStringLiteral(".copy") + suffix))
                QVERIFY(QFile::rename(outboxFile() + QStringLiteral(".copy") + suffix, outboxFile() + suffix));
        }
        QCOMPARE(pendingInOutbox().size(), 4);
        QVERIFY2(flushOutbox(&out), qPrintable(out));
        QCOMPARE(pendingInOutbox(), QStringList());
        QCOMPARE(storedCounts(uuids), once);
        QCOMPARE(sqliteRows(serverDb(), QStringLiteral("SELECT rejected_by FROM runs WHERE uuid = ?"), {rejected}),
            QStringList {QStringLiteral("ana")});
        const QJsonArray audit
            = history(m_world.sim.port(QStringLiteral("i210plus"), 2).nodeId).value(QStringLiteral("audit")).toArray();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("run.reject"));
    }

    void theServerStoredExactlyTheRunsMade()
    {
        QList<RunFact> stored;
        for (const QString &row :
            sqliteRows(serverDb(), QStringLiteral("SELECT operation, result, station_fault FROM runs"))) {
            const QStringList columns = row.split(u'\t');
            QCOMPARE(columns.size(), 3);
            stored.append({columns.at(0), columns.at(1).toInt(), columns.at(2) == u"1"});
        }
        QList<RunFact> made = m_made;
        std::sort(made.begin(), made.end());
        std::sort(stored.begin(), stored.end());
        QVERIFY2(
            stored == made, qPrintable(QStringLiteral("stored: %1\nmade:   %2").arg(describe(stored), describe(made))));
        QCOMPARE(made.size(), 15);
        QCOMPARE(std::count_if(made.cbegin(), made.cend(), [](const RunFact &f) { return f.result == 0; }), 7);
        QCOMPARE(std::count_if(made.cbegin(), made.cend(), [](const RunFact &f) { return f.stationFault; }), 3);
        // Each run once, under the station name of its token.
        QCOMPARE(sqliteRows(serverDb(), QStringLiteral("SELECT COUNT(DISTINCT uuid), COUNT(*) FROM runs")),
            QStringList {QStringLiteral("15\t15")});
        QCOMPARE(sqliteRows(serverDb(), QStringLiteral("SELECT DISTINCT station FROM runs")),
            QStringList {QStringLiteral("crash")});
    }

    void aRetriedDeviceListsEveryAttemptInOrder_data()
    {
        // Each run as "OPERATION result attempt", oldest first.
        QTest::addColumn<int>("index");
        QTest::addColumn<QStringList>("runs");
        QTest::newRow("late join, passed on the retry")
            << 1 << QStringList {u"PRETEST 0 1"_s, u"POSTTEST 134 1"_s, u"POSTTEST 0 2"_s};
        QTest::newRow("meter link down twice")
            << 2 << QStringList {u"PRETEST 0 1"_s, u"POSTTEST 164 1"_s, u"POSTTEST 164 2"_s};
        QTest::newRow("passed at once") << 0 << QStringList {u"PRETEST 0 1"_s, u"POSTTEST 0 1"_s};
        QTest::newRow("failed its pretest") << 3 << QStringList {u"PRETEST 72 1"_s};
        QTest::newRow("the server went away during its posttest")
            << 4 << QStringList {u"PRETEST 0 1"_s, u"POSTTEST 100 1"_s};
    }

    void aRetriedDeviceListsEveryAttemptInOrder()
    {
        QFETCH(int, index);
        QFETCH(QStringList, runs);
        const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), index);
        // Found by its eMCM tail as well as by its node ID.
        const QJsonObject byNode = history(port.nodeId);
        QCOMPARE(
            byNode.value(QStringLiteral("device")).toObject().value(QStringLiteral("nodeId")).toString(), port.nodeId);
        const QString emcm
            = byNode.value(QStringLiteral("device")).toObject().value(QStringLiteral("emcmId")).toString();
        QVERIFY(!emcm.isEmpty());
        QCOMPARE(history(emcm.right(8)), byNode);
        QStringList listed;
        QString previous;
        for (const QJsonValue value : byNode.value(QStringLiteral("runs")).toArray()) {
            const QJsonObject run = value.toObject();
            const int result = run.value(QStringLiteral("result")).toInt();
            listed.append(QStringLiteral("%1 %2 %3")
                              .arg(run.value(QStringLiteral("operation")).toString())
                              .arg(result)
                              .arg(run.value(QStringLiteral("attempt")).toInt()));
            QCOMPARE(run.value(QStringLiteral("slot")).toString(), port.path);
            QCOMPARE(run.value(QStringLiteral("station")).toString(), QStringLiteral("crash"));
            QCOMPARE(run.value(QStringLiteral("failedStep")).toString().isEmpty(), result == 0);
            const QString started = run.value(QStringLiteral("startedAt")).toString();
            QVERIFY2(started > previous, qPrintable(started));
            previous = started;
        }
        QCOMPARE(listed, runs);
    }

    void theReportShowsTheFirmwareTheDevicesRun()
    {
        // The package says node 1.2.3.4 and eMCM 5.6.7.8; the simulated devices
        // start on 1.0.0.0 and a PRETEST or PROVISION updates them.
        const ProcessResult r = m_world.realServerCommand(
            {QStringLiteral("report"), QStringLiteral("--config-alias"), QStringLiteral("PN-REAL")});
        QVERIFY2(r.exitCode == 0, r.stdErr.constData());
        QList<QStringList> rows;
        for (const QByteArray &line : r.stdOut.split('\n')) {
            if (!line.trimmed().isEmpty())
                rows.append(QString::fromUtf8(line.trimmed()).split(u','));
        }
        QVERIFY(!rows.isEmpty());
        const QStringList header = rows.takeFirst();
        const auto cell = [&header](const QStringList &row, const char *title) {
            return row.value(header.indexOf(QLatin1String(title)));
        };
        const auto rowOf = [&](const SimPort &port) {
            for (const QStringList &row : std::as_const(rows)) {
                if (cell(row, "Node ID") == port.nodeId)
                    return row;
            }
            return QStringList();
        };
        const auto runs = [](const SimPort &port, const char *processor) {
            return SimProcess::readState(port)
                .value(QLatin1String(processor))
                .toObject()
                .value(QLatin1String("firmware"))
                .toObject()
                .value(QLatin1String("version"))
                .toString();
        };
        QStringList seen;
        for (int index = 0; index < 5; ++index) {
            const SimPort port = m_world.sim.port(QStringLiteral("i210plus"), index);
            const QStringList row = rowOf(port);
            QVERIFY2(!row.isEmpty(), qPrintable(port.nodeId));
            QCOMPARE(cell(row, "Node firmware"), runs(port, "node"));
            QCOMPARE(cell(row, "Host firmware"), runs(port, "host"));
            QCOMPARE(cell(row, "Node firmware from"), QStringLiteral("device"));
            QCOMPARE(cell(row, "Host firmware from"), QStringLiteral("device"));
            seen << QStringLiteral("%1 %2").arg(cell(row, "Node firmware"), cell(row, "Host firmware"));
        }
        // Updated by their PRETEST, except the unit whose eMCM failed its self-test before the update.
        QCOMPARE(seen,
            (QStringList {u"1.2.3.4 5.6.7.8"_s, u"1.2.3.4 5.6.7.8"_s, u"1.2.3.4 5.6.7.8"_s, u"1.0.0.0 1.0.0.0"_s,
                u"1.2.3.4 5.6.7.8"_s}));
        // The bare node has no host: its host firmware is the configuration's, and says so.
        const SimPort node = m_world.sim.port(QStringLiteral("node"), 0);
        const QStringList nodeRow = rowOf(node);
        QCOMPARE(cell(nodeRow, "Node firmware"), runs(node, "node"));
        QCOMPARE(cell(nodeRow, "Node firmware from"), QStringLiteral("device"));
        QCOMPARE(cell(nodeRow, "Host firmware from"), QStringLiteral("configuration"));
        // A unit's history says, run by run, what it was found with: its
        // newest run the firmware it runs now.
        const SimPort updated = m_world.sim.port(QStringLiteral("i210plus"), 0);
        const QJsonArray history = this->history(updated.nodeId).value(QLatin1String("runs")).toArray();
        QVERIFY(!history.isEmpty());
        const QJsonObject newest = history.last().toObject();
        QCOMPARE(newest.value(QLatin1String("nodeFirmware")).toString(), runs(updated, "node"));
        QCOMPARE(newest.value(QLatin1String("hostFirmware")).toString(), runs(updated, "host"));
    }
};

QTEST_GUILESS_MAIN(tst_CliRunRecords)
#include "tst_clirunrecords.moc"

// provstation-server report as a factory script runs it: the real executable
// over a scratch store (SQLite and PostgreSQL), its options, exit codes, what
// it says on standard error, -o FILE written whole or not at all, and
// --list-templates.
#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "domain/RunRecord.h"
#include "server/store/ServerStore.h"

#include <QDir>
#include <QFile>
#include <QTest>
#include <QUuid>

using namespace prov;

namespace {

const QString kConfig = QStringLiteral("0x0000000000000045");
constexpr int kInvalidArguments = 3; // docs/contracts/cli.md

} // namespace

class TestReportCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void csvOnStandardOutputAndASummaryOnStandardError();
    void outputFileIsWrittenWhole();
    void templatesByNameAndTheirParameters();
    void listTemplatesNamesTheFolderAndTheTemplates();
    void badOptionsExitWithInvalidArguments_data();
    void badOptionsExitWithInvalidArguments();

private:
    [[nodiscard]] test::ProcessResult run(const QStringList &arguments) const;
    void storeRun(server::ServerStore &store, const QString &node, qint64 batch, int result, qint64 at);

    std::unique_ptr<test::ScratchStore> m_scratch;
};

void TestReportCommand::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    server::PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    const crypto::RsaPrivateKey kms = test::makeKmsKey();
    auto imported = store.value()->packages().import(
        test::makeVerifiedPackage({}, kms.publicKey(), m_scratch->scratchDir() + QStringLiteral("/q")), options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    const qint64 t0 = 1'800'000'000'000; // 2027-01-15T08:00:00Z
    storeRun(*store.value(), QStringLiteral("0x00010001"), 1000, 0, t0);
    storeRun(*store.value(), QStringLiteral("0x00010002"), 1000, 134, t0 + 60'000);
    storeRun(*store.value(), QStringLiteral("0x00010003"), 1001, 0, t0 + 3'600'000);
}

void TestReportCommand::cleanup()
{
    m_scratch.reset();
}

void TestReportCommand::storeRun(server::ServerStore &store, const QString &node, qint64 batch, int result, qint64 at)
{
    domain::RunRecord run;
    run.uuid = QUuid::createUuid();
    run.station = QStringLiteral("line1-st3");
    run.slot = QStringLiteral("A1");
    run.operation = QStringLiteral("PROVISION");
    run.meter = QStringLiteral("meter_kv2c");
    run.configId = kConfig;
    run.revision = 1;
    run.batch = batch;
    run.nodeId = node;
    run.emcmId = QStringLiteral("0011223344556677") + node.right(8);
    run.meterSerial = QStringLiteral("SN-") + node.right(4);
    run.result = result;
    run.startedAtMs = at;
    run.finishedAtMs = at + 5000;
    auto stored = store.runs().store(run);
    QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
}

test::ProcessResult TestReportCommand::run(const QStringList &arguments) const
{
    QStringList all {QStringLiteral("--data-dir"), m_scratch->dataDir(), QStringLiteral("--master-key-file"),
        m_scratch->masterKeyFile()};
    if (!m_scratch->databaseUrl().isEmpty())
        all << QStringLiteral("--db") << m_scratch->databaseUrl();
    return test::runProcess(test::binPath(QStringLiteral("provstation-server")),
        all + QStringList {QStringLiteral("report")} + arguments, {}, 120000);
}

void TestReportCommand::csvOnStandardOutputAndASummaryOnStandardError()
{
    const auto all = run({QStringLiteral("--config-id"), kConfig});
    QVERIFY2(all.exitCode == 0, all.stdErr.constData());
    const QList<QByteArray> lines = all.stdOut.split('\n');
    QVERIFY(lines.first().startsWith("Node ID,eMCM ID,Meter serial,"));
    QCOMPARE(all.stdOut.count("\r\n"), 4); // the header and three devices
    QVERIFY(all.stdOut.contains("0x00010001") && all.stdOut.contains("0x00010003"));
    // Standard output stays a clean CSV file: the summary goes to standard error.
    QVERIFY2(all.stdErr.contains("wrote 3 devices of configuration 0x0000000000000045 (template devices)"),
        all.stdErr.constData());

    // --batch and the period narrow it; an alias for --batch is --batches.
    const auto batch
        = run({QStringLiteral("--config-id"), kConfig, QStringLiteral("--batches"), QStringLiteral("1001")});
    QCOMPARE(batch.exitCode, 0);
    QCOMPARE(batch.stdOut.count("\r\n"), 2);
    QVERIFY(batch.stdOut.contains("0x00010003") && !batch.stdOut.contains("0x00010001"));
    const auto period = run({QStringLiteral("--config-id"), kConfig, QStringLiteral("--from"),
        QStringLiteral("2027-01-15T08:00:00Z"), QStringLiteral("--to"), QStringLiteral("2027-01-15T08:30:00Z")});
    QCOMPARE(period.exitCode, 0);
    QCOMPARE(period.stdOut.count("\r\n"), 3);
    QVERIFY(!period.stdOut.contains("0x00010003"));
    // "-o -" is standard output too.
    const auto dash = run({QStringLiteral("--config-id"), kConfig, QStringLiteral("-o"), QStringLiteral("-")});
    QCOMPARE(dash.stdOut, all.stdOut);
}

void TestReportCommand::outputFileIsWrittenWhole()
{
    const QString path = m_scratch->scratchDir() + QStringLiteral("/report.csv");
    const auto written = run({QStringLiteral("--config-id"), kConfig, QStringLiteral("-o"), path});
    QVERIFY2(written.exitCode == 0, written.stdErr.constData());
    QVERIFY(written.stdOut.isEmpty());
    QVERIFY2(written.stdErr.contains(" to " + path.toUtf8()), written.stdErr.constData());
    const auto again = run({QStringLiteral("--config-id"), kConfig});
    QCOMPARE(test::readFile(path), again.stdOut);

    // A report that fails leaves the earlier file as it was, and no partial one.
    const QByteArray before = test::readFile(path);
    const auto failed
        = run({QStringLiteral("--config-alias"), QStringLiteral("NO-SUCH"), QStringLiteral("--output"), path});
    QCOMPARE(failed.exitCode, kInvalidArguments);
    QCOMPARE(test::readFile(path), before);
    const auto noFolder = run({QStringLiteral("--config-id"), kConfig, QStringLiteral("-o"),
        m_scratch->scratchDir() + QStringLiteral("/missing/folder/r.csv")});
    QVERIFY(noFolder.exitCode != 0);
    QVERIFY2(noFolder.stdErr.contains("missing/folder/r.csv"), noFolder.stdErr.constData());
    QCOMPARE(QDir(m_scratch->scratchDir()).entryList({QStringLiteral("report.csv*")}, QDir::Files | QDir::Hidden),
        QStringList {QStringLiteral("report.csv")});
}

void TestReportCommand::templatesByNameAndTheirParameters()
{
    const auto carrier = run(
        {QStringLiteral("--config-id"), kConfig, QStringLiteral("--template"), QStringLiteral("carrier-host-identity"),
            QStringLiteral("--set"), QStringLiteral("manufacturer=Example Meters, Inc.")});
    QVERIFY2(carrier.exitCode == 0, carrier.stdErr.constData());
    const QList<QByteArray> rows = carrier.stdOut.split('\n');
    QCOMPARE(rows.first(), QByteArray("Host Manufacturer,Host Software Version,Host Model,Module ID,Host Unique ID\r"));
    QCOMPARE(carrier.stdOut.count("\r\n"), 3); // the devices whose last run passed
    for (const QByteArray &row : rows.mid(1, 2))
        QVERIFY2(row.startsWith("\"Example Meters, Inc.\","), row.constData());
    QVERIFY2(carrier.stdOut.contains(",meter_kv2c,001122334455667700010001,SN-0001\r\n"), carrier.stdOut.constData());
    QVERIFY(!carrier.stdOut.contains("SN-0002"));
    QVERIFY2(carrier.stdErr.contains("(template carrier-host-identity)"), carrier.stdErr.constData());

    // A template file of one's own.
    const QString file = m_scratch->scratchDir() + QStringLiteral("/mine.template");
    QVERIFY(test::writeFile(file, "Node = nodeId\nLine = \"line 1\"\n"));
    const auto mine = run({QStringLiteral("--config-id"), kConfig, QStringLiteral("--batch"), QStringLiteral("1000"),
        QStringLiteral("--template"), file});
    QVERIFY2(mine.exitCode == 0, mine.stdErr.constData());
    QCOMPARE(mine.stdOut, QByteArray("Node,Line\r\n0x00010001,line 1\r\n0x00010002,line 1\r\n"));
}

void TestReportCommand::listTemplatesNamesTheFolderAndTheTemplates()
{
    const auto listed = run({QStringLiteral("--list-templates")});
    QVERIFY2(listed.exitCode == 0, listed.stdErr.constData());
    const QList<QByteArray> lines = listed.stdOut.trimmed().split('\n');
    QVERIFY2(lines.first().startsWith("templates in ") && lines.first().contains("report-templates"),
        listed.stdOut.constData());
    QVERIFY(lines.contains("carrier-host-identity"));
}

void TestReportCommand::badOptionsExitWithInvalidArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    const QString id = QStringLiteral("--config-id");
    QTest::newRow("no configuration") << QStringList() << QStringLiteral("config");
    QTest::newRow("unknown template") << QStringList {id, kConfig, QStringLiteral("--template"),
        QStringLiteral("carrier")} << QStringLiteral("carrier-host-identity");
    QTest::newRow("missing parameter") << QStringList {id, kConfig, QStringLiteral("--template"),
        QStringLiteral("carrier-host-identity")}
                                       << QStringLiteral("--set manufacturer=VALUE");
    QTest::newRow("unknown parameter") << QStringList {id, kConfig, QStringLiteral("--set"),
        QStringLiteral("color=red")} << QStringLiteral("color");
    QTest::newRow("set without =") << QStringList {id, kConfig, QStringLiteral("--set"), QStringLiteral("color")}
                                   << QStringLiteral("--set color is not NAME=VALUE");
    QTest::newRow("bad batch") << QStringList {id, kConfig, QStringLiteral("--batch"), QStringLiteral("5-1")}
                               << QStringLiteral("5-1");
    QTest::newRow("bad date") << QStringList {id, kConfig, QStringLiteral("--from"), QStringLiteral("March")}
                              << QStringLiteral("March");
    QTest::newRow("unknown option") << QStringList {id, kConfig, QStringLiteral("--colour")}
                                    << QStringLiteral("colour");
    QTest::newRow("stray argument") << QStringList {id, kConfig, QStringLiteral("extra")} << QStringLiteral("usage");
    QTest::newRow("unknown alias") << QStringList {QStringLiteral("--config-alias"), QStringLiteral("NO-SUCH")}
                                   << QStringLiteral("NO-SUCH");
}

void TestReportCommand::badOptionsExitWithInvalidArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    const auto result = run(arguments);
    QCOMPARE(result.exitCode, kInvalidArguments);
    QVERIFY(result.stdOut.isEmpty());
    QVERIFY2(result.stdErr.contains(says.toUtf8()), result.stdErr.constData());
}

QTEST_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"

// Device reports over HTTP against a real provstation-server (SQLite and
// PostgreSQL): the CSV body equals what `provstation-server report` writes for
// the same selection and template, the templates are listed with their
// parameters, only the server's templates by name are taken, and the roles.
#include "ApiTestSupport.h"
#include "TestPackages.h"

#include "domain/RunRecord.h"
#include "server/store/ServerStore.h"

#include <QJsonArray>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::test;

namespace {

const QString kConfig = QStringLiteral("0x0000000000000045");

QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

class TestReportsApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void csvEqualsTheCommandLines();
    void templatesAreListedWithTheirParameters();
    void onlyTheServersTemplatesByName();
    void badSelectionsAreRefusedNamingWhatWasWrong();
    void adminReadsOperatorsAndStationsDoNot();

private:
    void storeRun(server::ServerStore &store, const QString &node, const QString &serial, qint64 batch, int result,
        qint64 startedAt);
    /// GET /api/v1/reports/devices?query as the admin, and the CLI with `arguments`: both bodies.
    void compare(const QString &query, const QStringList &arguments);

    std::unique_ptr<ApiServerFixture> m_server;
    int m_attempt = 0;
};

void TestReportsApi::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<ApiServerFixture>(engine);
    if (m_server->isSkipped())
        QSKIP(qPrintable(m_server->skipReason()));
    {
        auto store = m_server->scratch().open();
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        server::PackageStore::ImportOptions options;
        options.actor = QStringLiteral("cli:test");
        const crypto::RsaPrivateKey kms = makeKmsKey();
        auto imported = store.value()->packages().import(
            makeVerifiedPackage({}, kms.publicKey(), m_server->scratch().scratchDir() + QStringLiteral("/q")), options);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
        // Three devices in two batches; a serial with a comma and a quote; one failed last run.
        const qint64 t0 = 1'800'000'000'000;
        storeRun(*store.value(), QStringLiteral("0x00010001"), QStringLiteral("SN,1 \"A\""), 1000, 0, t0);
        storeRun(*store.value(), QStringLiteral("0x00010002"), QStringLiteral("SN-2"), 1000, 134, t0 + 60'000);
        storeRun(*store.value(), QStringLiteral("0x00010002"), QStringLiteral("SN-2"), 1000, 0, t0 + 120'000);
        storeRun(*store.value(), QStringLiteral("0x00010003"), QStringLiteral("SN-3"), 1001, 134, t0 + 3'600'000);
    }
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void TestReportsApi::cleanup()
{
    m_server.reset();
}

void TestReportsApi::storeRun(
    server::ServerStore &store, const QString &node, const QString &serial, qint64 batch, int result, qint64 startedAt)
{
    domain::RunRecord run;
    run.uuid = QUuid::createUuid();
    run.station = QStringLiteral("line1-st3");
    run.slot = QStringLiteral("A1");
    run.operatorName = QStringLiteral("ana");
    run.meter = QStringLiteral("meter_kv2c");
    run.operation = QStringLiteral("PROVISION");
    run.configId = kConfig;
    run.revision = 1;
    run.batch = batch;
    run.nodeId = node;
    run.emcmId = QStringLiteral("0011223344556677%1").arg(node.right(8));
    run.meterSerial = serial;
    run.result = result;
    run.attempt = ++m_attempt;
    run.startedAtMs = startedAt;
    run.finishedAtMs = startedAt + 5000;
    run.durationMs = 5000;
    auto stored = store.runs().store(run);
    QVERIFY2(stored, qPrintable(stored ? QString() : stored.error().message));
}

void TestReportsApi::compare(const QString &query, const QStringList &arguments)
{
    const ApiReply reply
        = m_server->call("GET", QStringLiteral("/api/v1/reports/devices?") + query, m_server->adminToken);
    QVERIFY2(reply.status == 200, reply.body.constData());
    QVERIFY(reply.headers.value("content-type").startsWith("text/csv"));
    const ProcessResult cli = m_server->command(QStringList {QStringLiteral("report")} + arguments);
    QVERIFY2(cli.exitCode == 0, cli.stdErr.constData());
    QVERIFY(!cli.stdOut.isEmpty());
    QCOMPARE(reply.body, cli.stdOut);
    const qint64 rows = reply.body.count("\r\n") - 1;
    QCOMPARE(reply.headers.value("x-device-count").toLongLong(), rows);
}

void TestReportsApi::csvEqualsTheCommandLines()
{
    compare(QStringLiteral("configId=") + kConfig, {QStringLiteral("--config-id"), kConfig});
    compare(QStringLiteral("configId=%1&batch=1000").arg(kConfig),
        {QStringLiteral("--config-id"), kConfig, QStringLiteral("--batch"), QStringLiteral("1000")});
    compare(QStringLiteral("configId=%1&from=%2&to=%3")
                .arg(kConfig, encoded(QStringLiteral("2027-01-15T08:00:00Z")),
                    encoded(QStringLiteral("2027-01-15T08:30:00Z"))),
        {QStringLiteral("--config-id"), kConfig, QStringLiteral("--from"), QStringLiteral("2027-01-15T08:00:00Z"),
            QStringLiteral("--to"), QStringLiteral("2027-01-15T08:30:00Z")});
    // The carrier's file with a manufacturer holding '&', '=', '+' and a comma.
    const QString maker = QStringLiteral("Meters & Co = A+B, Inc.");
    compare(QStringLiteral("configId=%1&template=carrier-host-identity&set=%2")
                .arg(kConfig, encoded(QStringLiteral("manufacturer=") + maker)),
        {QStringLiteral("--config-id"), kConfig, QStringLiteral("--template"), QStringLiteral("carrier-host-identity"),
            QStringLiteral("--set"), QStringLiteral("manufacturer=") + maker});
    const ApiReply carrier = m_server->call("GET",
        QStringLiteral("/api/v1/reports/devices?configId=%1&template=carrier-host-identity&set=%2")
            .arg(kConfig, encoded(QStringLiteral("manufacturer=") + maker)),
        m_server->adminToken);
    // Devices whose last run passed: 0x00010001 and 0x00010002, not 0x00010003.
    QCOMPARE(carrier.headers.value("x-device-count"), QByteArray("2"));
    QVERIFY(carrier.body.startsWith("Host Manufacturer,Host Software Version,Host Model,Module ID,Host Unique ID\r\n"));
    QVERIFY(carrier.body.contains("\"Meters & Co = A+B, Inc.\""));
    QVERIFY(carrier.body.contains("\"SN,1 \"\"A\"\"\""));
    QVERIFY(!carrier.body.contains("SN-3"));
}

void TestReportsApi::templatesAreListedWithTheirParameters()
{
    const ApiReply reply = m_server->call("GET", QStringLiteral("/api/v1/reports/templates"), m_server->adminToken);
    QCOMPARE(reply.status, 200);
    const QJsonArray list = reply.json().value(QStringLiteral("templates")).toArray();
    QStringList names;
    for (const QJsonValue &t : list)
        names << t.toObject().value(QStringLiteral("name")).toString();
    QCOMPARE(names, (QStringList {QStringLiteral("devices"), QStringLiteral("carrier-host-identity")}));
    const QJsonObject all = list.at(0).toObject();
    QCOMPARE(all.value(QStringLiteral("rows")).toString(), QStringLiteral("all"));
    QVERIFY(all.value(QStringLiteral("parameters")).toArray().isEmpty());
    const QJsonArray allColumns = all.value(QStringLiteral("columns")).toArray();
    QCOMPARE(allColumns.first().toString(), QStringLiteral("Node ID"));
    QVERIFY(allColumns.contains(QStringLiteral("Meter serial")));
    const QJsonObject carrier = list.at(1).toObject();
    QCOMPARE(carrier.value(QStringLiteral("rows")).toString(), QStringLiteral("passed"));
    QCOMPARE(carrier.value(QStringLiteral("parameters")).toArray(), QJsonArray {QStringLiteral("manufacturer")});
    QCOMPARE(
        carrier.value(QStringLiteral("columns")).toArray().first().toString(), QStringLiteral("Host Manufacturer"));
    // The template list is the CLI's.
    const ProcessResult cli = m_server->command({QStringLiteral("report"), QStringLiteral("--list-templates")});
    QCOMPARE(cli.exitCode, 0);
    QVERIFY(cli.stdOut.contains("carrier-host-identity"));
}

void TestReportsApi::onlyTheServersTemplatesByName()
{
    const auto ask = [this](const QString &templateName) {
        return m_server->call("GET",
            QStringLiteral("/api/v1/reports/devices?configId=%1&template=%2").arg(kConfig, encoded(templateName)),
            m_server->adminToken);
    };
    const ApiReply unknown = ask(QStringLiteral("carrier"));
    QCOMPARE(unknown.status, 400);
    QCOMPARE(unknown.error(), QStringLiteral("invalid_template"));
    const QString detail = unknown.json().value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(QStringLiteral("'carrier'")) && detail.contains(QStringLiteral("carrier-host-identity")),
        qPrintable(detail));
    // A file on the server is never read as a template, and its folder is not told.
    const QString file = m_server->scratch().scratchDir() + QStringLiteral("/mine.template");
    QVERIFY(writeFile(file, "Node = nodeId\n"));
    const ApiReply byPath = ask(file);
    QCOMPARE(byPath.status, 400);
    QVERIFY(!byPath.body.contains("share/provstation"));
    // A parameter the template needs, and one it does not have.
    const ApiReply unbound = ask(QStringLiteral("carrier-host-identity"));
    QCOMPARE(unbound.status, 400);
    QVERIFY2(unbound.body.contains("manufacturer"), unbound.body.constData());
    const ApiReply extra = m_server->call("GET",
        QStringLiteral("/api/v1/reports/devices?configId=%1&set=color%3Dred").arg(kConfig), m_server->adminToken);
    QCOMPARE(extra.status, 400);
    QVERIFY2(extra.body.contains("color"), extra.body.constData());
}

void TestReportsApi::badSelectionsAreRefusedNamingWhatWasWrong()
{
    const ApiReply noConfig = m_server->call("GET", QStringLiteral("/api/v1/reports/devices"), m_server->adminToken);
    QCOMPARE(noConfig.status, 400);
    QCOMPARE(noConfig.error(), QStringLiteral("invalid_selection"));
    const ApiReply badBatch = m_server->call(
        "GET", QStringLiteral("/api/v1/reports/devices?configId=%1&batch=5-1").arg(kConfig), m_server->adminToken);
    QCOMPARE(badBatch.status, 400);
    QVERIFY2(badBatch.body.contains("5-1"), badBatch.body.constData());
    const ApiReply badDate = m_server->call(
        "GET", QStringLiteral("/api/v1/reports/devices?configId=%1&from=March").arg(kConfig), m_server->adminToken);
    QCOMPARE(badDate.status, 400);
    QVERIFY2(badDate.body.contains("March"), badDate.body.constData());
    const ApiReply unknown
        = m_server->call("GET", QStringLiteral("/api/v1/reports/devices?configAlias=NOPE"), m_server->adminToken);
    QVERIFY2(unknown.status == 400 || unknown.status == 404, unknown.body.constData());
    QVERIFY2(unknown.body.contains("NOPE"), unknown.body.constData());
}

void TestReportsApi::adminReadsOperatorsAndStationsDoNot()
{
    const QString path = QStringLiteral("/api/v1/reports/devices?configId=") + kConfig;
    for (const QString &route : {path, QStringLiteral("/api/v1/reports/templates")}) {
        QCOMPARE(m_server->call("GET", route, m_server->adminToken).status, 200);
        QCOMPARE(m_server->call("GET", route, m_server->operatorToken).status, 403);
        QCOMPARE(m_server->call("GET", route, m_server->stationToken).status, 403);
        QCOMPARE(m_server->call("GET", route).status, 401);
    }
    // A report is audited with who asked for it.
    const ProcessResult audit = m_server->command({QStringLiteral("audit"), QStringLiteral("show")});
    QVERIFY2(audit.stdOut.contains("report"), audit.stdOut.constData());
    QVERIFY2(audit.stdOut.contains("user:admin"), audit.stdOut.constData());
}

QTEST_MAIN(TestReportsApi)
#include "tst_reportsapi.moc"

// The device report on real stores (SQLite and PostgreSQL): RFC 4180 quoting,
// the configuration, batch and period filters, a device's last run, the
// carrier template shipped with the server, template errors, and a large
// report written as it is read.
#include "StoreTestSupport.h"
#include "TestPackages.h"
#include "TestSupport.h"

#include "server/report/CsvWriter.h"
#include "server/report/DeviceReport.h"
#include "server/report/ReportTemplate.h"

#include <QBuffer>
#include <QDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace prov;
using namespace prov::server;

namespace {

/// Counts what reaches it and keeps only the last bytes: a report streamed
/// through it shows how much any one write carried.
class CountingDevice : public QIODevice
{
public:
    qint64 writes = 0;
    qint64 largestWrite = 0;
    qint64 total = 0;
    QByteArray tail;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        ++writes;
        largestWrite = std::max(largestWrite, size);
        total += size;
        tail = QByteArray(data, int(size)).right(200);
        return size;
    }
};

struct Run
{
    QString device;
    QString emcm;
    QString serial;
    int result = 0;
    qint64 batch = 1000;
    qint64 startedAt = 0;
    QString labels = QStringLiteral("{}");
    QString config = QStringLiteral("0x0000000000000045");
    /// What the device reported: "node firmware|host firmware|node type|host type" ("" = nothing).
    QString reported {};
};

/// Parses RFC 4180 text back into records (the test's own reader).
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestDeviceReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void csvQuotesPerRfc4180();
    void oneRowPerDeviceFromItsLastRun();
    void versionsTheDeviceReportedWinOverTheConfigurations();
    void filtersByBatchAndPeriod();
    void carrierTemplateGivesTheCarriersColumns();
    void templateErrorsNameWhatWasWrong();
    void largeReportIsWrittenAsItIsRead();

private:
    void insert(const Run &run);
    [[nodiscard]] QList<QStringList> report(const ExportRequest &request, const ReportTemplate &columns);

    crypto::RsaPrivateKey m_kms;
    std::unique_ptr<test::ScratchStore> m_scratch;
    std::unique_ptr<ServerStore> m_store;
    int m_sequence = 0;
};

void TestDeviceReport::initTestCase()
{
    m_kms = test::makeKmsKey();
}

void TestDeviceReport::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    m_store = std::move(store.value());
    PackageStore::ImportOptions options;
    options.actor = QStringLiteral("cli:test");
    auto imported = m_store->packages().import(
        test::makeVerifiedPackage({}, m_kms.publicKey(), m_scratch->scratchDir() + QStringLiteral("/q")), options);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
}

void TestDeviceReport::cleanup()
{
    m_store.reset();
    m_scratch.reset();
}

void TestDeviceReport::insert(const Run &run)
{
    ++m_sequence;
    QString error;
    const auto quote = [](QString s) {
        return QStringLiteral("'") + s.replace(u'\'', QStringLiteral("''")) + u'\'';
    };
    QVERIFY2(
        test::execSql(*m_store,
            QStringLiteral("INSERT INTO runs (uuid, station, slot, operator, meter, operation, config_id, revision,"
                           " batch, device, node_id, emcm_id, meter_serial, labels, result, started_at, finished_at,"
                           " duration_ms, received_at, node_firmware, host_firmware, node_type, host_type)"
                           " VALUES ('%1', 'line1-st3', 'A1', 'ana', 'kv2c', 'PROVISION',"
                           " %2, 1, %3, %4, %4, %5, %6, %7, %8, %9, %10, 5000, %10, %11, %12, %13, %14)")
                .arg(QUuid::createUuid().toString(QUuid::WithoutBraces), quote(run.config))
                .arg(run.batch)
                .arg(quote(run.device), quote(run.emcm), quote(run.serial), quote(run.labels))
                .arg(run.result)
                .arg(run.startedAt)
                .arg(run.startedAt + 5000)
                .arg(quote(run.reported.section(u'|', 0, 0)), quote(run.reported.section(u'|', 1, 1)),
                    quote(run.reported.section(u'|', 2, 2)), quote(run.reported.section(u'|', 3, 3))),
            &error),
        qPrintable(error));
}

QList<QStringList> TestDeviceReport::report(const ExportRequest &request, const ReportTemplate &columns)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    auto summary = DeviceReport::writeTo(*m_store, request, columns, &out, QStringLiteral("cli:test"));
    if (!summary) {
        qWarning() << summary.error().message;
        return {};
    }
    const QList<QStringList> records = parseCsv(out.data());
    if (records.size() != summary->devices + 1)
        qWarning() << "devices" << summary->devices << "records" << records.size();
    return records;
}

void TestDeviceReport::csvQuotesPerRfc4180()
{
    QCOMPARE(csvRecord({QStringLiteral("plain"), QString(), QStringLiteral("a,b"), QStringLiteral("say \"hi\""),
                 QStringLiteral("two\nlines"), QStringLiteral("Zürich")}),
        QByteArray("plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",Z\xC3\xBCrich\r\n"));
    // Through a whole report: fields with commas, quotes and line breaks come back as written.
    insert({QStringLiteral("0x00010001"), QStringLiteral("00AABBCCDDEEFF01"), QStringLiteral("SN,1 \"A\""), 0, 1000,
        1'800'000'000'000, QStringLiteral(R"({"box":"line1\nline2"})")});
    auto columns = ReportTemplate::parse(
        QStringLiteral("Serial = meterSerial\nBox = label.box\nNote = \"a \"\"quoted\"\", note\"\n"),
        QStringLiteral("t"));
    QVERIFY2(columns, qPrintable(columns ? QString() : columns.error().message));
    const auto records = report({QStringLiteral("0x45"), {}, {}, {}, {}, {}}, columns.value());
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(0), (QStringList {QStringLiteral("Serial"), QStringLiteral("Box"), QStringLiteral("Note")}));
    QCOMPARE(records.at(1),
        (QStringList {
            QStringLiteral("SN,1 \"A\""), QStringLiteral("line1\nline2"), QStringLiteral("a \"quoted\", note")}));
}

void TestDeviceReport::oneRowPerDeviceFromItsLastRun()
{
    const qint64 t = 1'800'000'000'000;
    insert({QStringLiteral("0x00010001"), QStringLiteral("00AABBCCDDEEFF01"), QStringLiteral("SN1"), 164, 1000, t});
    insert({QStringLiteral("0x00010001"), QString(), QString(), 0, 1000, t + 60'000});
    insert(
        {QStringLiteral("0x00010002"), QStringLiteral("00AABBCCDDEEFF02"), QStringLiteral("SN2"), 0, 1000, t + 1000});
    insert({QStringLiteral("0x00010002"), QStringLiteral("00AABBCCDDEEFF02"), QStringLiteral("SN2"), 164, 1000,
        t + 90'000});
    // Another configuration's device is not in this report.
    insert({QStringLiteral("0x00010003"), QString(), QString(), 0, 1000, t, QStringLiteral("{}"),
        QStringLiteral("0x0000000000000046")});
    const auto records = report({QStringLiteral("0x45"), {}, {}, {}, {}, {}}, ReportTemplate::allFields());
    QCOMPARE(records.size(), 3);
    const QStringList header = records.at(0);
    QCOMPARE(header,
        (QStringList {QStringLiteral("Node ID"), QStringLiteral("eMCM ID"), QStringLiteral("Meter serial"),
            QStringLiteral("Node firmware"), QStringLiteral("Host firmware"), QStringLiteral("Model"),
            QStringLiteral("Node type"), QStringLiteral("Configuration"), QStringLiteral("Revision"),
            QStringLiteral("Batch"), QStringLiteral("Station"), QStringLiteral("Slot"), QStringLiteral("Operator"),
            QStringLiteral("Last operation"), QStringLiteral("Last result"), QStringLiteral("Passed"),
            QStringLiteral("Time"), QStringLiteral("Host type"), QStringLiteral("Node firmware from"),
            QStringLiteral("Host firmware from")}));
    // Device 1: its last run passed; identities it did not learn come from its first run.
    QCOMPARE(records.at(1),
        (QStringList {QStringLiteral("0x00010001"), QStringLiteral("00AABBCCDDEEFF01"), QStringLiteral("SN1"),
            QStringLiteral("1.2.3.4"), QStringLiteral("5.6.7.8"), QStringLiteral("kv2c"), QStringLiteral("UNODE"),
            QStringLiteral("0x0000000000000045"), QStringLiteral("1"), QStringLiteral("1000"),
            QStringLiteral("line1-st3"), QStringLiteral("A1"), QStringLiteral("ana"), QStringLiteral("PROVISION"),
            QStringLiteral("0"), QStringLiteral("yes"),
            QDateTime::fromMSecsSinceEpoch(t + 65'000, Qt::UTC).toString(Qt::ISODate), QString(),
            QStringLiteral("configuration"), QStringLiteral("configuration")}));
    // Device 2: passed first, failed last: the last run is what the report says.
    QCOMPARE(records.at(2).at(0), QStringLiteral("0x00010002"));
    QCOMPARE(records.at(2).at(14), QStringLiteral("164"));
    QCOMPARE(records.at(2).at(15), QStringLiteral("no"));
    // The report is audited like the export.
    QVERIFY(test::dumpStore(*m_store).contains("report"));
}

void TestDeviceReport::versionsTheDeviceReportedWinOverTheConfigurations()
{
    // The configuration (revision 1) says node 1.2.3.4 (UNODE), host 5.6.7.8.
    const qint64 t = 1'800'000'000'000;
    const QString a = QStringLiteral("0x00010001");
    const QString b = QStringLiteral("0x00010002");
    const QString c = QStringLiteral("0x00010003");
    // A: its pretest heard the old firmware; a later run updated the node but
    // failed before the host said anything; its last run heard nothing (no answer).
    insert({a, {}, {}, 0, 1000, t, QStringLiteral("{}"), QStringLiteral("0x0000000000000045"),
        QStringLiteral("1.0.0.0|1.0.0.0|UNODE|EMCM")});
    insert({a, {}, {}, 72, 1000, t + 60'000, QStringLiteral("{}"), QStringLiteral("0x0000000000000045"),
        QStringLiteral("1.2.3.4||UNODE|")});
    insert({a, {}, {}, 4, 1000, t + 120'000});
    // B: only runs from a station that does not send what the device reported.
    insert({b, {}, {}, 0, 1000, t});
    // C: failed before its firmware update; only its node answered.
    insert({c, {}, {}, 72, 1000, t, QStringLiteral("{}"), QStringLiteral("0x0000000000000045"),
        QStringLiteral("0.9.0.0||ENODE|")});
    const auto records = report({QStringLiteral("0x45"), {}, {}, {}, {}, {}}, ReportTemplate::allFields());
    QCOMPARE(records.size(), 4);
    const QStringList header = records.at(0);
    const auto row = [&](int device) {
        QStringList picked;
        for (const char *title : {"Node ID", "Node firmware", "Node type", "Node firmware from", "Host firmware",
                 "Host type", "Host firmware from", "Last result"})
            picked << records.at(device).value(header.indexOf(QLatin1String(title)));
        return picked.join(u' ');
    };
    QCOMPARE(row(1), a + QStringLiteral(" 1.2.3.4 UNODE device 1.0.0.0 EMCM device 4"));
    QCOMPARE(row(2), b + QStringLiteral(" 1.2.3.4 UNODE configuration 5.6.7.8  configuration 0"));
    QCOMPARE(row(3), c + QStringLiteral(" 0.9.0.0 ENODE device 5.6.7.8  configuration 72"));
    // The carrier's host software version is the one the device runs.
    auto carrier = ReportTemplate::parse(
        QStringLiteral("Module = nodeId\nHost Software Version = hostVersion\n"), QStringLiteral("t"));
    QVERIFY(carrier);
    QCOMPARE(report({QStringLiteral("0x45"), {}, {}, {}, {}, {}}, carrier.value()).value(1),
        (QStringList {a, QStringLiteral("1.0.0.0")}));
}

void TestDeviceReport::filtersByBatchAndPeriod()
{
    const qint64 t = QDateTime(QDate(2027, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    insert({QStringLiteral("0x00010001"), {}, {}, 0, 1000, t - 3'600'000});
    insert({QStringLiteral("0x00010002"), {}, {}, 0, 1000, t + 3'600'000});
    insert({QStringLiteral("0x00010003"), {}, {}, 0, 1001, t + 3'600'000});
    insert({QStringLiteral("0x00010004"), {}, {}, 0, 1002, t + 30 * 3'600'000LL});
    const auto nodes = [](const QList<QStringList> &records) {
        QStringList list;
        for (qsizetype i = 1; i < records.size(); ++i)
            list << records.at(i).at(0);
        return list;
    };
    const ReportTemplate all = ReportTemplate::allFields();
    QCOMPARE(nodes(report({QStringLiteral("0x45"), {}, QStringLiteral("1000"), {}, {}, {}}, all)),
        (QStringList {QStringLiteral("0x00010001"), QStringLiteral("0x00010002")}));
    QCOMPARE(nodes(report({QStringLiteral("0x45"), {}, QStringLiteral("1001-1002"), {}, {}, {}}, all)),
        (QStringList {QStringLiteral("0x00010003"), QStringLiteral("0x00010004")}));
    QCOMPARE(nodes(report({QStringLiteral("0x45"), {}, {}, {}, QStringLiteral("2027-03-01"),
                              QStringLiteral("2027-03-02T00:00:00Z")},
                 all)),
        (QStringList {QStringLiteral("0x00010002"), QStringLiteral("0x00010003")}));
    // A configuration never imported is an error that names it, not an empty report.
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    auto unknown = DeviceReport::writeTo(
        *m_store, {QStringLiteral("0x99"), {}, {}, {}, {}, {}}, all, &out, QStringLiteral("cli:test"));
    QVERIFY(!unknown);
    QVERIFY2(
        unknown.error().message.contains(QStringLiteral("0x0000000000000099")), qPrintable(unknown.error().message));
    auto badDate = DeviceReport::writeTo(
        *m_store, {QStringLiteral("0x45"), {}, {}, {}, QStringLiteral("March"), {}}, all, &out, QStringLiteral("t"));
    QVERIFY(!badDate);
    QVERIFY(badDate.error().message.contains(QStringLiteral("March")));
}

void TestDeviceReport::carrierTemplateGivesTheCarriersColumns()
{
    const QString directory = test::sourceDir() + QStringLiteral("/installer/report-templates");
    QVERIFY(ReportTemplate::available(directory).contains(QStringLiteral("carrier-host-identity")));
    auto carrier = ReportTemplate::load(QStringLiteral("carrier-host-identity"), directory);
    QVERIFY2(carrier, qPrintable(carrier ? QString() : carrier.error().message));
    QCOMPARE(carrier->parameters(), QStringList {QStringLiteral("manufacturer")});
    const Status unbound = carrier->bind({});
    QVERIFY(!unbound.ok());
    QVERIFY(unbound.error().message.contains(QStringLiteral("--set manufacturer=")));
    QVERIFY(carrier->bind({{QStringLiteral("manufacturer"), QStringLiteral("Example Meters, Inc.")}}).ok());

    const qint64 t = 1'800'000'000'000;
    insert({QStringLiteral("0x00010001"), QStringLiteral("00AABBCCDDEEFF01"), QStringLiteral("SN1"), 0, 1000, t});
    insert({QStringLiteral("0x00010002"), QStringLiteral("00AABBCCDDEEFF02"), QStringLiteral("SN2"), 164, 1000, t});
    const auto records = report({QStringLiteral("0x45"), {}, {}, {}, {}, {}}, carrier.value());
    QCOMPARE(records,
        (QList<QStringList> {
            {QStringLiteral("Host Manufacturer"), QStringLiteral("Host Software Version"), QStringLiteral("Host Model"),
                QStringLiteral("Module ID"), QStringLiteral("Host Unique ID")},
            {QStringLiteral("Example Meters, Inc."), QStringLiteral("5.6.7.8"), QStringLiteral("kv2c"),
                QStringLiteral("00AABBCCDDEEFF01"), QStringLiteral("SN1")}}));
}

void TestDeviceReport::templateErrorsNameWhatWasWrong()
{
    const auto error = [](const QString &text) {
        auto parsed = ReportTemplate::parse(text, QStringLiteral("mine.template"));
        return parsed ? QString() : parsed.error().message;
    };
    QVERIFY(
        error(QStringLiteral("A = nodeId\nB = serial\n")).contains(QStringLiteral("line 2: unknown field 'serial'")));
    QVERIFY(error(QStringLiteral("just words")).contains(QStringLiteral("line 1")));
    QVERIFY(error(QStringLiteral("A = \"open")).contains(QStringLiteral("closing quote")));
    QVERIFY(error(QStringLiteral("A = \"x\"y\"")).contains(QStringLiteral("doubled")));
    QVERIFY(error(QStringLiteral("@rows = some\nA = nodeId")).contains(QStringLiteral("all or passed")));
    QVERIFY(error(QStringLiteral("# nothing\n")).contains(QStringLiteral("no columns")));
    auto missing = ReportTemplate::load(
        QStringLiteral("carrier"), test::sourceDir() + QStringLiteral("/installer/report-templates"));
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.contains(QStringLiteral("no report template named 'carrier'"))
            && missing.error().message.contains(QStringLiteral("carrier-host-identity")),
        qPrintable(missing.error().message));
    auto extra = ReportTemplate::allFields();
    QVERIFY(!extra.bind({{QStringLiteral("maker"), QStringLiteral("x")}}).ok());
}

void TestDeviceReport::largeReportIsWrittenAsItIsRead()
{
    // 30,000 devices, three runs each, made by the database itself.
    const int devices = 30000;
    QString error;
    QVERIFY2(
        test::execSql(*m_store,
            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %1)"
                           " INSERT INTO runs (uuid, station, meter, operation, config_id, revision, batch, device,"
                           " node_id, emcm_id, meter_serial, result, started_at, finished_at, duration_ms,"
                           " received_at) SELECT 'u' || i, 'line1-st3', 'kv2c', 'PROVISION', '0x0000000000000045',"
                           " 1, 1000, 'd' || (i / 3 + 100000), 'd' || (i / 3 + 100000), 'E' || i, 'S' || i,"
                           " i % 3, 1800000000000 + i, 1800000000000 + i, 1, 1800000000000 + i FROM n")
                .arg(devices * 3 - 1),
            &error),
        qPrintable(error));
    CountingDevice out;
    out.open(QIODevice::WriteOnly);
    auto summary = DeviceReport::writeTo(*m_store, {QStringLiteral("0x45"), {}, {}, {}, {}, {}},
        ReportTemplate::allFields(), &out, QStringLiteral("cli:test"));
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QCOMPARE(summary->devices, qint64(devices));
    QCOMPARE(out.total, summary->bytes);
    // Written in pieces of about 64 KiB as the rows arrive, never the whole report at once.
    QVERIFY2(out.writes > summary->bytes / (128 * 1024), qPrintable(QString::number(out.writes)));
    QVERIFY(out.largestWrite < 128 * 1024);
    // The last device's last run (i % 3 == 2: result 2) ends the report.
    QVERIFY2(out.tail.contains(",2,no,"), out.tail.constData());
}

QTEST_GUILESS_MAIN(TestDeviceReport)
#include "tst_devicereport.moc"

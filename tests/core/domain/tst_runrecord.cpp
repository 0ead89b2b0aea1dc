// The run record a station sends with every run (docs/contracts/server-api.md,
// "Run records"): what the device reported about itself travels and comes
// back as sent, a record from an older station without it is still a record,
// and a bad value is refused by its field's name.
#include "domain/RunRecord.h"

#include <QTest>

using namespace prov;
using domain::RunRecord;

class TestRunRecord : public QObject
{
    Q_OBJECT

private slots:
    void reportedDeviceTravelsAndComesBack();
    void olderStationsRecordHasNoReportedDevice();
    void badReportedVersionIsRefusedByName();

private:
    [[nodiscard]] static RunRecord makeRun();
};

RunRecord TestRunRecord::makeRun()
{
    RunRecord run;
    run.uuid = QUuid::createUuid();
    run.station = QStringLiteral("line1-st3");
    run.operation = QStringLiteral("PRETEST");
    run.configId = QStringLiteral("0x0000000000000045");
    run.revision = 2;
    run.nodeId = QStringLiteral("0x0001E240");
    run.emcmId = QStringLiteral("0011223344556677");
    run.result = 72;
    run.failedStep = QStringLiteral("IdentifyHost");
    run.startedAtMs = 1'790'000'000'000;
    run.finishedAtMs = run.startedAtMs + 4'000;
    run.durationMs = 4'000;
    return run;
}

void TestRunRecord::reportedDeviceTravelsAndComesBack()
{
    RunRecord run = makeRun();
    run.nodeFirmware = QStringLiteral("1.0.0.0");
    run.hostFirmware = QStringLiteral("1.0.0.3");
    run.nodeType = QStringLiteral("UNODE");
    run.hostType = QStringLiteral("EMCM");
    const QJsonObject json = run.toJson();
    QCOMPARE(json.value(QStringLiteral("nodeFirmware")).toString(), QStringLiteral("1.0.0.0"));
    QCOMPARE(json.value(QStringLiteral("hostFirmware")).toString(), QStringLiteral("1.0.0.3"));
    QCOMPARE(json.value(QStringLiteral("nodeType")).toString(), QStringLiteral("UNODE"));
    QCOMPARE(json.value(QStringLiteral("hostType")).toString(), QStringLiteral("EMCM"));
    auto parsed = RunRecord::fromJson(json);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->nodeFirmware, run.nodeFirmware);
    QCOMPARE(parsed->hostFirmware, run.hostFirmware);
    QCOMPARE(parsed->nodeType, run.nodeType);
    QCOMPARE(parsed->hostType, run.hostType);
    QCOMPARE(parsed->toJson(), json);
}

void TestRunRecord::olderStationsRecordHasNoReportedDevice()
{
    // A run that never heard from the device says nothing about it...
    const QJsonObject json = makeRun().toJson();
    for (const char *field : {"nodeFirmware", "hostFirmware", "nodeType", "hostType"})
        QVERIFY2(!json.contains(QLatin1String(field)), field);
    // ...and so does every record of a station older than these fields: accepted, nothing reported.
    auto parsed = RunRecord::fromJson(json);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QVERIFY(parsed->nodeFirmware.isEmpty());
    QVERIFY(parsed->hostFirmware.isEmpty());
    QVERIFY(parsed->nodeType.isEmpty());
    QVERIFY(parsed->hostType.isEmpty());
    QCOMPARE(parsed->result, 72);
}

void TestRunRecord::badReportedVersionIsRefusedByName()
{
    QJsonObject json = makeRun().toJson();
    json.insert(QStringLiteral("hostFirmware"), QStringLiteral("1.0\n.0.3"));
    auto parsed = RunRecord::fromJson(json);
    QVERIFY(!parsed);
    QVERIFY2(parsed.error().message.contains(QStringLiteral("'hostFirmware'")), qPrintable(parsed.error().message));
    json.insert(QStringLiteral("hostFirmware"), QString(200, u'9'));
    QVERIFY(!RunRecord::fromJson(json));
}

QTEST_GUILESS_MAIN(TestRunRecord)
#include "tst_runrecord.moc"

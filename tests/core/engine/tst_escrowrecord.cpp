#include "EscrowTestData.h"

#include <QJsonArray>
#include <QTest>

using namespace prov::engine;

class tst_EscrowRecord : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        EscrowRecord r = prov::test::sampleEscrowRecord();
        r.stage = EscrowRecord::Stage::Verified;
        r.verification = QJsonObject {{QStringLiteral("node"), true}};
        r.runLog = QStringLiteral("step 1\nstep 2\n");
        const prov::Result<EscrowRecord> back = EscrowRecord::fromJson(r.toJson());
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(back->uuid, r.uuid);
        QCOMPARE(back->nodeId, r.nodeId);
        QCOMPARE(back->configId, r.configId);
        QCOMPARE(back->batch, r.batch);
        QCOMPARE(back->provisionedAt, r.provisionedAt);
        QCOMPARE(back->nodeRootKey, r.nodeRootKey);
        QCOMPARE(back->apps, r.apps);
        QCOMPARE(back->stage, EscrowRecord::Stage::Verified);
        QCOMPARE(back->verification, r.verification);
        QCOMPARE(back->runLog, r.runLog);
        QCOMPARE(back->toJson(), r.toJson());
    }

    void jsonUsesTheExportSpelling()
    {
        const QJsonObject json = prov::test::sampleEscrowRecord().toJson();
        QCOMPARE(json.value(QLatin1String("nodeId")).toString(), QStringLiteral("0x1A2B3C4D"));
        QCOMPARE(json.value(QLatin1String("configId")).toString(), QStringLiteral("0x0000000000000045"));
        QCOMPARE(json.value(QLatin1String("provisionedAt")).toString(), QStringLiteral("2026-11-20T09:58:01.250Z"));
        const QJsonObject app = json.value(QLatin1String("apps")).toArray().first().toObject();
        QVERIFY(!app.contains(QLatin1String("extra")));
    }

    void rejectsBrokenRecords_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("uuid") << QStringLiteral("uuid") << QJsonValue(QStringLiteral("x")) << QStringLiteral("uuid");
        QTest::newRow("node") << QStringLiteral("nodeId") << QJsonValue(QStringLiteral("zz"))
                              << QStringLiteral("node ID");
        QTest::newRow("batch") << QStringLiteral("batch") << QJsonValue(-1) << QStringLiteral("batch");
        QTest::newRow("time") << QStringLiteral("provisionedAt") << QJsonValue(QStringLiteral("yesterday"))
                              << QStringLiteral("provisionedAt");
        QTest::newRow("key") << QStringLiteral("nodeRootKey") << QJsonValue(QString()) << QStringLiteral("nodeRootKey");
        QTest::newRow("stage") << QStringLiteral("stage") << QJsonValue(QStringLiteral("done"))
                               << QStringLiteral("unknown stage");
    }

    void rejectsBrokenRecords()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject json = prov::test::sampleEscrowRecord().toJson();
        json.insert(field, value);
        const prov::Result<EscrowRecord> back = EscrowRecord::fromJson(json);
        QVERIFY(!back.ok());
        QVERIFY2(back.error().message.contains(message), qPrintable(back.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_EscrowRecord)
#include "tst_escrowrecord.moc"

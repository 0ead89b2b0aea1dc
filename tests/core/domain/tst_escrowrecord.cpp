// The escrow record the station makes and uploads and the server stores and
// exports: one JSON form, read and written by the same code on both sides.
#include "domain/EscrowRecord.h"

#include <QJsonArray>
#include <QTest>

using namespace prov;
using namespace prov::domain;

namespace {

EscrowRecord sample()
{
    EscrowRecord r;
    r.uuid = QUuid::createUuid();
    r.nodeId = NodeId(0x1A2B3C4D);
    r.configId = ConfigId(0x45);
    r.revision = 2;
    r.batch = BatchNumber(1000);
    r.station = QStringLiteral("line1-st3");
    r.nodeType = QStringLiteral("UNODE");
    r.nodeVersion = QStringLiteral("1.2.3.4");
    r.provisionedAt = QDateTime::fromString(QStringLiteral("2026-11-20T09:58:01.250Z"), Qt::ISODateWithMs);
    r.nodeRootKey = QByteArray(256, '\x5a');
    r.kmsFingerprint = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    r.apps = {{QStringLiteral("emcm"), QStringLiteral("0011223344556677"), QString(512, QLatin1Char('B')), {}}};
    return r;
}

} // namespace

class tst_EscrowRecord : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip()
    {
        EscrowRecord r = sample();
        r.state = EscrowState::Done;
        r.verification = QJsonObject {{QStringLiteral("node"), true}};
        r.runLog = QStringLiteral("step 1\nstep 2\n");
        const Result<EscrowRecord> back = EscrowRecord::fromJson(r.toJson());
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(back->uuid, r.uuid);
        QCOMPARE(back->nodeId, r.nodeId);
        QCOMPARE(back->configId, r.configId);
        QCOMPARE(back->revision, 2);
        QCOMPARE(back->batch, r.batch);
        QCOMPARE(back->provisionedAt, r.provisionedAt);
        QCOMPARE(back->state, EscrowState::Done);
        QCOMPARE(back->nodeRootKey, r.nodeRootKey);
        QCOMPARE(back->apps, r.apps);
        QCOMPARE(back->verification, r.verification);
        QCOMPARE(back->runLog, r.runLog);
        QCOMPARE(back->toJson(), r.toJson());
    }

    void jsonUsesTheExportSpelling()
    {
        const QJsonObject json = sample().toJson();
        QCOMPARE(json.value(QLatin1String("nodeId")).toString(), QStringLiteral("0x1A2B3C4D"));
        QCOMPARE(json.value(QLatin1String("configId")).toString(), QStringLiteral("0x0000000000000045"));
        QCOMPARE(json.value(QLatin1String("provisionedAt")).toString(), QStringLiteral("2026-11-20T09:58:01.250Z"));
        QCOMPARE(json.value(QLatin1String("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(json.value(QLatin1String("nodeRootKey")).toString(),
            QString::fromLatin1(QByteArray(256, '\x5a').toBase64()));
        const QJsonObject app = json.value(QLatin1String("apps")).toArray().first().toObject();
        QCOMPARE(app.value(QLatin1String("key")).toString(), QString(512, QLatin1Char('B')));
        QVERIFY(!app.contains(QLatin1String("extra")));
    }

    void aRecordWithoutStateIsPendingAndTheBatchMayBeText()
    {
        QJsonObject json = sample().toJson();
        json.remove(QStringLiteral("state"));
        json.insert(QStringLiteral("batch"), QStringLiteral("1000"));
        const Result<EscrowRecord> back = EscrowRecord::fromJson(json);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
        QCOMPARE(back->state, EscrowState::Pending);
        QCOMPARE(back->batch, BatchNumber(1000));
    }

    void stateNames()
    {
        for (const EscrowState state : {EscrowState::Pending, EscrowState::Done, EscrowState::Failed})
            QCOMPARE(escrowStateFromName(escrowStateName(state)), std::optional(state));
        QCOMPARE(escrowStateName(EscrowState::Failed), QStringLiteral("failed"));
        QVERIFY(!escrowStateFromName(u"verified").has_value());
    }

    void rejectsBrokenRecords_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("uuid") << QStringLiteral("uuid") << QJsonValue(QStringLiteral("x")) << QStringLiteral("uuid");
        QTest::newRow("node") << QStringLiteral("nodeId") << QJsonValue(QStringLiteral("zz"))
                              << QStringLiteral("node ID");
        QTest::newRow("revision") << QStringLiteral("revision") << QJsonValue(1.5) << QStringLiteral("revision");
        QTest::newRow("batch") << QStringLiteral("batch") << QJsonValue(-1) << QStringLiteral("batch");
        QTest::newRow("time") << QStringLiteral("provisionedAt") << QJsonValue(QStringLiteral("yesterday"))
                              << QStringLiteral("provisionedAt");
        QTest::newRow("no key") << QStringLiteral("nodeRootKey") << QJsonValue(QString())
                                << QStringLiteral("'nodeRootKey' is not base64");
        QTest::newRow("key not base64") << QStringLiteral("nodeRootKey") << QJsonValue(QStringLiteral("not*base64"))
                                        << QStringLiteral("'nodeRootKey' is not base64");
        QTest::newRow("state") << QStringLiteral("state") << QJsonValue(QStringLiteral("verified"))
                               << QStringLiteral("'state'");
    }

    void rejectsBrokenRecords()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject json = sample().toJson();
        json.insert(field, value);
        const Result<EscrowRecord> back = EscrowRecord::fromJson(json);
        QVERIFY(!back.ok());
        QCOMPARE(back.error().code, ResultCode::InvalidArguments);
        QVERIFY2(back.error().message.contains(message), qPrintable(back.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_EscrowRecord)
#include "tst_escrowrecord.moc"

// Escrow rules over HTTP on a real provstation-server: the clock limit (422
// clock_skew), a station writes and closes only its own records (403
// wrong_station), and the export names the nodes it leaves out (headers and
// GET /api/v1/export/left-out); SQLite and PostgreSQL.
#include "ApiTestSupport.h"
#include "PackageFixture.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QUuid>

#include <QtTest>

using namespace prov::test;

class tst_EscrowApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void configurationTellsTheStationItsClockLimitAndName();
    void recordsFromAClockBeyondTheLimitAreRefused();
    void aStationWritesAndClosesOnlyItsOwnRecords();
    void exportNamesTheNodesItLeavesOut();

private:
    [[nodiscard]] QJsonObject record(const QString &nodeId, const QString &state, const QDateTime &provisionedAt,
        const QDateTime &sentAt, const QString &station = QStringLiteral("line1-st3"));
    [[nodiscard]] ApiReply post(const QJsonObject &body, const QByteArray &token);
    [[nodiscard]] ApiReply close(const QJsonObject &record, const QByteArray &token, const QString &state);

    QTemporaryDir m_keys;
    PackageFixture m_fixture;
    QByteArray m_package;
    QString m_fingerprint;
    QString m_version;
    QByteArray m_blob;
    std::unique_ptr<ApiServerFixture> m_server;
    static constexpr int kLimitSeconds = 30;
};

void tst_EscrowApi::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.init(m_keys.path(), &error), qPrintable(error));
    const QString path = m_keys.filePath(QStringLiteral("good.tar.gz"));
    QVERIFY2(m_fixture.build(m_fixture.goodStaging(), path, &error), qPrintable(error));
    m_package = readFile(path);
    const ProcessResult r = runProcess(opensslProgram(),
        {QStringLiteral("pkeyutl"), QStringLiteral("-encrypt"), QStringLiteral("-pubin"), QStringLiteral("-inkey"),
            m_fixture.path(QStringLiteral("kms_key.pub.pem")), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_oaep_md:sha256"),
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
        QByteArray(16, '\x07'));
    QCOMPARE(r.exitCode, 0);
    m_blob = r.stdOut;
}

void tst_EscrowApi::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<ApiServerFixture>(engine);
    if (m_server->isSkipped())
        QSKIP(qPrintable(m_server->skipReason()));
    QVERIFY2(m_server->start({QStringLiteral("--max-clock-skew"), QString::number(kLimitSeconds)}),
        qPrintable(m_server->error()));
    const ApiReply imported = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken,
        m_package, {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(imported.status, 201);
    const ApiReply config
        = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    QCOMPARE(config.status, 200);
    m_fingerprint = config.json()
                        .value(QStringLiteral("kmsPublicKey"))
                        .toObject()
                        .value(QStringLiteral("fingerprint"))
                        .toString();
    m_version = config.json().value(QStringLiteral("node")).toObject().value(QStringLiteral("version")).toString();
}

void tst_EscrowApi::cleanup()
{
    m_server.reset();
}

QJsonObject tst_EscrowApi::record(const QString &nodeId, const QString &state, const QDateTime &provisionedAt,
    const QDateTime &sentAt, const QString &station)
{
    QJsonObject body {{QStringLiteral("uuid"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("nodeId"), nodeId}, {QStringLiteral("configId"), QStringLiteral("0x0000000000000045")},
        {QStringLiteral("revision"), 1}, {QStringLiteral("batch"), 1000}, {QStringLiteral("station"), station},
        {QStringLiteral("nodeType"), QStringLiteral("UNODE")}, {QStringLiteral("nodeVersion"), m_version},
        {QStringLiteral("provisionedAt"), provisionedAt.toString(Qt::ISODateWithMs)}, {QStringLiteral("state"), state},
        {QStringLiteral("nodeRootKey"), QString::fromLatin1(m_blob.toBase64())},
        {QStringLiteral("kmsKey"), m_fingerprint}};
    if (sentAt.isValid())
        body.insert(QStringLiteral("sentAt"), sentAt.toString(Qt::ISODateWithMs));
    return body;
}

ApiReply tst_EscrowApi::post(const QJsonObject &body, const QByteArray &token)
{
    return m_server->call("POST", QStringLiteral("/api/v1/escrow"), token, QJsonDocument(body).toJson());
}

ApiReply tst_EscrowApi::close(const QJsonObject &record, const QByteArray &token, const QString &state)
{
    return m_server->call("POST",
        QStringLiteral("/api/v1/escrow/%1/confirm").arg(record.value(QStringLiteral("uuid")).toString()), token,
        QJsonDocument(QJsonObject {{QStringLiteral("state"), state}}).toJson());
}

void tst_EscrowApi::configurationTellsTheStationItsClockLimitAndName()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const ApiReply config
        = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);
    QCOMPARE(config.status, 200);
    QCOMPARE(config.json().value(QStringLiteral("maxClockSkewSeconds")).toDouble(), double(kLimitSeconds));
    QCOMPARE(config.json().value(QStringLiteral("station")).toString(), QStringLiteral("line1-st3"));
    const QDateTime serverTime
        = QDateTime::fromString(config.json().value(QStringLiteral("serverTime")).toString(), Qt::ISODateWithMs);
    QVERIFY2(serverTime >= before && serverTime <= after, qPrintable(serverTime.toString(Qt::ISODateWithMs)));
    // A bad limit is refused with a line naming the option.
    const ProcessResult bad = m_server->command({QStringLiteral("--max-clock-skew"), QStringLiteral("0")});
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.stdErr.contains("--max-clock-skew 0"), bad.stdErr.constData());
}

void tst_EscrowApi::recordsFromAClockBeyondTheLimitAreRefused()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int refused = 0;
    // An hour slow, sent now by that station's clock.
    const QDateTime slow = now.addSecs(-3600);
    ApiReply reply
        = post(record(QStringLiteral("0x00010001"), QStringLiteral("done"), slow, slow), m_server->stationToken);
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.error(), QStringLiteral("clock_skew"));
    const QString detail = reply.json().value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(slow.toString(QStringLiteral("yyyy-MM-ddTHH:mm"))), qPrintable(detail));
    QVERIFY2(detail.contains(now.toString(QStringLiteral("yyyy-MM-ddTHH:"))), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("behind")) && detail.contains(QStringLiteral("limit is 30 s")),
        qPrintable(detail));
    ++refused;
    // A day fast, without sentAt (its provisionedAt is its clock).
    reply = post(
        record(QStringLiteral("0x00010001"), QStringLiteral("done"), now.addDays(1), {}), m_server->stationToken);
    QCOMPARE(reply.error(), QStringLiteral("clock_skew"));
    QVERIFY(reply.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("ahead")));
    ++refused;
    // Dated 2099 by a station whose clock is right: provisionedAt in the future.
    reply = post(record(QStringLiteral("0x00010001"), QStringLiteral("done"),
                     QDateTime(QDate(2099, 1, 1), QTime(0, 0), Qt::UTC), now),
        m_server->stationToken);
    QCOMPARE(reply.error(), QStringLiteral("clock_skew"));
    QVERIFY(reply.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("future")));
    ++refused;
    // Nothing of them was stored.
    ApiReply history = m_server->call("GET", QStringLiteral("/api/v1/nodes/0x00010001/escrow"), m_server->adminToken);
    QCOMPARE(history.json().value(QStringLiteral("records")).toArray().size(), 0);
    // A record provisioned a day ago, replayed from an outbox by a station whose clock is right: accepted.
    reply = post(
        record(QStringLiteral("0x00010001"), QStringLiteral("done"), now.addDays(-1), now), m_server->stationToken);
    QCOMPARE(reply.status, 200);
    // Within the limit either way: accepted.
    reply = post(record(QStringLiteral("0x00010002"), QStringLiteral("done"), now.addSecs(20), now.addSecs(20)),
        m_server->stationToken);
    QCOMPARE(reply.status, 200);
    qInfo("%d records refused by the clock rule", refused);
}

void tst_EscrowApi::aStationWritesAndClosesOnlyItsOwnRecords()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const ProcessResult issued = m_server->command(
        {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"), QStringLiteral("line2-st1")});
    QCOMPARE(issued.exitCode, 0);
    const QByteArray otherToken = issued.stdOut.trimmed();

    // Another station's name in the record: refused, nothing stored.
    ApiReply reply = post(record(QStringLiteral("0x00010001"), QStringLiteral("done"), now, now), otherToken);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.error(), QStringLiteral("wrong_station"));
    QVERIFY(reply.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("line2-st1")));
    // No name: the token's.
    QJsonObject unnamed = record(QStringLiteral("0x00010003"), QStringLiteral("pending"), now, now);
    unnamed.remove(QStringLiteral("station"));
    QCOMPARE(post(unnamed, otherToken).status, 200);
    ApiReply history = m_server->call("GET", QStringLiteral("/api/v1/nodes/0x00010003/escrow"), m_server->adminToken);
    QCOMPARE(
        history.json().value(QStringLiteral("records")).toArray().at(0).toObject().value(QStringLiteral("station")),
        QStringLiteral("line2-st1"));

    // line1-st3's pending record: line2-st1 may neither confirm nor fail it.
    const QJsonObject pending = record(QStringLiteral("0x00010004"), QStringLiteral("pending"), now, now);
    QCOMPARE(post(pending, m_server->stationToken).status, 200);
    reply = close(pending, otherToken, QStringLiteral("done"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.error(), QStringLiteral("wrong_station"));
    QCOMPARE(close(pending, otherToken, QStringLiteral("failed")).status, 403);
    QCOMPARE(close(pending, m_server->operatorToken, QStringLiteral("done")).status, 403);
    // Its own station may; an admin may close another (as failed, e.g. a scrapped device).
    reply = close(pending, m_server->stationToken, QStringLiteral("done"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    const QJsonObject second = record(QStringLiteral("0x00010005"), QStringLiteral("pending"), now, now);
    QCOMPARE(post(second, m_server->stationToken).status, 200);
    reply = close(second, m_server->adminToken, QStringLiteral("failed"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    // A failed record stays failed.
    reply = close(second, m_server->adminToken, QStringLiteral("done"));
    QCOMPARE(reply.status, 409);
    QCOMPARE(reply.error(), QStringLiteral("record_closed"));
}

void tst_EscrowApi::exportNamesTheNodesItLeavesOut()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(
        post(record(QStringLiteral("0x00010001"), QStringLiteral("done"), now, now), m_server->stationToken).status,
        200);
    QCOMPARE(
        post(record(QStringLiteral("0x00010002"), QStringLiteral("done"), now, now), m_server->stationToken).status,
        200);
    // 0x00010002 provisioned again; that run failed after its key was written.
    QCOMPARE(
        post(record(QStringLiteral("0x00010002"), QStringLiteral("failed"), now, now), m_server->stationToken).status,
        200);
    QCOMPARE(
        post(record(QStringLiteral("0x00010003"), QStringLiteral("pending"), now, now), m_server->stationToken).status,
        200);

    const ApiReply exported
        = m_server->call("GET", QStringLiteral("/api/v1/export?configId=0x45"), m_server->adminToken);
    QCOMPARE(exported.status, 200);
    QVERIFY(exported.body.contains("count=\"1\""));
    QVERIFY(exported.body.contains("nodeId=\"0x00010001\""));
    QCOMPARE(exported.headers.value("x-left-out-count"), QByteArray("2"));
    QCOMPARE(exported.headers.value("x-left-out-nodes"), QByteArray("0x00010002,0x00010003"));

    const ApiReply listed
        = m_server->call("GET", QStringLiteral("/api/v1/export/left-out?configId=0x45"), m_server->adminToken);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.json().value(QStringLiteral("count")).toInt(), 2);
    const QJsonArray nodes = listed.json().value(QStringLiteral("nodes")).toArray();
    QCOMPARE(nodes.at(0).toObject().value(QStringLiteral("nodeId")).toString(), QStringLiteral("0x00010002"));
    QCOMPARE(nodes.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    QCOMPARE(nodes.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    QCOMPARE(nodes.at(1).toObject().value(QStringLiteral("station")).toString(), QStringLiteral("line1-st3"));
    // Filtered like the export; admin only.
    const ApiReply filtered = m_server->call(
        "GET", QStringLiteral("/api/v1/export/left-out?configId=0x45&nodeIds=0x00010003"), m_server->adminToken);
    QCOMPARE(filtered.json().value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(
        m_server->call("GET", QStringLiteral("/api/v1/export/left-out?configId=0x45"), m_server->operatorToken).status,
        403);

    // The command line: the file is written (exit 0) and stderr names the nodes.
    const QString out = m_keys.filePath(QStringLiteral("device_keys.xml"));
    const ProcessResult cli = m_server->command(
        {QStringLiteral("export"), QStringLiteral("--config-id"), QStringLiteral("0x45"), QStringLiteral("-o"), out});
    QCOMPARE(cli.exitCode, 0);
    QVERIFY2(cli.stdErr.contains("warning: 2 node(s) left out"), cli.stdErr.constData());
    QVERIFY(cli.stdErr.contains("0x00010002\tfailed\tline1-st3"));
    QVERIFY(cli.stdErr.contains("0x00010003\tpending\tline1-st3"));
    QVERIFY(readFile(out).contains("count=\"1\""));
    // The incomplete view names both too.
    const ProcessResult incomplete = m_server->command({QStringLiteral("escrow"), QStringLiteral("incomplete")});
    QCOMPARE(incomplete.exitCode, 0);
    QCOMPARE(incomplete.stdOut.count('\n'), 2);
    QVERIFY(incomplete.stdOut.contains("0x00010002") && incomplete.stdOut.contains("failed"));
}

QTEST_GUILESS_MAIN(tst_EscrowApi)
#include "tst_escrowapi.moc"

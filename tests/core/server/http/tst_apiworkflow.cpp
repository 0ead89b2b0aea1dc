// The station-facing API end to end on a real provstation-server: packages
// uploaded over HTTP (made with tar and openssl only), configurations and
// files as stations read them, escrow uploads (idempotent, pending then done),
// and the streamed export checked with xmllint and openssl; SQLite and PostgreSQL.
#include "ApiTestSupport.h"
#include "PackageFixture.h"
#include "TestSupport.h"

#include "crypto/RsaKeys.h"
#include "package/GatewayKeyFile.h"
#include "package/PackageWriter.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>
#include <QUuid>

#include <QtTest>
#include <csignal>

using namespace prov::test;

class tst_ApiWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void dryRunThenImport();
    void badUploadsAreRefusedWithTheirCause();
    void configurationForStationsAndOthers();
    void gatewayKeysNeverCrossPlainHttpToAnotherHost();
    void filesDownloadAndResume();
    void aFileThisServerCannotReadIsNamedByHashAndDegradesHealth();
    void escrowIsIdempotentPendingThenDone();
    void runRecordsAndDeviceHistory();
    void laterArrivalWinsTheExport();
    void exportIsStreamedValidAndDecryptable();
    void storeRulesOverHttp();
    void importRunsOffTheEventLoop();
    void packageLimitsOfARunningServer();
    void slowReadersHoldTheServerToLittleMemory();
    void leftoversOfACrashAreRemovedAtStart();

private:
    [[nodiscard]] bool importGoodPackage();
    /// A package of configuration 0x77 with 32 MiB of random firmware (our own
    /// writer; made once), and its upload body.
    [[nodiscard]] QByteArray bigPackageUpload(const QByteArray &boundary, const QByteArray &token = {});
    [[nodiscard]] QJsonObject escrowRecord(const QUuid &uuid, const QString &nodeId, const QString &provisionedAt,
        const QByteArray &rootKey, const QString &state = QStringLiteral("pending"));
    [[nodiscard]] QByteArray encryptForKms(const QByteArray &plain);

    QTemporaryDir m_keys;
    QString m_bigPackage;
    QByteArray m_bigFirmwareSha256;
    PackageFixture m_fixture;
    QByteArray m_package;
    std::unique_ptr<ApiServerFixture> m_server;
};

void tst_ApiWorkflow::initTestCase()
{
    QString error;
    QVERIFY2(m_fixture.init(m_keys.path(), &error), qPrintable(error));
    const QString path = m_keys.filePath(QStringLiteral("good.tar.gz"));
    QVERIFY2(m_fixture.build(m_fixture.goodStaging(), path, &error), qPrintable(error));
    m_package = readFile(path);
    QVERIFY(!m_package.isEmpty());
}

void tst_ApiWorkflow::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<ApiServerFixture>(engine);
    if (m_server->isSkipped())
        QSKIP(qPrintable(m_server->skipReason()));
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
}

void tst_ApiWorkflow::cleanup()
{
    if (m_server && !m_server->isSkipped()) {
        const QByteArray log = m_server->process().allStderr();
        QVERIFY(!log.contains(PackageFixture::passphrase()));
        QVERIFY(!log.contains(m_fixture.gatewayHex()));
    }
    m_server.reset();
}

bool tst_ApiWorkflow::importGoodPackage()
{
    const ApiReply reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, m_package,
        {{"passphrase", PackageFixture::passphrase()}});
    if (reply.status != 201)
        qWarning("import answered %d: %s", reply.status, reply.body.constData());
    return reply.status == 201;
}

QByteArray tst_ApiWorkflow::encryptForKms(const QByteArray &plain)
{
    const ProcessResult r = runProcess(opensslProgram(),
        {QStringLiteral("pkeyutl"), QStringLiteral("-encrypt"), QStringLiteral("-pubin"), QStringLiteral("-inkey"),
            m_fixture.path(QStringLiteral("kms_key.pub.pem")), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_oaep_md:sha256"),
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
        plain);
    return r.exitCode == 0 ? r.stdOut : QByteArray();
}

QJsonObject tst_ApiWorkflow::escrowRecord(const QUuid &uuid, const QString &nodeId, const QString &provisionedAt,
    const QByteArray &rootKey, const QString &state)
{
    const ApiReply config
        = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    const QString fingerprint = config.json()
                                    .value(QStringLiteral("kmsPublicKey"))
                                    .toObject()
                                    .value(QStringLiteral("fingerprint"))
                                    .toString();
    const QString version
        = config.json().value(QStringLiteral("node")).toObject().value(QStringLiteral("version")).toString();
    return QJsonObject {{QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("nodeId"), nodeId}, {QStringLiteral("configId"), QStringLiteral("0x0000000000000045")},
        {QStringLiteral("revision"), 1}, {QStringLiteral("batch"), 1000},
        {QStringLiteral("station"), QStringLiteral("line1-st3")}, {QStringLiteral("nodeType"), QStringLiteral("UNODE")},
        {QStringLiteral("nodeVersion"), version}, {QStringLiteral("provisionedAt"), provisionedAt},
        // The station's clock now: these records may be provisioned days ago (a replayed outbox).
        {QStringLiteral("sentAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("state"), state},
        {QStringLiteral("nodeRootKey"), QString::fromLatin1(encryptForKms(rootKey).toBase64())},
        {QStringLiteral("kmsKey"), fingerprint},
        {QStringLiteral("apps"),
            QJsonArray {QJsonObject {
                {QStringLiteral("name"), QStringLiteral("emcm")}, {QStringLiteral("id"), QStringLiteral("0A1B2C3D")}}}},
        {QStringLiteral("verification"), QJsonObject {}},
        {QStringLiteral("runLog"), QString(QStringLiteral("step ok\n")).repeated(512)}};
}

void tst_ApiWorkflow::dryRunThenImport()
{
    ApiReply reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages?dryRun=true"), m_server->adminToken,
        m_package, {{"passphrase", PackageFixture::passphrase()}, {"comment", "first delivery"}});
    QCOMPARE(reply.status, 200);
    QJsonObject body = reply.json();
    QCOMPARE(body.value(QStringLiteral("configId")).toString(), QStringLiteral("0x0000000000000045"));
    QCOMPARE(body.value(QStringLiteral("appLabel")).toString(), QStringLiteral("ge_sgm3000_falconv1_zigbeev2"));
    QCOMPARE(body.value(QStringLiteral("nodeType")).toString(), QStringLiteral("UNODE"));
    QVERIFY(body.value(QStringLiteral("kmsFingerprint")).toString().startsWith(QStringLiteral("sha256:")));
    QCOMPARE(body.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("dryRun"));
    QVERIFY(!reply.body.contains(PackageFixture::passphrase()));
    QVERIFY(!reply.body.contains(m_fixture.gatewayHex()));
    reply = m_server->call("GET", QStringLiteral("/api/v1/packages"), m_server->operatorToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("configurations")).toArray().size(), 0); // a dry run stores nothing

    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, m_package,
        {{"passphrase", PackageFixture::passphrase() + "\n"}, {"comment", "first delivery"}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value(QStringLiteral("outcome")).toObject().value(QStringLiteral("revision")).toInt(), 1);
    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, m_package,
        {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("outcome")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("identical"));
    // ...and says so in words, as the CLI does.
    QVERIFY2(reply.json()
                 .value(QStringLiteral("outcome"))
                 .toObject()
                 .value(QStringLiteral("summary"))
                 .toString()
                 .contains(QLatin1String("identical to revision 1")),
        reply.body.constData());

    reply = m_server->call("GET", QStringLiteral("/api/v1/packages"), m_server->operatorToken);
    const QJsonArray configurations = reply.json().value(QStringLiteral("configurations")).toArray();
    QCOMPARE(configurations.size(), 1);
    const QJsonObject configuration = configurations.first().toObject();
    QCOMPARE(configuration.value(QStringLiteral("latestRevision")).toInt(), 1);
    QVERIFY(configuration.value(QStringLiteral("aliases")).toArray().contains(QStringLiteral("82JX570141")));
    QCOMPARE(configuration.value(QStringLiteral("revisions"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("comment"))
                 .toString(),
        QStringLiteral("first delivery"));
    // The upload left nothing in the temporary folders.
    QTRY_COMPARE(QDir(m_server->scratch().dataDir() + QStringLiteral("/tmp/uploads")).entryList(QDir::Files).size(), 0);
}

void tst_ApiWorkflow::badUploadsAreRefusedWithTheirCause()
{
    ApiReply reply = m_server->uploadPackage(
        QStringLiteral("/api/v1/packages"), m_server->adminToken, m_package, {{"passphrase", "not the passphrase"}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.error(), QStringLiteral("invalid_package"));
    QVERIFY2(reply.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("passphrase")),
        reply.body.constData());
    QByteArray broken = m_package;
    broken.truncate(broken.size() / 2);
    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, broken,
        {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 422);
    QVERIFY(!reply.json().value(QStringLiteral("detail")).toString().isEmpty());
    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, m_package, {});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.error(), QStringLiteral("missing_field"));
    reply = m_server->call("POST", QStringLiteral("/api/v1/packages"), m_server->adminToken, "{}");
    QCOMPARE(reply.status, 415);
    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->stationToken, m_package,
        {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 403);
    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->operatorToken, m_package,
        {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 403);
    // Nothing was stored by any of them.
    reply = m_server->call("GET", QStringLiteral("/api/v1/packages"), m_server->adminToken);
    QCOMPARE(reply.json().value(QStringLiteral("configurations")).toArray().size(), 0);
}

void tst_ApiWorkflow::configurationForStationsAndOthers()
{
    QVERIFY(importGoodPackage());
    for (const QString &name : {QStringLiteral("0x45"), QStringLiteral("69"), QStringLiteral("82JX570142")}) {
        const ApiReply reply
            = m_server->call("GET", QStringLiteral("/api/v1/configurations/") + name, m_server->stationToken);
        QCOMPARE(reply.status, 200);
        const QJsonObject body = reply.json();
        QCOMPARE(body.value(QStringLiteral("configId")).toString(), QStringLiteral("0x0000000000000045"));
        QCOMPARE(body.value(QStringLiteral("revision")).toInt(), 1);
        const QJsonObject node = body.value(QStringLiteral("node")).toObject();
        QCOMPARE(node.value(QStringLiteral("type")).toString(), QStringLiteral("UNODE"));
        const QJsonObject firmware = node.value(QStringLiteral("firmware")).toObject();
        QCOMPARE(firmware.value(QStringLiteral("sha256")).toString().size(), 64);
        QCOMPARE(firmware.value(QStringLiteral("md5")).toString().size(), 32);
        QVERIFY(firmware.value(QStringLiteral("url")).toString().startsWith(QStringLiteral("/api/v1/files/")));
        QVERIFY(firmware.value(QStringLiteral("size")).toInteger() > 0);
        QVERIFY(body.value(QStringLiteral("kmsPublicKey"))
                    .toObject()
                    .value(QStringLiteral("pem"))
                    .toString()
                    .contains(QStringLiteral("PUBLIC KEY")));
        const QJsonObject app = body.value(QStringLiteral("apps")).toArray().first().toObject();
        QCOMPARE(app.value(QStringLiteral("name")).toString(), QStringLiteral("emcm"));
        QVERIFY(app.value(QStringLiteral("publicKey")).toString().contains(QStringLiteral("PUBLIC KEY")));
        // A station over loopback gets the gateway keys.
        const QJsonObject keys = body.value(QStringLiteral("gatewayKeys")).toObject();
        QCOMPARE(keys.value(QStringLiteral("gateway")).toString().toLatin1(), m_fixture.gatewayHex().toLower());
        QCOMPARE(keys.value(QStringLiteral("cdld")).toString().toLatin1(), m_fixture.cdldHex().toLower());
        QCOMPARE(QByteArray::fromBase64(keys.value(QStringLiteral("gatewayBase64")).toString().toLatin1()),
            QByteArray::fromHex(m_fixture.gatewayHex()));
    }
    // Anyone else reads the configuration but never the gateway keys.
    for (const QByteArray &token : {m_server->operatorToken, m_server->adminToken}) {
        const ApiReply reply = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), token);
        QCOMPARE(reply.status, 200);
        QVERIFY(!reply.json().contains(QStringLiteral("gatewayKeys")));
        QVERIFY(!reply.json().value(QStringLiteral("gatewayKeysWithheld")).toString().isEmpty());
        QVERIFY(!reply.body.contains(m_fixture.gatewayHex().toLower()));
    }
    ApiReply missing = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x46"), m_server->stationToken);
    QCOMPARE(missing.status, 404);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45")).status, 401);
    // The audit log records who got gateway keys.
    const ApiReply audit = m_server->call("GET", QStringLiteral("/api/v1/audit?limit=20"), m_server->adminToken);
    QVERIFY(audit.body.contains("station:line1-st3"));
}

void tst_ApiWorkflow::gatewayKeysNeverCrossPlainHttpToAnotherHost()
{
    // A station reaching an --insecure-http server over the network (this
    // machine's own non-loopback address: the peer is not loopback) reads the
    // configuration without the gateway keys.
    QHostAddress other;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback())
            other = address;
    }
    if (other.isNull())
        QSKIP("no non-loopback IPv4 address on this machine");
    QFETCH_GLOBAL(QString, engine);
    m_server = std::make_unique<ApiServerFixture>(engine);
    QVERIFY2(m_server->start({QStringLiteral("--listen"), other.toString() + QStringLiteral(":0")}),
        qPrintable(m_server->error()));
    QVERIFY2(m_server->process().baseUrl().startsWith(QStringLiteral("http://") + other.toString()),
        qPrintable(m_server->process().baseUrl()));
    QVERIFY(m_server->process().allStderr().contains("plain HTTP (--insecure-http)"));
    QVERIFY(importGoodPackage());
    const ApiReply reply = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.json().contains(QStringLiteral("gatewayKeys")));
    QVERIFY2(reply.json().value(QStringLiteral("gatewayKeysWithheld")).toString().contains(QStringLiteral("TLS")),
        reply.body.constData());
    QVERIFY(!reply.body.contains(m_fixture.gatewayHex().toLower()));
}

void tst_ApiWorkflow::filesDownloadAndResume()
{
    QVERIFY(importGoodPackage());
    const ApiReply config
        = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    const QJsonArray files = config.json().value(QStringLiteral("files")).toArray();
    QVERIFY(files.size() >= 4);
    for (const QJsonValue value : files) {
        const QJsonObject file = value.toObject();
        const ApiReply whole
            = m_server->call("GET", file.value(QStringLiteral("url")).toString(), m_server->stationToken);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.size(), file.value(QStringLiteral("size")).toInteger());
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(whole.body, QCryptographicHash::Sha256).toHex()),
            file.value(QStringLiteral("sha256")).toString());
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(whole.body, QCryptographicHash::Md5).toHex()),
            file.value(QStringLiteral("md5")).toString());
        QCOMPARE(whole.headers.value("accept-ranges"), QByteArray("bytes"));
        // Resume from the middle: the two parts are the file.
        const qint64 half = whole.body.size() / 2;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->process().port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + file.value(QStringLiteral("url")).toString().toLatin1()
            + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_server->stationToken
            + "\r\nRange: bytes=" + QByteArray::number(half) + "-\r\n\r\n");
        const RawResponse rest = readResponse(socket);
        QCOMPARE(rest.status, 206);
        QCOMPARE(whole.body.left(half) + rest.body, whole.body);
    }
    QCOMPARE(
        m_server->call("GET", QStringLiteral("/api/v1/files/") + QString(64, QLatin1Char('a')), m_server->stationToken)
            .status,
        404);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/files/nothex"), m_server->stationToken).status, 400);
    QCOMPARE(m_server->call("GET", files.first().toObject().value(QStringLiteral("url")).toString()).status, 401);
}

void tst_ApiWorkflow::aFileThisServerCannotReadIsNamedByHashAndDegradesHealth()
{
    QVERIFY(importGoodPackage());
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/health")).status, 200);
    const ApiReply config
        = m_server->call("GET", QStringLiteral("/api/v1/configurations/0x45"), m_server->stationToken);
    const QJsonObject file = config.json().value(QStringLiteral("files")).toArray().first().toObject();
    const QString sha = file.value(QStringLiteral("sha256")).toString();
    // The file goes from under the server: a lost disk on SQLite, a damaged
    // table on PostgreSQL.
    {
        auto store = m_server->scratch().open();
        QVERIFY(store);
        if (store.value()->database().isPostgres()) {
            QString error;
            QVERIFY2(execSql(*store.value(), QStringLiteral("DELETE FROM content_chunks WHERE sha256 = '%1'").arg(sha),
                         &error),
                qPrintable(error));
        } else {
            QVERIFY(
                QFile::remove(m_server->scratch().dataDir() + QStringLiteral("/files/%1/%2").arg(sha.left(2), sha)));
        }
    }
    const ApiReply download
        = m_server->call("GET", file.value(QStringLiteral("url")).toString(), m_server->stationToken);
    QCOMPARE(download.status, 503);
    QCOMPARE(download.json().value(QStringLiteral("error")).toString(), QStringLiteral("file_unavailable"));
    QVERIFY2(download.body.contains(sha.toLatin1()), download.body.constData());
    QVERIFY2(!download.body.contains(m_server->scratch().dataDir().toUtf8()) && !download.body.contains("/files/"),
        download.body.constData());
    // A balancer takes the server out of rotation: 503, "degraded", the hash.
    const ApiReply health = m_server->call("GET", QStringLiteral("/api/v1/health"));
    QCOMPARE(health.status, 503);
    QCOMPARE(health.json().value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
    QCOMPARE(health.json().value(QStringLiteral("missingFiles")).toArray(), QJsonArray {sha});
    // The other files are still served.
    const QJsonObject other = config.json().value(QStringLiteral("files")).toArray().last().toObject();
    QCOMPARE(m_server->call("GET", other.value(QStringLiteral("url")).toString(), m_server->stationToken).status, 200);
}

void tst_ApiWorkflow::escrowIsIdempotentPendingThenDone()
{
    QVERIFY(importGoodPackage());
    const QUuid uuid = QUuid::createUuid();
    const QJsonObject record = escrowRecord(
        uuid, QStringLiteral("0x0001A2B3"), QStringLiteral("2026-11-20T09:58:01Z"), QByteArray(16, '\x11'));
    const QByteArray body = QJsonDocument(record).toJson(QJsonDocument::Compact);
    const ApiReply first = m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken, body);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    const ApiReply again = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken, body);
    QCOMPARE(again.status, first.status);
    QCOMPARE(again.body, first.body); // stored once, answered the same

    QJsonObject changed = record;
    changed.insert(QStringLiteral("batch"), 1001);
    const ApiReply conflict = m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken,
        QJsonDocument(changed).toJson(QJsonDocument::Compact));
    QCOMPARE(conflict.status, 409);
    QCOMPARE(conflict.error(), QStringLiteral("uuid_conflict"));

    ApiReply incomplete = m_server->call("GET", QStringLiteral("/api/v1/devices/incomplete"), m_server->operatorToken);
    QCOMPARE(incomplete.status, 200);
    QCOMPARE(incomplete.json().value(QStringLiteral("devices")).toArray().size(), 1);
    QCOMPARE(incomplete.json()
                 .value(QStringLiteral("devices"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("nodeId"))
                 .toString(),
        QStringLiteral("0x0001A2B3"));

    const QString confirmPath = QStringLiteral("/api/v1/escrow/%1/confirm").arg(uuid.toString(QUuid::WithoutBraces));
    const QByteArray verification = "{\"verification\":{\"readBack\":\"cmac-ok\"}}";
    ApiReply done = m_server->call("POST", confirmPath, m_server->stationToken, verification);
    QCOMPARE(done.status, 200);
    QCOMPARE(done.json().value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QCOMPARE(m_server->call("POST", confirmPath, m_server->stationToken, verification).body, done.body);
    incomplete
        = m_server->call("GET", QStringLiteral("/api/v1/devices/incomplete?configId=0x45"), m_server->operatorToken);
    QCOMPARE(incomplete.json().value(QStringLiteral("devices")).toArray().size(), 0);
    const ApiReply stored = m_server->call(
        "GET", QStringLiteral("/api/v1/escrow/") + uuid.toString(QUuid::WithoutBraces), m_server->operatorToken);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.json().value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QVERIFY(!stored.json().contains(QStringLiteral("nodeRootKey")));

    QCOMPARE(
        m_server
            ->call("POST",
                QStringLiteral("/api/v1/escrow/%1/confirm").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                m_server->stationToken, verification)
            .status,
        404);
    // Only stations write escrow records.
    QCOMPARE(m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->operatorToken, body).status, 403);
    QCOMPARE(m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->adminToken, body).status, 403);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/devices/incomplete"), m_server->stationToken).status, 403);
    // The line view: per station (up by its heartbeat), and its newest records.
    QCOMPARE(m_server
                 ->call("POST", QStringLiteral("/api/v1/stations/heartbeat"), m_server->stationToken,
                     R"({"session":"s1","version":"1","slots":4,"running":0,"configuration":"0x0000000000000045",)"
                     R"("batch":1000})")
                 .status,
        200);
    const ApiReply stations = m_server->call("GET", QStringLiteral("/api/v1/stations"), m_server->operatorToken);
    QCOMPARE(stations.status, 200);
    const QJsonObject line = stations.json().value(QStringLiteral("stations")).toArray().first().toObject();
    QCOMPARE(line.value(QStringLiteral("station")).toString(), QStringLiteral("line1-st3"));
    QVERIFY(line.value(QStringLiteral("online")).toBool());
    QCOMPARE(line.value(QStringLiteral("configuration")).toString(), QStringLiteral("0x0000000000000045"));
    QCOMPARE(line.value(QStringLiteral("batch")).toInt(), 1000);
    const ApiReply recent
        = m_server->call("GET", QStringLiteral("/api/v1/stations/line1-st3/results?limit=5"), m_server->adminToken);
    QCOMPARE(recent.status, 200);
    const QJsonObject newest = recent.json().value(QStringLiteral("results")).toArray().first().toObject();
    QCOMPARE(newest.value(QStringLiteral("uuid")).toString(), uuid.toString(QUuid::WithoutBraces));
    QCOMPARE(newest.value(QStringLiteral("nodeId")).toString(), QStringLiteral("0x0001A2B3"));
    QCOMPARE(newest.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
    QVERIFY(!recent.body.contains("nodeRootKey"));
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/stations"), m_server->stationToken).status, 403);
    // A record for a revision that does not exist, and one that is not JSON.
    QJsonObject wrong = escrowRecord(QUuid::createUuid(), QStringLiteral("0x0001A2B4"),
        QStringLiteral("2026-11-20T09:58:01Z"), QByteArray(16, '\x12'));
    wrong.insert(QStringLiteral("revision"), 7);
    const ApiReply invalid = m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken,
        QJsonDocument(wrong).toJson(QJsonDocument::Compact));
    QCOMPARE(invalid.status, 422);
    QVERIFY(invalid.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("revision 7")));
    QCOMPARE(m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken, "{nope").status, 400);
    const ApiReply notARun
        = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken, "{\"uuid\":\"x\"}");
    QCOMPARE(notARun.status, 422);
    QCOMPARE(notARun.json().value(QStringLiteral("field")).toString(), QStringLiteral("uuid"));
}

void tst_ApiWorkflow::runRecordsAndDeviceHistory()
{
    const QUuid failed = QUuid::createUuid();
    const QUuid passed = QUuid::createUuid();
    const auto run = [](const QUuid &uuid, int code, int attempt, const QString &startedAt) {
        return QJsonObject {{QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces)},
            {QStringLiteral("slot"), QStringLiteral("A3")}, {QStringLiteral("operator"), QStringLiteral("ana")},
            {QStringLiteral("operation"), QStringLiteral("PRETEST")}, {QStringLiteral("code"), code},
            {QStringLiteral("nodeId"), QStringLiteral("0x0001A2B3")},
            {QStringLiteral("emcmId"), QStringLiteral("0011223344556677AABBCCDD")},
            {QStringLiteral("attempt"), attempt}, {QStringLiteral("startedAt"), startedAt},
            {QStringLiteral("finishedAt"), startedAt},
            {QStringLiteral("runLog"), QStringLiteral("log of %1").arg(code)}};
    };
    const QByteArray first
        = QJsonDocument(run(failed, 164, 1, QStringLiteral("2026-11-20T09:58:01Z"))).toJson(QJsonDocument::Compact);
    ApiReply reply = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken, first);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("device")).toString(), QStringLiteral("0x0001A2B3"));
    // A replay is answered the same and stores nothing new.
    const ApiReply replay = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken, first);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.json(), reply.json());
    reply = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken,
        QJsonDocument(run(passed, 0, 2, QStringLiteral("2026-11-20T10:01:00Z"))).toJson(QJsonDocument::Compact));
    QCOMPARE(reply.status, 200);
    reply
        = m_server->call("POST", QStringLiteral("/api/v1/results/%1/reject").arg(failed.toString(QUuid::WithoutBraces)),
            m_server->stationToken, "{\"rejectedBy\":\"ana\"}");
    QCOMPARE(reply.status, 200);

    // Bad input: 422 naming the field.
    QJsonObject bad = run(QUuid::createUuid(), 0, 0, QStringLiteral("2026-11-20T10:01:00Z"));
    reply = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken,
        QJsonDocument(bad).toJson(QJsonDocument::Compact));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value(QStringLiteral("field")).toString(), QStringLiteral("attempt"));
    bad = run(QUuid::createUuid(), 0, 1, QStringLiteral("yesterday"));
    reply = m_server->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken,
        QJsonDocument(bad).toJson(QJsonDocument::Compact));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.json().value(QStringLiteral("field")).toString(), QStringLiteral("startedAt"));
    bad = run(QUuid::createUuid(), 0, 1, QStringLiteral("2026-11-20T10:01:00Z"));
    bad.insert(QStringLiteral("station"), QStringLiteral("someone-else"));
    QCOMPARE(m_server
                 ->call("POST", QStringLiteral("/api/v1/results"), m_server->stationToken,
                     QJsonDocument(bad).toJson(QJsonDocument::Compact))
                 .status,
        403);

    // Readers see the history by the eMCM tail; a station does not.
    QCOMPARE(
        m_server->call("GET", QStringLiteral("/api/v1/devices/AABBCCDD/history"), m_server->stationToken).status, 403);
    reply = m_server->call("GET", QStringLiteral("/api/v1/devices/aabbccdd/history"), m_server->operatorToken);
    QCOMPARE(reply.status, 200);
    const QJsonArray runs = reply.json().value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).toObject().value(QStringLiteral("uuid")).toString(), failed.toString(QUuid::WithoutBraces));
    QCOMPARE(runs.at(0).toObject().value(QStringLiteral("result")).toInt(), 164);
    QCOMPARE(runs.at(1).toObject().value(QStringLiteral("attempt")).toInt(), 2);
    QCOMPARE(runs.at(1).toObject().value(QStringLiteral("operator")).toString(), QStringLiteral("ana"));
    const QJsonArray audit = reply.json().value(QStringLiteral("audit")).toArray();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.at(0).toObject().value(QStringLiteral("action")).toString(), QStringLiteral("run.reject"));
    QCOMPARE(
        m_server->call("GET", QStringLiteral("/api/v1/devices/0x00FFFFFF/history"), m_server->adminToken).status, 404);
    reply = m_server->call("GET", QStringLiteral("/api/v1/results/%1/log").arg(failed.toString(QUuid::WithoutBraces)),
        m_server->adminToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("log")).toString(), QStringLiteral("log of 164"));
}

void tst_ApiWorkflow::laterArrivalWinsTheExport()
{
    QVERIFY(importGoodPackage());
    const QByteArray older(16, '\x01');
    const QByteArray newer(16, '\x02');
    const QUuid newUuid = QUuid::createUuid();
    const QUuid oldUuid = QUuid::createUuid();
    ApiReply reply = m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken,
        QJsonDocument(escrowRecord(newUuid, QStringLiteral("0x00010001"), QStringLiteral("2026-11-20T10:00:00Z"), newer,
                          QStringLiteral("done")))
            .toJson(QJsonDocument::Compact));
    QCOMPARE(reply.status, 200);
    // Provisioned again by a station whose clock is an hour slow: the record that
    // arrived last is the device's key, whatever its provisionedAt says.
    reply = m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken,
        QJsonDocument(escrowRecord(oldUuid, QStringLiteral("0x00010001"), QStringLiteral("2026-11-20T09:00:00Z"), older,
                          QStringLiteral("done")))
            .toJson(QJsonDocument::Compact));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("superseded")).toBool(), false);
    const ApiReply history
        = m_server->call("GET", QStringLiteral("/api/v1/nodes/0x00010001/escrow"), m_server->adminToken);
    QCOMPARE(history.json().value(QStringLiteral("records")).toArray().size(), 2);
    const ApiReply exported
        = m_server->call("GET", QStringLiteral("/api/v1/export?configId=0x45"), m_server->adminToken);
    QCOMPARE(exported.status, 200);
    QVERIFY(exported.body.contains("count=\"1\""));
    const qsizetype start = exported.body.indexOf("<nodeRootKey");
    const qsizetype open = exported.body.indexOf('>', start) + 1;
    const QByteArray blob = QByteArray::fromBase64(exported.body.mid(open, exported.body.indexOf('<', open) - open));
    const ProcessResult plain = runProcess(opensslProgram(),
        {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"),
            m_fixture.path(QStringLiteral("kms.pem")), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_oaep_md:sha256"),
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
        blob);
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.stdOut, older);
    QVERIFY(exported.body.contains("provisionedAt=\"2026-11-20T09:00:00Z\""));
}

void tst_ApiWorkflow::exportIsStreamedValidAndDecryptable()
{
    QVERIFY(importGoodPackage());
    QHash<QString, QByteArray> keys;
    for (int i = 0; i < 20; ++i) {
        QByteArray key(16, Qt::Uninitialized);
        for (auto &c : key)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        const QString nodeId = QStringLiteral("0x%1")
                                   .arg(0x00020000 + i, 8, 16, QLatin1Char('0'))
                                   .toUpper()
                                   .replace(QStringLiteral("0X"), QStringLiteral("0x"));
        keys.insert(nodeId, key);
        const ApiReply reply = m_server->call("POST", QStringLiteral("/api/v1/escrow"), m_server->stationToken,
            QJsonDocument(escrowRecord(QUuid::createUuid(), nodeId, QStringLiteral("2026-11-20T09:58:01Z"), key,
                              QStringLiteral("done")))
                .toJson(QJsonDocument::Compact));
        QCOMPARE(reply.status, 200);
    }
    // Raw, to see the streaming: chunked transfer, no Content-Length.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->process().port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/v1/export?configAlias=82JX570141&nodeIds=0x00020000-0x0002000F HTTP/1.1\r\nHost: "
                 "x\r\nAuthorization: Bearer "
        + m_server->adminToken + "\r\n\r\n");
    const RawResponse response = readResponse(socket, 30000);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.headers.value("content-type"), QByteArray("application/xml"));
    QCOMPARE(response.headers.value("transfer-encoding"), QByteArray("chunked"));
    QVERIFY(!response.headers.contains("content-length"));
    const QString xmlPath = m_server->scratch().scratchDir() + QStringLiteral("/device_keys.xml");
    QVERIFY(writeFile(xmlPath, response.body));
    const ProcessResult lint = runProcess(QStringLiteral("xmllint"),
        {QStringLiteral("--noout"), QStringLiteral("--schema"), schemaPath(QStringLiteral("device_keys.xsd")),
            xmlPath});
    QVERIFY2(lint.exitCode == 0, lint.stdErr.constData());
    QVERIFY(response.body.contains("count=\"16\""));
    QVERIFY(response.body.contains("nodeIds=\"0x00020000-0x0002000F\""));
    // Every nodeRootKey decrypts to the key that was uploaded encrypted.
    qsizetype at = 0;
    int checked = 0;
    while ((at = response.body.indexOf("<device ", at)) >= 0) {
        const qsizetype idStart = response.body.indexOf("nodeId=\"", at) + 8;
        const QString nodeId
            = QString::fromLatin1(response.body.mid(idStart, response.body.indexOf('"', idStart) - idStart));
        const qsizetype keyStart = response.body.indexOf('>', response.body.indexOf("<nodeRootKey", at)) + 1;
        const QByteArray blob
            = QByteArray::fromBase64(response.body.mid(keyStart, response.body.indexOf('<', keyStart) - keyStart));
        const ProcessResult plain = runProcess(opensslProgram(),
            {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"),
                m_fixture.path(QStringLiteral("kms.pem")), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
            blob);
        QCOMPARE(plain.exitCode, 0);
        QVERIFY2(keys.contains(nodeId), qPrintable(nodeId));
        QCOMPARE(plain.stdOut, keys.value(nodeId));
        ++checked;
        at = keyStart;
    }
    QCOMPARE(checked, 16);
    // Who may export, and a bad selection.
    QCOMPARE(
        m_server->call("GET", QStringLiteral("/api/v1/export?configId=0x45"), m_server->operatorToken).status, 403);
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/export?configId=0x45"), m_server->stationToken).status, 403);
    const ApiReply bad
        = m_server->call("GET", QStringLiteral("/api/v1/export?configId=0x45&batches=abc"), m_server->adminToken);
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("batches")));
    const ApiReply audit = m_server->call("GET", QStringLiteral("/api/v1/audit?limit=50"), m_server->adminToken);
    QVERIFY(audit.body.contains("\"export\""));
}

void tst_ApiWorkflow::storeRulesOverHttp()
{
    // The store's rules reach an HTTP client with the same words as the CLI's,
    // and a refused upload leaves the store as it was.
    QVERIFY(importGoodPackage());
    const auto build = [this](const std::function<void(Staging &)> &mutate, const QString &name) {
        Staging staging = m_fixture.goodStaging();
        mutate(staging);
        QString error;
        const QString path = m_keys.filePath(name);
        if (!m_fixture.build(staging, path, &error))
            qWarning("%s", qPrintable(error));
        return readFile(path);
    };
    auto store = m_server->scratch().open();
    QVERIFY(store);
    // The upload's part file goes just after the answer: compare once it is gone.
    const QString uploads = m_server->scratch().dataDir() + QStringLiteral("/tmp/uploads");
    const auto settled = [&uploads] {
        return QDir(uploads).entryList(QDir::Files).isEmpty();
    };
    QTRY_VERIFY(settled());
    const QByteArray before = dumpStore(*store.value());

    // An alias already bound to another configuration: refused naming both.
    const QByteArray otherConfig = build(
        [](Staging &s) {
            s.editManifest = [](QString manifest) {
                return manifest.replace(QStringLiteral("0x0000000000000045"), QStringLiteral("0x0000000000000046"));
            };
        },
        QStringLiteral("other-config.tar.gz"));
    ApiReply reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, otherConfig,
        {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.error(), QStringLiteral("import_refused"));
    QString detail = reply.json().value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(QLatin1String("82JX570141")) && detail.contains(QLatin1String("0x0000000000000045"))
            && detail.contains(QLatin1String("0x0000000000000046")),
        qPrintable(detail));
    QTRY_VERIFY(settled());
    PROV_COMPARE_DUMP(dumpStore(*store.value()), before);

    // Signed and carried under another KMS key: refused unless allowed, and audited when allowed.
    const QString otherPub = m_keys.filePath(QStringLiteral("other.pub.pem"));
    QCOMPARE(runProcess(opensslProgram(),
                 {QStringLiteral("pkey"), QStringLiteral("-in"), m_fixture.path(QStringLiteral("other.pem")),
                     QStringLiteral("-pubout"), QStringLiteral("-out"), otherPub})
                 .exitCode,
        0);
    const QByteArray resigned = build(
        [&](Staging &s) {
            s.setData(QStringLiteral("kms_key.pub.pem"), readFile(otherPub));
            const QByteArray encrypted = s.entry(QStringLiteral("gw_keys.csv.aes"))->data;
            s.setData(
                QStringLiteral("gw_keys.csv.aes.sig"), m_fixture.opensslSign(encrypted, QStringLiteral("other.pem")));
        },
        QStringLiteral("resigned.tar.gz"));
    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages"), m_server->adminToken, resigned,
        {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.error(), QStringLiteral("import_refused"));
    detail = reply.json().value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(QLatin1String("KMS")), qPrintable(detail));
    QTRY_VERIFY(settled());
    PROV_COMPARE_DUMP(dumpStore(*store.value()), before);

    reply = m_server->uploadPackage(QStringLiteral("/api/v1/packages?allowKmsChange=true"), m_server->adminToken,
        resigned, {{"passphrase", PackageFixture::passphrase()}});
    QCOMPARE(reply.status, 201);
    const QJsonObject outcome = reply.json().value(QStringLiteral("outcome")).toObject();
    QCOMPARE(outcome.value(QStringLiteral("kmsKeyChanged")).toBool(), true);
    QCOMPARE(outcome.value(QStringLiteral("revision")).toInt(), 2);
    reply = m_server->call("GET", QStringLiteral("/api/v1/audit?limit=10"), m_server->adminToken);
    QCOMPARE(reply.status, 200);
    bool audited = false;
    for (const QJsonValue v : reply.json().value(QStringLiteral("entries")).toArray()) {
        const QJsonObject entry = v.toObject();
        audited = audited
            || (entry.value(QStringLiteral("action")).toString() == u"package.kms-change"
                && entry.value(QStringLiteral("actor")).toString().contains(QLatin1String("admin")));
    }
    QVERIFY2(audited, reply.body.constData());
    QCOMPARE(m_server->call("GET", QStringLiteral("/api/v1/audit/verify"), m_server->adminToken)
                 .json()
                 .value(QStringLiteral("intact"))
                 .toBool(),
        true);
}

QByteArray tst_ApiWorkflow::bigPackageUpload(const QByteArray &boundary, const QByteArray &token)
{
    const QByteArray passphrase = "big package passphrase";
    if (m_bigPackage.isEmpty()) {
        QByteArray firmware(32 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(firmware.data()), firmware.size() / 4);
        m_bigFirmwareSha256 = QCryptographicHash::hash(firmware, QCryptographicHash::Sha256).toHex();
        if (!writeFile(m_keys.filePath(QStringLiteral("fw.bin")), firmware)
            || !writeFile(m_keys.filePath(QStringLiteral("field.cfg")), "field\n"))
            return {};
        firmware.clear();
        auto kms = prov::crypto::RsaPrivateKey::generate(2048);
        auto keys = prov::package::GatewayKeyFile::randomKeys();
        if (!kms || !keys)
            return {};
        prov::package::PackageSource source;
        source.configId = prov::ConfigId(0x77);
        source.appLabel = QStringLiteral("big");
        source.nodeVersion = QStringLiteral("1.0");
        source.nodeFirmwarePath = m_keys.filePath(QStringLiteral("fw.bin"));
        source.nodeFieldConfigPath = m_keys.filePath(QStringLiteral("field.cfg"));
        source.nodeFactoryConfigPath = m_keys.filePath(QStringLiteral("field.cfg"));
        const QString path = m_keys.filePath(QStringLiteral("big.tar.gz"));
        auto written = prov::package::PackageWriter::write(
            source, *keys, prov::crypto::SecretBytes::copyOf(passphrase), *kms, path);
        QFile::remove(source.nodeFirmwarePath);
        if (!written) {
            qWarning("%s", qPrintable(written.error().toString()));
            return {};
        }
        m_bigPackage = path;
    }
    const QByteArray body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"passphrase\"\r\n\r\n"
        + passphrase + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"big.tar.gz\"\r\n\r\n"
        + readFile(m_bigPackage) + "\r\n--" + boundary + "--\r\n";
    return "POST /api/v1/packages HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
        + (token.isEmpty() ? m_server->adminToken : token) + "\r\nContent-Type: multipart/form-data; boundary="
        + boundary + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void tst_ApiWorkflow::importRunsOffTheEventLoop()
{
    // A package whose verification takes a while (32 MiB of firmware to inflate,
    // hash and store): while the server verifies it, other clients are served.
    // Were readPackage run on the HTTP thread, /health would be answered only
    // after the import.
    const QByteArray request = bigPackageUpload("----off-the-loop");
    QVERIFY(!request.isEmpty());
    QTcpSocket upload;
    upload.connectToHost(QHostAddress::LocalHost, m_server->process().port());
    QVERIFY(upload.waitForConnected(5000));
    upload.write(request);
    while (upload.bytesToWrite() > 0)
        QVERIFY(upload.waitForBytesWritten(10000));

    // Ask for /health over and over until the import has answered: at least one
    // must be answered before it.
    QElapsedTimer timer;
    timer.start();
    int healthAnsweredBeforeImport = 0;
    while (upload.bytesAvailable() == 0 && timer.elapsed() < 60000) {
        const RawResponse health
            = rawExchange(m_server->process().port(), "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n", 60000);
        QCOMPARE(health.status, 200);
        if (upload.bytesAvailable() == 0 && !upload.waitForReadyRead(0))
            ++healthAnsweredBeforeImport;
        upload.waitForReadyRead(20);
    }
    const RawResponse imported = readResponse(upload, 60000);
    QCOMPARE(imported.status, 201);
    qInfo() << healthAnsweredBeforeImport << "health answers during the import of" << timer.elapsed() << "ms";
    QVERIFY(healthAnsweredBeforeImport >= 1);
}

void tst_ApiWorkflow::packageLimitsOfARunningServer()
{
    // The package limits are the server's options too: a 32 MiB firmware over a
    // 16 MiB per-file limit is refused, naming the file and the limit.
    QFETCH_GLOBAL(QString, engine);
    ApiServerFixture limited(engine);
    QVERIFY2(limited.start({QStringLiteral("--max-file-mb"), QStringLiteral("16")}), qPrintable(limited.error()));
    const QByteArray request = bigPackageUpload("----limited", limited.adminToken);
    QVERIFY(!request.isEmpty());
    QTcpSocket upload;
    upload.connectToHost(QHostAddress::LocalHost, limited.process().port());
    QVERIFY(upload.waitForConnected(5000));
    upload.write(request);
    while (upload.bytesToWrite() > 0)
        QVERIFY(upload.waitForBytesWritten(10000));
    const RawResponse refused = readResponse(upload, 60000);
    QCOMPARE(refused.status, 422);
    const QJsonObject error = QJsonDocument::fromJson(refused.body).object();
    QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_package"));
    const QString detail = error.value(QStringLiteral("detail")).toString();
    QVERIFY2(detail.contains(QLatin1String("node/firmware.bin")) && detail.contains(QString::number(16 << 20)),
        qPrintable(detail));
    QCOMPARE(limited.command({QStringLiteral("packages")}).stdOut, QByteArray());
    // A bad value stops the server before it listens.
    ServerProcess bad;
    QVERIFY(!bad.start(binPath(QStringLiteral("provstation-server")),
        {QStringLiteral("--data-dir"), limited.scratch().dataDir(), QStringLiteral("--max-entries"),
            QStringLiteral("none")},
        QProcessEnvironment::systemEnvironment(), 10000));
    QVERIFY2(bad.allStderr().contains("--max-entries 'none' is not a positive number"), bad.allStderr().constData());
}

void tst_ApiWorkflow::slowReadersHoldTheServerToLittleMemory()
{
    // The two big responses of the real server, a file download and an export,
    // to clients that read slowly: the server feeds each as its socket drains,
    // so its memory stays far below the size of what it sends.
    QTcpSocket upload;
    upload.connectToHost(QHostAddress::LocalHost, m_server->process().port());
    QVERIFY(upload.waitForConnected(5000));
    const QByteArray request = bigPackageUpload("----slow-readers");
    QVERIFY(!request.isEmpty());
    upload.write(request);
    while (upload.bytesToWrite() > 0)
        QVERIFY(upload.waitForBytesWritten(10000));
    QCOMPARE(readResponse(upload, 60000).status, 201);

    // 60,000 devices (about 40 MB of XML), written straight into the table.
    constexpr int kDevices = 60000;
    {
        auto store = m_server->scratch().open();
        QVERIFY(store);
        auto revision = store.value()->packages().newestRevision(prov::ConfigId(0x77));
        QVERIFY(revision);
        auto db = store.value()->database().connection();
        QVERIFY(db);
        const bool postgres = store.value()->database().isPostgres();
        auto transaction
            = prov::server::SqlTransaction::begin(db.value(), postgres, prov::server::SqlTransaction::Mode::Write);
        QVERIFY(transaction);
        const QString key = QString::fromLatin1(QByteArray(256, 'k').toBase64());
        QStringList values;
        for (int i = 0; i < kDevices; ++i) {
            values.append(QStringLiteral("('00000000-0000-4000-8000-%1',%2,'0x0000000000000077',1,1000,'st','UNODE',"
                                         "'1.0',%3,'done','%4','%5','','{}','','%6','test',%3,%3)")
                              .arg(i, 12, 16, QLatin1Char('0'))
                              .arg(0x100000 + i)
                              .arg(1'790'000'000'000ll + i)
                              .arg(key, revision->kmsFingerprint)
                              .arg(QString::number(i, 16).rightJustified(64, u'0')));
            if (values.size() == 500 || i == kDevices - 1) {
                auto inserted = prov::server::runSql(db.value(),
                    QStringLiteral("INSERT INTO escrow (uuid, node_id, config_id, revision, batch, station, node_type,"
                                   " node_version, provisioned_at, state, node_root_key, kms_fingerprint, apps,"
                                   " verification_json, run_log, content_sha256, uploaded_by, received_at,"
                                   " confirmed_at) VALUES ")
                        + values.join(u','));
                QVERIFY2(inserted, qPrintable(inserted ? QString() : inserted.error().message));
                values.clear();
            }
        }
        QVERIFY(transaction->commit());
    }

    const auto slowRead = [this](const QByteArray &target, qint64 *received, QByteArray *head, QByteArray *tail,
                              QCryptographicHash *hash) {
        const qint64 rssBefore = m_server->process().rssKiB();
        QTcpSocket socket;
        socket.setReadBufferSize(64 * 1024);
        socket.connectToHost(QHostAddress::LocalHost, m_server->process().port());
        if (!socket.waitForConnected(5000))
            return qint64(-1);
        socket.write("GET " + target + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + m_server->adminToken
            + "\r\nConnection: close\r\n\r\n");
        while (!head->contains("\r\n\r\n") && socket.waitForReadyRead(10000))
            *head += socket.read(1);
        qint64 maxRss = rssBefore;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 120000) {
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(5000))
                break; // closed (Connection: close) or stalled
            const QByteArray data = socket.read(64 * 1024);
            if (hash)
                hash->addData(data);
            *received += data.size();
            *tail = (*tail + data).right(64);
            QThread::usleep(2000);
            maxRss = qMax(maxRss, m_server->process().rssKiB());
        }
        qInfo() << target << "received" << *received << "bytes in" << timer.elapsed() << "ms; server RSS before"
                << rssBefore << "KiB, max" << maxRss << "KiB";
        return maxRss - rssBefore;
    };

    qint64 received = 0;
    QByteArray head;
    QByteArray tail;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 growth = slowRead("/api/v1/files/" + m_bigFirmwareSha256, &received, &head, &tail, &hash);
    QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
    QCOMPARE(received, 32ll * 1024 * 1024);
    QCOMPARE(hash.result().toHex(), m_bigFirmwareSha256);
    if (memoryBoundsAreMeasurable()) // not under AddressSanitizer
        QVERIFY2(growth >= 0 && growth < 16 * 1024, qPrintable(QString::number(growth)));

    received = 0;
    head.clear();
    tail.clear();
    growth = slowRead("/api/v1/export?configId=0x77", &received, &head, &tail, nullptr);
    QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
    QVERIFY2(
        head.contains("X-Device-Count: 60000") || head.toLower().contains("x-device-count: 60000"), head.constData());
    QVERIFY2(tail.contains("</deviceKeys>"), tail.constData());
    QVERIFY2(received > 30ll * 1024 * 1024, qPrintable(QString::number(received)));
    if (memoryBoundsAreMeasurable()) // not under AddressSanitizer
        QVERIFY2(growth >= 0 && growth < 16 * 1024, qPrintable(QString::number(growth)));
}

void tst_ApiWorkflow::leftoversOfACrashAreRemovedAtStart()
{
    // A server killed while it verifies an uploaded package leaves the upload
    // and the quarantine folder behind...
    const QString data = m_server->scratch().dataDir();
    const auto scratchFiles = [&data] {
        QStringList found;
        for (const QString &folder : {QStringLiteral("/tmp"), QStringLiteral("/files")}) {
            QDirIterator it(
                data + folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (QFileInfo(path).isFile())
                    found.append(QDir(data).relativeFilePath(path));
            }
        }
        return found;
    };
    const auto quarantine = [&data] {
        return QDir(data + QStringLiteral("/tmp")).entryList({QStringLiteral("import-*")}, QDir::Dirs);
    };
    const QByteArray request = bigPackageUpload("----crash");
    QVERIFY(!request.isEmpty());
    QTcpSocket upload;
    upload.connectToHost(QHostAddress::LocalHost, m_server->process().port());
    QVERIFY(upload.waitForConnected(5000));
    upload.write(request);
    QElapsedTimer timer;
    timer.start();
    while (quarantine().isEmpty() && upload.bytesAvailable() == 0 && timer.elapsed() < 60000) {
        upload.waitForBytesWritten(2);
        upload.waitForReadyRead(0);
    }
    QVERIFY2(!quarantine().isEmpty(), "the import was not caught in the middle");
    QVERIFY(::kill(static_cast<pid_t>(m_server->process().pid()), SIGKILL) == 0);
    m_server->process().stop();
    // ... and one killed while it stored a package, a file staged into the content store.
    QVERIFY(QDir().mkpath(data + QStringLiteral("/files/ab")));
    QVERIFY(writeFile(data + QStringLiteral("/files/ab/.incoming-0123"), "staged"));
    const QStringList before = scratchFiles();
    QVERIFY(!quarantine().isEmpty()); // a folder, with or without files in it yet
    QVERIFY2(before.filter(QStringLiteral("tmp/uploads/upload-")).size() == 1, qPrintable(before.join(u' ')));

    QVERIFY2(m_server->start({}, false), qPrintable(m_server->error()));
    const QByteArray out = m_server->process().allStdout();
    QVERIFY2(out.contains("leftover(s) of an interrupted import: ") && out.contains("tmp/import-")
            && out.contains("tmp/uploads") && out.contains("files/ab/.incoming-0123"),
        out.constData());
    const QStringList after = scratchFiles();
    QVERIFY2(after.filter(QStringLiteral("tmp/")).isEmpty() && after.filter(QStringLiteral(".incoming-")).isEmpty(),
        qPrintable(after.join(u' ')));
    QVERIFY(quarantine().isEmpty());
    // The server works as before, and a stored package is untouched by the next cleanup.
    QVERIFY(importGoodPackage());
    QTRY_VERIFY(scratchFiles().filter(QStringLiteral("tmp/")).isEmpty());
    const QStringList stored = scratchFiles();
    QFETCH_GLOBAL(QString, engine);
    QCOMPARE(stored.isEmpty(), engine == u"postgres"); // PostgreSQL keeps the files in the database
    m_server->process().stop();
    QVERIFY(m_server->start({}, false));
    QVERIFY(!m_server->process().allStdout().contains("leftover"));
    QCOMPARE(scratchFiles(), stored);
}

QTEST_GUILESS_MAIN(tst_ApiWorkflow)
#include "tst_apiworkflow.moc"

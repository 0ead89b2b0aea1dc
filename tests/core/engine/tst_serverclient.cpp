#include "engine/ServerClient.h"

#include "ConfigurationJson.h"
#include "EscrowTestData.h"
#include "StubStationServer.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

using namespace prov::engine;

class tst_ServerClient : public QObject
{
    Q_OBJECT

private:
    QByteArray m_kmsPem;

    ServerEndpoint endpoint(const QString &base) const
    {
        ServerEndpoint e;
        e.baseUrl = QUrl(base);
        e.token = "station-token-1";
        e.requestTimeoutMs = 3000;
        return e;
    }

private slots:
    void initTestCase()
    {
        auto key = prov::crypto::RsaPrivateKey::generate(2048);
        QVERIFY(key.ok());
        m_kmsPem = key->publicKey().toPem();
    }

    void fetchesAndReadsAConfiguration()
    {
        prov::test::StubStationServer stub;
        stub.files = {{QStringLiteral("node-firmware"), QByteArray(5000, 'f')},
            {QStringLiteral("node-fieldConfig"), "field"}, {QStringLiteral("emcm-firmware"), "host fw"}};
        stub.configuration = prov::test::configurationJson(stub.baseUrl(), stub.files, m_kmsPem);
        ServerClient client(endpoint(stub.baseUrl()));
        std::optional<prov::Result<ConfigurationPtr>> got;
        client.fetchConfiguration({std::nullopt, QStringLiteral("82JX570141")}, this,
            [&got](const prov::Result<ConfigurationPtr> &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QVERIFY2(got->ok(), qPrintable(got->ok() ? QString() : got->error().toString()));
        const Configuration &c = *got->value();
        QCOMPARE(c.configId.value(), 0x45u);
        QCOMPARE(c.revision, 2);
        QCOMPARE(c.nodeType, QStringLiteral("UNODE"));
        QCOMPARE(c.nodeVersion.toString(), QStringLiteral("1.2.3.4"));
        QVERIFY(c.nodeFirmware.has_value());
        QCOMPARE(c.nodeFirmware->size, 5000);
        QCOMPARE(c.nodeFirmware->role, QStringLiteral("node/firmware"));
        QVERIFY(!c.nodeFactoryConfig.has_value());
        QCOMPARE(c.apps.size(), 1);
        QCOMPARE(c.apps.first().firmware->role, QStringLiteral("app/emcm/firmware"));
        QVERIFY(!c.apps.first().publicKey.isNull());
        QCOMPARE(c.gatewayKey.size(), 16);
        QCOMPARE(c.kmsFingerprint, c.kmsKey.fingerprint());
        QCOMPARE(stub.lastAuthorization, QByteArray("Bearer station-token-1"));
    }

    void anErrorAnswerIs101WithTheServersDetail()
    {
        prov::test::StubStationServer stub;
        stub.statusOverride = 404;
        ServerClient client(endpoint(stub.baseUrl()));
        std::optional<prov::Result<ConfigurationPtr>> got;
        client.fetchConfiguration({prov::ConfigId(0x99), {}}, this, [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->ok());
        QCOMPARE(got->error().code, prov::ResultCode::ServerErrorResponse);
        QVERIFY2(got->error().message.contains(QStringLiteral("no configuration like that")),
            qPrintable(got->error().message));
        QVERIFY(got->error().message.contains(QStringLiteral("0x0000000000000099")));
    }

    void anUnparsableAnswerIs102()
    {
        prov::test::StubStationServer stub;
        stub.configuration = QJsonObject {{QStringLiteral("configId"), QStringLiteral("nonsense")}};
        ServerClient client(endpoint(stub.baseUrl()));
        std::optional<prov::Result<ConfigurationPtr>> got;
        client.fetchConfiguration({prov::ConfigId(1), {}}, this, [&got](const auto &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, prov::ResultCode::ServerResponseInvalid);
    }

    void nobodyListeningIs100()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        ServerClient client(endpoint(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        std::optional<prov::Status> got;
        client.submitEscrow(
            prov::test::sampleOutboxEntry(), ServerState::Pending, this, [&got](const prov::Status &s) { got = s; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(got->error().code, prov::ResultCode::ServerUnreachable);
        QVERIFY2(
            got->error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(got->error().message));
    }

    void aSilentServerTimesOutAs100()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ServerEndpoint e = endpoint(QStringLiteral("http://127.0.0.1:%1/").arg(silent.serverPort()));
        e.requestTimeoutMs = 300;
        ServerClient client(e);
        std::optional<prov::Status> got;
        client.checkHealth(this, [&got](const prov::Status &s) { got = s; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5000);
        QCOMPARE(got->error().code, prov::ResultCode::ServerUnreachable);
    }

    void escrowCarriesTheStateAndNoStage()
    {
        prov::test::StubStationServer stub;
        ServerClient client(endpoint(stub.baseUrl()));
        const OutboxEntry entry = prov::test::sampleOutboxEntry();
        std::optional<prov::Status> got;
        client.submitEscrow(entry, ServerState::Done, this, [&got](const prov::Status &s) { got = s; });
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->ok());
        QCOMPARE(stub.escrowPosts.size(), 1);
        const QJsonObject posted = stub.escrowPosts.first();
        QCOMPARE(posted.value(QLatin1String("state")).toString(), QStringLiteral("done"));
        QCOMPARE(posted.value(QLatin1String("uuid")).toString(), entry.record.uuid.toString(QUuid::WithoutBraces));
        QVERIFY(!posted.contains(QLatin1String("stage")));
        // The station's clock at sending, which the server compares with its own.
        const QDateTime sentAt
            = QDateTime::fromString(posted.value(QLatin1String("sentAt")).toString(), Qt::ISODateWithMs);
        QVERIFY(qAbs(sentAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void escrowBodyIsTheFormServersTake()
    {
        const QJsonObject body = ServerClient::escrowBody(prov::test::fixedOutboxEntry(), ServerState::Done);
        QCOMPARE(QJsonDocument(body).toJson(QJsonDocument::Compact), prov::test::kFixedUploadBody);
    }

    void theConfigurationCarriesTheServersClockAndTheStationsName()
    {
        prov::test::StubStationServer stub;
        stub.configuration = prov::test::configurationJson(stub.baseUrl(), stub.files, m_kmsPem);
        const QDateTime server = QDateTime::currentDateTimeUtc().addSecs(-600);
        stub.configuration.insert(QStringLiteral("serverTime"), server.toString(Qt::ISODateWithMs));
        stub.configuration.insert(QStringLiteral("maxClockSkewSeconds"), 300);
        stub.configuration.insert(QStringLiteral("station"), QStringLiteral("line1-st3"));
        ServerClient client(endpoint(stub.baseUrl()));
        std::optional<prov::Result<ConfigurationPtr>> got;
        client.fetchConfiguration({std::nullopt, QStringLiteral("82JX570141")}, this,
            [&got](const prov::Result<ConfigurationPtr> &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->ok());
        const Configuration &c = *got->value();
        QCOMPARE(c.stationName, QStringLiteral("line1-st3"));
        QVERIFY(c.clock.isKnown());
        QCOMPARE(c.clock.maxSkewMs, 300000);
        QVERIFY(c.clock.skewMs() >= 600000);
        // Ten minutes ahead of a server with a five-minute limit: no keys (101, both times named).
        const prov::Status refused = c.clock.check();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, prov::ResultCode::ServerErrorResponse);
        QVERIFY2(refused.error().message.contains(server.toString(Qt::ISODate)), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QStringLiteral("ahead of the server's")));
        // Within the limit, or a server that names no time: fine.
        ClockReading close = c.clock;
        close.serverTime = close.stationTime.addSecs(-299);
        QVERIFY(close.check().ok());
        QVERIFY(ClockReading {}.check().ok());
    }
};

QTEST_GUILESS_MAIN(tst_ServerClient)
#include "tst_serverclient.moc"

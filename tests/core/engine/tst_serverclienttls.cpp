// The engine's ServerClient against a real provstation-server over TLS (a
// certificate made with `openssl req`): every pin form a user may paste
// reaches it, a wrong pin is refused with a message that says so.
#include "engine/ServerClient.h"

#include "HttpTestSupport.h"
#include "TestSupport.h"

#include <QTest>

using namespace prov;
using namespace prov::engine;
using namespace prov::test;

class tst_ServerClientTls : public QObject
{
    Q_OBJECT

private:
    TlsTestServer m_tls;
    ServerProcess &m_server = m_tls.server;
    const QString &m_spki = m_tls.spki;
    const QString &m_fingerprint = m_tls.fingerprint;

    Status health(const QString &pinText)
    {
        ServerEndpoint endpoint;
        endpoint.baseUrl = QUrl(m_server.baseUrl() + QLatin1Char('/'));
        auto pin = crypto::CertificatePin::parse(pinText);
        if (!pin)
            return pin.error();
        endpoint.pins = {pin.value()};
        ServerClient client(endpoint);
        std::optional<Status> got;
        client.checkHealth(this, [&got](const Status &s) { got = s; });
        if (!QTest::qWaitFor([&got] { return got.has_value(); }, 20000))
            return makeError(ResultCode::UnknownError, QStringLiteral("no answer"));
        return *got;
    }

private slots:
    void initTestCase()
    {
        const QString error = m_tls.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    void everyPinFormReachesTheServer_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::newRow("sha256//") << QStringLiteral("sha256//") + m_spki;
        QTest::newRow("sha256/") << QStringLiteral("sha256/") + m_spki;
        QTest::newRow("bare base64") << m_spki;
        QTest::newRow("fingerprint") << m_fingerprint;
        QTest::newRow("fingerprint no colons, lower") << m_fingerprint.toLower().remove(QLatin1Char(':'));
    }

    void everyPinFormReachesTheServer()
    {
        QFETCH(QString, pin);
        const Status s = health(pin);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
    }

    void aWrongPinIsRefused_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::newRow("key") << QStringLiteral("sha256//") + QString::fromLatin1(QByteArray(32, '\x07').toBase64());
        QTest::newRow("fingerprint") << QString::fromLatin1(QByteArray(32, '\x07').toHex(':'));
    }

    void aWrongPinIsRefused()
    {
        QFETCH(QString, pin);
        const Status s = health(pin);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::ServerUnreachable);
        QVERIFY2(s.error().message.contains(QStringLiteral("matches none of the pinned keys")),
            qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(QStringLiteral("sha256//") + m_spki), qPrintable(s.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_ServerClientTls)
#include "tst_serverclienttls.moc"

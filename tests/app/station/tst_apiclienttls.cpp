// The window's ApiClient against a real provstation-server over TLS (a
// certificate made with `openssl req`): every pin form a user may paste
// reaches it, a wrong pin is refused with a message that says so, and a pin
// that does not parse sends nothing.
#include "support/ApiClient.h"

#include "HttpTestSupport.h"
#include "TestSupport.h"

#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace prov::test;

class tst_ApiClientTls : public QObject
{
    Q_OBJECT

private:
    TlsTestServer m_tls;
    ServerProcess &m_server = m_tls.server;
    const QString &m_spki = m_tls.spki;
    const QString &m_fingerprint = m_tls.fingerprint;

    Status health(const QString &pinText)
    {
        ApiClient client;
        client.setBaseUrl(QUrl(m_server.baseUrl()));
        if (const Status set = client.setCertificatePins({pinText}); !set)
            return set;
        std::optional<Status> got;
        client.whenFinished(client.get(QStringLiteral("/health")), this,
            [&got](const Result<ApiResponse> &r) { got = r.ok() ? Status() : Status(r.error()); });
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

    void aBadPinSendsNothing()
    {
        ApiClient client;
        client.setBaseUrl(QUrl(m_server.baseUrl()));
        QVERIFY(!client.setCertificatePins({QStringLiteral("sha256//nope")}));
        std::optional<Result<ApiResponse>> got;
        client.whenFinished(
            client.get(QStringLiteral("/health")), this, [&got](const Result<ApiResponse> &r) { got = r; });
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->ok());
        QVERIFY2(got->error().message.contains(QStringLiteral("sha256//nope")), qPrintable(got->error().message));
        QCOMPARE(got->error().code, ResultCode::InvalidArguments);
    }
};

QTEST_GUILESS_MAIN(tst_ApiClientTls)
#include "tst_apiclienttls.moc"

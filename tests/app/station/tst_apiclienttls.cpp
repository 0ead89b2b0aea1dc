// The window's ApiClient against a real provstation-server over TLS (a
// certificate made with `openssl req`): every pin form a user may paste
// reaches it, a wrong pin is refused with a message that says so, and a pin
// that does not parse sends nothing.
#include "support/ApiClient.h"

#include "HttpTestSupport.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace prov::test;

class tst_ApiClientTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_spki; ///< base64, from openssl
    QString m_fingerprint; ///< AA:BB:..., from openssl

    QByteArray shell(const QString &script)
    {
        const ProcessResult r
            = runProcess(QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, 60000, m_dir.path());
        return r.exitCode == 0 ? r.stdOut.trimmed() : QByteArray();
    }

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
        QVERIFY(m_dir.isValid());
        QVERIFY(!shell(QStringLiteral("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out "
                                      "server.pem -subj /CN=provserver.test 2>/dev/null && echo ok"))
                     .isEmpty());
        m_spki
            = QString::fromLatin1(shell(QStringLiteral("openssl x509 -in server.pem -pubkey -noout | openssl pkey "
                                                       "-pubin -outform der | openssl dgst -sha256 -binary | base64")));
        const QByteArray line = shell(QStringLiteral("openssl x509 -in server.pem -noout -fingerprint -sha256"));
        m_fingerprint = QString::fromLatin1(line.mid(line.indexOf('=') + 1));
        QVERIFY2(m_server.start(binPath(QStringLiteral("provstation-server")),
                     {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("server")),
                         QStringLiteral("--master-key-file"), m_dir.filePath(QStringLiteral("master.key")),
                         QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"),
                         m_dir.filePath(QStringLiteral("server.pem")), QStringLiteral("--tls-key"),
                         m_dir.filePath(QStringLiteral("server.key"))}),
            qPrintable(m_server.errorText()));
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

// Server mode over TLS with a self-signed certificate, as docs/api/tls-pinning.md
// sets it up: the station pins the server's public key (--pin sha256//...).
// The right pin provisions; a wrong pin and no pin at all are code 100 before
// any request (and no token) reaches the server.
#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "TestSupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ShellPackage m_package;
    ServerProcess m_server;
    SimProcess m_sim;
    QString m_pin;

    ProcessResult shell(const QString &script)
    {
        return runProcess(QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, 60000, m_dir.path());
    }

    ProcessResult cli(int node, const QStringList &pins)
    {
        QStringList args = {QStringLiteral("-s"), QStringLiteral("https://127.0.0.1:%1").arg(m_server.port()),
            QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")), QStringLiteral("--data-dir"),
            m_dir.filePath(QStringLiteral("station")), QStringLiteral("--config-alias"), QStringLiteral("PN-TLS"),
            QStringLiteral("--meter"), QStringLiteral("node"), QStringLiteral("-d"),
            m_sim.port(QStringLiteral("node"), node).path};
        for (const QString &pin : pins)
            args << QStringLiteral("--pin") << pin;
        return runProcess(binPath(QStringLiteral("provstation-cli")), args, {}, 120000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const ProcessResult cert = shell(
            QStringLiteral("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out server.pem "
                           "-subj /CN=provserver.test -addext subjectAltName=IP:127.0.0.1 2>/dev/null && "
                           "openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der "
                           "| openssl dgst -sha256 -binary | base64"));
        QVERIFY2(cert.exitCode == 0, cert.stdErr.constData());
        m_pin = QStringLiteral("sha256//") + QString::fromLatin1(cert.stdOut.trimmed());

        // The server's own tls-pin says the same.
        const ProcessResult pin = runProcess(binPath(QStringLiteral("provstation-server")),
            {QStringLiteral("tls-pin"), QStringLiteral("--tls-cert"), m_dir.filePath(QStringLiteral("server.pem"))});
        QVERIFY2(pin.stdOut.contains(m_pin.toLatin1()), pin.stdOut + pin.stdErr);

        QString error;
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("package"))));
        QVERIFY2(m_package.build(m_dir.filePath(QStringLiteral("package")), QStringLiteral("0x0000000000000047"),
                     QStringLiteral("PN-TLS"), &error),
            qPrintable(error));
        const QStringList globals = {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("server")),
            QStringLiteral("--master-key-file"), m_dir.filePath(QStringLiteral("master.key"))};
        const QString server = binPath(QStringLiteral("provstation-server"));
        QCOMPARE(runProcess(server,
                     globals
                         + QStringList {QStringLiteral("import"), QStringLiteral("--passphrase-file"),
                             m_package.passphraseFile(), m_package.packagePath()})
                     .exitCode,
            0);
        const ProcessResult token = runProcess(server,
            globals
                + QStringList {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"),
                    QStringLiteral("tls")});
        QCOMPARE(token.exitCode, 0);
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("token")), token.stdOut.trimmed()));
        QVERIFY2(m_server.start(server,
                     globals
                         + QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--tls-cert"), m_dir.filePath(QStringLiteral("server.pem")),
                             QStringLiteral("--tls-key"), m_dir.filePath(QStringLiteral("server.key"))}),
            qPrintable(m_server.errorText()));
        QVERIFY(m_server.baseUrl().startsWith(QStringLiteral("https://")));
        QVERIFY2(m_sim.start({QStringLiteral("--devices"), QStringLiteral("node:3"), QStringLiteral("--state-dir"),
                                 m_dir.filePath(QStringLiteral("sim")), QStringLiteral("--flash-ms-per-kib"),
                                 QStringLiteral("0")},
                     &error),
            qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_sim.stop();
        m_server.stop();
    }

    void theRightPinProvisions()
    {
        const ProcessResult r
            = cli(0, {QStringLiteral("sha256//") + QString::fromLatin1(QByteArray(32, '\x02').toBase64()), m_pin});
        QVERIFY2(r.exitCode == 0, r.stdErr.constData());
        QVERIFY(!SimProcess::readState(m_sim.port(QStringLiteral("node"), 0))
                     .value(QLatin1String("node"))
                     .toObject()
                     .value(QLatin1String("keys"))
                     .toObject()
                     .isEmpty());
    }

    void aWrongPinIs100()
    {
        const ProcessResult r
            = cli(1, {QStringLiteral("sha256//") + QString::fromLatin1(QByteArray(32, '\x01').toBase64())});
        QCOMPARE(r.exitCode, 100);
        QVERIFY2(r.stdErr.contains("matches none of the pinned keys"), r.stdErr.constData());
    }

    void noPinMeansTheCaDecidesAndRefuses()
    {
        const ProcessResult r = cli(2, {});
        QCOMPARE(r.exitCode, 100);
        QVERIFY2(r.stdErr.startsWith("error 100: "), r.stdErr.constData());
    }
};

QTEST_GUILESS_MAIN(tst_CliTls)
#include "tst_clitls.moc"

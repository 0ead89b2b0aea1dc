// Pairing a command-line station with a real provstation-server over TLS
// (docs/api/pairing.md): `provstation-server station pair` makes a code,
// `provstation-cli pair` stores the server's address, key and the station's
// token, and from then on runs need no server, pin or token option. A
// TLS-terminating relay with its own certificate cannot complete a pairing,
// learns nothing secret and leaves the code usable; used and expired codes
// fail clearly; revoking the station stops its next run.
#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliPairing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ShellPackage m_package;
    ServerProcess m_server;
    SimProcess m_sim;
    QString m_pin;
    QStringList m_globals;
    QString m_firstCode;

    ProcessResult shell(const QString &script)
    {
        return runProcess(QStringLiteral("sh"), {QStringLiteral("-c"), script}, {}, 60000, m_dir.path());
    }

    ProcessResult server(const QStringList &args)
    {
        return runProcess(binPath(QStringLiteral("provstation-server")), m_globals + args);
    }

    /// A new code for `station`, taken from the last line of stdout.
    QString newCode(const QString &station)
    {
        const ProcessResult r
            = server({QStringLiteral("station"), QStringLiteral("pair"), QStringLiteral("--name"), station});
        if (r.exitCode != 0)
            return {};
        const QList<QByteArray> lines = r.stdOut.trimmed().split('\n');
        return QString::fromLatin1(lines.last().trimmed());
    }

    ProcessResult pair(quint16 port, const QString &code)
    {
        return runProcess(binPath(QStringLiteral("provstation-cli")),
            {QStringLiteral("pair"), QStringLiteral("https://127.0.0.1:%1").arg(port), code}, {}, 60000);
    }

    ProcessResult provision(int node, const QStringList &extra)
    {
        return runProcess(binPath(QStringLiteral("provstation-cli")),
            extra
                + QStringList {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("station")),
                    QStringLiteral("--config-alias"), QStringLiteral("PN-PAIR"), QStringLiteral("--meter"),
                    QStringLiteral("node"), QStringLiteral("-d"), m_sim.port(QStringLiteral("node"), node).path},
            {}, 120000);
    }

    QString configFile() const { return m_dir.filePath(QStringLiteral("config/provstation/station-server.json")); }
    QString tokenFile() const
    {
        return m_dir.filePath(QStringLiteral("config/ProvStation/provstation/secrets/station-token"));
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // This station's configuration and secrets live in the test folder; no keychain.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
        qputenv("PROVSTATION_SECRETS", "file");
        qunsetenv("PROVSTATION_TOKEN");
        const ProcessResult cert = shell(
            QStringLiteral("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out server.pem "
                           "-subj /CN=provserver.test -addext subjectAltName=IP:127.0.0.1 2>/dev/null && "
                           "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout mitm.key -out mitm.pem "
                           "-subj /CN=provserver.test -addext subjectAltName=IP:127.0.0.1 2>/dev/null && "
                           "openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der "
                           "| openssl dgst -sha256 -binary | base64"));
        QVERIFY2(cert.exitCode == 0, cert.stdErr.constData());
        m_pin = QStringLiteral("sha256//") + QString::fromLatin1(cert.stdOut.trimmed());

        QString error;
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("package"))));
        QVERIFY2(m_package.build(m_dir.filePath(QStringLiteral("package")), QStringLiteral("0x0000000000000048"),
                     QStringLiteral("PN-PAIR"), &error),
            qPrintable(error));
        m_globals = {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("server")),
            QStringLiteral("--master-key-file"), m_dir.filePath(QStringLiteral("master.key"))};
        QCOMPARE(server({QStringLiteral("import"), QStringLiteral("--passphrase-file"), m_package.passphraseFile(),
                            m_package.packagePath()})
                     .exitCode,
            0);
        QVERIFY2(m_server.start(binPath(QStringLiteral("provstation-server")),
                     m_globals
                         + QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--tls-cert"), m_dir.filePath(QStringLiteral("server.pem")),
                             QStringLiteral("--tls-key"), m_dir.filePath(QStringLiteral("server.key"))}),
            qPrintable(m_server.errorText()));
        QVERIFY2(m_sim.start({QStringLiteral("--devices"), QStringLiteral("node:4"), QStringLiteral("--state-dir"),
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

    void theCodeIsAloneOnTheLastLine()
    {
        m_firstCode = newCode(QStringLiteral("line1-st1"));
        QVERIFY2(
            QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$"))
                .match(m_firstCode)
                .hasMatch(),
            qPrintable(m_firstCode));
    }

    void anUnpairedStationNeedsAServer()
    {
        const ProcessResult r = provision(0, {});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.stdErr.contains("not paired"), r.stdErr.constData());
    }

    void aTlsRelayWithItsOwnKeyCannotPair()
    {
        const quint16 relayPort = freePort();
        QVERIFY(relayPort != 0);
        // socat terminates TLS with its own certificate and shows what crossed it (-v).
        QProcess relay;
        relay.setWorkingDirectory(m_dir.path());
        relay.start(QStringLiteral("socat"),
            {QStringLiteral("-v"),
                QStringLiteral("OPENSSL-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork,cert=mitm.pem,key=mitm.key,verify=0")
                    .arg(relayPort),
                QStringLiteral("OPENSSL:127.0.0.1:%1,verify=0").arg(m_server.port())});
        QVERIFY(relay.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            [relayPort] {
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, relayPort);
                return probe.waitForConnected(200);
            }(),
            10000);

        const ProcessResult r = pair(relayPort, m_firstCode);
        relay.terminate();
        relay.waitForFinished(5000);
        const QByteArray crossed = relay.readAllStandardError();
        QCOMPARE(r.exitCode, 101);
        QVERIFY2(r.stdErr.contains("a machine between the station and the server"), r.stdErr.constData());
        // The station sent only its nonce and the key it saw; no proof, no token came back.
        QVERIFY2(crossed.contains("pairing/challenge"), crossed.constData());
        QVERIFY(!crossed.contains("stationProof"));
        QVERIFY(!crossed.contains("pst_"));
        QVERIFY(!QFile::exists(configFile()));
        QVERIFY(!QFile::exists(tokenFile()));
    }

    void theHonestServerPairsWithTheSameCode()
    {
        const ProcessResult r = pair(m_server.port(), m_firstCode);
        QVERIFY2(r.exitCode == 0, r.stdErr.constData());
        QVERIFY2(r.stdOut.contains("paired as station line1-st1"), r.stdOut.constData());
        QVERIFY2(r.stdErr.contains("WARNING: no keychain"), r.stdErr.constData());
        QFile config(configFile());
        QVERIFY(config.open(QIODevice::ReadOnly));
        const QJsonObject stored = QJsonDocument::fromJson(config.readAll()).object();
        QCOMPARE(stored.value(QLatin1String("pin")).toString(), m_pin);
        QCOMPARE(stored.value(QLatin1String("url")).toString(),
            QStringLiteral("https://127.0.0.1:%1/").arg(m_server.port()));
        QCOMPARE(QFile(tokenFile()).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void aPairedStationRunsWithoutServerOptions()
    {
        const ProcessResult r = provision(0, {});
        QVERIFY2(r.exitCode == 0, r.stdErr.constData());
    }

    void theLegacyServerOptionUsesThePairing()
    {
        const ProcessResult r
            = provision(1, {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(m_server.port())});
        QVERIFY2(r.exitCode == 0, r.stdErr.constData());
    }

    void aUsedCodeFails()
    {
        const ProcessResult r = pair(m_server.port(), m_firstCode);
        QCOMPARE(r.exitCode, 101);
        QVERIFY2(r.stdErr.contains("was already used"), r.stdErr.constData());
    }

    void anExpiredCodeFails()
    {
        const QString code = newCode(QStringLiteral("line1-st2"));
        QVERIFY(!code.isEmpty());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("expire"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("server/provstation.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE pairing_codes SET expires_at = 1 WHERE locator = '%1'").arg(code.left(2))));
            QCOMPARE(query.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("expire"));
        const ProcessResult r = pair(m_server.port(), code);
        QCOMPARE(r.exitCode, 101);
        QVERIFY2(r.stdErr.contains("expired at"), r.stdErr.constData());
    }

    void aMistypedCodeIsCaughtOnTheStation()
    {
        QString code = newCode(QStringLiteral("line1-st3"));
        QVERIFY(!code.isEmpty());
        code[5] = code.at(5) == QLatin1Char('7') ? QLatin1Char('8') : QLatin1Char('7');
        const ProcessResult r = pair(m_server.port(), code);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.stdErr.contains("mistyped"), r.stdErr.constData());
    }

    void revokingTheStationStopsItsNextRun()
    {
        const ProcessResult revoke = server({QStringLiteral("station"), QStringLiteral("revoke"),
            QStringLiteral("--name"), QStringLiteral("line1-st1")});
        QVERIFY2(revoke.exitCode == 0, revoke.stdErr.constData());
        const ProcessResult r = provision(2, {});
        QCOMPARE(r.exitCode, 101);
        QVERIFY2(r.stdErr.contains("revoked"), r.stdErr.constData());
    }
};

QTEST_GUILESS_MAIN(tst_CliPairing)
#include "tst_clipairing.moc"

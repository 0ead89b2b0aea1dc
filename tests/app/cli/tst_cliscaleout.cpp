// Two provstation-server processes on one PostgreSQL schema, as a site behind
// a balancer runs them: the package is imported through one, devices are
// provisioned through both at once by concurrent provstation-cli processes
// (each downloads the package files from the server it talks to), and both
// servers export the same device_keys.xml whose every key decrypts, with
// `openssl pkeyutl`, to the key the simulated device holds.
#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

using namespace prov;
using namespace prov::test;

namespace {

/// nodeId -> the device's escrowed material as exported (node root key blob, app key).
using ExportedKeys = QMap<QString, QPair<QByteArray, QByteArray>>;

} // namespace

class tst_CliScaleOut : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ScratchStore m_store {QStringLiteral("postgres")}; // one schema for both servers
    ShellPackage m_package;
    ServerProcess m_servers[2];
    SimProcess m_sim;
    QString m_configId;
    QString m_alias;

    [[nodiscard]] QString dataDir(int server) const { return m_dir.filePath(QStringLiteral("server%1").arg(server)); }

    /// A provstation-server subcommand with server `server`'s data directory.
    ProcessResult command(int server, const QStringList &args)
    {
        return runProcess(binPath(QStringLiteral("provstation-server")),
            QStringList {QStringLiteral("--data-dir"), dataDir(server), QStringLiteral("--db"), m_store.databaseUrl(),
                QStringLiteral("--master-key-file"), m_store.masterKeyFile()}
                + args,
            {}, 120000);
    }

    bool exportFrom(int server, ExportedKeys *keys, QString *error)
    {
        const QString xml = m_dir.filePath(QStringLiteral("device_keys-%1.xml").arg(server));
        const ProcessResult exported = command(
            server, {QStringLiteral("export"), QStringLiteral("--config-id"), m_configId, QStringLiteral("-o"), xml});
        if (exported.exitCode != 0) {
            *error = QString::fromUtf8(exported.stdErr);
            return false;
        }
        QXmlStreamReader reader(readFile(xml));
        QString nodeId;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (reader.name() == u"device")
                nodeId = reader.attributes().value(QLatin1String("nodeId")).toString();
            else if (reader.name() == u"nodeRootKey")
                (*keys)[nodeId].first = reader.readElementText().toLatin1();
            else if (reader.name() == u"app")
                (*keys)[nodeId].second = reader.attributes().value(QLatin1String("key")).toLatin1();
        }
        if (reader.hasError())
            *error = reader.errorString();
        return !reader.hasError();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (m_store.isSkipped())
            QSKIP(qPrintable(m_store.skipReason()));
        QVERIFY2(m_store.error().isEmpty(), qPrintable(m_store.error()));
        const quint64 id = 0x4600000000000000ull | QRandomGenerator::global()->bounded(0x7FFFFFFF);
        m_configId = QStringLiteral("0x%1").arg(id, 16, 16, QLatin1Char('0')).toUpper().replace(u'X', u'x');
        m_alias = QStringLiteral("SO-%1").arg(id & 0xFFFFFF, 6, 16, QLatin1Char('0'));
        QString error;
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("package"))));
        QVERIFY2(
            m_package.build(m_dir.filePath(QStringLiteral("package")), m_configId, m_alias, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_sim.stop();
        for (ServerProcess &server : m_servers)
            server.stop();
    }

    void importThroughOneProvisionThroughBoth()
    {
        // The import goes through server 0's data directory only.
        const ProcessResult imported = command(0,
            {QStringLiteral("import"), QStringLiteral("--passphrase-file"), m_package.passphraseFile(),
                m_package.packagePath()});
        QVERIFY2(imported.exitCode == 0, imported.stdErr.constData());
        const ProcessResult token = command(0,
            {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"),
                QStringLiteral("line1-st3")});
        QVERIFY2(token.exitCode == 0, token.stdErr.constData());
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("token")), token.stdOut.trimmed()));

        QStringList setupCodes;
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(m_servers[i].start(binPath(QStringLiteral("provstation-server")),
                         {QStringLiteral("--data-dir"), dataDir(i), QStringLiteral("--db"), m_store.databaseUrl(),
                             QStringLiteral("--master-key-file"), m_store.masterKeyFile(), QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:0"), QStringLiteral("--insecure-http")}),
                qPrintable(m_servers[i].errorText()));
            const QString out = QString::fromUtf8(m_servers[i].allStdout());
            const QRegularExpressionMatch code
                = QRegularExpression(QStringLiteral("setup code ([0-9A-Z-]+)")).match(out);
            QVERIFY2(code.hasMatch(), qPrintable(out));
            setupCodes.append(code.captured(1));
            QVERIFY2(out.contains(QLatin1String("package files: the database")), qPrintable(out));
        }
        // One setup code for the deployment, not one per start.
        QCOMPARE(setupCodes.at(1), setupCodes.at(0));
        // Server 1 never saw the import, and is healthy: it serves the files from the database.
        for (ServerProcess &server : m_servers) {
            const RawResponse health
                = rawExchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            QVERIFY2(health.status == 200, health.body.constData());
        }
        QVERIFY(!QFileInfo::exists(dataDir(0) + QStringLiteral("/files")));

        QString simError;
        QVERIFY2(
            m_sim.start({QStringLiteral("--devices"), QStringLiteral("i210plus:2,node:2"),
                            QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("sim")),
                            QStringLiteral("--join-delay"), QStringLiteral("0.3"), QStringLiteral("--flash-ms-per-kib"),
                            QStringLiteral("0.5"), QStringLiteral("--reset-ms"), QStringLiteral("100")},
                &simError),
            qPrintable(simError));
        connect(&m_sim.process(), &QProcess::readyReadStandardOutput, this,
            [this] { m_sim.process().readAllStandardOutput(); });

        // One CLI process per device, all at once, alternating between the
        // servers. The processes of one server share one station folder (as
        // legacy automation runs one process per port on a station PC), so
        // each server still has stations that download from it.
        std::vector<std::unique_ptr<QProcess>> running;
        const QList<SimPort> ports = m_sim.ports();
        for (int i = 0; i < ports.size(); ++i) {
            const SimPort &port = ports.at(i);
            const ServerProcess &server = m_servers[i % 2];
            auto process = std::make_unique<QProcess>();
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PROVSTATION_SECRETS"), QStringLiteral("file"));
            process->setProcessEnvironment(env);
            process->start(binPath(QStringLiteral("provstation-cli")),
                {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(server.port()),
                    QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")),
                    QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("station%1").arg(i % 2)),
                    QStringLiteral("--config-alias"), m_alias, QStringLiteral("-B"), QStringLiteral("1000"),
                    QStringLiteral("-g"), QStringLiteral("127.0.0.1"), QStringLiteral("--control_port"),
                    QString::number(m_sim.gatewayPort()), QStringLiteral("--meter"), port.model, QStringLiteral("-d"),
                    port.path, QStringLiteral("--station"), QStringLiteral("line1-st3"), QStringLiteral("-t"),
                    QStringLiteral("30"), QStringLiteral("PROVISION")});
            running.push_back(std::move(process));
        }
        for (std::size_t i = 0; i < running.size(); ++i) {
            QProcess &p = *running.at(i);
            // Other processes: a blocking wait is fine here.
            QVERIFY(p.waitForFinished(180000));
            QVERIFY2(p.exitCode() == 0,
                qPrintable(ports.at(int(i)).path + QLatin1Char(' ') + QString::fromUtf8(p.readAllStandardError())));
        }
        // Both servers served package files to their stations.
        for (ServerProcess &server : m_servers)
            QVERIFY2(server.allStderr().contains("GET /api/v1/files/"), server.allStderr().right(2000).constData());

        ExportedKeys exported[2];
        for (int i = 0; i < 2; ++i) {
            QString error;
            QVERIFY2(exportFrom(i, &exported[i], &error), qPrintable(error));
        }
        QCOMPARE(exported[1], exported[0]);
        // The same file, but for the moment it was made.
        const auto withoutTime = [this](int server) {
            return QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("device_keys-%1.xml").arg(server))))
                .remove(QRegularExpression(QStringLiteral(" exportedAt=\"[^\"]*\"")));
        };
        QCOMPARE(withoutTime(1), withoutTime(0));
        QCOMPARE(exported[0].size(), ports.size());
        for (const SimPort &port : ports) {
            QVERIFY2(exported[0].contains(port.nodeId), qPrintable(port.nodeId));
            const auto &[nodeRoot, app] = exported[0].value(port.nodeId);
            const QJsonObject node = SimProcess::readState(port).value(QLatin1String("node")).toObject();
            QCOMPARE(m_package.decrypt(QByteArray::fromBase64(nodeRoot), m_package.kmsPrivateKey()),
                node.value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot")).toString().toLatin1());
            if (port.model == u"i210plus") {
                const QJsonObject host = SimProcess::readState(port).value(QLatin1String("host")).toObject();
                QCOMPARE(m_package.decrypt(QByteArray::fromHex(app), m_package.appPrivateKey()),
                    host.value(QLatin1String("keys")).toObject().value(QLatin1String("app")).toString().toLatin1());
            }
        }
    }

    void aServerWithoutTheDeploymentsKeyIsRefused()
    {
        const QStringList serve {QStringLiteral("--db"), m_store.databaseUrl(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0"), QStringLiteral("--insecure-http")};
        const QString server = binPath(QStringLiteral("provstation-server"));
        // A key of its own.
        const QString otherKey = m_dir.filePath(QStringLiteral("other.key"));
        QVERIFY(writeFile(otherKey, QByteArray(32, '\x42')));
        QVERIFY(QFile::setPermissions(otherKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        ProcessResult refused = runProcess(server,
            serve
                + QStringList {
                    QStringLiteral("--data-dir"), dataDir(2), QStringLiteral("--master-key-file"), otherKey});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.stdErr.contains("differs from this deployment's master key"), refused.stdErr.constData());
        // No key at all: refused, and no key file made for it.
        const QString absent = m_dir.filePath(QStringLiteral("absent.key"));
        refused = runProcess(server,
            serve
                + QStringList {QStringLiteral("--data-dir"), dataDir(3), QStringLiteral("--master-key-file"), absent});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.stdErr.contains("copy the deployment's key"), refused.stdErr.constData());
        QVERIFY(!QFileInfo::exists(absent));
    }
};

QTEST_GUILESS_MAIN(tst_CliScaleOut)
#include "tst_cliscaleout.moc"

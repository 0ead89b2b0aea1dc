// Each plugin through each of its operations against the real thing:
// provstation-server (SQLite; PostgreSQL in tst_cliprovision_pg when
// PROVSTATION_TEST_PG_URL is set) with a package made by `tar` and `openssl`,
// provstation-sim with every model, and provstation-cli. Then the simulator's
// memory is checked (firmware, configuration, lock), device_keys.xml is
// validated with xmllint against the contract's schema, and every nodeRootKey
// and app key is decrypted with `openssl pkeyutl` to the exact key the
// simulated device holds.
#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>
#include <vector>

using namespace prov;
using namespace prov::test;

class tst_CliProvision : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
#ifdef PROVSTATION_CLI_TEST_PG
    ScratchStore m_store {QStringLiteral("postgres")}; // a schema of its own, dropped at the end
#else
    ScratchStore m_store {QStringLiteral("sqlite")};
#endif
    ShellPackage m_package;
    ServerProcess m_server;
    SimProcess m_sim;
    QString m_configId;
    QString m_alias;
    QByteArray m_token;
    QStringList m_serverGlobals;

    ProcessResult server(const QStringList &args, const QByteArray &input = {})
    {
        return runProcess(binPath(QStringLiteral("provstation-server")), m_serverGlobals + args, input, 120000);
    }

    struct Cli
    {
        int code = -1;
        QString out;
        QString err;
    };

    QStringList cliArguments(const QString &meter, const SimPort &port, const QString &operation,
        const QStringList &more = {}, const QString &stationFolder = QStringLiteral("station"))
    {
        QStringList args = {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(m_server.port()),
            QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")), QStringLiteral("--data-dir"),
            m_dir.filePath(stationFolder), QStringLiteral("--config-alias"), m_alias, QStringLiteral("-B"),
            QStringLiteral("0x3E8"), QStringLiteral("-g"), QStringLiteral("127.0.0.1"),
            QStringLiteral("--control_port"), QString::number(m_sim.gatewayPort()), QStringLiteral("--meter"), meter,
            QStringLiteral("-d"), port.path, QStringLiteral("--station"), QStringLiteral("line1-st3"),
            QStringLiteral("-t"), QStringLiteral("30")};
        if (operation == QLatin1String("POSTTEST"))
            args << QStringLiteral("--set") << QStringLiteral("joinPollMs=100");
        args << more << operation;
        return args;
    }

    std::unique_ptr<QProcess> launchCli(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROVSTATION_SECRETS"), QStringLiteral("file"));
        p->setProcessEnvironment(env);
        p->start(binPath(QStringLiteral("provstation-cli")), args);
        return p;
    }

    static Cli finished(QProcess &p)
    {
        // The server and the simulator are other processes: a blocking wait is fine here.
        if (!p.waitForFinished(120000))
            return {};
        return {
            p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    Cli cli(const QString &meter, const SimPort &port, const QString &operation, const QStringList &more = {})
    {
        return finished(*launchCli(cliArguments(meter, port, operation, more)));
    }

    static QJsonObject processor(const SimPort &port, const char *which)
    {
        return SimProcess::readState(port).value(QLatin1String(which)).toObject();
    }

    void verifyProvisioned(
        const SimPort &port, bool host, const QString &kind = QStringLiteral("field"), bool locked = true)
    {
        const QJsonObject node = processor(port, "node");
        QCOMPARE(node.value(QLatin1String("firmware")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral("1.2.3.4"));
        QCOMPARE(node.value(QLatin1String("config")).toObject().value(QLatin1String("kind")).toString(), kind);
        QCOMPARE(
            node.value(QLatin1String("config")).toObject().value(QLatin1String("configId")).toString(), m_configId);
        QCOMPARE(node.value(QLatin1String("locked")).toBool(), locked);
        if (!host)
            return;
        const QJsonObject emcm = processor(port, "host");
        QCOMPARE(emcm.value(QLatin1String("firmware")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral("5.6.7.8"));
        QCOMPARE(emcm.value(QLatin1String("config")).toObject().value(QLatin1String("kind")).toString(), kind);
        QCOMPARE(emcm.value(QLatin1String("locked")).toBool(), locked);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (m_store.isSkipped())
            QSKIP(qPrintable(m_store.skipReason()));
        QVERIFY2(m_store.error().isEmpty(), qPrintable(m_store.error()));
        if (!m_store.databaseUrl().isEmpty())
            m_serverGlobals << QStringLiteral("--db") << m_store.databaseUrl();
        // A configuration ID of its own (no two runs should ever meet).
        const quint64 id = 0x4500000000000000ull | QRandomGenerator::global()->bounded(0x7FFFFFFF);
        m_configId = QStringLiteral("0x%1")
                         .arg(id, 16, 16, QLatin1Char('0'))
                         .toUpper()
                         .replace(QStringLiteral("0X"), QStringLiteral("0x"));
        m_alias = QStringLiteral("PN-%1").arg(id & 0xFFFFFF, 6, 16, QLatin1Char('0'));
        m_serverGlobals << QStringLiteral("--data-dir") << m_store.dataDir() << QStringLiteral("--master-key-file")
                        << m_store.masterKeyFile();

        QString error;
        QVERIFY2(QDir().mkpath(m_dir.filePath(QStringLiteral("package"))), "mkdir");
        QVERIFY2(
            m_package.build(m_dir.filePath(QStringLiteral("package")), m_configId, m_alias, &error), qPrintable(error));
        const ProcessResult imported = server({QStringLiteral("import"), QStringLiteral("--passphrase-file"),
            m_package.passphraseFile(), m_package.packagePath()});
        QVERIFY2(imported.exitCode == 0, imported.stdErr.constData());
        const ProcessResult token = server({QStringLiteral("token"), QStringLiteral("issue"),
            QStringLiteral("--station"), QStringLiteral("line1-st3")});
        QVERIFY2(token.exitCode == 0, token.stdErr.constData());
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("token")), token.stdOut.trimmed()));
        QVERIFY2(m_server.start(binPath(QStringLiteral("provstation-server")),
                     m_serverGlobals
                         + QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--insecure-http")}),
            qPrintable(m_server.errorText()));

        QVERIFY2(
            m_sim.start({QStringLiteral("--devices"), QStringLiteral("i210plus:5,kv2c:1,node:4"),
                            QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("sim")),
                            QStringLiteral("--join-delay"), QStringLiteral("0.3"), QStringLiteral("--flash-ms-per-kib"),
                            QStringLiteral("0.5"), QStringLiteral("--reset-ms"), QStringLiteral("100")},
                &error),
            qPrintable(error));
        connect(&m_sim.process(), &QProcess::readyReadStandardOutput, this,
            [this] { m_sim.process().readAllStandardOutput(); });
    }

    void cleanupTestCase()
    {
        m_sim.stop();
        m_server.stop();
    }

    void i210PretestThenPosttest()
    {
        const SimPort port = m_sim.port(QStringLiteral("i210plus"), 0);
        Cli r = cli(QStringLiteral("i210plus"), port, QStringLiteral("PRETEST"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(
            processor(port, "node").value(QLatin1String("config")).toObject().value(QLatin1String("kind")).toString(),
            QStringLiteral("factory"));
        r = cli(QStringLiteral("i210plus"), port, QStringLiteral("POSTTEST"),
            {QStringLiteral("--partial_mcm_id"), port.emcmId.right(8).toLower()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(port.path + QStringLiteral(": 0 success")));
        verifyProvisioned(port, true);
    }

    void i210SingleStage()
    {
        const SimPort port = m_sim.port(QStringLiteral("i210plus"), 1);
        const Cli r = cli(QStringLiteral("i210plus"), port, QStringLiteral("PROVISION"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        verifyProvisioned(port, true);
    }

    void kv2cFixtureThenOpticalPort()
    {
        const SimPort fixture = m_sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("fixture"));
        const SimPort optical = m_sim.port(QStringLiteral("kv2c"), 0, QStringLiteral("optical"));
        for (const auto &[port, op] : {std::pair {fixture, QStringLiteral("PRETEST")},
                 std::pair {optical, QStringLiteral("CHECKCONFIG")}, std::pair {optical, QStringLiteral("POSTTEST")}}) {
            const Cli r = cli(QStringLiteral("kv2c"), port, op);
            QVERIFY2(r.code == 0, qPrintable(op + QLatin1Char(' ') + r.err));
        }
        verifyProvisioned(optical, true);
    }

    void bareNode()
    {
        const SimPort port = m_sim.port(QStringLiteral("node"), 0);
        const Cli r = cli(QStringLiteral("node"), port, QStringLiteral("PROVISION"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        verifyProvisioned(port, false);
    }

    void reprovisioningReplacesTheKeyAndIsAudited()
    {
        // The node bareNode provisioned and locked: the command line provisions
        // it again without a question (legacy scripts), and the server audits it.
        const SimPort port = m_sim.port(QStringLiteral("node"), 0);
        const auto key = [&port] {
            return processor(port, "node").value(QLatin1String("keys")).toObject().value(QLatin1String("nodeRoot"));
        };
        const QJsonValue first = key();
        QVERIFY(processor(port, "node").value(QLatin1String("locked")).toBool());
        const Cli r = cli(QStringLiteral("node"), port, QStringLiteral("PROVISION"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        verifyProvisioned(port, false);
        QVERIFY(key() != first);
        const ProcessResult audit = server({QStringLiteral("audit"), QStringLiteral("show")});
        QVERIFY2(audit.exitCode == 0, audit.stdErr.constData());
        QStringList rows;
        for (const QString &line : QString::fromUtf8(audit.stdOut).split(QLatin1Char('\n'))) {
            if (line.contains(QStringLiteral("\tescrow.reprovision\t") + port.nodeId + QLatin1Char('\t')))
                rows << line;
        }
        QCOMPARE(rows.size(), 1);
        QVERIFY2(rows.first().contains(QStringLiteral("station:line1-st3"))
                && rows.first().contains(QStringLiteral("no confirmation asked")),
            qPrintable(rows.first()));
    }

    void bareNodeFactoryConfigNoKeysNoLock()
    {
        const SimPort port = m_sim.port(QStringLiteral("node"), 1);
        const Cli r = cli(QStringLiteral("node"), port, QStringLiteral("PROVISION"),
            {QStringLiteral("--factory-config"), QStringLiteral("--skip-keys"), QStringLiteral("--skip_lock")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        verifyProvisioned(port, false, QStringLiteral("factory"), false);
        QVERIFY(processor(port, "node").value(QLatin1String("keys")).toObject().isEmpty());
    }

    void severalProcessesShareOneFreshStationFolder()
    {
        // Legacy automation runs one CLI per port, all at once, on one station
        // folder: they share its download cache, key outbox and run records.
        QList<std::pair<QString, SimPort>> ports;
        for (int i = 2; i < 5; ++i)
            ports.append({QStringLiteral("i210plus"), m_sim.port(QStringLiteral("i210plus"), i)});
        for (int i = 2; i < 4; ++i)
            ports.append({QStringLiteral("node"), m_sim.port(QStringLiteral("node"), i)});
        std::vector<std::unique_ptr<QProcess>> processes;
        for (const auto &[meter, port] : ports) {
            processes.push_back(launchCli(
                cliArguments(meter, port, QStringLiteral("PROVISION"), {}, QStringLiteral("shared-station"))));
        }
        for (qsizetype i = 0; i < ports.size(); ++i) {
            const Cli r = finished(*processes.at(size_t(i)));
            QVERIFY2(r.code == 0, qPrintable(ports.at(i).second.path + QStringLiteral(": ") + r.err));
            verifyProvisioned(ports.at(i).second, ports.at(i).first == u"i210plus");
        }
        // Every record reached the server and left the outbox; the cache holds
        // only verified files, no download of one process under another's name.
        const QDir cache(m_dir.filePath(QStringLiteral("shared-station/cache")));
        QVERIFY2(cache.entryList({QStringLiteral(".incoming-*")}, QDir::Files | QDir::Hidden).isEmpty(),
            qPrintable(cache.entryList(QDir::Files | QDir::Hidden).join(u' ')));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("shared-outbox"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("shared-station/outbox.sqlite")));
            QVERIFY(db.open());
            QSqlQuery left(db);
            QVERIFY(left.exec(QStringLiteral("SELECT count(*) FROM outbox")) && left.next());
            QCOMPARE(left.value(0).toInt(), 0);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("shared-outbox"));
    }

    void exportValidatesAndDecryptsToTheDevicesKeys()
    {
        const QString xml = m_dir.filePath(QStringLiteral("device_keys.xml"));
        const ProcessResult exported
            = server({QStringLiteral("export"), QStringLiteral("--config-id"), m_configId, QStringLiteral("-o"), xml});
        QVERIFY2(exported.exitCode == 0, exported.stdErr.constData());
        const ProcessResult lint = runProcess(QStringLiteral("xmllint"),
            {QStringLiteral("--noout"), QStringLiteral("--schema"), schemaPath(QStringLiteral("device_keys.xsd")),
                xml});
        QVERIFY2(lint.exitCode == 0, lint.stdErr.constData());

        QHash<QString, SimPort> byNode;
        for (const SimPort &p : m_sim.ports())
            byNode.insert(p.nodeId, p);
        QXmlStreamReader reader(readFile(xml));
        QString nodeId;
        int devices = 0;
        int appKeys = 0;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (reader.name() == u"device") {
                nodeId = reader.attributes().value(QLatin1String("nodeId")).toString();
                QVERIFY2(byNode.contains(nodeId), qPrintable(nodeId));
                QCOMPARE(reader.attributes().value(QLatin1String("station")).toString(), QStringLiteral("line1-st3"));
                QCOMPARE(reader.attributes().value(QLatin1String("batch")).toString(), QStringLiteral("1000"));
                ++devices;
            } else if (reader.name() == u"nodeRootKey") {
                const QByteArray blob = QByteArray::fromBase64(reader.readElementText().toLatin1());
                const QByteArray key = m_package.decrypt(blob, m_package.kmsPrivateKey());
                QVERIFY(!key.isEmpty());
                QCOMPARE(key,
                    processor(byNode.value(nodeId), "node")
                        .value(QLatin1String("keys"))
                        .toObject()
                        .value(QLatin1String("nodeRoot"))
                        .toString()
                        .toLatin1());
            } else if (reader.name() == u"app") {
                QCOMPARE(reader.attributes().value(QLatin1String("id")).toString(), byNode.value(nodeId).emcmId);
                const QByteArray key
                    = m_package.decrypt(QByteArray::fromHex(reader.attributes().value(QLatin1String("key")).toLatin1()),
                        m_package.appPrivateKey());
                QCOMPARE(key,
                    processor(byNode.value(nodeId), "host")
                        .value(QLatin1String("keys"))
                        .toObject()
                        .value(QLatin1String("app"))
                        .toString()
                        .toLatin1());
                ++appKeys;
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(devices, 9); // i210 x5, kv2c, node x3 (the --skip-keys node has none)
        QCOMPARE(appKeys, 6);
    }
};

QTEST_GUILESS_MAIN(tst_CliProvision)
#include "tst_cliprovision.moc"

// The legacy guide's sample command lines, run as a factory's automation runs
// them: only the program name (provstation-cli), the ports (the simulator's
// pseudo-terminals) and the addresses (127.0.0.1, on the default ports 8085
// and 4021 when they are free) are replaced. No --meter (the device says what
// it is), no credential option (the station is paired with the real
// provstation-server over TLS), no --data-dir. The server holds the two
// packages the lines name, 82JX570141 (app emcm) and kite_170_node_637_dev_net
// (apps emcm and zigbee), and a third with the bare node's configuration ID.
// Every line exits 0, each --logfile is written, and device_keys.xml holds
// every device with keys that decrypt to what the simulated devices hold.
#include "HttpTestSupport.h"
#include "SimHarness.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace prov;
using namespace prov::test;

namespace {

struct Package
{
    QString dir;
    QString configId;
    QString alias;
    QStringList apps;
};

/// The guide's lines, as the guide prints them.
const char *const kPretestI210 = "emcm_factory -d COM3 -s 192.168.2.35 -g 192.168.6.77 -B 1000 "
                                 "--config-alias=82JX570141 PRETEST";
const char *const kPosttestI210 = "emcm_factory -d COM3 -s 192.168.2.35 -g 192.168.6.77 -B 1000 "
                                  "--config-alias=82JX570141 POSTTEST";
const char *const kCheckconfigKv2c = "emcm_factory -d COM20 -b 9600 --wrapper=opt_psem -s 192.168.2.35 -g "
                                     "192.168.6.77 -B 1000 --config-alias=82JX570141 CHECKCONFIG";
const char *const kPosttestKv2c = "emcm_factory -d COM20 -b 9600 --wrapper=opt_psem -s 192.168.2.35 -g "
                                  "192.168.6.77 -B 1000 --config-alias=82JX570141 POSTTEST";
const char *const kSingleStage = "emcm_provision -d COM3 -s 192.168.2.35 -B 1000 "
                                 "--config-alias=kite_170_node_637_dev_net";
const char *const kStage1 = "emcm_factory -d COM3 -s 192.168.2.35 -g 192.168.6.77 -B 1000 "
                            "--config-alias=kite_170_node_637_dev_net --logfile=emcm_factory_s1.log PRETEST";
const char *const kStage2 = "emcm_factory -d COM3 -s 192.168.2.35 -g 192.168.6.77 -B 1000 "
                            "--config-alias=kite_170_node_637_dev_net --logfile=emcm_factory_s2.log POSTTEST";
const char *const kBareNode = "provisioning_client -d COM1 -s 192.168.0.10 -B 1000 --config-id=0x12345678abc";

/// `preferred` when nothing listens there, else 0 (the program picks one).
quint16 portIfFree(quint16 preferred)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, preferred) ? preferred : 0;
}

} // namespace

class tst_LegacyLines : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    SimProcess m_sim;
    QStringList m_globals;
    Package m_i210;
    Package m_kite;
    Package m_node;
    bool m_defaultServerPort = false;
    bool m_defaultGatewayPort = false;

    ProcessResult server(const QStringList &args)
    {
        return runProcess(binPath(QStringLiteral("provstation-server")), m_globals + args, {}, 120000);
    }

    bool makePackage(Package *p, const QString &configId, const QString &alias, const QStringList &apps, QString *error)
    {
        p->configId = configId;
        p->alias = alias;
        p->apps = apps;
        p->dir = m_dir.filePath(QStringLiteral("pkg-") + configId);
        QStringList args = {QStringLiteral("demo"), QStringLiteral("--out-dir"), p->dir, QStringLiteral("--config-id"),
            configId, QStringLiteral("--apps"), apps.join(QLatin1Char(','))};
        if (!alias.isEmpty())
            args << QStringLiteral("--alias") << alias;
        const ProcessResult made = runProcess(binPath(QStringLiteral("provstation-pack")), args, {}, 120000);
        if (made.exitCode != 0) {
            *error = QString::fromUtf8(made.stdErr);
            return false;
        }
        const ProcessResult imported = server({QStringLiteral("import"), QStringLiteral("--passphrase-file"),
            p->dir + QStringLiteral("/passphrase.txt"), p->dir + QStringLiteral("/demo-package.tar.gz")});
        if (imported.exitCode != 0) {
            *error = QString::fromUtf8(imported.stdErr);
            return false;
        }
        return true;
    }

    /// The guide's `line` with the program, ports and addresses replaced.
    QStringList legacyArguments(const QString &line, const QString &port) const
    {
        QStringList words = line.split(QLatin1Char(' '));
        words.removeFirst(); // emcm_factory, emcm_provision, provisioning_client
        QStringList args;
        for (const QString &word : std::as_const(words)) {
            if (word == u"COM1" || word == u"COM3" || word == u"COM20")
                args << port;
            else if (word == u"192.168.2.35" || word == u"192.168.0.10")
                args << (m_defaultServerPort ? QStringLiteral("127.0.0.1")
                                             : QStringLiteral("127.0.0.1:%1").arg(m_server.port()));
            else if (word == u"192.168.6.77")
                args << QStringLiteral("127.0.0.1");
            else
                args << word;
        }
        // The gateway's control port is the default one when it was free.
        if (!m_defaultGatewayPort)
            args << QStringLiteral("--control_port=%1").arg(m_sim.gatewayPort());
        return args;
    }

    ProcessResult runLine(const char *line, const SimPort &port)
    {
        const QStringList args = legacyArguments(QString::fromLatin1(line), port.path);
        const ProcessResult r
            = runProcess(binPath(QStringLiteral("provstation-cli")), args, {}, 240000, m_dir.filePath(u"work"_qs));
        if (r.exitCode != 0)
            qWarning(
                "%s\nstdout: %s\nstderr: %s", qPrintable(args.join(u' ')), r.stdOut.constData(), r.stdErr.constData());
        return r;
    }

    static QByteArray decrypt(const QByteArray &ciphertext, const QString &privateKey)
    {
        return runProcess(opensslProgram(),
            {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"), privateKey,
                QStringLiteral("-pkeyopt"), QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256")},
            ciphertext)
            .stdOut.toHex();
    }

    static QString appKey(const QJsonObject &state, const QString &name)
    {
        const QJsonArray apps = state.value(u"host"_qs).toObject().value(u"apps"_qs).toArray();
        for (const QJsonValue &a : apps) {
            if (a.toObject().value(u"name"_qs).toString() == name) {
                const QJsonObject keys = a.toObject().value(u"keys"_qs).toObject();
                return keys.size() == 1 ? keys.begin().value().toString() : QString();
            }
        }
        return {};
    }

    /// device_keys.xml of `p` names exactly `devices`, each with `apps`, and
    /// every key in it decrypts to the key the simulated device holds.
    void verifyExport(const Package &p, const QList<SimPort> &devices, const QStringList &apps)
    {
        const QString xml = m_dir.filePath(p.configId + QStringLiteral(".xml"));
        const ProcessResult exported
            = server({QStringLiteral("export"), QStringLiteral("--config-id"), p.configId, QStringLiteral("-o"), xml});
        QVERIFY2(exported.exitCode == 0, exported.stdErr.constData());
        QHash<QString, QJsonObject> states;
        for (const SimPort &port : devices)
            states.insert(port.nodeId, SimProcess::readState(port));
        QXmlStreamReader reader(readFile(xml));
        QString nodeId;
        QStringList seen;
        QStringList appsSeen;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isEndElement() && reader.name() == u"device")
                QCOMPARE(appsSeen, apps);
            if (!reader.isStartElement())
                continue;
            if (reader.name() == u"device") {
                nodeId = reader.attributes().value(u"nodeId"_qs).toString();
                QVERIFY2(states.contains(nodeId), qPrintable(nodeId));
                seen.append(nodeId);
                appsSeen.clear();
            } else if (reader.name() == u"nodeRootKey") {
                const QByteArray key = decrypt(
                    QByteArray::fromBase64(reader.readElementText().toLatin1()), p.dir + QStringLiteral("/kms.pem"));
                QVERIFY(!key.isEmpty());
                QCOMPARE(QString::fromLatin1(key),
                    states.value(nodeId)
                        .value(u"node"_qs)
                        .toObject()
                        .value(u"keys"_qs)
                        .toObject()
                        .value(u"nodeRoot"_qs)
                        .toString());
            } else if (reader.name() == u"app") {
                const QString name = reader.attributes().value(u"name"_qs).toString();
                appsSeen.append(name);
                const QByteArray key = decrypt(QByteArray::fromHex(reader.attributes().value(u"key"_qs).toLatin1()),
                    p.dir + QStringLiteral("/hes.pem"));
                QVERIFY(!key.isEmpty());
                QCOMPARE(QString::fromLatin1(key), appKey(states.value(nodeId), name));
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(seen.size(), devices.size());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(u"work"_qs)));
        // The station's configuration, secrets and data live in the test folder.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
        qputenv("PROVSTATION_SECRETS", "file");
        qunsetenv("PROVSTATION_TOKEN");
        qunsetenv("PROVSTATION_DATA_DIR");
        const ProcessResult cert = runProcess(QStringLiteral("sh"),
            {QStringLiteral("-c"),
                QStringLiteral("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout server.key -out server.pem "
                               "-subj /CN=provserver.test -addext subjectAltName=IP:127.0.0.1 2>/dev/null")},
            {}, 60000, m_dir.path());
        QVERIFY2(cert.exitCode == 0, cert.stdErr.constData());

        m_globals = {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("server")),
            QStringLiteral("--master-key-file"), m_dir.filePath(QStringLiteral("master.key"))};
        QString error;
        const quint64 id = 0x4700000000000000ull | QRandomGenerator::global()->bounded(0x7FFFFFFF);
        QVERIFY2(makePackage(&m_i210, QStringLiteral("0x%1").arg(id, 16, 16, QLatin1Char('0')),
                     QStringLiteral("82JX570141"), {u"emcm"_qs}, &error),
            qPrintable(error));
        QVERIFY2(makePackage(&m_kite, QStringLiteral("0x%1").arg(id + 1, 16, 16, QLatin1Char('0')),
                     QStringLiteral("kite_170_node_637_dev_net"), {u"emcm"_qs, u"zigbee"_qs}, &error),
            qPrintable(error));
        // The bare node's line names a configuration ID: a package with that ID makes it exist.
        QVERIFY2(makePackage(&m_node, QStringLiteral("0x12345678abc"), {}, {u"emcm"_qs}, &error), qPrintable(error));

        const quint16 serverPort = portIfFree(8085);
        m_defaultServerPort = serverPort == 8085;
        QVERIFY2(m_server.start(binPath(QStringLiteral("provstation-server")),
                     m_globals
                         + QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(serverPort),
                             QStringLiteral("--tls-cert"), m_dir.filePath(QStringLiteral("server.pem")),
                             QStringLiteral("--tls-key"), m_dir.filePath(QStringLiteral("server.key"))}),
            qPrintable(m_server.errorText()));

        // Pair the station as a factory does: a one-time code from the server.
        const ProcessResult code
            = server({QStringLiteral("station"), QStringLiteral("pair"), QStringLiteral("--name"), u"line1-st1"_qs});
        QVERIFY2(code.exitCode == 0, code.stdErr.constData());
        const ProcessResult paired = runProcess(binPath(QStringLiteral("provstation-cli")),
            {QStringLiteral("pair"), QStringLiteral("https://127.0.0.1:%1").arg(m_server.port()),
                QString::fromLatin1(code.stdOut.trimmed().split('\n').last().trimmed())},
            {}, 60000);
        QVERIFY2(paired.exitCode == 0, paired.stdErr.constData());

        const quint16 gatewayPort = portIfFree(4021);
        m_defaultGatewayPort = gatewayPort == 4021;
        QVERIFY2(m_sim.start({QStringLiteral("--devices"), QStringLiteral("i210plus:4,kv2c:1,node:1"),
                                 QStringLiteral("--fault"), QStringLiteral("i210plus#3:meter-link-down"),
                                 QStringLiteral("--apps"), QStringLiteral("emcm,zigbee"), QStringLiteral("--state-dir"),
                                 m_dir.filePath(QStringLiteral("sim")), QStringLiteral("--join-delay"),
                                 QStringLiteral("0.3"), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0"),
                                 QStringLiteral("--gateway-port"), QString::number(gatewayPort)},
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

    void i210PretestAndPosttestAtOneStation()
    {
        const SimPort port = m_sim.port(u"i210plus"_qs, 0);
        QCOMPARE(runLine(kPretestI210, port).exitCode, 0);
        QCOMPARE(runLine(kPosttestI210, port).exitCode, 0);
    }

    void kv2cPretestOnTheFixtureThenCheckconfigAndPosttestOptical()
    {
        QCOMPARE(runLine(kPretestI210, m_sim.port(u"kv2c"_qs, 0, u"fixture"_qs)).exitCode, 0);
        const SimPort optical = m_sim.port(u"kv2c"_qs, 0, u"optical"_qs);
        QCOMPARE(runLine(kCheckconfigKv2c, optical).exitCode, 0);
        QCOMPARE(runLine(kPosttestKv2c, optical).exitCode, 0);
    }

    void singleStage() { QCOMPARE(runLine(kSingleStage, m_sim.port(u"i210plus"_qs, 1)).exitCode, 0); }

    void multiStageWithALogFilePerStage()
    {
        const SimPort port = m_sim.port(u"i210plus"_qs, 2);
        QCOMPARE(runLine(kStage1, port).exitCode, 0);
        QCOMPARE(runLine(kStage2, port).exitCode, 0);
        for (const char *name : {"emcm_factory_s1.log", "emcm_factory_s2.log"}) {
            const QByteArray log = readFile(m_dir.filePath(u"work/"_qs + QLatin1String(name)));
            // The whole diagnostic log, whatever --verbosity says: the steps and the meter choice.
            QVERIFY2(log.contains("step "), name);
            QVERIFY2(log.contains("meter i210plus:"), name);
        }
    }

    void bareNode() { QCOMPARE(runLine(kBareNode, m_sim.port(u"node"_qs, 0)).exitCode, 0); }

    void anEmcmThatCannotNameItsMeterNeedsTheStationsDefault()
    {
        // Its meter link is down: the eMCM cannot say which meter it sits in.
        const SimPort port = m_sim.port(u"i210plus"_qs, 3);
        const ProcessResult refused = runLine(kPretestI210, port);
        QCOMPARE(refused.exitCode, 3);
        QVERIFY2(refused.stdErr.contains("its meter link is down"), refused.stdErr.constData());
        QVERIFY2(refused.stdErr.contains("--meter i210plus"), refused.stdErr.constData());
        QVERIFY2(refused.stdErr.contains(port.path.toUtf8()), refused.stdErr.constData());
        // The station's default meter (its settings) is the last fallback.
        QVERIFY(QDir().mkpath(m_dir.filePath(u"config/ProvStation"_qs)));
        QVERIFY(
            writeFile(m_dir.filePath(u"config/ProvStation/provstation.conf"_qs), "[station]\ndefaultMeter=i210plus\n"));
        QCOMPARE(runLine(kPretestI210, port).exitCode, 0);
        QVERIFY(QFile::remove(m_dir.filePath(u"config/ProvStation/provstation.conf"_qs)));
    }

    void theExportHoldsEveryDeviceWithItsKeys()
    {
        // PRETEST makes no keys: the unit with the dead meter link is not in the export.
        verifyExport(m_i210, {m_sim.port(u"i210plus"_qs, 0), m_sim.port(u"kv2c"_qs, 0, u"fixture"_qs)}, m_i210.apps);
        verifyExport(m_kite, {m_sim.port(u"i210plus"_qs, 1), m_sim.port(u"i210plus"_qs, 2)}, m_kite.apps);
        // A node without a host holds no app key.
        verifyExport(m_node, {m_sim.port(u"node"_qs, 0)}, {});
    }
};

QTEST_GUILESS_MAIN(tst_LegacyLines)
#include "tst_legacylines.moc"

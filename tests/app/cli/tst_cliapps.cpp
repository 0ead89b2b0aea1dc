// An eMCM with several applications against the real thing: two packages made
// by `provstation-pack demo --apps` (emcm,zigbee and zigbee,emcm) in one
// provstation-server, eMCMs of provstation-sim holding emcm and zigbee, and
// provstation-cli. Every app gets its own firmware, configuration and key (the
// simulator's memory says so), device_keys.xml lists every app in manifest
// order with a key that decrypts (openssl pkeyutl) to the one its app holds;
// an eMCM without one of the configuration's apps fails naming it; firmware
// of the configuration's version is still written when its image differs,
// and skipped only when version and image both match.
#include "CliWorld.h"
#include "HttpTestSupport.h"
#include "SimHarness.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
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

} // namespace

class tst_CliApps : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ScratchStore m_store {QStringLiteral("sqlite")};
    ServerProcess m_server;
    SimProcess m_sim; ///< eMCMs with emcm and zigbee
    SimProcess m_emcmOnly; ///< eMCMs with emcm alone
    QStringList m_serverGlobals;
    Package m_emcmFirst;
    Package m_zigbeeFirst;

    ProcessResult server(const QStringList &args)
    {
        return runProcess(binPath(QStringLiteral("provstation-server")), m_serverGlobals + args, {}, 120000);
    }

    bool makePackage(Package *p, const QStringList &apps, QString *error)
    {
        const quint64 id = 0x4600000000000000ull | QRandomGenerator::global()->bounded(0x7FFFFFFF);
        p->configId = QStringLiteral("0x%1").arg(id, 16, 16, QLatin1Char('0')).toUpper().replace(u"0X"_qs, u"0x"_qs);
        p->alias = QStringLiteral("DEMO-%1").arg(id, 4, 16, QLatin1Char('0')).toUpper();
        p->apps = apps;
        p->dir = m_dir.filePath(apps.join(QLatin1Char('-')));
        const ProcessResult made = runProcess(binPath(QStringLiteral("provstation-pack")),
            {QStringLiteral("demo"), QStringLiteral("--out-dir"), p->dir, QStringLiteral("--config-id"), p->configId,
                QStringLiteral("--apps"), apps.join(QLatin1Char(','))},
            {}, 120000);
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

    CliRun cli(const Package &p, const SimProcess &sim, const SimPort &port, const QString &operation)
    {
        const QStringList args = {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(m_server.port()),
            QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")), QStringLiteral("--data-dir"),
            m_dir.filePath(QStringLiteral("station")), QStringLiteral("--config-alias"), p.alias, QStringLiteral("-B"),
            QStringLiteral("0x3E8"), QStringLiteral("-g"), QStringLiteral("127.0.0.1"),
            QStringLiteral("--control_port"), QString::number(sim.gatewayPort()), QStringLiteral("--meter"),
            QStringLiteral("i210plus"), QStringLiteral("-d"), port.path, QStringLiteral("--station"),
            QStringLiteral("line1-st3"), QStringLiteral("-t"), QStringLiteral("30"), QStringLiteral("--verbosity"),
            QStringLiteral("2"), operation};
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROVSTATION_SECRETS"), QStringLiteral("file"));
        proc.setProcessEnvironment(env);
        proc.start(binPath(QStringLiteral("provstation-cli")), args);
        // The server and the simulator are other processes: a blocking wait is fine here.
        if (!proc.waitForFinished(120000))
            return {};
        CliRun r;
        r.exitCode = proc.exitCode();
        r.out = QString::fromUtf8(proc.readAllStandardOutput());
        r.err = QString::fromUtf8(proc.readAllStandardError());
        return r;
    }

    static QString sha256Of(const QString &path)
    {
        return QString::fromLatin1(QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256).toHex());
    }

    static QJsonObject appState(const SimPort &port, const QString &name)
    {
        const QJsonArray apps = SimProcess::readState(port).value(u"host"_qs).toObject().value(u"apps"_qs).toArray();
        for (const QJsonValue &a : apps) {
            if (a.toObject().value(u"name"_qs).toString() == name)
                return a.toObject();
        }
        return {};
    }

    /// Each app of the device holds its own firmware image and configuration
    /// from package `p` (compared by SHA-256 with the package's source files).
    void verifyApps(const Package &p, const SimPort &port, const QString &kind)
    {
        for (const QString &name : p.apps) {
            const QJsonObject app = appState(port, name);
            QVERIFY2(!app.isEmpty(), qPrintable(name));
            QCOMPARE(app.value(u"firmware"_qs).toObject().value(u"sha256"_qs).toString(),
                sha256Of(QStringLiteral("%1/src/%2/firmware.bin").arg(p.dir, name)));
            const QJsonObject config = app.value(u"config"_qs).toObject();
            QCOMPARE(config.value(u"kind"_qs).toString(), kind);
            QCOMPARE(config.value(u"configId"_qs).toString(), p.configId);
            QCOMPARE(config.value(u"sha256"_qs).toString(),
                sha256Of(QStringLiteral("%1/src/%2/%3.cfg").arg(p.dir, name, kind)));
            // The keys come with the field configuration (POSTTEST).
            QCOMPARE(app.value(u"keys"_qs).toObject().isEmpty(), kind != u"field");
        }
    }

    /// device_keys.xml of `p`: the device's apps in manifest order, each key
    /// decrypting to the key that app holds. Returns the devices seen.
    int verifyExport(const Package &p, const QHash<QString, SimPort> &byNode)
    {
        const QString xml = m_dir.filePath(p.apps.join(QLatin1Char('-')) + QStringLiteral(".xml"));
        const ProcessResult exported
            = server({QStringLiteral("export"), QStringLiteral("--config-id"), p.configId, QStringLiteral("-o"), xml});
        if (exported.exitCode != 0) {
            qWarning("%s", exported.stdErr.constData());
            return -1;
        }
        QXmlStreamReader reader(readFile(xml));
        QString nodeId;
        QStringList order;
        int devices = 0;
        while (!reader.atEnd()) {
            if (reader.readNext() == QXmlStreamReader::EndElement && reader.name() == u"device") {
                if (order != p.apps) {
                    qWarning("apps %s, manifest %s", qPrintable(order.join(u',')), qPrintable(p.apps.join(u',')));
                    return -1;
                }
                continue;
            }
            if (reader.tokenType() != QXmlStreamReader::StartElement)
                continue;
            if (reader.name() == u"device") {
                nodeId = reader.attributes().value(u"nodeId"_qs).toString();
                order.clear();
                ++devices;
            } else if (reader.name() == u"app") {
                const QString name = reader.attributes().value(u"name"_qs).toString();
                order.append(name);
                const QJsonObject app = appState(byNode.value(nodeId), name);
                const QByteArray key = runProcess(QStringLiteral("openssl"),
                    {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"),
                        p.dir + QStringLiteral("/hes.pem"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("rsa_mgf1_md:sha256")},
                    QByteArray::fromHex(reader.attributes().value(u"key"_qs).toLatin1()))
                                           .stdOut.toHex();
                const QJsonObject keys = app.value(u"keys"_qs).toObject();
                if (key.isEmpty() || keys.size() != 1 || keys.begin().value().toString().toLatin1() != key
                    || reader.attributes().value(u"id"_qs).toString() != app.value(u"id"_qs).toString()) {
                    qWarning("app %s of %s: key or id differs from the device's", qPrintable(name), qPrintable(nodeId));
                    return -1;
                }
            }
        }
        return reader.hasError() ? -1 : devices;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_store.error().isEmpty(), qPrintable(m_store.error()));
        m_serverGlobals << QStringLiteral("--data-dir") << m_store.dataDir() << QStringLiteral("--master-key-file")
                        << m_store.masterKeyFile();
        QString error;
        QVERIFY2(makePackage(&m_emcmFirst, {u"emcm"_qs, u"zigbee"_qs}, &error), qPrintable(error));
        QVERIFY2(makePackage(&m_zigbeeFirst, {u"zigbee"_qs, u"emcm"_qs}, &error), qPrintable(error));
        const ProcessResult token = server({QStringLiteral("token"), QStringLiteral("issue"),
            QStringLiteral("--station"), QStringLiteral("line1-st3")});
        QVERIFY2(token.exitCode == 0, token.stdErr.constData());
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("token")), token.stdOut.trimmed()));
        QVERIFY2(m_server.start(binPath(QStringLiteral("provstation-server")),
                     m_serverGlobals
                         + QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--insecure-http")}),
            qPrintable(m_server.errorText()));

        // The devices start with the packages' version numbers (1.0.0.0) but other images.
        const QStringList common
            = {QStringLiteral("--join-delay"), QStringLiteral("0.3"), QStringLiteral("--flash-ms-per-kib"),
                QStringLiteral("0.2"), QStringLiteral("--gateway-port"), QStringLiteral("0")};
        QVERIFY2(m_sim.start(QStringList {QStringLiteral("--devices"), QStringLiteral("i210plus:2"),
                                 QStringLiteral("--apps"), QStringLiteral("emcm,zigbee"), QStringLiteral("--state-dir"),
                                 m_dir.filePath(QStringLiteral("sim"))}
                         + common,
                     &error),
            qPrintable(error));
        QVERIFY2(m_emcmOnly.start(
                     QStringList {QStringLiteral("--devices"), QStringLiteral("i210plus:1"), QStringLiteral("--seed"),
                         QStringLiteral("7"), QStringLiteral("--state-dir"), m_dir.filePath(QStringLiteral("sim1"))}
                         + common,
                     &error),
            qPrintable(error));
        for (SimProcess *sim : {&m_sim, &m_emcmOnly}) {
            connect(&sim->process(), &QProcess::readyReadStandardOutput, this,
                [sim] { sim->process().readAllStandardOutput(); });
        }
    }

    void cleanupTestCase()
    {
        m_sim.stop();
        m_emcmOnly.stop();
        m_server.stop();
    }

    void everyAppInBothManifestOrders()
    {
        QHash<QString, SimPort> byNode;
        for (const auto &[index, package] : {std::pair {0, &m_emcmFirst}, std::pair {1, &m_zigbeeFirst}}) {
            const SimPort port = m_sim.port(QStringLiteral("i210plus"), index);
            byNode.insert(port.nodeId, port);
            CliRun r = cli(*package, m_sim, port, QStringLiteral("PRETEST"));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            // Same version numbers, other images: every image is written.
            for (const QString &what : {u"node firmware 1.0.0.0 written"_qs, u"emcm firmware 1.0.0.0 written"_qs,
                     u"zigbee firmware 1.0.0.0 written"_qs})
                QVERIFY2(r.out.contains(what), qPrintable(what + u'\n' + r.out));
            verifyApps(*package, port, QStringLiteral("factory"));
            r = cli(*package, m_sim, port, QStringLiteral("POSTTEST"));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            verifyApps(*package, port, QStringLiteral("field"));
            // The two apps hold different keys.
            QVERIFY(appState(port, u"emcm"_qs).value(u"keys"_qs) != appState(port, u"zigbee"_qs).value(u"keys"_qs));
        }
        QCOMPARE(verifyExport(m_emcmFirst, byNode), 1);
        QCOMPARE(verifyExport(m_zigbeeFirst, byNode), 1);
    }

    void firmwareSkippedOnlyWhenVersionAndImageMatch()
    {
        // everyAppInBothManifestOrders: the devices started with the packages'
        // version numbers and other images, and got every image (verifyApps).
        // Now they run the very images: nothing is sent again.
        const SimPort port = m_sim.port(QStringLiteral("i210plus"), 0);
        QCOMPARE(SimProcess::readState(port)
                     .value(u"node"_qs)
                     .toObject()
                     .value(u"firmware"_qs)
                     .toObject()
                     .value(u"sha256"_qs)
                     .toString(),
            sha256Of(m_emcmFirst.dir + QStringLiteral("/src/node/firmware.bin")));
        const CliRun r = cli(m_emcmFirst, m_sim, port, QStringLiteral("PRETEST"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char *what : {"node already runs 1.0.0.0 (same image)", "emcm already runs 1.0.0.0 (same image)",
                 "zigbee already runs 1.0.0.0 (same image)"})
            QVERIFY2(r.out.contains(QLatin1String(what)), qPrintable(r.out));
        QVERIFY2(!r.out.contains(u"firmware 1.0.0.0 written"_qs), qPrintable(r.out));
    }

    void deviceWithoutAnAppFailsNamingIt()
    {
        const SimPort port = m_emcmOnly.port(QStringLiteral("i210plus"), 0);
        const CliRun r = cli(m_zigbeeFirst, m_emcmOnly, port, QStringLiteral("PRETEST"));
        QCOMPARE(r.exitCode, 75);
        QVERIFY2(r.err.contains(u"no application zigbee"_qs) || r.out.contains(u"no application zigbee"_qs),
            qPrintable(r.out + r.err));
        // Nothing was written to the eMCM.
        QCOMPARE(appState(port, u"emcm"_qs).value(u"config"_qs).toObject().value(u"kind"_qs).toString(),
            QStringLiteral("none"));
    }
};

QTEST_GUILESS_MAIN(tst_CliApps)
#include "tst_cliapps.moc"

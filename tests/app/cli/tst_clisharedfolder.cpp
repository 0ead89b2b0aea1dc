// Shared-folder mode end to end: provstation-server publishes the package
// files into a folder (--shared-folder), its configuration names each file's
// path there, and provstation-cli, which sees that folder under another root
// (a symlinked view, as a share mounted elsewhere), rewrites the paths with
// --path_trans_from/--path_trans_to, reads the files from there instead of
// downloading them, checks their hashes, and names the path that failed.
#include "HttpTestSupport.h"
#include "ShellPackage.h"
#include "SimHarness.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::test;

class tst_CliSharedFolder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ScratchStore m_store {QStringLiteral("sqlite")};
    ShellPackage m_package;
    ServerProcess m_server;
    SimProcess m_sim;
    QString m_alias;
    QString m_serverRoot; ///< where the server publishes
    QString m_stationRoot; ///< the same folder as the station sees it
    QByteArray m_token;

    struct Cli
    {
        int code = -1;
        QString err;
    };

    Cli cli(const QString &translateTo, const QString &stationFolder, int device)
    {
        const SimPort port = m_sim.port(QStringLiteral("node"), device);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROVSTATION_SECRETS"), QStringLiteral("file"));
        p.setProcessEnvironment(env);
        p.start(binPath(QStringLiteral("provstation-cli")),
            {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(m_server.port()), QStringLiteral("--token-file"),
                m_dir.filePath(QStringLiteral("token")), QStringLiteral("--data-dir"), m_dir.filePath(stationFolder),
                QStringLiteral("--config-alias"), m_alias, QStringLiteral("-B"), QStringLiteral("1000"),
                QStringLiteral("--meter"), QStringLiteral("node"), QStringLiteral("-d"), port.path,
                QStringLiteral("--station"), QStringLiteral("line1-st3"), QStringLiteral("-t"), QStringLiteral("30"),
                QStringLiteral("--path_trans_from=") + m_serverRoot, QStringLiteral("--path_trans_to=") + translateTo,
                QStringLiteral("PROVISION")});
        // The server and the simulator are other processes: a blocking wait is fine here.
        if (!p.waitForFinished(120000))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput())};
    }

    QJsonObject configuration()
    {
        const RawResponse reply = rawExchange(m_server.port(),
            "GET /api/v1/configurations/" + m_alias.toLatin1() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + m_token + "\r\nConnection: close\r\n\r\n");
        return reply.status == 200 ? QJsonDocument::fromJson(reply.body).object() : QJsonObject();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_store.error().isEmpty(), qPrintable(m_store.error()));
        const quint64 id = 0x4700000000000000ull | QRandomGenerator::global()->bounded(0x7FFFFFFF);
        const QString configId = QStringLiteral("0x%1").arg(id, 16, 16, QLatin1Char('0')).toUpper().replace(u'X', u'x');
        m_alias = QStringLiteral("SF-%1").arg(id & 0xFFFFFF, 6, 16, QLatin1Char('0'));
        QString error;
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("package"))));
        QVERIFY2(
            m_package.build(m_dir.filePath(QStringLiteral("package")), configId, m_alias, &error), qPrintable(error));
        const QStringList globals {QStringLiteral("--data-dir"), m_store.dataDir(), QStringLiteral("--master-key-file"),
            m_store.masterKeyFile()};
        const QString server = binPath(QStringLiteral("provstation-server"));
        const ProcessResult imported = runProcess(server,
            globals
                + QStringList {QStringLiteral("import"), QStringLiteral("--passphrase-file"),
                    m_package.passphraseFile(), m_package.packagePath()});
        QVERIFY2(imported.exitCode == 0, imported.stdErr.constData());
        const ProcessResult token = runProcess(server,
            globals
                + QStringList {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"),
                    QStringLiteral("line1-st3")});
        QVERIFY2(token.exitCode == 0, token.stdErr.constData());
        m_token = token.stdOut.trimmed();
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("token")), m_token));

        // The server's folder, and the station's view of it under another root.
        m_serverRoot = m_dir.filePath(QStringLiteral("srv/provstation/share"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("mnt"))));
        m_stationRoot = m_dir.filePath(QStringLiteral("mnt/factory-share"));
        QVERIFY(QDir().mkpath(m_serverRoot));
        QVERIFY(QFile::link(m_serverRoot, m_stationRoot));
        QVERIFY2(m_server.start(server,
                     globals
                         + QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                             QStringLiteral("--insecure-http"), QStringLiteral("--shared-folder"), m_serverRoot}),
            qPrintable(m_server.errorText()));
        QVERIFY2(m_server.allStdout().contains("shared folder: "), m_server.allStdout().constData());
        QVERIFY2(m_sim.start({QStringLiteral("--devices"), QStringLiteral("node:2"), QStringLiteral("--state-dir"),
                                 m_dir.filePath(QStringLiteral("sim")), QStringLiteral("--join-delay"),
                                 QStringLiteral("0.3"), QStringLiteral("--flash-ms-per-kib"), QStringLiteral("0.5"),
                                 QStringLiteral("--reset-ms"), QStringLiteral("100")},
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

    void configurationNamesEveryFilesSharedPath()
    {
        const QJsonObject config = configuration();
        const QJsonArray files = config.value(QStringLiteral("files")).toArray();
        QVERIFY(!files.isEmpty());
        for (const QJsonValue value : files) {
            const QJsonObject file = value.toObject();
            const QString sha = file.value(QStringLiteral("sha256")).toString();
            const QString shared = file.value(QStringLiteral("sharedPath")).toString();
            QCOMPARE(shared, m_serverRoot + QStringLiteral("/%1/%2").arg(sha.left(2), sha));
            const QByteArray content = readFile(shared);
            QCOMPARE(content.size(), file.value(QStringLiteral("size")).toInteger());
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()), sha);
        }
    }

    void stationReadsTheFilesThroughItsOwnMountRoot()
    {
        const Cli r = cli(m_stationRoot, QStringLiteral("station-ok"), 0);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // Nothing was downloaded: every file came from the share.
        QVERIFY2(!m_server.allStderr().contains("GET /api/v1/files/"), m_server.allStderr().right(2000).constData());
        const QJsonObject node
            = SimProcess::readState(m_sim.port(QStringLiteral("node"), 0)).value(QLatin1String("node")).toObject();
        QCOMPARE(node.value(QLatin1String("firmware")).toObject().value(QLatin1String("version")).toString(),
            QStringLiteral("1.2.3.4"));
    }

    void aPathTheStationCannotReadIsNamed()
    {
        const QString nowhere = m_dir.filePath(QStringLiteral("mnt/not-mounted"));
        const Cli r = cli(nowhere, QStringLiteral("station-unmounted"), 1);
        QCOMPARE(r.code, 108);
        QVERIFY2(r.err.contains(nowhere + u'/'), qPrintable(r.err));
    }

    void aDamagedFileInTheShareIsRefusedNamingItsPath()
    {
        const QJsonObject firmware
            = configuration().value(QStringLiteral("node")).toObject().value(QStringLiteral("firmware")).toObject();
        const QString sha = firmware.value(QStringLiteral("sha256")).toString();
        const QString published = m_serverRoot + QStringLiteral("/%1/%2").arg(sha.left(2), sha);
        QByteArray content = readFile(published);
        QVERIFY(!content.isEmpty());
        content[0] = char(content.at(0) ^ 0x5a); // same size, other bytes
        QVERIFY(QFile::setPermissions(published, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(writeFile(published, content));
        const Cli r = cli(m_stationRoot, QStringLiteral("station-damaged"), 1);
        // Device 1 still runs its factory firmware, so the firmware is needed.
        QCOMPARE(r.code, 102);
        const QString seen = m_stationRoot + QStringLiteral("/%1/%2").arg(sha.left(2), sha);
        QVERIFY2(r.err.contains(seen) && r.err.contains(QLatin1String("SHA-256")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_CliSharedFolder)
#include "tst_clisharedfolder.moc"

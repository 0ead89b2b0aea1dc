#include "CliWorld.h"

#include "ConfigurationJson.h"
#include "TestSupport.h"

#include "domain/DeviceIds.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>
#include <QXmlStreamReader>

namespace prov::test {

CliWorld::CliWorld() = default;

CliWorld::~CliWorld()
{
    sim.stop();
    realServer.stop();
}

bool CliWorld::start(const QStringList &simArguments, QString *error)
{
    if (!dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    auto key = crypto::RsaPrivateKey::generate(2048);
    if (!key.ok()) {
        *error = key.error().toString();
        return false;
    }
    kms = std::move(key).value();
    QStringList args = simArguments;
    args << QStringLiteral("--state-dir") << dir.filePath(QStringLiteral("sim"));
    if (!sim.start(args, error))
        return false;
    // The simulator may keep talking; an unread pipe would stall it.
    QObject::connect(&sim.process(), &QProcess::readyReadStandardOutput, &sim.process(),
        [this] { sim.process().readAllStandardOutput(); });

    server = std::make_unique<StubStationServer>();
    server->files = {{QStringLiteral("node-firmware"), testImage(12000, 1)},
        {QStringLiteral("node-factoryConfig"), testImage(500, 2)},
        {QStringLiteral("node-fieldConfig"), testImage(600, 3)}, {QStringLiteral("emcm-firmware"), testImage(8000, 4)},
        {QStringLiteral("emcm-factoryConfig"), testImage(300, 5)},
        {QStringLiteral("emcm-fieldConfig"), testImage(400, 6)}};
    server->configuration = configurationJson(server->baseUrl(), server->files, kms->publicKey().toPem());

    tokenFile = dir.filePath(QStringLiteral("token"));
    writeFile(tokenFile, "station-token-for-tests\n");
    dataDir = dir.filePath(QStringLiteral("station"));
    return true;
}

bool CliWorld::startRealServer(QString *error)
{
    const QString packageDir = dir.filePath(QStringLiteral("package"));
    QDir().mkpath(packageDir);
    if (!package.build(packageDir, QStringLiteral("0x0000000000000046"), QStringLiteral("PN-REAL"), error))
        return false;
    const QStringList globals = {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("server")),
        QStringLiteral("--master-key-file"), dir.filePath(QStringLiteral("master.key"))};
    const QString program = binPath(QStringLiteral("provstation-server"));
    const ProcessResult imported = runProcess(program,
        globals
            + QStringList {QStringLiteral("import"), QStringLiteral("--passphrase-file"), package.passphraseFile(),
                package.packagePath()});
    if (imported.exitCode != 0) {
        *error = QString::fromUtf8(imported.stdErr);
        return false;
    }
    const ProcessResult token = runProcess(program,
        globals
            + QStringList {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"),
                QStringLiteral("crash")});
    if (token.exitCode != 0) {
        *error = QString::fromUtf8(token.stdErr);
        return false;
    }
    realTokenFile = dir.filePath(QStringLiteral("real-token"));
    writeFile(realTokenFile, token.stdOut.trimmed());
    if (!realServer.start(program,
            globals
                + QStringList {
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--insecure-http")})) {
        *error = realServer.errorText();
        return false;
    }
    return true;
}

ProcessResult CliWorld::realServerCommand(const QStringList &arguments) const
{
    return runProcess(binPath(QStringLiteral("provstation-server")),
        QStringList {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("server")),
            QStringLiteral("--master-key-file"), dir.filePath(QStringLiteral("master.key"))}
            + arguments);
}

bool CliWorld::exportReal(QHash<QString, QByteArray> *keys, QStringList *leftOut, QString *error) const
{
    const QString path = dir.filePath(QStringLiteral("device_keys.xml"));
    const ProcessResult r = realServerCommand({QStringLiteral("export"), QStringLiteral("--config-alias"),
        QStringLiteral("PN-REAL"), QStringLiteral("-o"), path});
    if (r.exitCode != 0) {
        *error = QString::fromUtf8(r.stdErr);
        return false;
    }
    // stderr: a warning line, then "<nodeId>\t<state>\t<station>\t<time>\t<sequence>" per node.
    static const QRegularExpression line(QStringLiteral("^(0x[0-9A-F]{8})\\t(pending|failed)\\t"));
    for (const QString &text : QString::fromUtf8(r.stdErr).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = line.match(text);
        if (m.hasMatch())
            leftOut->append(m.captured(1));
    }
    QXmlStreamReader xml(readFile(path));
    QString node;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"device")
            node = xml.attributes().value(QLatin1String("nodeId")).toString();
        if (xml.isStartElement() && xml.name() == u"nodeRootKey")
            keys->insert(node,
                package.decrypt(QByteArray::fromBase64(xml.readElementText().toLatin1()), package.kmsPrivateKey()));
    }
    if (xml.hasError()) {
        *error = xml.errorString();
        return false;
    }
    return true;
}

QList<QByteArray> CliWorld::realServerKeys(const QString &nodeId) const
{
    QList<QByteArray> keys;
    const QString name = QStringLiteral("oracle-%1").arg(nodeId);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dir.filePath(QStringLiteral("server/provstation.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT node_root_key FROM escrow WHERE node_id = ?"));
            q.addBindValue(qint64(NodeId::parse(nodeId).value().value()));
            if (q.exec()) {
                while (q.next())
                    keys.append(package.decrypt(
                        QByteArray::fromBase64(q.value(0).toString().toLatin1()), package.kmsPrivateKey()));
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return keys;
}

QStringList CliWorld::baseArguments(bool real) const
{
    if (real)
        return {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(realServer.port()),
            QStringLiteral("--token-file"), realTokenFile, QStringLiteral("--data-dir"), dataDir,
            QStringLiteral("--config-alias"), QStringLiteral("PN-REAL"), QStringLiteral("-B"), QStringLiteral("1000"),
            QStringLiteral("-g"), QStringLiteral("127.0.0.1"), QStringLiteral("--control_port"),
            QString::number(sim.gatewayPort())};
    return {QStringLiteral("-s"), QStringLiteral("127.0.0.1:%1").arg(server->port()), QStringLiteral("--token-file"),
        tokenFile, QStringLiteral("--data-dir"), dataDir, QStringLiteral("-p"), QStringLiteral("0x45"),
        QStringLiteral("-B"), QStringLiteral("1000"), QStringLiteral("-g"), QStringLiteral("127.0.0.1"),
        QStringLiteral("--control_port"), QString::number(sim.gatewayPort())};
}

QProcess *CliWorld::launch(const QStringList &arguments, const QProcessEnvironment &extra)
{
    auto *p = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PROVSTATION_TOKEN"));
    env.insert(QStringLiteral("PROVSTATION_SECRETS"), QStringLiteral("file"));
    env.insert(extra);
    p->setProcessEnvironment(env);
    p->start(binPath(cliProgram), arguments);
    return p;
}

CliRun CliWorld::run(const QStringList &arguments, const QProcessEnvironment &extra, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QProcess> p(launch(arguments, extra));
    QEventLoop loop;
    QObject::connect(p.get(), &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(p.get(), &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (p->state() != QProcess::NotRunning)
        loop.exec();
    CliRun r;
    if (p->state() != QProcess::NotRunning) {
        p->kill();
        p->waitForFinished(5000);
        r.crashed = true;
    }
    r.exitCode = p->exitCode();
    r.crashed = r.crashed || p->exitStatus() != QProcess::NormalExit;
    r.out = QString::fromUtf8(p->readAllStandardOutput());
    r.err = QString::fromUtf8(p->readAllStandardError());
    r.ms = clock.elapsed();
    return r;
}

QByteArray CliWorld::decryptNodeRootKey(const QJsonObject &escrow) const
{
    const QByteArray blob = QByteArray::fromBase64(escrow.value(QLatin1String("nodeRootKey")).toString().toLatin1());
    Result<crypto::SecretBytes> plain = kms->decryptOaep(blob);
    return plain.ok() ? plain->view().toByteArray().toHex() : QByteArray();
}

QByteArray CliWorld::deviceKey(const SimPort &port, const QString &processor, const QString &slot)
{
    return SimProcess::readState(port)
        .value(processor)
        .toObject()
        .value(QLatin1String("keys"))
        .toObject()
        .value(slot)
        .toString()
        .toLatin1();
}

} // namespace prov::test

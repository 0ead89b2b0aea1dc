// Import benchmark through the two real paths: a package with a 64 MiB
// firmware image imported
//   - by the CLI: `provstation-server import --passphrase-file F PACKAGE` as a
//     child process; its peak RSS is the child's own maximum (wait4's
//     ru_maxrss), its growth the difference to `provstation-server packages` on
//     the same store (the same process without an import);
//   - by HTTP upload: a multipart POST /api/v1/packages streamed to a running
//     provstation-server; the server's peak RSS growth is its VmHWM after the
//     answer minus its VmRSS before the upload, with the peak reset through
//     /proc/PID/clear_refs first (same user, Linux >= 4.0);
//   - the firmware's download right after each upload (GET /api/v1/files/SHA),
//     served from the content store (the database on PostgreSQL), with the
//     server's peak RSS growth measured the same way.
// Every run uses a fresh store (SQLite, and PostgreSQL when
// PROVSTATION_TEST_PG_URL is set), so the firmware is really stored each time
// (no deduplication against an earlier run). Goals: <= 5 s, and peak RSS grows by
// less than the image size. Usage: bench_import_server [RUNS] (default 3).
// One JSON object per engine and path on stdout.

#include "BenchSupport.h"
#include "HttpTestSupport.h"
#include "StoreTestSupport.h"
#include "TestSupport.h"

#include "crypto/RsaKeys.h"
#include "package/GatewayKeyFile.h"
#include "package/PackageWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

using namespace prov;

namespace {

constexpr qint64 kFirmwareBytes = 64ll * 1024 * 1024;
const QByteArray kPassphrase = QByteArrayLiteral("bench passphrase");

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_import_server: %s\n", qPrintable(what));
    return 1;
}

/// One finished child process.
struct Child
{
    int exitCode = -1;
    double seconds = 0;
    qint64 maxRssKiB = -1;
    QByteArray output; ///< stdout and stderr together
};

/// Runs `program` with `arguments` and the environment `env` and waits for it
/// with wait4, whose rusage is this child's alone (RUSAGE_CHILDREN would mix in
/// every earlier child).
Child spawnAndWait(
    const QString &program, const QStringList &arguments, const QProcessEnvironment &env, const QString &outputFile)
{
    Child child;
    std::vector<QByteArray> storage;
    storage.push_back(QFile::encodeName(program));
    for (const QString &argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &item : storage)
        argv.push_back(item.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envStorage;
    for (const QString &entry : env.toStringList())
        envStorage.push_back(entry.toLocal8Bit());
    std::vector<char *> envp;
    for (QByteArray &item : envStorage)
        envp.push_back(item.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray out = QFile::encodeName(outputFile);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return child;
    int status = 0;
    rusage usage = {};
    if (::wait4(pid, &status, 0, &usage) != pid)
        return child;
    child.seconds = double(timer.nsecsElapsed()) / 1e9;
    child.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    child.maxRssKiB = usage.ru_maxrss; // KiB on Linux
    child.output = test::readFile(outputFile);
    return child;
}

/// A field of /proc/PID/status in KiB; -1 if unavailable.
qint64 procStatusKiB(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.size() >= 2 ? parts[1].toLongLong() : -1;
        }
    }
    return -1;
}

bool resetPeakRssOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/clear_refs").arg(pid));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

QProcessEnvironment serverEnvironment(const test::ScratchStore &scratch)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PROVSTATION_MASTER_KEY_FILE"), scratch.masterKeyFile());
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    return env;
}

QStringList storeArguments(const test::ScratchStore &scratch)
{
    QStringList arguments {QStringLiteral("--data-dir"), scratch.dataDir()};
    if (!scratch.databaseUrl().isEmpty())
        arguments << QStringLiteral("--db") << scratch.databaseUrl();
    return arguments;
}

/// The figures of one path over its runs.
struct Figures
{
    QList<double> seconds;
    QList<qint64> growthKiB;
    QList<qint64> peakKiB;
    QString loadBefore;
    QString loadAfter;
    QString note;

    [[nodiscard]] QJsonObject json(const QString &engine, const QString &path, qint64 packageBytes) const
    {
        QList<double> sorted = seconds;
        std::sort(sorted.begin(), sorted.end());
        const qint64 maxGrowth = growthKiB.isEmpty() ? -1 : *std::max_element(growthKiB.begin(), growthKiB.end());
        const double median = sorted.isEmpty() ? -1 : sorted[sorted.size() / 2];
        QJsonArray each;
        for (double s : seconds)
            each.append(s);
        QJsonArray growths;
        for (qint64 g : growthKiB)
            growths.append(double(g));
        return QJsonObject {{QStringLiteral("bench"), QStringLiteral("import_server")},
            {QStringLiteral("engine"), engine}, {QStringLiteral("path"), path},
            {QStringLiteral("firmwareBytes"), double(kFirmwareBytes)},
            {QStringLiteral("packageBytes"), double(packageBytes)}, {QStringLiteral("runs"), seconds.size()},
            {QStringLiteral("seconds"), each}, {QStringLiteral("secondsMin"), sorted.isEmpty() ? -1 : sorted.first()},
            {QStringLiteral("secondsMedian"), median}, {QStringLiteral("peakRssGrowthKiB"), growths},
            {QStringLiteral("maxPeakRssGrowthKiB"), double(maxGrowth)},
            {QStringLiteral("peakRssKiB"), double(peakKiB.isEmpty() ? -1 : peakKiB.last())},
            {QStringLiteral("measured"), note}, {QStringLiteral("loadAverageBefore"), loadBefore},
            {QStringLiteral("loadAverageAfter"), loadAfter}, {QStringLiteral("goalSeconds"), 5},
            {QStringLiteral("goalPeakRssGrowthBelowKiB"), double(kFirmwareBytes / 1024)},
            {QStringLiteral("goalsMet"),
                median >= 0 && median <= 5.0 && maxGrowth >= 0 && maxGrowth < kFirmwareBytes / 1024}};
    }
};

/// `provstation-server import` on a fresh store.
QString runCli(const QString &engine, const QString &packagePath, const QString &passphraseFile, Figures &figures)
{
    test::ScratchStore scratch(engine);
    if (!scratch.error().isEmpty())
        return scratch.error();
    const QString server = test::binPath(QStringLiteral("provstation-server"));
    const QProcessEnvironment env = serverEnvironment(scratch);
    const QString log = scratch.scratchDir() + QStringLiteral("/cli.log");
    // The same process without an import: what the store and the libraries cost.
    const Child idle = spawnAndWait(server, storeArguments(scratch) << QStringLiteral("packages"), env, log);
    if (idle.exitCode != 0)
        return QStringLiteral("`packages` failed: ") + QString::fromLocal8Bit(idle.output);
    const Child import = spawnAndWait(server,
        storeArguments(scratch) << QStringLiteral("import") << QStringLiteral("--passphrase-file") << passphraseFile
                                << packagePath,
        env, log);
    if (import.exitCode != 0 || !import.output.contains("imported as revision 1"))
        return QStringLiteral("import failed: ") + QString::fromLocal8Bit(import.output);
    figures.seconds.append(import.seconds);
    figures.peakKiB.append(import.maxRssKiB);
    figures.growthKiB.append(import.maxRssKiB - idle.maxRssKiB);
    figures.note = QStringLiteral("child wall time incl. start; growth = ru_maxrss(import) - ru_maxrss(packages)");
    return {};
}

/// GET of the imported firmware, as a station downloads it: served from the
/// content store (the database on PostgreSQL) a slice at a time.
QString runDownload(const test::ServerProcess &server, const QByteArray &token, Figures &figures)
{
    const test::RawResponse config = test::rawExchange(server.port(),
        "GET /api/v1/configurations/0x45 HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n");
    const QJsonObject firmware = QJsonDocument::fromJson(config.body)
                                     .object()
                                     .value(QStringLiteral("node"))
                                     .toObject()
                                     .value(QStringLiteral("firmware"))
                                     .toObject();
    const QByteArray url = firmware.value(QStringLiteral("url")).toString().toLatin1();
    if (config.status != 200 || url.isEmpty())
        return QStringLiteral("configuration answered %1").arg(config.status);
    const bool peakReset = resetPeakRssOf(server.pid());
    const qint64 rssBefore = procStatusKiB(server.pid(), "VmRSS");
    const qint64 hwmBefore = procStatusKiB(server.pid(), "VmHWM");
    QElapsedTimer timer;
    timer.start();
    const test::RawResponse file = test::rawExchange(server.port(),
        "GET " + url + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n", 120000);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 hwmAfter = procStatusKiB(server.pid(), "VmHWM");
    if (file.status != 200 || file.body.size() != kFirmwareBytes)
        return QStringLiteral("download answered %1 with %2 bytes").arg(file.status).arg(file.body.size());
    figures.seconds.append(seconds);
    figures.peakKiB.append(hwmAfter);
    figures.growthKiB.append(hwmAfter - (peakReset ? rssBefore : hwmBefore));
    figures.note = QStringLiteral("GET of the firmware, request to last byte; growth = server VmHWM - VmRSS before");
    return {};
}

/// POST /api/v1/packages to a fresh server, the package streamed from disk as
/// a station's browser or script would; then the firmware's download.
QString runHttp(const QString &engine, const QString &packagePath, Figures &figures, Figures &download)
{
    test::ScratchStore scratch(engine);
    if (!scratch.error().isEmpty())
        return scratch.error();
    QByteArray token;
    {
        auto store = scratch.open();
        if (!store)
            return store.error().toString();
        const auto password = crypto::SecretBytes::copyOf("bench admin password");
        if (auto added = store.value()->accounts().addUser(
                QStringLiteral("bench-admin"), server::Role::Admin, password, QStringLiteral("bench"));
            !added)
            return added.error().toString();
        auto session = store.value()->tokens().authenticate(
            QStringLiteral("bench-admin"), password, QStringLiteral("127.0.0.1"));
        if (!session)
            return session.error().toString();
        token = session->token.toLatin1();
    }
    test::ServerProcess server;
    if (!server.start(test::binPath(QStringLiteral("provstation-server")),
            storeArguments(scratch) << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0")
                                    << QStringLiteral("--insecure-http"),
            serverEnvironment(scratch)))
        return QStringLiteral("the server did not start: ") + server.errorText();
    // Warm up (first request, database connection, thread pool) before measuring.
    if (test::rawExchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: bench\r\n\r\n").status != 200)
        return QStringLiteral("the server does not answer /health");

    QFile package(packagePath);
    if (!package.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read ") + packagePath;
    const QByteArray boundary = "----provstation-bench-import";
    const QByteArray fields = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"passphrase\"\r\n\r\n"
        + kPassphrase + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"bench.tar.gz\"\r\n"
          "Content-Type: application/gzip\r\n\r\n";
    const QByteArray tail = "\r\n--" + boundary + "--\r\n";
    const qint64 length = fields.size() + package.size() + tail.size();

    const bool peakReset = resetPeakRssOf(server.pid());
    const qint64 rssBefore = procStatusKiB(server.pid(), "VmRSS");
    const qint64 hwmBefore = procStatusKiB(server.pid(), "VmHWM");
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    if (!socket.waitForConnected(5000))
        return QStringLiteral("cannot connect");
    QElapsedTimer timer;
    timer.start();
    socket.write("POST /api/v1/packages HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
        + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n\r\n" + fields);
    QByteArray slice(256 * 1024, Qt::Uninitialized);
    while (!package.atEnd() && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.bytesToWrite() < 1024 * 1024) {
            const qint64 n = package.read(slice.data(), slice.size());
            if (n <= 0)
                break;
            socket.write(slice.constData(), n);
        }
        socket.waitForBytesWritten(100);
    }
    socket.write(tail);
    const double sentSeconds = double(timer.nsecsElapsed()) / 1e9;
    const test::RawResponse response = test::readResponse(socket, 120000);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 hwmAfter = procStatusKiB(server.pid(), "VmHWM");
    const QString downloaded = response.status == 201 ? runDownload(server, token, download) : QString();
    server.stop();
    if (!downloaded.isEmpty())
        return downloaded;
    const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
    if (response.status != 201
        || answer.value(QStringLiteral("outcome")).toObject().value(QStringLiteral("kind")).toString() != u"imported")
        return QStringLiteral("upload answered %1: %2")
            .arg(response.status)
            .arg(QString::fromUtf8(response.body.left(400)));
    figures.seconds.append(seconds);
    figures.peakKiB.append(hwmAfter);
    figures.growthKiB.append(hwmAfter - (peakReset ? rssBefore : hwmBefore));
    figures.note
        = QStringLiteral("first byte sent to answer (body sent in %1 s); growth = server VmHWM - VmRSS before%2")
              .arg(sentSeconds, 0, 'f', 2)
              .arg(peakReset ? QString() : QStringLiteral(" (clear_refs refused: VmHWM before)"));
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? qMax(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("no temporary folder"));
    const auto path = [&](const QString &name) {
        return dir.filePath(name);
    };
    if (!bench::writeBenchFirmware(path(QStringLiteral("firmware.bin")), kFirmwareBytes)
        || !test::writeFile(path(QStringLiteral("field.cfg")), QByteArray(512, 'f'))
        || !test::writeFile(path(QStringLiteral("factory.cfg")), QByteArray(512, 'F'))
        || !test::writeFile(path(QStringLiteral("passphrase.txt")), kPassphrase + '\n'))
        return fail(QStringLiteral("cannot write the package's files"));
    Result<crypto::RsaPrivateKey> kms = crypto::RsaPrivateKey::generate(2048);
    Result<package::GatewayKeys> keys = package::GatewayKeyFile::randomKeys();
    if (!kms || !keys)
        return fail(QStringLiteral("cannot make keys"));
    package::PackageSource source;
    source.configId = ConfigId(0x45);
    source.appLabel = QStringLiteral("bench");
    source.nodeVersion = QStringLiteral("1.0.0.0");
    source.nodeFirmwarePath = path(QStringLiteral("firmware.bin"));
    source.nodeFieldConfigPath = path(QStringLiteral("field.cfg"));
    source.nodeFactoryConfigPath = path(QStringLiteral("factory.cfg"));
    const QString packagePath = path(QStringLiteral("bench.tar.gz"));
    const Result<package::Manifest> written
        = package::PackageWriter::write(source, *keys, crypto::SecretBytes::copyOf(kPassphrase), *kms, packagePath);
    if (!written)
        return fail(written.error().toString());
    QFile::remove(path(QStringLiteral("firmware.bin"))); // only the package stays on disk
    const qint64 packageBytes = QFileInfo(packagePath).size();

    QStringList engines {QStringLiteral("sqlite")};
    if (!test::postgresUrl().isEmpty())
        engines << QStringLiteral("postgres");
    int status = 0;
    for (const QString &engine : engines) {
        Figures cli;
        cli.loadBefore = bench::loadAverageText();
        for (int run = 0; run < runs; ++run) {
            if (const QString error = runCli(engine, packagePath, path(QStringLiteral("passphrase.txt")), cli);
                !error.isEmpty())
                return fail(QStringLiteral("%1 CLI: %2").arg(engine, error));
        }
        cli.loadAfter = bench::loadAverageText();
        const QJsonObject cliJson = cli.json(engine, QStringLiteral("cli"), packageBytes);
        std::printf("%s\n", QJsonDocument(cliJson).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);

        Figures http;
        Figures download;
        http.loadBefore = bench::loadAverageText();
        download.loadBefore = http.loadBefore;
        for (int run = 0; run < runs; ++run) {
            if (const QString error = runHttp(engine, packagePath, http, download); !error.isEmpty())
                return fail(QStringLiteral("%1 HTTP: %2").arg(engine, error));
        }
        http.loadAfter = bench::loadAverageText();
        download.loadAfter = http.loadAfter;
        const QJsonObject httpJson = http.json(engine, QStringLiteral("http"), packageBytes);
        std::printf("%s\n", QJsonDocument(httpJson).toJson(QJsonDocument::Compact).constData());
        std::printf("%s\n",
            QJsonDocument(download.json(engine, QStringLiteral("download"), packageBytes))
                .toJson(QJsonDocument::Compact)
                .constData());
        std::fflush(stdout);
        if (!cliJson.value(QStringLiteral("goalsMet")).toBool() || !httpJson.value(QStringLiteral("goalsMet")).toBool())
            status = 2; // figures printed; the exit code says a goal was missed
    }
    return status;
}

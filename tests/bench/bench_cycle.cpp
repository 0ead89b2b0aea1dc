// Cycle time of whole device runs against provstation-sim at real baud pacing
// as a ratio to the floor measured in the same run:
//   floor = bytes that crossed the line / (baud / 10)        (both directions)
//         + the device's own delays: flash writes (--flash-ms-per-kib times
//           the object bytes written) and, where the timed part waits for it,
//           the gateway's join delay.
// Flows: i210plus PRETEST+POSTTEST (direct, 115200, orw) and kv2c
// CHECKCONFIG+POSTTEST (optical, 9600, opt_psem; its PRETEST on the fixture
// is setup, untimed, and the join happens before the timed part). Each with
// 1, 8, 32 and 64 stations at once in one process (Engine threads), a fresh
// simulator per case. One JSON object per case on stdout.
//
// Usage: bench_cycle [--stations 1,8,32,64] [--flows i210plus,kv2c] [--devices-per-sim 4] [--engine-threads N]
#include "engine/Engine.h"
#include "engine/FileCache.h"
#include "engine/KeyOutbox.h"
#include "engine/PluginRegistry.h"
#include "engine/ServerClient.h"

#include "ConfigurationJson.h"
#include "SimHarness.h"
#include "StubStationServer.h"
#include "TestSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>

#include <sys/resource.h>

using namespace prov;
using namespace prov::engine;

namespace {

constexpr double kJoinDelayS = 1.0;
constexpr double kFlashMsPerKiB = 2.0;

struct Files
{
    int nodeFirmware = 64 * 1024;
    int nodeFactory = 2048;
    int nodeField = 2048;
    int hostFirmware = 32 * 1024;
    int hostFactory = 1024;
    int hostField = 1024;
};

double cpuSeconds(int who)
{
    rusage u {};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : -1.0;
}

struct Sample
{
    double firstS = 0; ///< the first timed run (PRETEST, CHECKCONFIG)
    double cycleS = 0;
    double floorS = 0;
    bool ok = true;
    QString error;
};

class Bench
{
public:
    bool init(QString *error)
    {
        if (m_plugins.loadDirectory(QDir::cleanPath(test::binPath(QStringLiteral("../lib/provstation/plugins"))))
            != 3) {
            *error = QStringLiteral("meter plugins not found");
            return false;
        }
        auto kms = crypto::RsaPrivateKey::generate(2048);
        if (!kms.ok()) {
            *error = kms.error().toString();
            return false;
        }
        m_server.files = {{QStringLiteral("node-firmware"), test::testImage(m_files.nodeFirmware, 1)},
            {QStringLiteral("node-factoryConfig"), test::testImage(m_files.nodeFactory, 2)},
            {QStringLiteral("node-fieldConfig"), test::testImage(m_files.nodeField, 3)},
            {QStringLiteral("emcm-firmware"), test::testImage(m_files.hostFirmware, 4)},
            {QStringLiteral("emcm-factoryConfig"), test::testImage(m_files.hostFactory, 5)},
            {QStringLiteral("emcm-fieldConfig"), test::testImage(m_files.hostField, 6)}};
        m_server.configuration = test::configurationJson(m_server.baseUrl(), m_server.files, kms->publicKey().toPem());
        return true;
    }

    QJsonObject runCase(const QString &flow, int stations)
    {
        QTemporaryDir dir;
        const double cpuSelf0 = cpuSeconds(RUSAGE_SELF);
        const double cpuChildren0 = cpuSeconds(RUSAGE_CHILDREN);
        const double load0 = loadAverage();
        QElapsedTimer wall;
        wall.start();
        QString error;
        const bool kv2c = flow == QLatin1String("kv2c");
        const QString model = kv2c ? QStringLiteral("kv2c") : QStringLiteral("i210plus");
        // Real devices are independent hardware; the simulator runs m_perSim
        // devices per process so its own timer latency does not stand in for theirs.
        const int simCount = (stations + m_perSim - 1) / m_perSim;
        std::vector<std::unique_ptr<test::SimProcess>> sims;
        for (int k = 0; k < simCount; ++k) {
            const int n = qMin(m_perSim, stations - k * m_perSim);
            auto one = std::make_unique<test::SimProcess>();
            if (!one->start({QStringLiteral("--devices"), QStringLiteral("%1:%2").arg(model).arg(n),
                                QStringLiteral("--state-dir"), dir.filePath(QStringLiteral("sim%1").arg(k)),
                                QStringLiteral("--seed"), QString::number(k + 1), QStringLiteral("--join-delay"),
                                QString::number(kJoinDelayS), QStringLiteral("--flash-ms-per-kib"),
                                QString::number(kFlashMsPerKiB)},
                    &error))
                return QJsonObject {{QStringLiteral("error"), error}};
            test::SimProcess *raw = one.get();
            QObject::connect(&raw->process(), &QProcess::readyReadStandardOutput, &raw->process(),
                [raw] { raw->process().readAllStandardOutput(); });
            sims.push_back(std::move(one));
        }
        const auto simOf = [&](int i) -> test::SimProcess & {
            return *sims.at(size_t(i / m_perSim));
        };

        auto outbox = KeyOutbox::open(dir.filePath(QStringLiteral("station")));
        ServerEndpoint endpoint;
        endpoint.baseUrl = QUrl(m_server.baseUrl());
        endpoint.token = "bench";
        ServerClient client(endpoint);
        FileCache files(dir.filePath(QStringLiteral("cache")), &client);
        Engine engine({&client, &files, outbox.value().get(), {}, nullptr}, m_engineThreads);

        const auto stage = [&](Operation op, const QString &role) {
            QMap<int, RunSnapshot> done;
            QObject::connect(
                &engine, &Engine::runFinished, &engine, [&done](const RunSnapshot &s) { done.insert(s.slot, s); });
            QList<int> slots_;
            for (int i = 0; i < stations; ++i) {
                RunOptions o;
                o.operation = op;
                o.port = simOf(i).port(model, i % m_perSim, role).path;
                o.config.id = ConfigId(0x45);
                o.stationName = QStringLiteral("bench");
                o.gatewayHost = QStringLiteral("127.0.0.1");
                o.gatewayPort = simOf(i).gatewayPort();
                o.joinTimeoutS = 120;
                o.reprovisionLocked = true; // the simulated devices are provisioned round after round
                if (op == Operation::Posttest)
                    o.settings.insert(QStringLiteral("joinPollMs"), 50);
                slots_.append(engine.addRun(*m_plugins.find(model), o));
            }
            QEventLoop loop;
            QObject::connect(&engine, &Engine::allFinished, &loop, &QEventLoop::quit);
            QTimer::singleShot(600000, &loop, &QEventLoop::quit);
            engine.startAll();
            loop.exec();
            QObject::disconnect(&engine, &Engine::runFinished, &engine, nullptr);
            QList<RunSnapshot> out;
            for (int slot : slots_)
                out.append(done.value(slot));
            return out;
        };
        const auto lineS = [](const RunSnapshot &s) {
            return s.baud > 0 ? double(s.lineBytesOut + s.lineBytesIn) * 10.0 / double(s.baud) : 0.0;
        };
        const auto flashS = [](int bytes) {
            return double(bytes) / 1024.0 * kFlashMsPerKiB / 1000.0;
        };

        QList<Sample> samples;
        if (!kv2c) {
            const QList<RunSnapshot> pre = stage(Operation::Pretest, QString());
            const QList<RunSnapshot> post = stage(Operation::Posttest, QString());
            const int written = m_files.nodeFirmware + m_files.hostFirmware + m_files.nodeFactory + m_files.hostFactory
                + m_files.nodeField + m_files.hostField;
            for (int i = 0; i < stations; ++i) {
                Sample s;
                s.ok = pre.at(i).resultCode == 0 && post.at(i).resultCode == 0;
                s.error = s.ok ? QString() : pre.at(i).message + QLatin1Char(' ') + post.at(i).message;
                s.cycleS = double(pre.at(i).elapsedMs + post.at(i).elapsedMs) / 1000.0;
                s.firstS = double(pre.at(i).elapsedMs) / 1000.0;
                s.floorS = lineS(pre.at(i)) + lineS(post.at(i)) + flashS(written) + kJoinDelayS;
                samples.append(s);
            }
        } else {
            const QList<RunSnapshot> setup = stage(Operation::Pretest, QStringLiteral("fixture"));
            // The node joins while the meter would be assembled; not part of the timed cycle.
            QEventLoop wait;
            QTimer::singleShot(int(kJoinDelayS * 1000) + 500, &wait, &QEventLoop::quit);
            wait.exec();
            const QList<RunSnapshot> check = stage(Operation::CheckConfig, QStringLiteral("optical"));
            const QList<RunSnapshot> post = stage(Operation::Posttest, QStringLiteral("optical"));
            const int written = m_files.nodeField + m_files.hostField;
            for (int i = 0; i < stations; ++i) {
                Sample s;
                s.ok = setup.at(i).resultCode == 0 && check.at(i).resultCode == 0 && post.at(i).resultCode == 0;
                s.error = s.ok ? QString()
                               : setup.at(i).message + QLatin1Char(' ') + check.at(i).message + QLatin1Char(' ')
                        + post.at(i).message;
                s.cycleS = double(check.at(i).elapsedMs + post.at(i).elapsedMs) / 1000.0;
                s.firstS = double(check.at(i).elapsedMs) / 1000.0;
                s.floorS = lineS(check.at(i)) + lineS(post.at(i)) + flashS(written);
                samples.append(s);
            }
        }
        for (auto &sim : sims)
            sim->stop();
        const double wallS = double(wall.elapsed()) / 1000.0;
        const double cpuSelf = cpuSeconds(RUSAGE_SELF) - cpuSelf0;
        const double cpuSim = cpuSeconds(RUSAGE_CHILDREN) - cpuChildren0;

        double cycle = 0, cycleMax = 0, floor = 0, ratio = 0, first = 0;
        int failures = 0;
        QString firstError;
        for (const Sample &s : std::as_const(samples)) {
            if (!s.ok) {
                if (firstError.isEmpty())
                    firstError = s.error;
                ++failures;
                continue;
            }
            cycle += s.cycleS;
            first += s.firstS;
            cycleMax = qMax(cycleMax, s.cycleS);
            floor += s.floorS;
            ratio += s.cycleS / s.floorS;
        }
        const int good = qMax(1, int(samples.size()) - failures);
        cycle /= good;
        first /= good;
        floor /= good;
        ratio /= good;
        if (stations == 1 || !m_single.contains(flow))
            m_single.insert(flow, cycle);
        QJsonObject o {{QStringLiteral("bench"), QStringLiteral("cycle")},
            {QStringLiteral("flow"),
                kv2c ? QStringLiteral("kv2c CHECKCONFIG+POSTTEST (optical 9600 opt_psem)")
                     : QStringLiteral("i210plus PRETEST+POSTTEST (direct 115200 orw)")},
            {QStringLiteral("stations"), stations}, {QStringLiteral("engineThreads"), engine.threadCount()},
            {QStringLiteral("simProcesses"), simCount}, {QStringLiteral("cycleSeconds"), round3(cycle)},
            {QStringLiteral("cycleSecondsMax"), round3(cycleMax)}, {QStringLiteral("firstRunSeconds"), round3(first)},
            {QStringLiteral("floorSeconds"), round3(floor)}, {QStringLiteral("ratioToFloor"), round3(ratio)},
            {QStringLiteral("slowdownVsOneStation"), round3(cycle / m_single.value(flow))},
            {QStringLiteral("failures"), failures},
            // Context: CPU the engine and the simulator used over the case's wall
            // time (2 cores = 2.0), and the machine's load when the case began.
            {QStringLiteral("engineCpuShare"), round3(cpuSelf / wallS)},
            {QStringLiteral("simCpuShare"), round3(cpuSim / wallS)}, {QStringLiteral("loadAverageAtStart"), load0}};
        if (!firstError.isEmpty())
            o.insert(QStringLiteral("firstError"), firstError);
        return o;
    }

private:
    static double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

    PluginRegistry m_plugins;
    test::StubStationServer m_server;
    Files m_files;
    QHash<QString, double> m_single;

public:
    int m_perSim = 4;
    int m_engineThreads = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    const QCommandLineOption stationsOption(QStringLiteral("stations"), QStringLiteral("Station counts."),
        QStringLiteral("list"), QStringLiteral("1,8,32,64"));
    const QCommandLineOption flowsOption(
        QStringLiteral("flows"), QStringLiteral("Flows."), QStringLiteral("list"), QStringLiteral("i210plus,kv2c"));
    const QCommandLineOption perSimOption(QStringLiteral("devices-per-sim"),
        QStringLiteral("Simulated devices per provstation-sim process."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption threadsOption(QStringLiteral("engine-threads"),
        QStringLiteral("Engine threads (0: the Engine's default)."), QStringLiteral("n"), QStringLiteral("0"));
    p.addOptions({stationsOption, flowsOption, perSimOption, threadsOption});
    p.process(app);

    Bench bench;
    bench.m_perSim = qMax(1, p.value(perSimOption).toInt());
    bench.m_engineThreads = p.value(threadsOption).toInt();
    QString error;
    if (!bench.init(&error)) {
        std::fprintf(stderr, "bench_cycle: %s\n", qPrintable(error));
        return 1;
    }
    int failures = 0;
    for (const QString &flow : p.value(flowsOption).split(QLatin1Char(','))) {
        for (const QString &n : p.value(stationsOption).split(QLatin1Char(','))) {
            const QJsonObject result = bench.runCase(flow, n.toInt());
            failures
                += result.value(QLatin1String("failures")).toInt() + (result.contains(QLatin1String("error")) ? 1 : 0);
            std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        }
    }
    return failures == 0 ? 0 : 1;
}

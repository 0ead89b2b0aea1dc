// The station window under load: 64 slots provisioning against
// provstation-sim at once, measured two ways in the same run:
//   headless  provstation-cli with the 64 ports (the engine as factory
//             automation runs it): its CPU time (getrusage of the reaped child);
//   gui       the station window in this process (StationWindow + EngineBackend,
//             as `provstation` builds them) with "Start all idle": the GUI
//             thread's event-loop latency (a PreciseTimer probe every
//             --probe-ms: how late each tick came, p50/p99/max) and this
//             process's CPU time (getrusage RUSAGE_SELF), as a ratio to headless.
// Both runs: the same flow (i210plus PROVISION from firmware 0.9 to the
// package's 1.0: firmware, field configuration, keys, lock), the same server
// (a real provstation-server on SQLite with a provstation-pack demo package),
// fresh simulators of --devices-per-sim devices each (one simulator process
// for 64 devices would be the bottleneck itself, see docs/engine.md).
// Goals: p99 <= 50 ms, CPU <= 1.2 x headless. One JSON object per case.
//
// Usage: bench_gui [--slots 64] [--devices-per-sim 4] [--probe-ms 5] [--cases headless,gui[,gui-hidden]]
//                  [--rounds 1]
// (gui-hidden: the same window never shown, to tell painting from model updates.)
// --rounds N runs the cases N times (each round begins with the next case),
// each window case against the headless run of its own round, and ends with a
// "summary" object: the median ratios and the median CPU of each thread group
// (one 10-second run of each varies by +-20 % on a shared 2-core machine).
// Runs on the platform Qt picks (xcb under a display, e.g. xvfb-run), else offscreen.
#include "TestSupport.h"

#include "settings/SecretStore.h"
#include "settings/StationSettings.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"
#include "window/EngineBackend.h"
#include "window/StationWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

#include <csignal>
#include <ctime>
#include <sys/resource.h>

using namespace prov;

namespace {

constexpr int kCaseTimeoutMs = 15 * 60 * 1000;

double cpuSeconds(int who)
{
    rusage u {};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

/// CPU time and wake-ups of a process's threads by group (from
/// /proc/PID/task/*/schedstat: nanoseconds on a CPU, times put on a CPU; and
/// from .../status the times another thread took the CPU away): "mainThread"
/// (the GUI thread, the CLI's main thread), "engineThreads" (engine-N, the
/// devices' runs), "other:<name>" (engine services, network, xcb). Tells the
/// window's own cost from the engine's, which the headless case also pays; the
/// wake-ups tell how often a thread ran from how long, the preemptions how
/// much of that the crowd on the cores caused.
struct ThreadUse
{
    double seconds = 0;
    qint64 wakeUps = 0;
    qint64 preemptions = 0;
};
using ThreadGroups = std::map<QString, ThreadUse>;

ThreadGroups threadUse(qint64 pid = QCoreApplication::applicationPid())
{
    ThreadGroups groups;
    const QString self = QString::number(pid);
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/schedstat")));
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile status(tasks.filePath(tid + QStringLiteral("/status")));
        if (!stat.open(QIODevice::ReadOnly) || !comm.open(QIODevice::ReadOnly) || !status.open(QIODevice::ReadOnly))
            continue; // the thread ended meanwhile
        const QList<QByteArray> fields = stat.readAll().trimmed().split(' ');
        const QString name = QString::fromUtf8(comm.readAll().trimmed());
        static const QRegularExpression engineThread(QStringLiteral("^engine-[0-9]+$"));
        const QString group = tid == self         ? QStringLiteral("mainThread")
            : engineThread.match(name).hasMatch() ? QStringLiteral("engineThreads")
                                                  : QStringLiteral("other:") + name;
        groups[group].seconds += fields.value(0).toDouble() / 1e9;
        groups[group].wakeUps += fields.value(2).toLongLong();
        static const QRegularExpression preempted(
            QStringLiteral("^nonvoluntary_ctxt_switches:\\s*(\\d+)$"), QRegularExpression::MultilineOption);
        groups[group].preemptions += preempted.match(QString::fromLatin1(status.readAll())).captured(1).toLongLong();
    }
    return groups;
}

/// `after` less `before` (both from threadUse()): seconds, wake-ups and preemptions by group.
void insertThreadUse(QJsonObject &o, const ThreadGroups &after, const ThreadGroups &before = {})
{
    QJsonObject seconds;
    QJsonObject wakeUps;
    QJsonObject preemptions;
    for (const auto &[group, use] : after) {
        const auto was = before.find(group);
        const ThreadUse base = was == before.end() ? ThreadUse {} : was->second;
        seconds.insert(group, round3(use.seconds - base.seconds));
        wakeUps.insert(group, use.wakeUps - base.wakeUps);
        preemptions.insert(group, use.preemptions - base.preemptions);
    }
    o.insert(QStringLiteral("cpuSecondsByThread"), seconds);
    o.insert(QStringLiteral("wakeUpsByThread"), wakeUps);
    o.insert(QStringLiteral("preemptionsByThread"), preemptions);
}

/// What the runs did on the lines, from their run logs' "line:" summaries
/// (bytes both ways, link-level resends): the cases must have done the same
/// work, and resends would be work a slower engine thread caused.
QJsonObject lineTotals(const QString &runLogDir)
{
    static const QRegularExpression summary(
        QStringLiteral("line: (\\d+) bytes out, (\\d+) in at \\d+ baud, (\\d+) resent"));
    qint64 out = 0, in = 0, resent = 0, runs = 0;
    const QDir dir(runLogDir);
    for (const QString &name : dir.entryList({QStringLiteral("*.log")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        for (QRegularExpressionMatchIterator it = summary.globalMatch(QString::fromUtf8(file.readAll()));
             it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            out += m.captured(1).toLongLong();
            in += m.captured(2).toLongLong();
            resent += m.captured(3).toLongLong();
            ++runs;
        }
    }
    return {{QStringLiteral("runs"), runs}, {QStringLiteral("bytesOut"), out}, {QStringLiteral("bytesIn"), in},
        {QStringLiteral("resent"), resent}};
}

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : -1.0;
}

/// Waits in a local event loop until `done()` or the timeout; false on timeout.
template<typename Done>
bool spinUntil(Done done, int timeoutMs, int pollMs = 50)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(pollMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

/// How late the GUI thread serves a timer: a PreciseTimer every interval,
/// each tick's lateness = (time since the previous tick) - interval. A loop
/// blocked for 100 ms shows as one ~100 ms sample (Qt re-arms a late precise
/// timer from now, it does not fire the missed ticks).
class LatencyProbe
{
public:
    explicit LatencyProbe(int intervalMs)
        : m_intervalMs(intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const double late = std::max(0.0, double(now - m_last) / 1e6 - double(m_intervalMs));
            if (late > m_worst) {
                m_worst = late;
                m_worstAtS = double(now) / 1e9;
            }
            m_lateMs.push_back(late);
            m_last = now;
        });
    }

    void start()
    {
        m_lateMs.clear();
        m_lateMs.reserve(200000);
        m_worst = 0;
        m_worstAtS = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    [[nodiscard]] size_t samples() const { return m_lateMs.size(); }
    /// Nearest-rank percentile of the lateness in ms.
    [[nodiscard]] double percentile(double p) const
    {
        if (m_lateMs.empty())
            return -1;
        std::vector<double> sorted = m_lateMs;
        std::sort(sorted.begin(), sorted.end());
        const size_t rank = size_t(std::ceil(p / 100.0 * double(sorted.size())));
        return sorted.at(std::clamp<size_t>(rank, 1, sorted.size()) - 1);
    }
    [[nodiscard]] double max() const { return m_lateMs.empty() ? -1 : m_worst; }
    /// Seconds after start() when the worst tick came.
    [[nodiscard]] double maxAtS() const { return m_worstAtS; }

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_lateMs;
    double m_worst = 0;
    double m_worstAtS = 0;
};

/// What the window did on the GUI thread: widget paint events (where a shown
/// window's CPU goes, by class to tell what to make cheaper), window updates
/// (a top-level window's UpdateRequest is a repaint pass of its widgets and a
/// flush of the backing store to the window system) and the thread's CPU time
/// (CLOCK_THREAD_CPUTIME_ID) inside them.
struct WindowWork
{
    qint64 paints = 0;
    std::map<QString, qint64> paintsByClass;
    qint64 updates = 0;
    double updateSeconds = 0;
};

class BenchApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++m_work.paints;
            ++m_work.paintsByClass[QString::fromLatin1(receiver->metaObject()->className())];
        }
        if (event->type() != QEvent::UpdateRequest || !receiver->isWidgetType())
            return QApplication::notify(receiver, event);
        ++m_work.updates;
        const double before = threadCpuNow();
        const bool result = QApplication::notify(receiver, event);
        m_work.updateSeconds += threadCpuNow() - before;
        return result;
    }
    [[nodiscard]] const WindowWork &work() const { return m_work; }

private:
    static double threadCpuNow()
    {
        timespec t {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
    }
    WindowWork m_work;
};

/// provstation-server with the demo package, an operator and a station token.
class Line
{
public:
    ~Line()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(10000))
                m_server.kill();
        }
    }

    bool start(QString *error)
    {
        if (!m_dir.isValid())
            return fail(error, QStringLiteral("no temporary directory"));
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        test::ProcessResult r = test::runProcess(test::binPath(QStringLiteral("provstation-pack")),
            {QStringLiteral("demo"), QStringLiteral("--out-dir"), demo}, {}, 120000);
        if (r.exitCode != 0)
            return fail(error, QStringLiteral("provstation-pack demo: ") + QString::fromUtf8(r.stdErr));
        r = server({QStringLiteral("import"), QStringLiteral("--passphrase-file"),
            demo + QStringLiteral("/passphrase.txt"), demo + QStringLiteral("/demo-package.tar.gz")});
        if (r.exitCode != 0)
            return fail(error, QStringLiteral("import: ") + QString::fromUtf8(r.stdErr));
        m_password = QStringLiteral("bench-operator-%1").arg(QCoreApplication::applicationPid());
        r = server({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("operator"), QStringLiteral("--role"),
                       QStringLiteral("operator")},
            m_password.toUtf8() + '\n');
        if (r.exitCode != 0)
            return fail(error, QStringLiteral("user add: ") + QString::fromUtf8(r.stdErr));
        r = server(
            {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"), QStringLiteral("bench")});
        if (r.exitCode != 0)
            return fail(error, QStringLiteral("token issue: ") + QString::fromUtf8(r.stdErr));
        m_token = r.stdOut.trimmed();
        m_tokenFile = m_dir.filePath(QStringLiteral("token"));
        test::writeFile(m_tokenFile, m_token);

        // The server's log goes to a file: reading it here would be GUI-thread work.
        const QString log = m_dir.filePath(QStringLiteral("server.log"));
        m_server.setStandardOutputFile(log);
        m_server.setStandardErrorFile(log);
        m_server.start(test::binPath(QStringLiteral("provstation-server")),
            globals()
                + QStringList {
                    QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--insecure-http")});
        static const QRegularExpression listening(QStringLiteral("listening on (http://[^ \\s]+)"));
        const bool up = spinUntil(
            [&] {
                const QRegularExpressionMatch m = listening.match(QString::fromUtf8(test::readFile(log)));
                if (m.hasMatch())
                    m_url = QUrl(m.captured(1));
                return m.hasMatch() || m_server.state() == QProcess::NotRunning;
            },
            30000);
        if (!up || m_url.isEmpty())
            return fail(
                error, QStringLiteral("provstation-server did not start: ") + QString::fromUtf8(test::readFile(log)));
        return true;
    }

    [[nodiscard]] QString dir() const { return m_dir.path(); }
    [[nodiscard]] QUrl url() const { return m_url; }
    [[nodiscard]] QByteArray token() const { return m_token; }
    [[nodiscard]] QString tokenFile() const { return m_tokenFile; }
    [[nodiscard]] QString operatorPassword() const { return m_password; }

private:
    static bool fail(QString *error, const QString &text)
    {
        *error = text;
        return false;
    }
    QStringList globals() const
    {
        return {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("server")),
            QStringLiteral("--master-key-file"), m_dir.filePath(QStringLiteral("master.key"))};
    }
    test::ProcessResult server(const QStringList &arguments, const QByteArray &input = {})
    {
        return test::runProcess(
            test::binPath(QStringLiteral("provstation-server")), globals() + arguments, input, 120000);
    }

    QTemporaryDir m_dir;
    QProcess m_server;
    QUrl m_url;
    QByteArray m_token;
    QString m_tokenFile;
    QString m_password;
};

/// provstation-sim processes with `count` i210plus devices in all, started
/// detached with their output in files: as QProcess children their pipes and
/// exit notifiers (48 descriptors for 16 simulators) were polled by this
/// process's GUI thread at every wake-up, a cost a real station does not have
/// and the headless case (a separate process) did not pay.
class Sims
{
public:
    ~Sims() { stop(); }

    bool start(int count, int perSim, int seedBase, const QString &stateDir, QString *error)
    {
        QDir().mkpath(stateDir);
        QList<QString> outputs;
        for (int k = 0; k * perSim < count; ++k) {
            const int n = std::min(perSim, count - k * perSim);
            QProcess sim;
            sim.setProgram(test::binPath(QStringLiteral("provstation-sim")));
            sim.setArguments({QStringLiteral("--devices"), QStringLiteral("i210plus:%1").arg(n),
                QStringLiteral("--seed"), QString::number(seedBase + k), QStringLiteral("--node-firmware"),
                QStringLiteral("0.9.0.0"), QStringLiteral("--host-firmware"), QStringLiteral("0.9.0.0"),
                QStringLiteral("--state-dir"), QDir(stateDir).filePath(QString::number(k)),
                QStringLiteral("--gateway-port"), QStringLiteral("0")});
            const QString out = QDir(stateDir).filePath(QStringLiteral("sim%1.out").arg(k));
            sim.setStandardOutputFile(out);
            sim.setStandardErrorFile(QDir(stateDir).filePath(QStringLiteral("sim%1.err").arg(k)));
            qint64 pid = 0;
            if (!sim.startDetached(&pid)) {
                *error = QStringLiteral("cannot start provstation-sim: ") + sim.errorString();
                return false;
            }
            m_pids.append(pid);
            outputs.append(out);
        }
        // Each prints its ports, then "ready" (docs/sim.md).
        for (const QString &out : std::as_const(outputs)) {
            QList<QJsonObject> lines;
            const bool ready = spinUntil(
                [&] {
                    lines.clear();
                    for (const QByteArray &line : test::readFile(out).split('\n'))
                        lines.append(QJsonDocument::fromJson(line).object());
                    return std::any_of(lines.begin(), lines.end(), [](const QJsonObject &o) {
                        return o.value(QLatin1String("kind")).toString() == QLatin1String("ready");
                    });
                },
                15000, 20);
            if (!ready) {
                *error = QStringLiteral("provstation-sim did not get ready: ") + QString::fromUtf8(test::readFile(out));
                return false;
            }
            for (const QJsonObject &o : std::as_const(lines)) {
                if (o.value(QLatin1String("kind")).toString() == QLatin1String("port"))
                    m_ports.append(o.value(QLatin1String("path")).toString());
            }
        }
        return true;
    }
    /// SIGTERM, then waits for them to go (SIGKILL after 10 s).
    void stop()
    {
        for (const qint64 pid : std::as_const(m_pids))
            ::kill(pid_t(pid), SIGTERM);
        for (const qint64 pid : std::as_const(m_pids)) {
            if (!spinUntil([pid] { return ::kill(pid_t(pid), 0) != 0; }, 10000, 20))
                ::kill(pid_t(pid), SIGKILL);
        }
        m_pids.clear();
    }
    [[nodiscard]] const QStringList &ports() const { return m_ports; }

private:
    QList<qint64> m_pids;
    QStringList m_ports;
};

struct Settings
{
    int slotCount = 64;
    int perSim = 4;
    int probeMs = 5;
};

QJsonObject header(const QString &name, const Settings &s)
{
    return {{QStringLiteral("bench"), QStringLiteral("gui")}, {QStringLiteral("case"), name},
        {QStringLiteral("slots"), s.slotCount},
        {QStringLiteral("flow"), QStringLiteral("i210plus PROVISION (direct 115200 orw)")},
        {QStringLiteral("simProcesses"), (s.slotCount + s.perSim - 1) / s.perSim},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("loadAverageAtStart"), loadAverage()}};
}

/// The 64 devices through provstation-cli, as factory automation runs them.
QJsonObject runHeadless(Line &line, const Settings &s)
{
    QJsonObject o = header(QStringLiteral("headless"), s);
    QTemporaryDir dir;
    Sims sims;
    QString error;
    if (!sims.start(s.slotCount, s.perSim, 1000, dir.filePath(QStringLiteral("sim")), &error)) {
        o.insert(QStringLiteral("error"), error);
        return o;
    }
    QStringList args {QStringLiteral("-s"), line.url().authority(), QStringLiteral("--token-file"), line.tokenFile(),
        QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("station")), QStringLiteral("--config-alias"),
        QStringLiteral("DEMO-0045"), QStringLiteral("-B"), QStringLiteral("1000"), QStringLiteral("--meter"),
        QStringLiteral("i210plus"), QStringLiteral("--station"), QStringLiteral("bench-headless")};
    for (const QString &port : sims.ports())
        args << QStringLiteral("-d") << port;
    args << QStringLiteral("PROVISION");

    QProcess cli;
    cli.setStandardOutputFile(dir.filePath(QStringLiteral("cli.out")));
    cli.setStandardErrorFile(dir.filePath(QStringLiteral("cli.err")));
    // Only this child ends while it runs, so the change of RUSAGE_CHILDREN is its CPU time.
    const double cpu0 = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer wall;
    wall.start();
    cli.start(test::binPath(QStringLiteral("provstation-cli")), args);
    // Its threads' CPU as last seen before it ended (at most 100 ms old): the
    // split, not the total, which is the reaped child's. A reading taken while
    // its threads end lacks them: only a larger sum replaces the last one.
    ThreadGroups threads;
    auto sum = [](const ThreadGroups &m) {
        double total = 0;
        for (const auto &entry : m)
            total += entry.second.seconds;
        return total;
    };
    const bool finished = spinUntil(
        [&] {
            if (cli.state() == QProcess::NotRunning)
                return true;
            if (ThreadGroups now = threadUse(cli.processId()); sum(now) >= sum(threads))
                threads = std::move(now);
            return false;
        },
        kCaseTimeoutMs, 100);
    const double wallS = double(wall.elapsed()) / 1000.0;
    if (!finished) {
        cli.kill();
        cli.waitForFinished(5000);
    }
    const double cpu = cpuSeconds(RUSAGE_CHILDREN) - cpu0;
    sims.stop();
    const QString out = QString::fromUtf8(test::readFile(dir.filePath(QStringLiteral("cli.out"))));
    const QString err = QString::fromUtf8(test::readFile(dir.filePath(QStringLiteral("cli.err"))));
    const int passed = int(out.count(QStringLiteral(": 0 success")));
    o.insert(QStringLiteral("passed"), passed);
    o.insert(QStringLiteral("failures"), s.slotCount - passed);
    o.insert(QStringLiteral("line"), lineTotals(dir.filePath(QStringLiteral("station/runlogs"))));
    o.insert(QStringLiteral("wallSeconds"), round3(wallS));
    insertThreadUse(o, threads); // as last seen, see above
    o.insert(QStringLiteral("cpuSeconds"), round3(cpu));
    o.insert(QStringLiteral("cpuShare"), round3(cpu / wallS));
    if (!finished)
        o.insert(QStringLiteral("error"), QStringLiteral("provstation-cli did not finish in time"));
    if (passed != s.slotCount)
        o.insert(QStringLiteral("firstError"), err.section(QLatin1Char('\n'), 0, 0));
    return o;
}

/// The same devices through the station window in this process, as `provstation` builds it.
/// `show` false: the same window never shown (no painting), to tell the
/// painting's share from the model and widget updates' (case "gui-hidden").
QJsonObject runGui(Line &line, const Settings &s, bool show)
{
    QJsonObject o = header(show ? QStringLiteral("gui") : QStringLiteral("gui-hidden"), s);
    QTemporaryDir dir;
    Sims sims;
    QString error;
    if (!sims.start(s.slotCount, s.perSim, 2000, dir.filePath(QStringLiteral("sim")), &error)) {
        o.insert(QStringLiteral("error"), error);
        return o;
    }
    // The probe alone (no window yet): its own cost, subtracted from the net figure below.
    LatencyProbe probe(s.probeMs);
    const double probeCpu0 = cpuSeconds(RUSAGE_SELF);
    probe.start();
    spinUntil([] { return false; }, 3000, 3000);
    probe.stop();
    const double probeCpuShare = (cpuSeconds(RUSAGE_SELF) - probeCpu0) / 3.0;

    gui::StationSettings settings(dir.filePath(QStringLiteral("station.ini")));
    settings.setServerUrl(line.url());
    settings.setStationName(QStringLiteral("bench-gui"));
    settings.setConfigAlias(QStringLiteral("DEMO-0045"));
    settings.setBatch(QStringLiteral("1000"));
    settings.setOperation(QStringLiteral("PROVISION"));
    settings.setLanguage(QStringLiteral("en"));
    settings.setSoundsEnabled(false);
    QList<gui::SlotBinding> bindings;
    for (int i = 0; i < int(sims.ports().size()); ++i) {
        gui::SlotBinding b;
        b.label = QString::number(i + 1);
        b.kind = gui::SlotBinding::Kind::PortName;
        b.value = sims.ports().at(i);
        b.family = QStringLiteral("i210plus");
        b.operation = QStringLiteral("PROVISION");
        bindings.append(b);
    }
    settings.setSlotBindings(bindings);
    settings.sync();

    gui::LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"));
    gui::ApiClient api;
    api.setBaseUrl(line.url());
    gui::SecretStore secrets;
    secrets.setFallbackDirectory(dir.filePath(QStringLiteral("secrets")));
    gui::SoundPlayer sounds;
    sounds.setEnabled(false);
    gui::EngineBackend::Options options;
    options.endpoint.baseUrl = line.url();
    options.endpoint.token = line.token();
    options.dataDir = dir.filePath(QStringLiteral("station"));
    options.stationName = QStringLiteral("bench-gui");
    gui::EngineBackend backend(options);
    if (const Status opened = backend.open(); !opened) {
        o.insert(QStringLiteral("error"), opened.error().toString());
        return o;
    }
    gui::WindowServices services;
    services.settings = &settings;
    services.api = &api;
    services.secrets = &secrets;
    services.languages = &languages;
    services.sounds = &sounds;
    services.backend = &backend;
    gui::StationWindow window(services);
    window.resize(1400, 900);
    if (show)
        window.show();

    // Log in as the operator, as `provstation --login` does.
    bool loggedIn = false;
    const QJsonObject body {
        {QStringLiteral("user"), QStringLiteral("operator")}, {QStringLiteral("password"), line.operatorPassword()}};
    QNetworkReply *reply = api.postJson(QStringLiteral("/session"), QJsonDocument(body));
    api.whenFinished(reply, &window, [&](const Result<gui::ApiResponse> &result) {
        if (!result) {
            o.insert(QStringLiteral("error"), QStringLiteral("login: ") + result.error().message);
            return;
        }
        gui::UserSession session;
        session.user = QStringLiteral("operator");
        session.role = result->json.object().value(QLatin1String("role")).toString();
        session.token = result->json.object().value(QLatin1String("token")).toString();
        window.setSession(session);
        loggedIn = true;
    });
    if (!spinUntil([&] { return loggedIn || o.contains(QLatin1String("error")); }, 30000) || !loggedIn) {
        if (!o.contains(QLatin1String("error")))
            o.insert(QStringLiteral("error"), QStringLiteral("login timed out"));
        return o;
    }

    // The idle window with the probe: what an idle station costs.
    const double idleCpu0 = cpuSeconds(RUSAGE_SELF);
    probe.start();
    spinUntil([] { return false; }, 3000, 3000);
    probe.stop();
    const double idleCpuShare = (cpuSeconds(RUSAGE_SELF) - idleCpu0) / 3.0;
    const double idleP99 = probe.percentile(99);

    int finished = 0, passed = 0;
    QString firstError;
    QObject::connect(
        &window, &gui::StationWindow::runFinished, &window, [&](int slot, gui::SlotStatus status, int code) {
            ++finished;
            if (code == 0)
                ++passed;
            else if (firstError.isEmpty())
                firstError = QStringLiteral("slot %1: code %2").arg(slot + 1).arg(code);
            Q_UNUSED(status)
        });
    const ThreadGroups threads0 = threadUse();
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    QElapsedTimer wall;
    wall.start();
    const auto *benchApp = static_cast<BenchApplication *>(qApp);
    const WindowWork work0 = benchApp->work();
    probe.start();
    window.startAllIdle();
    const bool done = spinUntil([&] { return finished >= s.slotCount; }, kCaseTimeoutMs, 100);
    probe.stop();
    const double wallS = double(wall.elapsed()) / 1000.0;
    const double cpu = cpuSeconds(RUSAGE_SELF) - cpu0;
    const ThreadGroups threads1 = threadUse();
    const WindowWork work1 = benchApp->work();
    sims.stop();

    o.insert(QStringLiteral("passed"), passed);
    o.insert(QStringLiteral("failures"), s.slotCount - passed);
    o.insert(QStringLiteral("line"), lineTotals(dir.filePath(QStringLiteral("station/runlogs"))));
    o.insert(QStringLiteral("wallSeconds"), round3(wallS));
    o.insert(QStringLiteral("probeIntervalMs"), s.probeMs);
    o.insert(QStringLiteral("probeSamples"), qint64(probe.samples()));
    o.insert(QStringLiteral("latencyP50Ms"), round3(probe.percentile(50)));
    o.insert(QStringLiteral("latencyP99Ms"), round3(probe.percentile(99)));
    o.insert(QStringLiteral("latencyMaxMs"), round3(probe.max()));
    o.insert(QStringLiteral("latencyMaxAtSeconds"), round3(probe.maxAtS()));
    o.insert(QStringLiteral("idleLatencyP99Ms"), round3(idleP99));
    o.insert(QStringLiteral("idleCpuShare"), round3(idleCpuShare));
    o.insert(QStringLiteral("paintEventsPerSecond"), round3(double(work1.paints - work0.paints) / wallS));
    o.insert(QStringLiteral("windowUpdatesPerSecond"), round3(double(work1.updates - work0.updates) / wallS));
    o.insert(QStringLiteral("windowUpdateCpuSeconds"), round3(work1.updateSeconds - work0.updateSeconds));
    QJsonObject byClass;
    for (const auto &[name, count] : work1.paintsByClass) {
        const auto before = work0.paintsByClass.find(name);
        const qint64 n = count - (before == work0.paintsByClass.end() ? 0 : before->second);
        if (n > 0)
            byClass.insert(name, round3(double(n) / wallS));
    }
    o.insert(QStringLiteral("paintEventsPerSecondByClass"), byClass);
    o.insert(QStringLiteral("cpuSeconds"), round3(cpu));
    o.insert(QStringLiteral("cpuShare"), round3(cpu / wallS));
    // The probe's own CPU (measured alone above) is the benchmark's, not the station's.
    const double netCpu = std::max(0.0, cpu - probeCpuShare * wallS);
    o.insert(QStringLiteral("probeCpuShare"), round3(probeCpuShare));
    insertThreadUse(o, threads1, threads0); // threads that ended during the run are missing (none do)
    o.insert(QStringLiteral("cpuSecondsNetOfProbe"), round3(netCpu));
    o.insert(QStringLiteral("goalP99Met"), probe.percentile(99) <= 50.0);
    if (!done)
        o.insert(
            QStringLiteral("error"), QStringLiteral("%1 of %2 runs finished in time").arg(finished).arg(s.slotCount));
    if (!firstError.isEmpty())
        o.insert(QStringLiteral("firstError"), firstError);
    return o;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    BenchApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ProvStation"));
    QApplication::setApplicationName(QStringLiteral("bench_gui"));
    QCommandLineParser p;
    const QCommandLineOption slotsOption(
        QStringLiteral("slots"), QStringLiteral("Slots (devices) at once."), QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption perSimOption(QStringLiteral("devices-per-sim"),
        QStringLiteral("Simulated devices per provstation-sim process."), QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption probeOption(QStringLiteral("probe-ms"), QStringLiteral("Latency probe interval."),
        QStringLiteral("ms"), QStringLiteral("5"));
    const QCommandLineOption casesOption(
        QStringLiteral("cases"), QStringLiteral("Cases."), QStringLiteral("list"), QStringLiteral("headless,gui"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Run the cases this often."),
        QStringLiteral("n"), QStringLiteral("1"));
    p.addOptions({slotsOption, perSimOption, probeOption, casesOption, roundsOption});
    p.process(app);
    Settings s;
    s.slotCount = std::clamp(p.value(slotsOption).toInt(), 1, 64);
    s.perSim = std::max(1, p.value(perSimOption).toInt());
    s.probeMs = std::max(1, p.value(probeOption).toInt());

    Line line;
    QString error;
    if (!line.start(&error)) {
        std::fprintf(stderr, "bench_gui: %s\n", qPrintable(error));
        return 1;
    }
    int failures = 0;
    const int rounds = std::max(1, p.value(roundsOption).toInt());
    std::map<QString, std::vector<double>> ratios; // case -> net CPU ratio to its round's headless run
    std::map<QString, std::vector<double>> cpus; // case -> CPU seconds (a window's net of the probe)
    std::map<QString, std::vector<double>> p99s;
    // Per thread group: "cpuSecondsByThread" -> "case.group" -> one value a round.
    static const QLatin1String threadFigures[] {
        QLatin1String("cpuSecondsByThread"), QLatin1String("wakeUpsByThread"), QLatin1String("preemptionsByThread")};
    std::map<QString, std::map<QString, std::vector<double>>> byThread;
    const QStringList cases = p.value(casesOption).split(QLatin1Char(','));
    for (int round = 0; round < rounds; ++round) {
        // Each round starts with another case: a machine that warms up or
        // slows down during the run does not favour one case.
        QList<QJsonObject> results;
        for (int k = 0; k < cases.size(); ++k) {
            const QString &name = cases.at((k + round) % cases.size());
            QJsonObject result;
            if (name == QLatin1String("headless"))
                result = runHeadless(line, s);
            else if (name == QLatin1String("gui"))
                result = runGui(line, s, true);
            else if (name == QLatin1String("gui-hidden"))
                result = runGui(line, s, false);
            else
                result = {{QStringLiteral("case"), name}, {QStringLiteral("error"), QStringLiteral("unknown case")}};
            result.insert(QStringLiteral("round"), round + 1);
            result.insert(QStringLiteral("orderInRound"), k + 1);
            results.append(result);
        }
        double headlessCpu = 0;
        for (const QJsonObject &result : std::as_const(results)) {
            if (result.value(QLatin1String("case")).toString() == QLatin1String("headless"))
                headlessCpu = result.value(QLatin1String("cpuSeconds")).toDouble();
        }
        for (QJsonObject result : std::as_const(results)) {
            const QString name = result.value(QLatin1String("case")).toString();
            const QLatin1String cpuKey(
                result.contains(QLatin1String("cpuSecondsNetOfProbe")) ? "cpuSecondsNetOfProbe" : "cpuSeconds");
            if (result.contains(cpuKey))
                cpus[name].push_back(result.value(cpuKey).toDouble());
            if (headlessCpu > 0 && result.contains(QLatin1String("cpuSecondsNetOfProbe"))) {
                const double cpu = result.value(QLatin1String("cpuSeconds")).toDouble();
                const double net = result.value(QLatin1String("cpuSecondsNetOfProbe")).toDouble();
                result.insert(QStringLiteral("cpuRatioToHeadless"), round3(cpu / headlessCpu));
                result.insert(QStringLiteral("cpuRatioToHeadlessNetOfProbe"), round3(net / headlessCpu));
                result.insert(QStringLiteral("goalCpuMet"), net <= 1.2 * headlessCpu);
                ratios[name].push_back(net / headlessCpu);
            }
            failures
                += result.value(QLatin1String("failures")).toInt() + (result.contains(QLatin1String("error")) ? 1 : 0);
            if (result.contains(QLatin1String("latencyP99Ms")))
                p99s[name].push_back(result.value(QLatin1String("latencyP99Ms")).toDouble());
            // Where the CPU went, by thread group (the CLI's as last seen).
            for (const QLatin1String figure : threadFigures) {
                const QJsonObject groups = result.value(figure).toObject();
                for (auto it = groups.constBegin(); it != groups.constEnd(); ++it)
                    byThread[figure][name + QLatin1Char('.') + it.key()].push_back(it.value().toDouble());
            }
            std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        }
    }
    if (rounds > 1) {
        auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v.empty() ? 0.0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
        };
        QJsonObject summary {{QStringLiteral("case"), QStringLiteral("summary")}, {QStringLiteral("rounds"), rounds}};
        for (const auto &[name, values] : ratios) {
            summary.insert(name + QStringLiteral("CpuRatioMedian"), round3(median(values)));
            summary.insert(
                name + QStringLiteral("CpuRatioMax"), round3(*std::max_element(values.begin(), values.end())));
            // The other way to read the rounds: each case's median CPU against
            // the headless median (one slow headless run moves it less).
            if (const auto headless = cpus.find(QStringLiteral("headless")); headless != cpus.end())
                summary.insert(name + QStringLiteral("CpuMedianToHeadlessMedian"),
                    round3(median(cpus[name]) / median(headless->second)));
        }
        for (const auto &[name, values] : p99s)
            summary.insert(
                name + QStringLiteral("LatencyP99MsMax"), round3(*std::max_element(values.begin(), values.end())));
        for (const auto &[figure, groups] : byThread) {
            QJsonObject medians;
            for (const auto &[name, values] : groups)
                medians.insert(name, round3(median(values)));
            summary.insert(figure + QStringLiteral("Median"), medians);
        }
        std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    }
    return failures == 0 ? 0 : 1;
}

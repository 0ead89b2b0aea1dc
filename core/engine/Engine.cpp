#include "engine/Engine.h"

#include "engine/EngineLog.h"

namespace prov::engine {

namespace {
// A few threads whatever the core count: a thread's wake-up latency is shared by
// all its runs, and on a busy PC four event loops keep per-run
// latency low where two did not (bench_cycle, docs/engine.md).
constexpr int kDefaultThreads = 4;
constexpr unsigned long kShutdownWaitMs = 5000;
} // namespace

Engine::Engine(RunServices services, int threads, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
    qRegisterMetaType<RunSnapshot>();
    if (threads <= 0)
        threads = kDefaultThreads;
    for (int i = 0; i < threads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("engine-%1").arg(i));
        thread->start();
        m_threads.push_back(std::move(thread));
    }
}

Engine::~Engine()
{
    for (DeviceRun *run : std::as_const(m_runs)) {
        QMetaObject::invokeMethod(run, [run] {
            run->abort(makeError(ResultCode::UnknownError, QStringLiteral("the station program is shutting down")));
            run->deleteLater();
        });
    }
    for (auto &thread : m_threads) {
        thread->quit();
        if (!thread->wait(kShutdownWaitMs))
            qCWarning(lcEngine) << "engine thread" << thread->objectName() << "did not stop in time";
    }
}

int Engine::addRun(const PluginDescription &plugin, const RunOptions &options)
{
    const int slot = m_runs.isEmpty() ? 0 : m_runs.lastKey() + 1;
    DeviceRun *run = createRun(slot, plugin, options);
    m_notStarted.append(run);
    return slot;
}

DeviceRun *Engine::createRun(int slot, const PluginDescription &plugin, const RunOptions &options)
{
    auto *run = new DeviceRun(slot, plugin, options, m_services);
    run->setProgressInterval(m_progressIntervalMs);
    run->moveToThread(m_threads.at(size_t(slot) % m_threads.size()).get());
    // Only the slot's current run speaks for it: a replaced one is gone.
    connect(run, &DeviceRun::snapshotChanged, this, [this, run](const RunSnapshot &s) {
        if (m_runs.value(s.slot) != run)
            return;
        m_model.update(s);
        emit snapshotChanged(s);
    });
    connect(run, &DeviceRun::finished, this, [this, run](const RunSnapshot &s) {
        if (m_runs.value(s.slot) != run)
            return;
        m_model.update(s);
        m_busy.remove(s.slot);
        --m_unfinished;
        emit snapshotChanged(s);
        emit runFinished(s);
        if (m_unfinished == 0 && m_notStarted.isEmpty())
            emit allFinished();
    });
    m_runs.insert(slot, run);
    m_model.update(run->snapshot());
    return run;
}

bool Engine::startRun(int slot, const PluginDescription &plugin, const RunOptions &options)
{
    if (slot < 0 || m_busy.contains(slot) || m_notStarted.contains(m_runs.value(slot)))
        return false;
    if (DeviceRun *old = m_runs.value(slot))
        old->deleteLater(); // finished; deleted on its own thread
    DeviceRun *run = createRun(slot, plugin, options);
    m_busy.insert(slot);
    ++m_unfinished;
    QMetaObject::invokeMethod(run, &DeviceRun::start, Qt::QueuedConnection);
    return true;
}

void Engine::abortRun(int slot, const Error &error)
{
    DeviceRun *run = m_runs.value(slot);
    if (!run || !m_busy.contains(slot))
        return;
    QMetaObject::invokeMethod(run, [run, error] { run->abort(error); });
}

void Engine::startAll()
{
    const QList<DeviceRun *> starting = std::exchange(m_notStarted, {});
    m_unfinished += int(starting.size());
    for (DeviceRun *run : starting) {
        m_busy.insert(run->slot());
        QMetaObject::invokeMethod(run, &DeviceRun::start, Qt::QueuedConnection);
    }
}

} // namespace prov::engine

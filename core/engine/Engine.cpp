#include "engine/Engine.h"

#include "engine/EngineLog.h"

namespace prov::engine {

namespace {
// A few threads whatever the core count: a thread's wake-up latency is shared by
// all its stations, and on a busy PC four event loops keep per-station
// latency low where two did not (bench_cycle, docs/engine.md).
constexpr int kDefaultThreads = 4;
constexpr unsigned long kShutdownWaitMs = 5000;
} // namespace

Engine::Engine(StationServices services, int threads, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
    qRegisterMetaType<StationSnapshot>();
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
    for (Station *station : std::as_const(m_stations)) {
        QMetaObject::invokeMethod(station, [station] {
            station->abort(makeError(ResultCode::UnknownError, QStringLiteral("the station program is shutting down")));
            station->deleteLater();
        });
    }
    for (auto &thread : m_threads) {
        thread->quit();
        if (!thread->wait(kShutdownWaitMs))
            qCWarning(lcEngine) << "engine thread" << thread->objectName() << "did not stop in time";
    }
}

int Engine::addStation(const PluginDescription &plugin, const RunOptions &options)
{
    const int slot = m_stations.isEmpty() ? 0 : m_stations.lastKey() + 1;
    Station *station = createStation(slot, plugin, options);
    m_notStarted.append(station);
    return slot;
}

Station *Engine::createStation(int slot, const PluginDescription &plugin, const RunOptions &options)
{
    auto *station = new Station(slot, plugin, options, m_services);
    station->setProgressInterval(m_progressIntervalMs);
    station->moveToThread(m_threads.at(size_t(slot) % m_threads.size()).get());
    // Only the slot's current station speaks for it: a replaced one is gone.
    connect(station, &Station::snapshotChanged, this, [this, station](const StationSnapshot &s) {
        if (m_stations.value(s.slot) != station)
            return;
        m_model.update(s);
        emit snapshotChanged(s);
    });
    connect(station, &Station::finished, this, [this, station](const StationSnapshot &s) {
        if (m_stations.value(s.slot) != station)
            return;
        m_model.update(s);
        m_busy.remove(s.slot);
        --m_unfinished;
        emit snapshotChanged(s);
        emit stationFinished(s);
        if (m_unfinished == 0 && m_notStarted.isEmpty())
            emit allFinished();
    });
    m_stations.insert(slot, station);
    m_model.update(station->snapshot());
    return station;
}

bool Engine::startRun(int slot, const PluginDescription &plugin, const RunOptions &options)
{
    if (slot < 0 || m_busy.contains(slot) || m_notStarted.contains(m_stations.value(slot)))
        return false;
    if (Station *old = m_stations.value(slot))
        old->deleteLater(); // finished; deleted on its own thread
    Station *station = createStation(slot, plugin, options);
    m_busy.insert(slot);
    ++m_unfinished;
    QMetaObject::invokeMethod(station, &Station::start, Qt::QueuedConnection);
    return true;
}

void Engine::abortRun(int slot, const Error &error)
{
    Station *station = m_stations.value(slot);
    if (!station || !m_busy.contains(slot))
        return;
    QMetaObject::invokeMethod(station, [station, error] { station->abort(error); });
}

void Engine::startAll()
{
    const QList<Station *> starting = std::exchange(m_notStarted, {});
    m_unfinished += int(starting.size());
    for (Station *station : starting) {
        m_busy.insert(station->slot());
        QMetaObject::invokeMethod(station, &Station::start, Qt::QueuedConnection);
    }
}

} // namespace prov::engine

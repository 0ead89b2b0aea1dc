#include "engine/Engine.h"

#include "support/Logging.h"

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
    const int slot = int(m_stations.size());
    auto *station = new Station(slot, plugin, options, m_services);
    station->moveToThread(m_threads.at(size_t(slot) % m_threads.size()).get());
    connect(station, &Station::snapshotChanged, this, [this](const StationSnapshot &s) { m_model.update(s); });
    connect(station, &Station::finished, this, [this](const StationSnapshot &s) {
        m_model.update(s);
        --m_unfinished;
        emit stationFinished(s);
        if (m_unfinished == 0 && m_notStarted.isEmpty())
            emit allFinished();
    });
    m_stations.append(station);
    m_notStarted.append(station);
    m_model.update(station->snapshot());
    return slot;
}

void Engine::startAll()
{
    const QList<Station *> starting = std::exchange(m_notStarted, {});
    m_unfinished += int(starting.size());
    for (Station *station : starting)
        QMetaObject::invokeMethod(station, &Station::start, Qt::QueuedConnection);
}

} // namespace prov::engine

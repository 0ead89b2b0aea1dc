#pragma once

#include "engine/PluginDescription.h"
#include "engine/RunOptions.h"
#include "engine/Station.h"
#include "engine/StationModel.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QThread>

#include <memory>
#include <vector>

namespace prov::engine {

/// Runs many stations on a few engine threads (never one thread per port):
/// each thread's event loop owns the stations given to it, so the hot path
/// has no locks. Built in main() with the process's services; the owner's
/// thread gets the coalesced snapshots, in signals and in model().
class Engine : public QObject
{
    Q_OBJECT

public:
    /// `threads` <= 0: four.
    Engine(StationServices services, int threads = 0, QObject *parent = nullptr);
    /// Asks running stations to stop and waits a bounded time for the threads.
    ~Engine() override;

    /// A station for `options.port`, placed on the least loaded thread; returns its slot.
    int addStation(const PluginDescription &plugin, const RunOptions &options);
    /// Starts every station added and not started yet.
    void startAll();

    /// A run on `slot` (a number the caller owns, e.g. the station window's
    /// slot), started at once. The slot's previous station, finished, is
    /// replaced: a GUI runs many devices one after the other on one port.
    /// False (and nothing done) while that slot's run is still going.
    bool startRun(int slot, const PluginDescription &plugin, const RunOptions &options);
    /// Ends the run on `slot` with `error` at its next opportunity; nothing when it is not running.
    void abortRun(int slot, const Error &error);
    [[nodiscard]] bool isRunning(int slot) const { return m_busy.contains(slot); }
    [[nodiscard]] bool anyRunning() const { return !m_busy.isEmpty(); }
    /// The services of stations made from now on (another server, after the
    /// station's settings changed). The caller keeps the old ones alive until
    /// no station that uses them runs.
    void setServices(const StationServices &services) { m_services = services; }
    [[nodiscard]] StationServices services() const { return m_services; }
    [[nodiscard]] StationModel *model() { return &m_model; }
    /// How often a running station tells its progress, for stations made from
    /// now on: what its owner shows (a window's once-a-second progress, a
    /// command line's nothing) needs no more. A new state is told at once.
    void setProgressInterval(int ms) { m_progressIntervalMs = ms; }
    [[nodiscard]] int threadCount() const { return int(m_threads.size()); }
    [[nodiscard]] int unfinishedCount() const { return m_unfinished; }

signals:
    /// Every (coalesced) snapshot of a current station, on the owner's thread.
    void snapshotChanged(const prov::engine::StationSnapshot &snapshot);
    void stationFinished(const prov::engine::StationSnapshot &snapshot);
    void allFinished();

private:
    Station *createStation(int slot, const PluginDescription &plugin, const RunOptions &options);

    StationServices m_services;
    std::vector<std::unique_ptr<QThread>> m_threads;
    QMap<int, Station *> m_stations; ///< slot → its current station
    QList<Station *> m_notStarted;
    QSet<int> m_busy; ///< slots whose run started and has not finished
    StationModel m_model;
    int m_unfinished = 0;
    int m_progressIntervalMs = Station::kProgressIntervalMs;
};

} // namespace prov::engine

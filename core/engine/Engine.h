#pragma once

#include "engine/DeviceRun.h"
#include "engine/PluginDescription.h"
#include "engine/RunModel.h"
#include "engine/RunOptions.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QThread>

#include <memory>
#include <vector>

namespace prov::engine {

/// Runs many device runs on a few engine threads (never one thread per port):
/// each thread's event loop owns the runs given to it, so the hot path
/// has no locks. Built in main() with the process's services; the owner's
/// thread gets the coalesced snapshots, in signals and in model().
class Engine : public QObject
{
    Q_OBJECT

public:
    /// `threads` <= 0: four.
    Engine(RunServices services, int threads = 0, QObject *parent = nullptr);
    /// Asks the runs going to stop and waits a bounded time for the threads.
    ~Engine() override;

    /// A run for `options.port`, placed on the least loaded thread; returns its slot.
    int addRun(const PluginDescription &plugin, const RunOptions &options);
    /// Starts every run added and not started yet.
    void startAll();

    /// A run on `slot` (a number the caller owns, e.g. the station window's
    /// slot), started at once. The slot's previous run, finished, is
    /// replaced: a GUI runs many devices one after the other on one port.
    /// False (and nothing done) while that slot's run is still going.
    bool startRun(int slot, const PluginDescription &plugin, const RunOptions &options);
    /// Ends the run on `slot` with `error` at its next opportunity; nothing when it is not running.
    void abortRun(int slot, const Error &error);
    [[nodiscard]] bool isRunning(int slot) const { return m_busy.contains(slot); }
    [[nodiscard]] bool anyRunning() const { return !m_busy.isEmpty(); }
    /// The services of runs made from now on (another server, after the
    /// station's settings changed). The caller keeps the old ones alive until
    /// no run that uses them is going.
    void setServices(const RunServices &services) { m_services = services; }
    [[nodiscard]] RunServices services() const { return m_services; }
    [[nodiscard]] RunModel *model() { return &m_model; }
    /// How often a run tells its progress, for runs made from
    /// now on: what its owner shows (a window's once-a-second progress, a
    /// command line's nothing) needs no more. A new state is told at once.
    void setProgressInterval(int ms) { m_progressIntervalMs = ms; }
    [[nodiscard]] int threadCount() const { return int(m_threads.size()); }
    [[nodiscard]] int unfinishedCount() const { return m_unfinished; }

signals:
    /// Every (coalesced) snapshot of a current run, on the owner's thread.
    void snapshotChanged(const prov::engine::RunSnapshot &snapshot);
    void runFinished(const prov::engine::RunSnapshot &snapshot);
    void allFinished();

private:
    DeviceRun *createRun(int slot, const PluginDescription &plugin, const RunOptions &options);

    RunServices m_services;
    std::vector<std::unique_ptr<QThread>> m_threads;
    QMap<int, DeviceRun *> m_runs; ///< slot → its current run
    QList<DeviceRun *> m_notStarted;
    QSet<int> m_busy; ///< slots whose run started and has not finished
    RunModel m_model;
    int m_unfinished = 0;
    int m_progressIntervalMs = DeviceRun::kProgressIntervalMs;
};

} // namespace prov::engine

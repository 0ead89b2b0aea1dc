#pragma once

#include "engine/PluginDescription.h"
#include "engine/RunOptions.h"
#include "engine/Station.h"
#include "engine/StationModel.h"

#include <QList>
#include <QObject>
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
    [[nodiscard]] StationModel *model() { return &m_model; }
    [[nodiscard]] int threadCount() const { return int(m_threads.size()); }
    [[nodiscard]] int unfinishedCount() const { return m_unfinished; }

signals:
    void stationFinished(const prov::engine::StationSnapshot &snapshot);
    void allFinished();

private:
    StationServices m_services;
    std::vector<std::unique_ptr<QThread>> m_threads;
    QList<Station *> m_stations;
    QList<Station *> m_notStarted;
    StationModel m_model;
    int m_unfinished = 0;
};

} // namespace prov::engine

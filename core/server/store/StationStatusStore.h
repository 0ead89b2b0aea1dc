#pragma once

#include "domain/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace prov::server {

class Database;

/// What a running station tells the server every 30 s (POST /api/v1/stations/heartbeat).
struct StationHeartbeat
{
    QString station; ///< from the station's token, never from the body
    QString session; ///< one per start of the station program: a new one starts a new stretch of being up
    QString version; ///< the station program's version
    int slotCount = 0; ///< slots (ports) the station has
    int running = 0; ///< slots running a device now
    QJsonObject operations; ///< operation -> slots running it ({"PROVISION": 3})
    QString configId; ///< the configuration it works on ('' when none picked)
    qint64 batch = 0;
};

/// One station as the Stations page shows it: whether it is up (its last
/// heartbeat at most kOnlineWindowMs old) and since when, what it last said,
/// and its run figures over the asked period (runs-schema definitions).
struct StationStatus
{
    QString station;
    bool online = false;
    qint64 upSinceMs = 0; ///< start of the current (or last) stretch of heartbeats; 0: never sent one
    qint64 lastSeenMs = 0; ///< last heartbeat; 0: never
    QString version;
    int slotCount = 0;
    int running = 0;
    QJsonObject operations;
    QString configId; ///< the heartbeat's, else the station's newest run's
    qint64 batch = 0;
    qint64 runs = 0; ///< every run of the period, station faults included
    qint64 passed = 0; ///< result 0
    qint64 failed = 0; ///< device failures: result != 0, not a station fault
    qint64 stationFaults = 0;
    qint64 firstRuns = 0; ///< units (device, operation) that ran here in the period (YieldCounts::units)
    qint64 firstPassed = 0; ///< of those, the first run here passed
    qint64 lastRunMs = 0; ///< newest finish of the period; 0: no run
    qint64 pendingKeys = 0; ///< escrow records still pending (the station's outbox on the server side)

    /// First-pass yield as a fraction 0..1, as GET /api/v1/yield gives it; nullopt without units.
    [[nodiscard]] std::optional<double> firstPassYield() const
    {
        return firstRuns > 0 ? std::optional<double>(double(firstPassed) / double(firstRuns)) : std::nullopt;
    }
};

/// Station heartbeats and per-station figures from the runs table. Every
/// station that sent a heartbeat or made a run in the period is listed.
class StationStatusStore
{
public:
    /// A heartbeat older than this means the station is down.
    static constexpr qint64 kOnlineWindowMs = 90 * 1000;
    /// How often stations send one.
    static constexpr int kHeartbeatIntervalMs = 30 * 1000;

    explicit StationStatusStore(const Database &database);

    /// Records `beat` at the store's clock.
    [[nodiscard]] Status recordHeartbeat(const StationHeartbeat &beat);
    /// Every station, by name; figures over runs started in [fromMs, toMs).
    [[nodiscard]] Result<QList<StationStatus>> stations(
        std::optional<qint64> fromMs = std::nullopt, std::optional<qint64> toMs = std::nullopt) const;

    /// Replaces the wall clock (milliseconds since the epoch), for tests of the 90 s rule.
    void setClock(std::function<qint64()> clock);

private:
    [[nodiscard]] qint64 now() const;

    const Database &m_database;
    std::function<qint64()> m_clock;
};

} // namespace prov::server

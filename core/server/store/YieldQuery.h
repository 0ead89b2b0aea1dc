#pragma once

#include "domain/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace prov::server {

class Database;

/// Which runs a yield report covers: started in [from, to) and matching every
/// filter given (an empty string or an absent value does not filter). A shift
/// narrows to its station and its time (from its start to its end, or open).
struct YieldFilter
{
    std::optional<qint64> fromMs; ///< inclusive, ms since the epoch UTC
    std::optional<qint64> toMs; ///< exclusive
    QString station;
    QString slot;
    QString op; ///< the operator logged in at the station
    QString configId; ///< configuration ID or one of its aliases
    QString operation; ///< PRETEST, CHECKCONFIG, POSTTEST, PROVISION
    QString meter; ///< plugin id
    std::optional<qint64> batch;
    std::optional<qint64> shiftId;
};

/// The filter's names as the command line and the HTTP query give them:
/// from, to (ISO 8601; a date or a time without an offset is local time),
/// station, slot, operator, configuration, operation, meter, batch, shift.
[[nodiscard]] QStringList yieldFilterKeys();
/// The filter from those names (absent or empty: no filter); a bad time,
/// batch or shift number, or from not before to, is an InvalidArguments error
/// naming it.
[[nodiscard]] Result<YieldFilter> parseYieldFilter(const QHash<QString, QString> &values);
/// ISO 8601 as a time in ms since the epoch ("2026-12-07", "2026-12-07T06:00",
/// "2026-12-07T06:00:00Z"); none when it does not parse.
[[nodiscard]] std::optional<qint64> parseYieldTime(const QString &text);

/// The figures of a set of runs. A unit is one device in one operation: its
/// first run is its earliest non-station-fault run of that operation among the
/// runs the filter selects (ties: the lowest id), its last run the latest.
struct YieldCounts
{
    qint64 runs = 0; ///< every run, station faults included
    qint64 devices = 0; ///< distinct non-empty devices with a non-station-fault run
    qint64 units = 0; ///< distinct (device, operation)
    qint64 passed = 0; ///< runs with result 0
    qint64 failed = 0; ///< runs with another result that are not station faults
    qint64 stationFaults = 0;
    qint64 firstPassUnits = 0; ///< units whose first run passed
    qint64 finalPassUnits = 0; ///< units whose last run passed
    qint64 firstStartMs = 0; ///< the earliest start of the runs (0: none)
    qint64 lastFinishMs = 0; ///< the latest finish

    /// firstPassUnits / units; none without units.
    [[nodiscard]] std::optional<double> firstPassYield() const;
    /// finalPassUnits / units; none without units.
    [[nodiscard]] std::optional<double> finalYield() const;
    /// finalPassUnits per hour between the first start and the last finish;
    /// none when that span is empty.
    [[nodiscard]] std::optional<double> unitsPerHour() const;
};

/// The cycle time of one flow (meter and operation) over its passed runs;
/// the median and 90th percentile are nearest-rank (a value that occurred).
struct FlowCycleTime
{
    QString meter;
    QString operation;
    qint64 count = 0;
    qint64 medianMs = 0;
    qint64 p90Ms = 0;
    qint64 maxMs = 0;
};

struct YieldReport
{
    YieldCounts total;
    QMap<int, qint64> byResult; ///< result code -> failed runs (station faults not included)
    QMap<QString, qint64> byStep; ///< failing step -> failed runs ("" when no step was named)
    QMap<QString, YieldCounts> byStation; ///< each station's own figures (its units counted there)
    QList<FlowCycleTime> cycleTimes; ///< ordered by meter, then operation
};

/// Yield over the stored runs, computed in the database (the rows never come
/// to this process), in one read snapshot so the figures agree with each
/// other. Units and devices are counted without grouping the runs by unit:
/// each counted run names its unit's and device's neighbouring runs (kept by
/// RunStore), so a unit is counted at its first and last selected run. Same
/// results on SQLite and PostgreSQL.
class YieldQuery
{
public:
    explicit YieldQuery(const Database &database);

    /// Fails with InvalidArguments naming a shift that does not exist.
    [[nodiscard]] Result<YieldReport> run(const YieldFilter &filter) const;
    /// The counts only (total and byStation), as run() gives them, no
    /// Paretos or cycle times, read in the caller's read transaction on `db`.
    [[nodiscard]] Result<YieldReport> counts(const QSqlDatabase &db, const YieldFilter &filter) const;

    /// The report as `provstation-server yield --json` and GET /api/v1/yield
    /// give it (docs/contracts/server-api.md): yields as fractions 0..1, null
    /// when there is nothing to divide by.
    [[nodiscard]] static QJsonObject toJson(const YieldReport &report);

private:
    const Database &m_database;
};

} // namespace prov::server

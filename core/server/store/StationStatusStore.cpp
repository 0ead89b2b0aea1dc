#include "server/store/StationStatusStore.h"

#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"
#include "server/store/YieldQuery.h"

#include <QJsonDocument>
#include <QMap>

namespace prov::server {

StationStatusStore::StationStatusStore(const Database &database)
    : m_database(database)
{ }

void StationStatusStore::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 StationStatusStore::now() const
{
    return m_clock ? m_clock() : nowMs();
}

Status StationStatusStore::recordHeartbeat(const StationHeartbeat &beat)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    const qint64 at = now();
    const QString operations = QString::fromUtf8(QJsonDocument(beat.operations).toJson(QJsonDocument::Compact));
    // One statement, so two servers taking heartbeats of one station never lose
    // the stretch's start: a silence past the window or a new session starts a new one.
    auto done = runSql(db.value(),
        QStringLiteral("INSERT INTO station_heartbeats (station, session, first_seen_at, last_seen_at, version, slots,"
                       " running, operations, config_id, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (station) DO UPDATE SET"
                       " first_seen_at = CASE WHEN station_heartbeats.last_seen_at < ?"
                       " OR station_heartbeats.session <> excluded.session"
                       " THEN excluded.first_seen_at ELSE station_heartbeats.first_seen_at END,"
                       " session = excluded.session, last_seen_at = excluded.last_seen_at,"
                       " version = excluded.version, slots = excluded.slots, running = excluded.running,"
                       " operations = excluded.operations, config_id = excluded.config_id, batch = excluded.batch"),
        {beat.station, beat.session, at, at, beat.version, beat.slotCount, beat.running, operations, beat.configId,
            beat.batch, at - kOnlineWindowMs});
    if (!done)
        return done.error();
    return {};
}

Result<QList<StationStatus>> StationStatusStore::stations(
    std::optional<qint64> fromMs, std::optional<qint64> toMs) const
{
    // One snapshot, so the figures of every station are of the same moment.
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QMap<QString, StationStatus> byName;
    auto entry = [&byName](const QString &name) -> StationStatus & {
        StationStatus &s = byName[name];
        s.station = name;
        return s;
    };
    const qint64 at = now();
    {
        auto rows = runSql(db.value(),
            QStringLiteral("SELECT station, first_seen_at, last_seen_at, version, slots, running, operations,"
                           " config_id, batch FROM station_heartbeats"));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            StationStatus &s = entry(rows->value(0).toString());
            s.upSinceMs = rows->value(1).toLongLong();
            s.lastSeenMs = rows->value(2).toLongLong();
            s.online = s.lastSeenMs >= at - kOnlineWindowMs;
            s.version = rows->value(3).toString();
            s.slotCount = rows->value(4).toInt();
            // What a station that stopped was doing is no longer true.
            s.running = s.online ? rows->value(5).toInt() : 0;
            if (s.online)
                s.operations = QJsonDocument::fromJson(rows->value(6).toString().toUtf8()).object();
            s.configId = rows->value(7).toString();
            s.batch = rows->value(8).toLongLong();
        }
    }
    {
        // The figures of GET /api/v1/yield's byStation, by the same code.
        YieldFilter period;
        period.fromMs = fromMs;
        period.toMs = toMs;
        auto counts = YieldQuery(m_database).counts(transaction->db(), period);
        if (!counts)
            return counts.error();
        for (auto it = counts->byStation.cbegin(); it != counts->byStation.cend(); ++it) {
            StationStatus &s = entry(it.key());
            const YieldCounts &c = it.value();
            s.runs = c.runs;
            s.passed = c.passed;
            s.failed = c.failed;
            s.stationFaults = c.stationFaults;
            s.lastRunMs = c.lastFinishMs;
            s.firstRuns = c.units;
            s.firstPassed = c.firstPassUnits;
        }
    }
    {
        auto rows = runSql(db.value(),
            QStringLiteral("SELECT station, COUNT(*) FROM escrow WHERE state = 'pending' GROUP BY station"));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            // Only stations listed for another reason: an old station's forgotten records are the audit's.
            auto it = byName.find(rows->value(0).toString());
            if (it != byName.end())
                it->pendingKeys = rows->value(1).toLongLong();
        }
    }
    for (StationStatus &s : byName) {
        if (!s.configId.isEmpty())
            continue;
        auto newest = runSql(db.value(),
            QStringLiteral("SELECT config_id, batch FROM runs WHERE station = ? ORDER BY started_at DESC, id DESC"
                           " LIMIT 1"),
            {s.station});
        if (!newest)
            return newest.error();
        if (newest->next()) {
            s.configId = newest->value(0).toString();
            s.batch = newest->value(1).toLongLong();
        }
    }
    return QList<StationStatus>(byName.cbegin(), byName.cend());
}

} // namespace prov::server

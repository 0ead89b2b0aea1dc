#include "server/store/ShiftStore.h"

#include "server/store/AuditLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QSqlQuery>

namespace prov::server {

namespace {

const QString kColumns = QStringLiteral("id, station, started_at, started_by, ended_at");

Shift shiftFromRow(const QSqlQuery &row)
{
    Shift shift;
    shift.id = row.value(0).toLongLong();
    shift.station = row.value(1).toString();
    shift.startedAtMs = row.value(2).toLongLong();
    shift.startedBy = row.value(3).toString();
    if (!row.value(4).isNull())
        shift.endedAtMs = row.value(4).toLongLong();
    return shift;
}

} // namespace

ShiftStore::ShiftStore(const Database &database, const AuditLog &audit)
    : m_database(database)
    , m_audit(audit)
{ }

Result<Shift> ShiftStore::start(const QString &station, const QString &startedBy, const QString &actor)
{
    if (station.trimmed().isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("a shift needs a station name"));
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    // Two starts at the same millisecond must still order: the new one never begins before the last.
    qint64 at = nowMs();
    {
        auto last = runSql(db, QStringLiteral("SELECT MAX(started_at) FROM shifts WHERE station = ?"), {station});
        if (!last)
            return last.error();
        if (last->next() && !last->value(0).isNull())
            at = qMax(at, last->value(0).toLongLong() + 1);
    }
    auto ended = runSql(
        db, QStringLiteral("UPDATE shifts SET ended_at = ? WHERE station = ? AND ended_at IS NULL"), {at, station});
    if (!ended)
        return ended.error();
    auto inserted = runSql(db, QStringLiteral("INSERT INTO shifts (station, started_at, started_by) VALUES (?, ?, ?)"),
        {station, at, startedBy});
    if (!inserted) {
        // The unique index on a station's open shift: another server started one at the same moment.
        return inserted.error();
    }
    Shift shift;
    {
        auto row = runSql(db,
            QStringLiteral("SELECT %1 FROM shifts WHERE station = ? AND started_at = ? ORDER BY id DESC").arg(kColumns),
            {station, at});
        if (!row)
            return row.error();
        if (!row->next())
            return makeError(ResultCode::InternalError, QStringLiteral("the new shift was not stored"));
        shift = shiftFromRow(*row);
    }
    auto audited = m_audit.append(*transaction, actor, QStringLiteral("shift.start"), station,
        QStringLiteral("shift %1 started by %2").arg(shift.id).arg(startedBy));
    if (!audited)
        return audited.error();
    auto committed = transaction->commit();
    if (!committed)
        return committed.error();
    return shift;
}

Result<QList<Shift>> ShiftStore::list(const QString &station, int limit) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = station.isEmpty()
        ? runSql(db.value(),
            QStringLiteral("SELECT %1 FROM shifts ORDER BY started_at DESC, id DESC LIMIT ?").arg(kColumns), {limit})
        : runSql(db.value(),
            QStringLiteral("SELECT %1 FROM shifts WHERE station = ? ORDER BY started_at DESC, id DESC LIMIT ?")
                .arg(kColumns),
            {station, limit});
    if (!rows)
        return rows.error();
    QList<Shift> shifts;
    while (rows->next())
        shifts.append(shiftFromRow(*rows));
    return shifts;
}

Result<std::optional<Shift>> ShiftStore::current(const QString &station) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT %1 FROM shifts WHERE station = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1")
            .arg(kColumns),
        {station});
    if (!rows)
        return rows.error();
    if (!rows->next())
        return std::optional<Shift>();
    return std::optional<Shift>(shiftFromRow(*rows));
}

} // namespace prov::server

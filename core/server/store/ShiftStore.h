#pragma once

#include "domain/Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace prov::server {

class AuditLog;
class Database;

/// One shift of one station: who started it and when; open until the
/// station's next shift starts.
struct Shift
{
    qint64 id = 0;
    QString station;
    qint64 startedAtMs = 0;
    QString startedBy; ///< the user who started it
    std::optional<qint64> endedAtMs; ///< none while it is the station's current shift
};

/// Shifts as records (table `shifts`): starting one ends the station's
/// current one at the same instant, so a station's shifts never overlap and
/// every run of the station falls in at most one.
class ShiftStore
{
public:
    ShiftStore(const Database &database, const AuditLog &audit);

    /// Starts a new shift of `station` now (audited as "shift.start" by `actor`).
    [[nodiscard]] Result<Shift> start(const QString &station, const QString &startedBy, const QString &actor);
    /// The station's shifts (every station's when empty), newest first.
    [[nodiscard]] Result<QList<Shift>> list(const QString &station, int limit) const;
    /// The station's open shift, if it has one.
    [[nodiscard]] Result<std::optional<Shift>> current(const QString &station) const;

private:
    const Database &m_database;
    const AuditLog &m_audit;
};

} // namespace prov::server

#pragma once

#include "domain/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace prov::server {

class Database;

/// Prepares and runs one statement with positional `?` parameters. Queries are
/// forward-only (no client-side cache of the whole result on either driver).
[[nodiscard]] Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &params = {});

/// Runs `sql` as runSql() does, with the statement Database::prepared() keeps
/// for the calling thread's connection (so inside a SqlTransaction begun on
/// `database`). The query is valid until `sql` runs again on this thread.
[[nodiscard]] Result<QSqlQuery *> runPrepared(const Database &database, const QString &sql, const QVariantList &params);

/// An Error (InternalError) naming what was being done and the driver's text.
[[nodiscard]] Error sqlError(const QSqlQuery &query, const QString &doing);

/// True when the failed statement broke a UNIQUE or PRIMARY KEY constraint.
[[nodiscard]] bool isUniqueViolation(const QSqlQuery &query);

/// Milliseconds since the epoch, UTC: the one time representation in the schema.
[[nodiscard]] qint64 nowMs();

} // namespace prov::server

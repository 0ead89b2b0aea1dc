#pragma once

#include "domain/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace prov::server {

/// Prepares and runs one statement with positional `?` parameters. Queries are
/// forward-only (no client-side cache of the whole result on either driver).
[[nodiscard]] Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &params = {});

/// An Error (InternalError) naming what was being done and the driver's text.
[[nodiscard]] Error sqlError(const QSqlQuery &query, const QString &doing);

/// True when the failed statement broke a UNIQUE or PRIMARY KEY constraint.
[[nodiscard]] bool isUniqueViolation(const QSqlQuery &query);

/// Milliseconds since the epoch, UTC: the one time representation in the schema.
[[nodiscard]] qint64 nowMs();

} // namespace prov::server

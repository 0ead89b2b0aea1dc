#pragma once

#include "domain/Result.h"

#include <QSqlDatabase>

namespace prov::server {

/// The schema version this build writes and reads.
[[nodiscard]] int latestSchemaVersion();

/// Applies every missing migration in one transaction (taken with the writer lock
/// on SQLite and an advisory lock on PostgreSQL, so two processes starting at
/// once do not both migrate). Returns the resulting version; refuses a database
/// whose schema is newer than this build.
[[nodiscard]] Result<int> migrateSchema(const QSqlDatabase &db, bool postgres);

} // namespace prov::server

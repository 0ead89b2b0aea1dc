#pragma once

#include "domain/Result.h"

#include <QString>

namespace prov::server {

/// Where the server's database lives: SQLite in the data directory (default) or
/// PostgreSQL from `postgresql://user[:password]@host[:port]/db[?schema=NAME]`.
/// The password normally comes from PROVSTATION_DB_PASSWORD or PGPASSWORD, never
/// from the command line; describe() never shows it.
struct DatabaseConfig
{
    enum class Engine { Sqlite, Postgres };

    Engine engine = Engine::Sqlite;
    QString sqlitePath; ///< Sqlite: the database file
    QString host; ///< Postgres
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    QString schema; ///< Postgres: optional search_path (tests use one schema each)
    int busyTimeoutMs = 30000;

    /// `url` empty selects SQLite at dataDir/provstation.sqlite.
    [[nodiscard]] static Result<DatabaseConfig> fromUrl(const QString &url, const QString &dataDir);
    /// "SQLite /var/lib/provstation/provstation.sqlite" or "PostgreSQL provtest@127.0.0.1:5432/provtest".
    [[nodiscard]] QString describe() const;
    /// "sqlite" or "postgresql" (health endpoint).
    [[nodiscard]] QString engineName() const;
};

} // namespace prov::server

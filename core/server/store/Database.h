#pragma once

#include "domain/Result.h"
#include "server/store/DatabaseConfig.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace prov::server {

/// A connection used by one object only (e.g. an export stream that keeps a read
/// transaction open while a slow client drains it); removed when destroyed. Use
/// it on the thread that opened it.
class DedicatedConnection
{
public:
    explicit DedicatedConnection(QString name);
    ~DedicatedConnection();
    DedicatedConnection(const DedicatedConnection &) = delete;
    DedicatedConnection &operator=(const DedicatedConnection &) = delete;

    [[nodiscard]] QSqlDatabase db() const;

private:
    QString m_name;
};

/// The server database (SQLite or PostgreSQL through Qt Sql). QSqlDatabase may
/// only be used on the thread that opened it, so every thread gets its own
/// connection on first use, closed when that thread ends. open() runs the schema
/// migrations. Nothing here caches data: several server processes may share one
/// PostgreSQL database, so all state lives in the tables.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Connects and brings the schema to the version this build knows (in one
    /// transaction, serialised between processes). Refuses a newer schema.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const DatabaseConfig &config);

    [[nodiscard]] const DatabaseConfig &config() const { return m_config; }
    [[nodiscard]] bool isPostgres() const { return m_config.engine == DatabaseConfig::Engine::Postgres; }

    /// The calling thread's connection (opened on first use).
    [[nodiscard]] Result<QSqlDatabase> connection() const;
    /// A fresh private connection (see DedicatedConnection).
    [[nodiscard]] Result<std::unique_ptr<DedicatedConnection>> openDedicated() const;

    /// The calling thread's connection's statement for `sql`, prepared on its
    /// first use and kept as long as the connection: a statement run for every
    /// request is parsed and planned once per connection, not once per call
    /// (on PostgreSQL runSql() costs a PREPARE and a DEALLOCATE around each
    /// EXECUTE). For statements with `?` parameters; the query stays valid
    /// until the same SQL is run again on this thread (read its rows first).
    [[nodiscard]] Result<QSqlQuery *> prepared(const QString &sql) const;
    /// Drops the kept statement for `sql` (after it failed: the next use
    /// prepares it again, e.g. once another server's migration changed a table).
    void forgetPrepared(const QString &sql) const;

    /// " FOR UPDATE" on PostgreSQL; empty on SQLite, whose write transactions
    /// (BEGIN IMMEDIATE) already exclude every other writer.
    [[nodiscard]] QString forUpdate() const;

    /// Schema version after open().
    [[nodiscard]] int schemaVersion() const { return m_schemaVersion; }

private:
    explicit Database(DatabaseConfig config);
    [[nodiscard]] Result<QSqlDatabase> openConnection(const QString &name) const;
    [[nodiscard]] static Status enableWal(QSqlDatabase &db, int timeoutMs);

    DatabaseConfig m_config;
    QString m_prefix;
    int m_schemaVersion = 0;
};

} // namespace prov::server

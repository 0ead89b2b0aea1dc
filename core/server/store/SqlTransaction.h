#pragma once

#include "domain/Result.h"

#include <QSqlDatabase>

namespace prov::server {

class Database;

/// One database transaction, rolled back unless commit() succeeds.
/// Write: SQLite `BEGIN IMMEDIATE` (takes the single writer lock up front, so a
/// read-then-write never fails on lock upgrade); PostgreSQL `BEGIN` (read
/// committed) with explicit row locks (SELECT ... FOR UPDATE) and constraints.
/// Read: a consistent snapshot on both (SQLite WAL read transaction; PostgreSQL
/// REPEATABLE READ READ ONLY), so a count and the rows it counts agree.
class SqlTransaction
{
public:
    enum class Mode { Read, Write };

    SqlTransaction() = default;
    SqlTransaction(SqlTransaction &&other) noexcept;
    SqlTransaction &operator=(SqlTransaction &&other) noexcept;
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;
    ~SqlTransaction();

    [[nodiscard]] static Result<SqlTransaction> begin(const QSqlDatabase &db, bool postgres, Mode mode);
    /// begin() on the calling thread's connection of `database`.
    [[nodiscard]] static Result<SqlTransaction> begin(const Database &database, Mode mode);

    [[nodiscard]] const QSqlDatabase &db() const { return m_db; }
    [[nodiscard]] bool isActive() const { return m_active; }
    [[nodiscard]] Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace prov::server

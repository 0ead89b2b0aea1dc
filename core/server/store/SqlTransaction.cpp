#include "server/store/SqlTransaction.h"

#include "server/ServerLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace prov::server {

SqlTransaction::SqlTransaction(SqlTransaction &&other) noexcept
    : m_db(std::move(other.m_db))
    , m_active(std::exchange(other.m_active, false))
{ }

SqlTransaction &SqlTransaction::operator=(SqlTransaction &&other) noexcept
{
    if (this != &other) {
        rollback();
        m_db = std::move(other.m_db);
        m_active = std::exchange(other.m_active, false);
    }
    return *this;
}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

Result<SqlTransaction> SqlTransaction::begin(const QSqlDatabase &db, bool postgres, Mode mode)
{
    QString statement;
    if (postgres)
        statement = mode == Mode::Write ? QStringLiteral("BEGIN")
                                        : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    else
        statement = mode == Mode::Write ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    QSqlQuery query(db);
    if (!query.exec(statement))
        return sqlError(query, QStringLiteral("starting a transaction"));
    SqlTransaction transaction;
    transaction.m_db = db;
    transaction.m_active = true;
    return transaction;
}

Result<SqlTransaction> SqlTransaction::begin(const Database &database, Mode mode)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    return begin(db.value(), database.isPostgres(), mode);
}

Status SqlTransaction::commit()
{
    if (!m_active)
        return makeError(ResultCode::InternalError, QStringLiteral("commit without an active transaction"));
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        Error error = sqlError(query, QStringLiteral("committing"));
        query = QSqlQuery();
        rollback();
        return error;
    }
    m_active = false;
    return {};
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcServerStore) << "rollback failed:" << query.lastError().text();
}

} // namespace prov::server

#include "server/store/SqlSupport.h"

#include "server/store/Database.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>

namespace prov::server {

namespace {

QVariant bindable(const QVariant &value)
{
    // A null QString would bind as SQL NULL; NULL is bound with an invalid QVariant only.
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QStringLiteral("");
    return value;
}

} // namespace

Result<QSqlQuery *> runPrepared(const Database &database, const QString &sql, const QVariantList &params)
{
    auto query = database.prepared(sql);
    if (!query)
        return query.error();
    QSqlQuery *q = query.value();
    q->finish();
    for (qsizetype i = 0; i < params.size(); ++i)
        q->bindValue(int(i), bindable(params.at(i)));
    if (!q->exec()) {
        Error error = sqlError(*q, QStringLiteral("running '%1'").arg(sql.left(60)));
        database.forgetPrepared(sql);
        return error;
    }
    return q;
}

Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &params)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // PostgreSQL cannot PREPARE DDL; a statement without parameters needs no preparing anyway.
    if (params.isEmpty()) {
        if (!query.exec(sql))
            return sqlError(query, QStringLiteral("running '%1'").arg(sql.left(60)));
        return query;
    }
    if (!query.prepare(sql))
        return sqlError(query, QStringLiteral("preparing '%1'").arg(sql.left(60)));
    for (const QVariant &value : params)
        query.addBindValue(bindable(value));
    if (!query.exec())
        return sqlError(query, QStringLiteral("running '%1'").arg(sql.left(60)));
    return query;
}

Error sqlError(const QSqlQuery &query, const QString &doing)
{
    const QSqlError error = query.lastError();
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    return makeError(ResultCode::InternalError, QStringLiteral("database error while %1: %2").arg(doing, text));
}

bool isUniqueViolation(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    const QString code = error.nativeErrorCode();
    // PostgreSQL: SQLSTATE 23505. SQLite: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
    // (2067 / 1555) or the primary code 19 with the matching text.
    return code == u"23505" || code == u"2067" || code == u"1555"
        || (code == u"19" && error.databaseText().contains(QLatin1String("UNIQUE")));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace prov::server

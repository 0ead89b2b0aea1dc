#include "server/store/SqlSupport.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>

namespace prov::server {

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
    for (const QVariant &value : params) {
        // A null QString would bind as SQL NULL; NULL is bound with an invalid QVariant only.
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QStringLiteral(""));
        else
            query.addBindValue(value);
    }
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

#include "server/store/DatabaseConfig.h"

#include <QDir>
#include <QUrl>
#include <QUrlQuery>

namespace prov::server {

namespace {

bool isPlainIdentifier(const QString &text)
{
    if (text.isEmpty() || text.size() > 63)
        return false;
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
            return false;
    }
    return !text.front().isDigit();
}

} // namespace

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &url, const QString &dataDir)
{
    DatabaseConfig config;
    if (url.trimmed().isEmpty()) {
        if (dataDir.isEmpty())
            return makeError(
                ResultCode::InvalidArguments, QStringLiteral("no data directory given for the SQLite database"));
        config.engine = Engine::Sqlite;
        config.sqlitePath = QDir(dataDir).filePath(QStringLiteral("provstation.sqlite"));
        return config;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme();
    if (!parsed.isValid() || (scheme != u"postgresql" && scheme != u"postgres")) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("database URL '%1' is not of the form postgresql://user@host:port/db")
                .arg(parsed.toString(QUrl::RemovePassword)));
    }
    config.engine = Engine::Postgres;
    config.host = parsed.host();
    config.port = parsed.port(5432);
    config.user = parsed.userName();
    config.databaseName = parsed.path().mid(1);
    if (config.host.isEmpty() || config.user.isEmpty() || config.databaseName.isEmpty()
        || config.databaseName.contains(u'/')) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("database URL '%1' needs a user, a host and a database name "
                           "(postgresql://user@host:port/db)")
                .arg(parsed.toString(QUrl::RemovePassword)));
    }
    const QUrlQuery query(parsed);
    for (const auto &item : query.queryItems()) {
        if (item.first == u"schema") {
            if (!isPlainIdentifier(item.second))
                return makeError(ResultCode::InvalidArguments,
                    QStringLiteral("database URL schema '%1' is not a plain SQL identifier").arg(item.second));
            config.schema = item.second.toLower();
        } else {
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("database URL parameter '%1' is not supported (only 'schema')").arg(item.first));
        }
    }
    // A password in the URL works but ends up in shell history and process lists;
    // the environment is the documented way.
    config.password = parsed.password();
    if (config.password.isEmpty())
        config.password = qEnvironmentVariable("PROVSTATION_DB_PASSWORD");
    if (config.password.isEmpty())
        config.password = qEnvironmentVariable("PGPASSWORD");
    return config;
}

QString DatabaseConfig::describe() const
{
    if (engine == Engine::Sqlite)
        return QStringLiteral("SQLite %1").arg(QDir::toNativeSeparators(sqlitePath));
    QString text = QStringLiteral("PostgreSQL %1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
    if (!schema.isEmpty())
        text += QStringLiteral(" (schema %1)").arg(schema);
    return text;
}

QString DatabaseConfig::engineName() const
{
    return engine == Engine::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

} // namespace prov::server

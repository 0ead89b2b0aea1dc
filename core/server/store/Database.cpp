#include "server/store/Database.h"

#include "server/ServerLog.h"
#include "server/store/Migrations.h"
#include "server/store/SqlSupport.h"
#include "support/SqliteWal.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>
#include <QThreadStorage>

namespace prov::server {

namespace {

QAtomicInteger<quint64> s_instanceCounter;
QAtomicInteger<quint64> s_dedicatedCounter;

/// The connections a thread opened, with the statements prepared on each
/// (Database::prepared()); closed when the thread finishes (QThreadStorage
/// deletes it there), so pool threads do not leak connections.
struct ThreadConnections
{
    QStringList names;
    /// connection name -> SQL -> its prepared statement (PostgreSQL: a named
    /// server-side statement, deallocated when the query goes)
    QHash<QString, QHash<QString, std::shared_ptr<QSqlQuery>>> statements;
    ~ThreadConnections();
};

void dropConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

ThreadConnections::~ThreadConnections()
{
    statements.clear(); // a connection with live queries cannot be removed cleanly
    for (const QString &name : std::as_const(names))
        dropConnection(name);
}

QThreadStorage<ThreadConnections *> s_threadConnections;

ThreadConnections &threadConnections()
{
    if (!s_threadConnections.hasLocalData())
        s_threadConnections.setLocalData(new ThreadConnections);
    return *s_threadConnections.localData();
}

} // namespace

DedicatedConnection::DedicatedConnection(QString name)
    : m_name(std::move(name))
{ }

DedicatedConnection::~DedicatedConnection()
{
    dropConnection(m_name);
}

QSqlDatabase DedicatedConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_prefix(QStringLiteral("provserver-%1").arg(++s_instanceCounter))
{ }

Database::~Database()
{
    // Connections of this instance on other threads go when those threads end;
    // the one of this thread goes now.
    if (s_threadConnections.hasLocalData()) {
        ThreadConnections &mine = threadConnections();
        for (auto it = mine.names.begin(); it != mine.names.end();) {
            if (it->startsWith(m_prefix + u'-')) {
                mine.statements.remove(*it);
                dropConnection(*it);
                it = mine.names.erase(it);
            } else {
                ++it;
            }
        }
    }
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseConfig &config)
{
    const QString driver
        = config.engine == DatabaseConfig::Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("Qt SQL driver %1 is not installed (Debian: %2)")
                .arg(driver,
                    config.engine == DatabaseConfig::Engine::Sqlite ? QStringLiteral("libqt6sql6-sqlite")
                                                                    : QStringLiteral("libqt6sql6-psql")));
    }
    if (config.engine == DatabaseConfig::Engine::Sqlite) {
        const QFileInfo file(config.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot create the data directory %1").arg(file.absolutePath()));
    }
    std::unique_ptr<Database> database(new Database(config));
    auto db = database->connection();
    if (!db)
        return db.error();
    auto version = migrateSchema(db.value(), database->isPostgres());
    if (!version)
        return version.error();
    database->m_schemaVersion = version.value();
    qCInfo(lcServerStore) << "database" << config.describe() << "schema version" << database->m_schemaVersion;
    return database;
}

Result<QSqlDatabase> Database::connection() const
{
    const QString name
        = QStringLiteral("%1-t%2").arg(m_prefix).arg(reinterpret_cast<quintptr>(QThread::currentThread()));
    QSqlDatabase existing = QSqlDatabase::database(name, false);
    if (existing.isValid() && existing.isOpen())
        return existing;
    if (existing.isValid()) {
        existing = QSqlDatabase();
        threadConnections().statements.remove(name);
        dropConnection(name);
    }
    auto opened = openConnection(name);
    if (opened)
        threadConnections().names.append(name);
    return opened;
}

Result<std::unique_ptr<DedicatedConnection>> Database::openDedicated() const
{
    const QString name = QStringLiteral("%1-d%2").arg(m_prefix).arg(++s_dedicatedCounter);
    auto opened = openConnection(name);
    if (!opened)
        return opened.error();
    return std::make_unique<DedicatedConnection>(name);
}

Result<QSqlQuery *> Database::prepared(const QString &sql) const
{
    auto db = connection();
    if (!db)
        return db.error();
    auto &mine = threadConnections().statements[db->connectionName()];
    if (const auto it = mine.constFind(sql); it != mine.constEnd())
        return it->get();
    auto query = std::make_shared<QSqlQuery>(db.value());
    query->setForwardOnly(true);
    if (!query->prepare(sql))
        return sqlError(*query, QStringLiteral("preparing '%1'").arg(sql.left(60)));
    mine.insert(sql, query);
    return query.get();
}

void Database::forgetPrepared(const QString &sql) const
{
    auto db = connection();
    if (db)
        threadConnections().statements[db->connectionName()].remove(sql);
}

QString Database::forUpdate() const
{
    return isPostgres() ? QStringLiteral(" FOR UPDATE") : QString();
}

Status Database::enableWal(QSqlDatabase &db, int timeoutMs)
{
    QString why;
    if (switchToWal(db, timeoutMs, &why))
        return {};
    return makeError(ResultCode::InternalError,
        QStringLiteral("cannot set up the database connection (PRAGMA journal_mode=WAL) within %1 ms: %2")
            .arg(timeoutMs)
            .arg(why));
}

Result<QSqlDatabase> Database::openConnection(const QString &name) const
{
    const bool sqlite = m_config.engine == DatabaseConfig::Engine::Sqlite;
    QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
    if (sqlite) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_config.busyTimeoutMs));
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=provstation-server"));
    }
    if (!db.open()) {
        const QString why = db.lastError().text().trimmed();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot open the database %1: %2").arg(m_config.describe(), why));
    }
    QStringList setup;
    if (sqlite) {
        // WAL lets readers (exports) run beside the writer; synchronous=FULL makes a
        // committed escrow survive a power cut (see docs/server.md for the cost).
        if (Status wal = enableWal(db, m_config.busyTimeoutMs); !wal) {
            db = QSqlDatabase();
            dropConnection(name);
            return wal.error();
        }
        setup << QStringLiteral("PRAGMA synchronous=FULL") << QStringLiteral("PRAGMA foreign_keys=ON");
    } else {
        if (!m_config.schema.isEmpty())
            setup << QStringLiteral("SET search_path TO %1").arg(m_config.schema);
        setup << QStringLiteral("SET client_min_messages TO WARNING") << QStringLiteral("SET synchronous_commit TO on")
              << QStringLiteral("SET lock_timeout TO %1").arg(m_config.busyTimeoutMs);
    }
    for (const QString &statement : std::as_const(setup)) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            const QString why = query.lastError().text().trimmed();
            query = QSqlQuery();
            db = QSqlDatabase();
            dropConnection(name);
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot set up the database connection (%1): %2").arg(statement, why));
        }
    }
    return db;
}

} // namespace prov::server

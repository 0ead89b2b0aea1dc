#include "server/store/StoreLock.h"

#include "crypto/Digest.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace prov::server {

namespace {

QAtomicInteger<quint64> s_lockCounter;

// "PRST": any constant works, it only has to be the same in every process.
constexpr qint32 kAdvisoryClass = 0x50525354;
constexpr qint32 kScratchClass = 0x50525343; // "PRSC"

qint32 scratchKey(const QString &scratchId)
{
    const QByteArray digest = crypto::Digest::hash(scratchId.toUtf8(), crypto::Digest::Algorithm::Sha256);
    qint32 key = 0;
    std::memcpy(&key, digest.constData(), sizeof key);
    return key;
}

} // namespace

StoreLock::~StoreLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
    if (!m_connection.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (db.isValid())
                db.close(); // ends the session and with it the advisory lock
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

std::pair<qint32, qint32> StoreLock::advisoryKeys(const DatabaseConfig &config)
{
    const QByteArray digest = crypto::Digest::hash(config.schema.toUtf8(), crypto::Digest::Algorithm::Sha256);
    qint32 key = 0;
    std::memcpy(&key, digest.constData(), sizeof key);
    return {kAdvisoryClass, key};
}

Result<std::unique_ptr<StoreLock>> StoreLock::shared(const DatabaseConfig &config)
{
    std::unique_ptr<StoreLock> lock(new StoreLock);
    if (config.engine == DatabaseConfig::Engine::Postgres) {
        if (Status ok = lock->lockPostgres(config, false); !ok)
            return ok.error();
    }
    return lock;
}

Result<std::unique_ptr<StoreLock>> StoreLock::exclusive(const QString &dataDir, const DatabaseConfig &config)
{
    std::unique_ptr<StoreLock> lock(new StoreLock);
    const QString path = QDir(dataDir).filePath(QStringLiteral("tmp.lock"));
    lock->m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock->m_fd < 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (::flock(lock->m_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            return makeError(ResultCode::InternalError,
                QStringLiteral("the store in %1 is in use: a provstation-server process (a running server or a "
                               "command) holds %2; stop it first")
                    .arg(dataDir, path));
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (config.engine == DatabaseConfig::Engine::Postgres) {
        if (Status ok = lock->lockPostgres(config, true); !ok)
            return ok.error();
    }
    return lock;
}

Result<bool> StoreLock::tryScratchExclusive(const QString &scratchId)
{
    if (m_connection.isEmpty())
        return true;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?, ?)"));
    query.addBindValue(kScratchClass);
    query.addBindValue(scratchKey(scratchId));
    if (!query.exec() || !query.next())
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot take the scratch lock: %1").arg(query.lastError().text().trimmed()));
    return query.value(0).toBool();
}

Status StoreLock::holdScratchShared(const QString &scratchId, bool heldExclusive)
{
    if (m_connection.isEmpty())
        return {};
    // Shared first, then the exclusive one goes: never a moment without either.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    const QStringList statements {QStringLiteral("SELECT pg_advisory_lock_shared(?, ?)"),
        heldExclusive ? QStringLiteral("SELECT pg_advisory_unlock(?, ?)") : QString()};
    for (const QString &sql : statements) {
        if (sql.isEmpty())
            continue;
        query.prepare(sql);
        query.addBindValue(kScratchClass);
        query.addBindValue(scratchKey(scratchId));
        if (!query.exec())
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot take the scratch lock: %1").arg(query.lastError().text().trimmed()));
    }
    return {};
}

Status StoreLock::lockPostgres(const DatabaseConfig &config, bool exclusive)
{
    m_connection = QStringLiteral("provserver-storelock-%1").arg(++s_lockCounter);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
    db.setHostName(config.host);
    db.setPort(config.port);
    db.setUserName(config.user);
    db.setPassword(config.password);
    db.setDatabaseName(config.databaseName);
    db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=provstation-server"));
    if (!db.open())
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot open the database %1: %2").arg(config.describe(), db.lastError().text().trimmed()));
    const auto [classKey, objectKey] = advisoryKeys(config);
    QSqlQuery query(db);
    query.prepare(exclusive ? QStringLiteral("SELECT pg_try_advisory_lock(?, ?)")
                            : QStringLiteral("SELECT pg_try_advisory_lock_shared(?, ?)"));
    query.addBindValue(classKey);
    query.addBindValue(objectKey);
    if (!query.exec() || !query.next())
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot take the store lock on %1: %2")
                .arg(config.describe(), query.lastError().text().trimmed()));
    if (query.value(0).toBool())
        return {};
    return makeError(ResultCode::InternalError,
        exclusive ? QStringLiteral("the database %1 is in use: a provstation-server process (on this or another "
                                   "host) has it open; stop every server and command using it first")
                        .arg(config.describe())
                  : QStringLiteral("the database %1 is being restored (a provstation-server restore holds it); "
                                   "start again when the restore has finished")
                        .arg(config.describe()));
}

} // namespace prov::server

#pragma once

#include "domain/Result.h"
#include "server/store/DatabaseConfig.h"

#include <QString>

#include <memory>

namespace prov::server {

/// Who may use a store at the same time. Every process that opens a store
/// (ServerStore::open: the server, every CLI command) holds, for as long as it
/// has it open:
/// - a shared flock(2) on DATA-DIR/tmp.lock (ScratchArea), and
/// - on PostgreSQL, a shared session-level advisory lock on the database,
///   keyed by the URL's schema, so several servers on one database coexist
///   while a restore sees all of them whatever host they run on.
/// A restore takes both exclusively, so it never overwrites a store in use and
/// no process opens the store while it is being replaced. The kernel and the
/// PostgreSQL server drop a dead process's locks.
class StoreLock
{
public:
    ~StoreLock();
    StoreLock(const StoreLock &) = delete;
    StoreLock &operator=(const StoreLock &) = delete;

    /// PostgreSQL's shared lock (the flock is ScratchArea's): fails at once,
    /// with a sentence that says so, while a restore holds the store.
    [[nodiscard]] static Result<std::unique_ptr<StoreLock>> shared(const DatabaseConfig &config);

    /// Both locks exclusively, without waiting: fails, naming the lock, while
    /// any process has the store open. `config` PostgreSQL adds its lock.
    [[nodiscard]] static Result<std::unique_ptr<StoreLock>> exclusive(
        const QString &dataDir, const DatabaseConfig &config);

    /// The scratch lock of a data directory on PostgreSQL, keyed by the
    /// directory's id (ScratchArea), so processes on every host that mounts
    /// the folder honour it: exclusive without waiting; true on SQLite, where
    /// the flock alone decides.
    [[nodiscard]] Result<bool> tryScratchExclusive(const QString &scratchId);
    /// The same lock shared, as long as this object lives (waits while
    /// another process holds it exclusively, i.e. is cleaning up).
    [[nodiscard]] Status holdScratchShared(const QString &scratchId, bool heldExclusive);

    /// The advisory lock's two keys for a configuration (the schema decides).
    [[nodiscard]] static std::pair<qint32, qint32> advisoryKeys(const DatabaseConfig &config);

private:
    StoreLock() = default;
    [[nodiscard]] Status lockPostgres(const DatabaseConfig &config, bool exclusive);

    int m_fd = -1;
    QString m_connection;
};

} // namespace prov::server

#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringList>

namespace prov::server {

class StoreLock;

/// What ScratchArea::claim() found.
struct ScratchCleanup
{
    bool cleaned = false; ///< false: another process uses the data directory, nothing touched
    QStringList removed; ///< paths relative to the data directory
};

/// DATA-DIR/tmp, where imports unpack (tmp/import-XXXXXX) and uploads land
/// (tmp/uploads/upload-XXXXXX.part), and the `.incoming-*` files the content
/// store stages beside their final place. A process that dies in the middle of
/// an import leaves them behind; nothing else ever removes them.
///
/// Every process that opens the store holds a shared flock(2) on
/// DATA-DIR/tmp.lock for as long as it lives, so one that gets the lock
/// exclusively knows no other process (a running server, a CLI import) can
/// be using the scratch area, removes everything in it, and then holds the
/// lock shared like the others. The kernel drops a dead process's lock, so a
/// crash never blocks the cleanup of the next start.
///
/// On PostgreSQL a data directory may be shared between hosts (NFS, SMB),
/// where one host's flock does not see another's. The cleanup then also needs
/// a database lock keyed by the directory's id (DATA-DIR/scratch.id, a random
/// UUID made once), held shared by every process that uses the directory
/// wherever it runs (StoreLock::tryScratchExclusive).
class ScratchArea
{
public:
    explicit ScratchArea(const QString &dataDir);
    ~ScratchArea();
    ScratchArea(const ScratchArea &) = delete;
    ScratchArea &operator=(const ScratchArea &) = delete;

    /// Takes the locks (cleaning first when no other process holds them);
    /// `storeLock` adds the database's part on PostgreSQL.
    [[nodiscard]] Result<ScratchCleanup> claim(StoreLock &storeLock);

    [[nodiscard]] QString lockPath() const;
    /// The data directory's id (made on first use), the key of the database lock.
    [[nodiscard]] Result<QString> scratchId() const;

private:
    QString m_dataDir;
    int m_fd = -1;
};

} // namespace prov::server

#pragma once

#include "domain/Result.h"
#include "server/store/BackupManifest.h"
#include "server/store/MasterKey.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace prov::server {

class ServerStore;

/// Where the master key of a store is, as a backup or restore reports it.
struct MasterKeyStatus
{
    bool needed = false; ///< the database holds data sealed under a master key
    bool found = false; ///< needed, and a key that matches the database was found
    MasterKey::Source source = MasterKey::Source::KeyFile;
    QString location; ///< key file path or keychain entry (found only)
    QString description; ///< MasterKey::describe() (found only)
    QString problem; ///< needed but not found (or not the right key): why
};

/// What StoreBackup::create() did.
struct BackupOutcome
{
    QString dest; ///< absolute
    BackupManifest manifest;
    /// PostgreSQL without pg_dump on PATH: the content files and manifest are
    /// written, the database is not; the operator runs this command to finish.
    QString manualDumpCommand;
    MasterKeyStatus masterKey;
};

/// A consistent copy of a store while it runs (see docs/server.md, "Backup and
/// restore"). The database goes first as a snapshot: SQLite `VACUUM INTO` (a
/// read transaction, so writers go on; what committed before it started is in,
/// what commits later is not), PostgreSQL `pg_dump --format=custom` of an
/// exported snapshot (pg_export_snapshot) in which the facts for the manifest
/// are read too. Then every content file that snapshot lists, copied and
/// checked against its SHA-256 (files are only ever added, so all are there),
/// and last DEST/manifest.json. The master key is never copied.
class StoreBackup
{
public:
    /// `dest` must be absent or an empty folder, outside the data directory.
    [[nodiscard]] static Result<BackupOutcome> create(ServerStore &store, const QString &dest);

    /// Reads the facts of a database (in the caller's transaction, if any).
    [[nodiscard]] static Result<SnapshotFacts> readFacts(const QSqlDatabase &db);
    /// Whether the store needs a master key and whether the one it finds fits
    /// (loads it, never creates one).
    [[nodiscard]] static MasterKeyStatus checkMasterKey(ServerStore &store);
    /// The file name of the database inside a copy: provstation.sqlite or database.pgdump.
    [[nodiscard]] static QString databaseFileName(const QString &engine);
};

} // namespace prov::server

#pragma once

#include "domain/Result.h"
#include "server/store/AuditLog.h"
#include "server/store/BackupManifest.h"
#include "server/store/ServerStore.h"
#include "server/store/StoreBackup.h"

#include <QString>

namespace prov::server {

/// What StoreRestore::run() did and found.
struct RestoreOutcome
{
    QString dataDir; ///< absolute
    BackupManifest manifest;
    bool databaseVerified = true; ///< false: a PostgreSQL dump made by hand (no SHA-256 in the manifest)
    AuditVerification audit; ///< of the restored store
    SnapshotFacts restored; ///< the facts of the restored store
    /// The restored store holds what the manifest says (same audit head and
    /// escrow count; at least those for a dump made by hand).
    bool matchesManifest = false;
    MasterKeyStatus masterKey;
};

/// Puts a copy made by StoreBackup into a data directory (and, on PostgreSQL,
/// the database of `--db`): checks the copy against its manifest first (every
/// part's size and SHA-256), refuses a store in use (StoreLock) and, unless
/// `force`, a data directory or schema that holds a store; then restores the
/// database and the files, opens the result (migrating an older schema) and
/// checks its audit chain, its contents against the manifest and its master key.
class StoreRestore
{
public:
    /// Reads SRC/manifest.json and checks every part it lists; the error names
    /// the first missing or altered file.
    [[nodiscard]] static Result<BackupManifest> verifyCopy(const QString &source);

    [[nodiscard]] static Result<RestoreOutcome> run(const StoreOptions &target, const QString &source, bool force);
};

} // namespace prov::server

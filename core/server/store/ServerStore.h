#pragma once

#include "domain/Result.h"
#include "server/store/AuditLog.h"
#include "server/store/ContentStore.h"
#include "server/store/Database.h"
#include "server/store/EscrowStore.h"
#include "server/store/MasterKey.h"
#include "server/store/PackageStore.h"
#include "server/store/PairingStore.h"
#include "server/store/RunStore.h"
#include "server/store/ScratchArea.h"
#include "server/store/ShiftStore.h"
#include "server/store/StationStatusStore.h"
#include "server/store/StoreLock.h"
#include "server/store/TokenStore.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <optional>

namespace prov::server {

/// How to open the server's store (built by provstation-server from its options).
struct StoreOptions
{
    QString dataDir; ///< required: SQLite file (default), content files, key file
    QString databaseUrl; ///< empty: SQLite in dataDir; else postgresql://...
    QString masterKeyFile; ///< forces the key file; empty: PROVSTATION_MASTER_KEY_FILE, keychain, data-dir file
    bool useKeychain = true;
    UserPolicy userPolicy;
    PairingStore::Policy pairingPolicy;
};

/// Every store service of one server process, built once in main() and handed
/// down (no singletons). The master key is loaded on first use, so commands that
/// never seal or unseal (user add, audit verify) do not touch the keychain.
class ServerStore
{
public:
    ~ServerStore();

    /// Opens (and migrates) the database and creates the data directory layout.
    [[nodiscard]] static Result<std::unique_ptr<ServerStore>> open(const StoreOptions &options);

    [[nodiscard]] const StoreOptions &options() const { return m_options; }
    [[nodiscard]] const QString &dataDir() const { return m_options.dataDir; }
    [[nodiscard]] Database &database() { return *m_database; }
    [[nodiscard]] AuditLog &audit() { return *m_audit; }
    [[nodiscard]] AccountStore &accounts() { return *m_accounts; }
    [[nodiscard]] TokenStore &tokens() { return *m_tokens; }
    [[nodiscard]] PairingStore &pairing() { return *m_pairing; }
    [[nodiscard]] ContentStore &content() { return *m_content; }
    /// DATA-DIR/tmp: quarantine and staging area on the data directory's file
    /// system, so files move into the folder store by rename.
    [[nodiscard]] QString scratchDir() const;
    /// How many package files open() copied into the database from this data
    /// directory's files/ folder (PostgreSQL stores made before the database kept them).
    [[nodiscard]] int adoptedFiles() const { return m_adoptedFiles; }
    [[nodiscard]] PackageStore &packages() { return *m_packages; }
    [[nodiscard]] EscrowStore &escrow() { return *m_escrow; }
    [[nodiscard]] StationStatusStore &stationStatus() { return *m_stationStatus; }
    [[nodiscard]] RunStore &runs() { return *m_runs; }
    [[nodiscard]] ShiftStore &shifts() { return *m_shifts; }
    /// Loads the master key the first time (see MasterKey::load).
    [[nodiscard]] Result<const MasterKey *> masterKey();
    /// What open() removed of an interrupted import (see ScratchArea).
    [[nodiscard]] const ScratchCleanup &scratchCleanup() const { return m_scratchCleanup; }

private:
    explicit ServerStore(StoreOptions options);

    StoreOptions m_options;
    std::unique_ptr<StoreLock> m_storeLock; // PostgreSQL's part; the flock is m_scratch's
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<PairingStore> m_pairing;
    std::unique_ptr<ContentStore> m_content;
    std::unique_ptr<PackageStore> m_packages;
    std::unique_ptr<EscrowStore> m_escrow;
    std::unique_ptr<StationStatusStore> m_stationStatus;
    std::unique_ptr<RunStore> m_runs;
    std::unique_ptr<ShiftStore> m_shifts;
    std::unique_ptr<ScratchArea> m_scratch;
    ScratchCleanup m_scratchCleanup;
    int m_adoptedFiles = 0;
    QMutex m_masterKeyMutex; // masterKey() may be called from several HTTP threads
    std::optional<MasterKey> m_masterKey;
};

} // namespace prov::server

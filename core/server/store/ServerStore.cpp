#include "server/store/ServerStore.h"

#include "server/store/DatabaseContentStore.h"
#include "server/store/FolderContentStore.h"

#include <QDir>
#include <QFileInfo>

namespace prov::server {

ServerStore::ServerStore(StoreOptions options)
    : m_options(std::move(options))
{ }

ServerStore::~ServerStore() = default;

Result<std::unique_ptr<ServerStore>> ServerStore::open(const StoreOptions &options)
{
    if (options.dataDir.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no data directory given (--data-dir)"));
    StoreOptions resolved = options;
    resolved.dataDir = QFileInfo(options.dataDir).absoluteFilePath();
    if (!QDir().mkpath(resolved.dataDir))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot create the data directory %1").arg(resolved.dataDir));
    QFile::setPermissions(resolved.dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    auto config = DatabaseConfig::fromUrl(resolved.databaseUrl, resolved.dataDir);
    if (!config)
        return config.error();
    std::unique_ptr<ServerStore> store(new ServerStore(resolved));
    // The locks come before the database is touched (migrations included), so
    // nothing opens a store while a restore replaces it (StoreLock). Leftovers
    // of a process that died during an import go before anything starts a new
    // one (only when no other process uses this data directory).
    auto storeLock = StoreLock::shared(config.value());
    if (!storeLock)
        return storeLock.error();
    store->m_storeLock = std::move(storeLock.value());
    store->m_scratch = std::make_unique<ScratchArea>(resolved.dataDir);
    auto cleanup = store->m_scratch->claim(*store->m_storeLock);
    if (!cleanup)
        return cleanup.error();
    store->m_scratchCleanup = cleanup.value();
    auto database = Database::open(config.value());
    if (!database)
        return database.error();
    store->m_database = std::move(database.value());
    store->m_audit = std::make_unique<AuditLog>(*store->m_database);
    store->m_accounts = std::make_unique<AccountStore>(*store->m_database, *store->m_audit, resolved.userPolicy);
    store->m_tokens
        = std::make_unique<TokenStore>(*store->m_database, *store->m_audit, *store->m_accounts, resolved.userPolicy);
    store->m_pairing
        = std::make_unique<PairingStore>(*store->m_database, *store->m_audit, *store->m_tokens, resolved.pairingPolicy);
    if (store->m_database->isPostgres()) {
        auto content = std::make_unique<DatabaseContentStore>(*store->m_database);
        auto adopted = content->adoptFolder(resolved.dataDir);
        if (!adopted)
            return adopted.error();
        store->m_adoptedFiles = adopted.value();
        store->m_content = std::move(content);
    } else {
        store->m_content = std::make_unique<FolderContentStore>(*store->m_database, resolved.dataDir);
    }
    ServerStore *self = store.get();
    store->m_packages = std::make_unique<PackageStore>(
        *store->m_database, *store->m_audit, *store->m_content, [self] { return self->masterKey(); });
    store->m_escrow = std::make_unique<EscrowStore>(*store->m_database);
    store->m_stationStatus = std::make_unique<StationStatusStore>(*store->m_database);
    store->m_runs = std::make_unique<RunStore>(*store->m_database, *store->m_audit, *store->m_escrow);
    store->m_shifts = std::make_unique<ShiftStore>(*store->m_database, *store->m_audit);
    return store;
}

QString ServerStore::scratchDir() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("tmp"));
}

Result<const MasterKey *> ServerStore::masterKey()
{
    QMutexLocker lock(&m_masterKeyMutex);
    if (!m_masterKey) {
        MasterKey::Options options;
        options.dataDir = m_options.dataDir;
        options.keyFile = m_options.masterKeyFile;
        options.useKeychain = m_options.useKeychain;
        auto key = MasterKey::load(options, *m_database);
        if (!key)
            return key.error();
        m_masterKey.emplace(std::move(key.value()));
    }
    return &*m_masterKey;
}

} // namespace prov::server

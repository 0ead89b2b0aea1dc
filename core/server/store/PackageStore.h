#pragma once

#include "domain/ConfigId.h"
#include "domain/Result.h"
#include "package/PackageInfo.h"
#include "server/store/PackageRecords.h"

#include <QList>
#include <QString>

#include <functional>

namespace prov::server {

class AuditLog;
class ContentStore;
class Database;
class MasterKey;
struct Principal;

/// Imported configurations: commits a verified package as one transaction and
/// answers what stations and admins ask about them. Rules (package-format.md and
/// server-api.md): a re-import makes a new revision, a package byte-identical to
/// the newest revision is a no-op, an alias bound to another configuration is
/// refused naming both, the first KMS key of a configuration is kept unless the
/// change is explicitly allowed (and audited). Gateway keys are sealed with
/// AES-256-GCM under the master key (AAD: config ID and revision). Any failure
/// leaves the database and the file tree exactly as they were.
class PackageStore
{
public:
    using MasterKeyProvider = std::function<Result<const MasterKey *>()>;

    struct ImportOptions
    {
        QString comment;
        QString actor; ///< audit log actor ("cli:root", "user:alice")
        bool allowKmsChange = false;
        bool dryRun = false; ///< check every store rule, store nothing
    };

    PackageStore(const Database &database, const AuditLog &audit, ContentStore &content, MasterKeyProvider masterKey);

    /// Stores `package`. Files go from its quarantine folder into the content
    /// store (moved into the folder store, copied into the database; the caller
    /// still discards the folder afterwards).
    [[nodiscard]] Result<ImportOutcome> import(const package::VerifiedPackage &package, const ImportOptions &options);

    /// Every configuration with its revisions, newest first.
    [[nodiscard]] Result<QList<ConfigurationRecord>> configurations() const;
    /// A configuration ID or an alias (ID syntax wins: "0x45", "69").
    [[nodiscard]] Result<ConfigId> resolve(const QString &idOrAlias) const;
    [[nodiscard]] Result<ConfigId> resolveAlias(const QString &alias) const;
    /// The newest revision with its files.
    [[nodiscard]] Result<RevisionRecord> newestRevision(ConfigId configId) const;
    [[nodiscard]] Result<RevisionRecord> revision(ConfigId configId, int revision) const;
    /// The aliases bound to a configuration.
    [[nodiscard]] Result<QStringList> aliases(ConfigId configId) const;

    /// The file a download serves: metadata (size, md5); error when no stored
    /// revision references it. Its bytes come from the content store.
    [[nodiscard]] Result<StoredFile> storedFile(const QString &sha256Hex) const;

    /// Unseals a revision's gateway keys, for a station token only (audited).
    [[nodiscard]] Result<package::GatewayKeys> gatewayKeys(
        ConfigId configId, int revision, const Principal &principal) const;

    /// AAD of a revision's sealed gateway keys.
    [[nodiscard]] static QByteArray gatewayKeysAad(ConfigId configId, int revision);

private:
    const Database &m_database;
    const AuditLog &m_audit;
    ContentStore &m_content;
    MasterKeyProvider m_masterKey;
};

} // namespace prov::server

#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QString>

#include <memory>

namespace prov::server {

class Database;

/// The server master key: 32 bytes that seal data at rest (gateway keys,
/// AES-256-GCM). Kept in the OS keychain through QtKeychain; where there is none
/// (a headless service: no D-Bus session, so it fails fast) in a key file in the
/// data directory, created 0600 by the service user and refused when anyone else
/// could read it. The database remembers a check value of the key, so a different
/// key (a lost keychain entry, a wrong file) is refused instead of silently
/// starting a new one that cannot open what was sealed before.
class MasterKey
{
public:
    enum class Source { Keychain, KeyFile };

    struct Options
    {
        QString dataDir;
        /// Forces the key file (created when absent). Default: PROVSTATION_MASTER_KEY_FILE.
        QString keyFile;
        /// When false the keychain is never tried (tests, or `--master-key-file`).
        bool useKeychain = true;
        QString keychainService = QStringLiteral("provstation-server");
        int keychainTimeoutMs = 10000;
    };

    MasterKey(MasterKey &&) noexcept = default;
    MasterKey &operator=(MasterKey &&) noexcept = default;

    /// Finds (or, for a database that never had one, creates) the key and checks
    /// it against the database.
    [[nodiscard]] static Result<MasterKey> load(const Options &options, const Database &database);

    [[nodiscard]] const crypto::SecretBytes &key() const { return m_key; }
    [[nodiscard]] Source source() const { return m_source; }
    /// One line for the start-up banner, e.g. "key file /var/lib/provstation/master.key
    /// (no OS keychain: no D-Bus session bus)" or "OS keychain (provstation-server/...)".
    [[nodiscard]] QString describe() const { return m_description; }
    /// The key file's absolute path, or the keychain entry's name (service: Options::keychainService).
    [[nodiscard]] QString location() const { return m_location; }

    /// The key file used when nothing else is configured.
    [[nodiscard]] static QString defaultKeyFile(const QString &dataDir);

private:
    MasterKey() = default;

    crypto::SecretBytes m_key;
    Source m_source = Source::KeyFile;
    QString m_description;
    QString m_location;
};

} // namespace prov::server

#include "server/store/MasterKey.h"

#include "crypto/Random.h"
#include "crypto/SymmetricCrypto.h"
#include "server/ServerLog.h"
#include "server/store/Database.h"
#include "server/store/KeyFile.h"
#include "server/store/KeychainSecret.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QDir>
#include <QFileInfo>

namespace prov::server {

namespace {

constexpr qsizetype kKeySize = 32;
const QString kCheckSetting = QStringLiteral("master_key_check");
const QString kSourceSetting = QStringLiteral("master_key_source");

Result<QString> checkValue(const crypto::SecretBytes &key)
{
    auto mac = crypto::hmacSha256(key, "provstation master key check v1");
    if (!mac)
        return mac.error();
    return QString::fromLatin1(mac->toHex());
}

Result<QString> storedSetting(const Database &database, const QString &name)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    auto row = runSql(db.value(), QStringLiteral("SELECT value FROM server_settings WHERE name = ?"), {name});
    if (!row)
        return row.error();
    return row->next() ? row->value(0).toString() : QString();
}

/// Records the check value the first time; afterwards refuses any other key.
Status checkAgainstDatabase(const Database &database, const crypto::SecretBytes &key, const QString &source)
{
    auto check = checkValue(key);
    if (!check)
        return check.error();
    auto transaction = SqlTransaction::begin(database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    QString stored;
    {
        auto row = runSql(db, QStringLiteral("SELECT value FROM server_settings WHERE name = ?"), {kCheckSetting});
        if (!row)
            return row.error();
        if (row->next())
            stored = row->value(0).toString();
    }
    if (stored.isEmpty()) {
        // ON CONFLICT: another process may have recorded its key meanwhile; the
        // re-read below then decides.
        for (const auto &[name, value] :
            {std::pair {kCheckSetting, check.value()}, std::pair {kSourceSetting, source}}) {
            auto insert = runSql(db,
                QStringLiteral("INSERT INTO server_settings (name, value) VALUES (?, ?)"
                               " ON CONFLICT (name) DO NOTHING"),
                {name, value});
            if (!insert)
                return insert.error();
        }
        auto row = runSql(db, QStringLiteral("SELECT value FROM server_settings WHERE name = ?"), {kCheckSetting});
        if (!row)
            return row.error();
        if (row->next())
            stored = row->value(0).toString();
    }
    if (stored != check.value()) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("the master key from %1 differs from this deployment's master key (the one the "
                           "database %2 records and its data is sealed with); every server on a database must use "
                           "the same key: copy that key here, or restore the original (see docs/server.md, "
                           "\"Master key\")")
                .arg(source, database.config().describe()));
    }
    return transaction->commit();
}

} // namespace

QString MasterKey::defaultKeyFile(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("master.key"));
}

Result<MasterKey> MasterKey::load(const Options &options, const Database &database)
{
    auto existingCheck = storedSetting(database, kCheckSetting);
    if (!existingCheck)
        return existingCheck.error();
    const bool databaseHasKey = !existingCheck->isEmpty();

    MasterKey result;
    QString keyFile = options.keyFile;
    if (keyFile.isEmpty())
        keyFile = qEnvironmentVariable("PROVSTATION_MASTER_KEY_FILE");
    const bool forcedFile = !keyFile.isEmpty();
    if (!forcedFile)
        keyFile = defaultKeyFile(options.dataDir);
    keyFile = QFileInfo(keyFile).absoluteFilePath();

    QString keychainReason;
    // A key file that exists stays the source: never switch silently.
    if (!forcedFile && !QFileInfo::exists(keyFile) && options.useKeychain) {
        const QString entry = QStringLiteral("master-key:") + QDir(options.dataDir).absolutePath();
        auto read = keychain::read(options.keychainService, entry, options.keychainTimeoutMs);
        if (read.available) {
            const QString where
                = QStringLiteral("OS keychain (service %1, entry %2)").arg(options.keychainService, entry);
            if (read.secret) {
                if (read.secret->size() != kKeySize)
                    return makeError(ResultCode::InternalError,
                        QStringLiteral("the master key in the %1 is %2 bytes, not %3")
                            .arg(where)
                            .arg(read.secret->size())
                            .arg(kKeySize));
                result.m_key = std::move(*read.secret);
            } else {
                if (databaseHasKey)
                    return makeError(ResultCode::InternalError,
                        QStringLiteral("no master key in the %1, but the database holds data sealed under "
                                       "one: restore the key (see docs/server.md)")
                            .arg(where));
                auto fresh = crypto::randomSecret(kKeySize);
                if (!fresh)
                    return fresh.error();
                if (auto ok = keychain::write(options.keychainService, entry, fresh.value(), options.keychainTimeoutMs);
                    !ok)
                    return ok.error();
                result.m_key = std::move(fresh.value());
                qCInfo(lcServerStore) << "created a new master key in the OS keychain";
            }
            result.m_source = Source::Keychain;
            result.m_description = where;
            result.m_location = entry;
            if (auto ok = checkAgainstDatabase(database, result.m_key, where); !ok) {
                // As for a key file below: an entry made at this start that lost
                // the race to another server's key must not stay.
                if (!read.secret) {
                    if (auto removed = keychain::remove(options.keychainService, entry, options.keychainTimeoutMs);
                        !removed)
                        qCWarning(lcServerStore).noquote() << removed.error().message;
                }
                return ok.error();
            }
            return result;
        }
        keychainReason = read.reason;
    } else if (!options.useKeychain && !forcedFile) {
        keychainReason = QStringLiteral("keychain disabled");
    }

    bool createdFile = false;
    if (!QFileInfo::exists(keyFile)) {
        if (databaseHasKey)
            return makeError(ResultCode::InternalError,
                QStringLiteral("no master key file at %1%2, but the database holds data sealed under a "
                               "master key: restore it, or copy the deployment's key from another server on this "
                               "database (see docs/server.md)")
                    .arg(keyFile,
                        keychainReason.isEmpty() ? QString()
                                                 : QStringLiteral(" and no OS keychain (%1)").arg(keychainReason)));
        auto fresh = crypto::randomSecret(kKeySize);
        if (!fresh)
            return fresh.error();
        if (auto ok = keyfile::create(keyFile, fresh.value()); !ok)
            return ok.error();
        createdFile = true;
        qCWarning(lcServerStore) << "created a new master key file" << keyFile;
    }
    auto key = keyfile::read(keyFile, kKeySize);
    if (!key)
        return key.error();
    result.m_key = std::move(key.value());
    result.m_source = Source::KeyFile;
    result.m_location = keyFile;
    result.m_description = QStringLiteral("key file %1").arg(QDir::toNativeSeparators(keyFile));
    if (forcedFile)
        result.m_description += QStringLiteral(" (forced by --master-key-file / PROVSTATION_MASTER_KEY_FILE)");
    else if (!keychainReason.isEmpty())
        result.m_description += QStringLiteral(" (no OS keychain: %1)").arg(keychainReason);
    if (auto ok = checkAgainstDatabase(database, result.m_key, result.m_description); !ok) {
        // Another server recorded its key first (both started on an empty
        // database): the key made here seals nothing, and left behind it would
        // be taken for this server's key at the next start.
        if (createdFile && !QFile::remove(keyFile))
            qCWarning(lcServerStore) << "cannot remove the master key file made at this start" << keyFile;
        return ok.error();
    }
    return result;
}

} // namespace prov::server

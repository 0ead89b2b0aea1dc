#include "server/store/PackageStore.h"

#include "crypto/SymmetricCrypto.h"
#include "server/ServerLog.h"
#include "server/store/AuditLog.h"
#include "server/store/ContentStore.h"
#include "server/store/Database.h"
#include "server/store/MasterKey.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"
#include "server/store/TokenStore.h"

#include <QDateTime>
#include <QSet>
#include <QSqlQuery>

#include <cstring>

namespace prov::server {

namespace {

// Imports from several processes take turns (PostgreSQL; SQLite's writer lock
// already does this), which keeps revision numbers and content-file clean-up simple.
constexpr qint64 kImportLockKey = 0x50524f56494d5054; // "PROVIMPT"

QString hex(const QByteArray &raw)
{
    return QString::fromLatin1(raw.toHex());
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Error invalidPackage(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

/// What the store relies on from the reader, checked again at the boundary.
Status checkShape(const package::VerifiedPackage &package)
{
    const package::PackageInfo &info = package.info;
    if (info.packageSha256.size() != 32)
        return makeError(ResultCode::InternalError, QStringLiteral("the package has no SHA-256"));
    if (package.gatewayKeys.gateway.size() != 16 || package.gatewayKeys.codeDownload.size() != 16)
        return makeError(ResultCode::InternalError, QStringLiteral("the package's gateway keys are not 16 bytes each"));
    if (info.kmsFingerprint.isEmpty() || info.kmsPublicKeyPem.isEmpty())
        return makeError(ResultCode::InternalError, QStringLiteral("the package has no KMS key"));
    for (const package::PackageFile &file : info.files) {
        if (file.sha256.size() != 32 || file.md5.size() != 16)
            return makeError(ResultCode::InternalError,
                QStringLiteral("file %1 of the package has no digests").arg(file.archivePath));
    }
    return {};
}

RevisionRecord revisionFromRow(const QSqlQuery &row)
{
    // Column order of kRevisionColumns.
    RevisionRecord record;
    record.configId = ConfigId::parse(row.value(0).toString()).value();
    record.revision = row.value(1).toInt();
    record.appLabel = row.value(2).toString();
    record.nodeType = row.value(3).toString();
    record.nodeVersion = row.value(4).toString();
    record.kmsPublicKeyPem = row.value(5).toString();
    record.kmsFingerprint = row.value(6).toString();
    record.packageSha256 = row.value(7).toString();
    record.packageSize = row.value(8).toLongLong();
    record.comment = row.value(9).toString();
    record.importedBy = row.value(10).toString();
    record.importedAt = fromMs(row.value(11).toLongLong());
    return record;
}

const QString kRevisionColumns
    = QStringLiteral("config_id, revision, app_label, node_type, node_version, kms_public_key_pem, kms_fingerprint,"
                     " package_sha256, package_size, comment, imported_by, imported_at");

Result<QList<StoredApp>> loadApps(const QSqlDatabase &db, ConfigId configId, int revision)
{
    auto rows = runSql(db,
        QStringLiteral("SELECT name, version, public_key_pem, public_key_fingerprint FROM revision_apps"
                       " WHERE config_id = ? AND revision = ? ORDER BY position"),
        {configId.toString(), revision});
    if (!rows)
        return rows.error();
    QList<StoredApp> apps;
    while (rows->next())
        apps.append({rows->value(0).toString(), rows->value(1).toString(), rows->value(2).toString(),
            rows->value(3).toString()});
    return apps;
}

Result<QList<StoredFile>> loadFiles(const QSqlDatabase &db, ConfigId configId, int revision)
{
    auto rows = runSql(db,
        QStringLiteral("SELECT f.archive_path, f.role, c.size, c.md5, c.sha256 FROM revision_files f"
                       " JOIN content_files c ON c.sha256 = f.sha256"
                       " WHERE f.config_id = ? AND f.revision = ? ORDER BY f.archive_path"),
        {configId.toString(), revision});
    if (!rows)
        return rows.error();
    QList<StoredFile> files;
    while (rows->next())
        files.append({rows->value(0).toString(), rows->value(1).toString().split(u',', Qt::SkipEmptyParts),
            rows->value(2).toLongLong(), rows->value(3).toString(), rows->value(4).toString()});
    return files;
}

} // namespace

QString ImportOutcome::summary() const
{
    switch (kind) {
    case Kind::Identical:
        return QStringLiteral("identical to revision %1 of configuration %2: nothing imported")
            .arg(revision)
            .arg(configId.toString());
    case Kind::DryRun:
        return QStringLiteral("dry run: would import revision %1 of %2configuration %3; nothing stored")
            .arg(revision)
            .arg(newConfiguration ? QStringLiteral("new ") : QString(), configId.toString());
    case Kind::Imported:
        break;
    }
    return QStringLiteral("imported as revision %1 of %2configuration %3")
        .arg(revision)
        .arg(newConfiguration ? QStringLiteral("new ") : QString(), configId.toString());
}

PackageStore::PackageStore(
    const Database &database, const AuditLog &audit, ContentStore &content, MasterKeyProvider masterKey)
    : m_database(database)
    , m_audit(audit)
    , m_content(content)
    , m_masterKey(std::move(masterKey))
{ }

QByteArray PackageStore::gatewayKeysAad(ConfigId configId, int revision)
{
    return QByteArrayLiteral("provstation gateway keys ") + configId.toString().toLatin1() + '/'
        + QByteArray::number(revision);
}

Result<ImportOutcome> PackageStore::import(const package::VerifiedPackage &package, const ImportOptions &options)
{
    if (auto ok = checkShape(package); !ok)
        return ok.error();
    const package::PackageInfo &info = package.info;
    const QString configId = info.configId.toString();
    const QString packageSha = hex(info.packageSha256);

    auto masterKey = m_masterKey();
    if (!masterKey)
        return masterKey.error();

    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    if (m_database.isPostgres()) {
        auto lock = runSql(db, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kImportLockKey});
        if (!lock)
            return lock.error();
    }

    ImportOutcome outcome;
    outcome.configId = info.configId;
    outcome.kind = options.dryRun ? ImportOutcome::Kind::DryRun : ImportOutcome::Kind::Imported;
    QString boundKms;
    int latest = 0;
    {
        auto row = runSql(db,
            QStringLiteral("SELECT kms_fingerprint, latest_revision FROM configurations WHERE config_id = ?")
                + m_database.forUpdate(),
            {configId});
        if (!row)
            return row.error();
        if (row->next()) {
            boundKms = row->value(0).toString();
            latest = row->value(1).toInt();
        }
    }
    outcome.newConfiguration = latest == 0;
    if (latest > 0) {
        auto row
            = runSql(db, QStringLiteral("SELECT package_sha256 FROM revisions WHERE config_id = ? AND revision = ?"),
                {configId, latest});
        if (!row)
            return row.error();
        if (row->next() && row->value(0).toString() == packageSha) {
            outcome.kind = ImportOutcome::Kind::Identical;
            outcome.revision = latest;
            return outcome;
        }
    }
    if (!boundKms.isEmpty() && boundKms != info.kmsFingerprint) {
        if (!options.allowKmsChange) {
            return invalidPackage(QStringLiteral("configuration %1 is bound to KMS key %2, but this package is signed "
                                                 "under KMS key %3: refused (an admin may allow it with "
                                                 "--allow-kms-change)")
                                      .arg(configId, boundKms, info.kmsFingerprint));
        }
        outcome.kmsKeyChanged = true;
    }
    QSet<QString> seenAliases;
    for (const QString &alias : info.aliases) {
        if (seenAliases.contains(alias))
            continue;
        seenAliases.insert(alias);
        auto row = runSql(db, QStringLiteral("SELECT config_id FROM aliases WHERE alias = ?"), {alias});
        if (!row)
            return row.error();
        if (row->next()) {
            const QString other = row->value(0).toString();
            if (other != configId)
                return invalidPackage(QStringLiteral("alias '%1' is already bound to configuration %2; this package "
                                                     "would bind it to configuration %3: refused")
                                          .arg(alias, other, configId));
        } else {
            outcome.newAliases.append(alias);
        }
    }

    outcome.revision = latest + 1;
    const qint64 at = nowMs();

    // Gateway keys: sealed before they touch the database, never stored in clear.
    crypto::SecretBytes plain(32);
    std::memcpy(plain.data(), package.gatewayKeys.gateway.constData(), 16);
    std::memcpy(plain.data() + 16, package.gatewayKeys.codeDownload.constData(), 16);
    auto sealed = crypto::aesGcmSeal(masterKey.value()->key(), plain, gatewayKeysAad(info.configId, outcome.revision));
    plain.clear();
    if (!sealed)
        return sealed.error();

    const auto run = [&db](const QString &sql, const QVariantList &params) -> Status {
        auto query = runSql(db, sql, params);
        if (!query)
            return query.error();
        return {};
    };
    Status step = outcome.newConfiguration
        ? run(QStringLiteral("INSERT INTO configurations (config_id, app_label, kms_fingerprint, latest_revision,"
                             " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
            {configId, info.appLabel, info.kmsFingerprint, outcome.revision, at, at})
        : run(QStringLiteral("UPDATE configurations SET app_label = ?, kms_fingerprint = ?, latest_revision = ?,"
                             " updated_at = ? WHERE config_id = ?"),
            {info.appLabel, info.kmsFingerprint, outcome.revision, at, configId});
    if (!step)
        return step.error();
    step = run(QStringLiteral("INSERT INTO revisions (config_id, revision, package_sha256, package_size, app_label,"
                              " node_type, node_version, kms_public_key_pem, kms_fingerprint, gateway_keys_sealed,"
                              " comment, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {configId, outcome.revision, packageSha, info.packageSize, info.appLabel, info.nodeType, info.nodeVersion,
            info.kmsPublicKeyPem, info.kmsFingerprint, QString::fromLatin1(sealed->toBase64()), options.comment,
            options.actor, at});
    if (!step)
        return step.error();
    for (qsizetype i = 0; i < info.apps.size(); ++i) {
        const package::AppInfo &app = info.apps.at(i);
        step = run(QStringLiteral("INSERT INTO revision_apps (config_id, revision, position, name, version,"
                                  " public_key_pem, public_key_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {configId, outcome.revision, int(i), app.name, app.version, app.publicKeyPem, app.publicKeyFingerprint});
        if (!step)
            return step.error();
    }
    for (const package::PackageFile &file : info.files) {
        step = run(QStringLiteral("INSERT INTO content_files (sha256, size, md5, stored_at) VALUES (?, ?, ?, ?)"
                                  " ON CONFLICT (sha256) DO NOTHING"),
            {hex(file.sha256), file.size, hex(file.md5), at});
        if (!step)
            return step.error();
        step = run(QStringLiteral("INSERT INTO revision_files (config_id, revision, archive_path, role, sha256)"
                                  " VALUES (?, ?, ?, ?, ?)"),
            {configId, outcome.revision, file.archivePath,
                (file.roles.isEmpty() ? QStringList {file.role} : file.roles).join(u','), hex(file.sha256)});
        if (!step)
            return step.error();
    }
    for (const QString &alias : std::as_const(outcome.newAliases)) {
        step = run(QStringLiteral("INSERT INTO aliases (alias, config_id, created_at) VALUES (?, ?, ?)"),
            {alias, configId, at});
        if (!step)
            return step.error();
    }
    QString detail = QStringLiteral("revision %1, package sha256 %2, %3 files, KMS key %4")
                         .arg(outcome.revision)
                         .arg(packageSha)
                         .arg(info.files.size())
                         .arg(info.kmsFingerprint);
    if (!outcome.newAliases.isEmpty())
        detail += QStringLiteral(", new aliases %1").arg(outcome.newAliases.join(QStringLiteral(",")));
    if (!options.comment.isEmpty())
        detail += QStringLiteral(", comment: %1").arg(options.comment);
    if (outcome.kmsKeyChanged) {
        step = m_audit.append(transaction.value(), options.actor, QStringLiteral("package.kms-change"), configId,
            QStringLiteral("KMS key %1 replaced by %2 (allowed explicitly)").arg(boundKms, info.kmsFingerprint));
        if (!step)
            return step.error();
    }
    step = m_audit.append(transaction.value(), options.actor, QStringLiteral("package.import"), configId, detail);
    if (!step)
        return step.error();

    if (options.dryRun)
        return outcome; // the transaction rolls back: nothing stored

    // Files last, inside the transaction: a failure removes what this import
    // created, then the rollback undoes the rows.
    QStringList created;
    const auto undoFiles = [&] {
        for (const QString &sha : std::as_const(created))
            m_content.remove(sha);
    };
    for (const package::PackageFile &file : info.files) {
        auto put = m_content.put(file.localPath, hex(file.sha256));
        if (!put) {
            undoFiles();
            return makeError(put.error().code, put.error().message, file.archivePath);
        }
        if (put.value()) {
            created.append(hex(file.sha256));
            ++outcome.filesStored;
        }
    }
    if (auto ok = transaction->commit(); !ok) {
        undoFiles();
        return ok.error();
    }
    qCInfo(lcServerStore) << "imported" << configId << "revision" << outcome.revision;
    return outcome;
}

Result<QList<ConfigurationRecord>> PackageStore::configurations() const
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    QList<ConfigurationRecord> list;
    {
        auto rows = runSql(db,
            QStringLiteral("SELECT config_id, app_label, kms_fingerprint, latest_revision FROM configurations"
                           " ORDER BY updated_at DESC, config_id"));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            ConfigurationRecord record;
            record.configId = ConfigId::parse(rows->value(0).toString()).value();
            record.appLabel = rows->value(1).toString();
            record.kmsFingerprint = rows->value(2).toString();
            record.latestRevision = rows->value(3).toInt();
            list.append(record);
        }
    }
    for (ConfigurationRecord &record : list) {
        auto aliases = runSql(db, QStringLiteral("SELECT alias FROM aliases WHERE config_id = ? ORDER BY alias"),
            {record.configId.toString()});
        if (!aliases)
            return aliases.error();
        while (aliases->next())
            record.aliases.append(aliases->value(0).toString());
        aliases->finish();
        QList<RevisionRecord> revisions;
        {
            auto rows = runSql(db,
                QStringLiteral("SELECT %1 FROM revisions WHERE config_id = ? ORDER BY revision DESC")
                    .arg(kRevisionColumns),
                {record.configId.toString()});
            if (!rows)
                return rows.error();
            while (rows->next())
                revisions.append(revisionFromRow(rows.value()));
        }
        for (RevisionRecord &revision : revisions) {
            auto apps = loadApps(db, revision.configId, revision.revision);
            if (!apps)
                return apps.error();
            revision.apps = apps.value();
        }
        record.revisions = revisions;
    }
    return list;
}

Result<ConfigId> PackageStore::resolveAlias(const QString &alias) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto row = runSql(db.value(), QStringLiteral("SELECT config_id FROM aliases WHERE alias = ?"), {alias});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("no configuration has the alias '%1'").arg(alias));
    return ConfigId::parse(row->value(0).toString());
}

Result<ConfigId> PackageStore::resolve(const QString &idOrAlias) const
{
    auto id = ConfigId::parse(idOrAlias);
    if (id) {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        auto row
            = runSql(db.value(), QStringLiteral("SELECT 1 FROM configurations WHERE config_id = ?"), {id->toString()});
        if (!row)
            return row.error();
        if (row->next())
            return id.value();
    }
    auto byAlias = resolveAlias(idOrAlias);
    if (byAlias)
        return byAlias;
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("no configuration with the ID or alias '%1'").arg(idOrAlias.left(80)));
}

Result<RevisionRecord> PackageStore::revision(ConfigId configId, int revision) const
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    RevisionRecord record;
    {
        auto row = runSql(db,
            QStringLiteral("SELECT %1 FROM revisions WHERE config_id = ? AND revision = ?").arg(kRevisionColumns),
            {configId.toString(), revision});
        if (!row)
            return row.error();
        if (!row->next())
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("configuration %1 has no revision %2").arg(configId.toString()).arg(revision));
        record = revisionFromRow(row.value());
    }
    auto apps = loadApps(db, configId, revision);
    if (!apps)
        return apps.error();
    record.apps = apps.value();
    auto files = loadFiles(db, configId, revision);
    if (!files)
        return files.error();
    record.files = files.value();
    return record;
}

Result<RevisionRecord> PackageStore::newestRevision(ConfigId configId) const
{
    int latest = 0;
    {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        auto row = runSql(db.value(), QStringLiteral("SELECT latest_revision FROM configurations WHERE config_id = ?"),
            {configId.toString()});
        if (!row)
            return row.error();
        if (!row->next())
            return makeError(
                ResultCode::InvalidArguments, QStringLiteral("no configuration %1").arg(configId.toString()));
        latest = row->value(0).toInt();
    }
    return revision(configId, latest);
}

Result<QStringList> PackageStore::aliases(ConfigId configId) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(), QStringLiteral("SELECT alias FROM aliases WHERE config_id = ? ORDER BY alias"),
        {configId.toString()});
    if (!rows)
        return rows.error();
    QStringList list;
    while (rows->next())
        list.append(rows->value(0).toString());
    return list;
}

Result<StoredFile> PackageStore::storedFile(const QString &sha256Hex) const
{
    if (!ContentStore::isSha256Hex(sha256Hex))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("'%1' is not a SHA-256 (64 lower-case hex digits)").arg(sha256Hex.left(80)));
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto row = runSql(db.value(),
        QStringLiteral("SELECT f.archive_path, f.role, c.size, c.md5 FROM content_files c"
                       " JOIN revision_files f ON f.sha256 = c.sha256 WHERE c.sha256 = ?"
                       " ORDER BY f.config_id, f.revision DESC LIMIT 1"),
        {sha256Hex});
    if (!row)
        return row.error();
    if (!row->next())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no stored file %1").arg(sha256Hex));
    return StoredFile {row->value(0).toString(), row->value(1).toString().split(u',', Qt::SkipEmptyParts),
        row->value(2).toLongLong(), row->value(3).toString(), sha256Hex};
}

Result<package::GatewayKeys> PackageStore::gatewayKeys(
    ConfigId configId, int revision, const Principal &principal) const
{
    if (principal.kind != Principal::Kind::Station || principal.role != Role::Station)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("gateway keys are given to station tokens only, not to %1").arg(principal.actor()));
    auto masterKey = m_masterKey();
    if (!masterKey)
        return masterKey.error();
    QByteArray sealed;
    {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        auto row = runSql(db.value(),
            QStringLiteral("SELECT gateway_keys_sealed FROM revisions WHERE config_id = ? AND revision = ?"),
            {configId.toString(), revision});
        if (!row)
            return row.error();
        if (!row->next())
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("configuration %1 has no revision %2").arg(configId.toString()).arg(revision));
        sealed = QByteArray::fromBase64(row->value(0).toString().toLatin1());
    }
    auto opened = crypto::aesGcmOpen(masterKey.value()->key(), sealed, gatewayKeysAad(configId, revision));
    if (!opened)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot unseal the gateway keys of %1 revision %2 (wrong master key or "
                           "tampered row)")
                .arg(configId.toString())
                .arg(revision));
    if (opened->size() != 32)
        return makeError(ResultCode::InternalError, QStringLiteral("sealed gateway keys have the wrong size"));
    if (auto ok = m_audit.record(principal.actor(), QStringLiteral("gateway-keys.read"),
            QStringLiteral("%1/%2").arg(configId.toString()).arg(revision));
        !ok)
        return ok.error();
    package::GatewayKeys keys;
    keys.gateway = crypto::SecretBytes::copyOf(opened->view().first(16));
    keys.codeDownload = crypto::SecretBytes::copyOf(opened->view().sliced(16, 16));
    return keys;
}

} // namespace prov::server

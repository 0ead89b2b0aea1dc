#include "server/store/StoreRestore.h"

#include "server/ServerLog.h"
#include "server/store/Migrations.h"
#include "server/store/PgTools.h"
#include "server/store/SqlSupport.h"
#include "server/store/StoreLock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <cstdio>

namespace prov::server {

namespace {

/// What may be in a data directory that holds no store: the lock, the scratch
/// area (cleaned at every start) and a master key file put back beforehand.
bool belongsToNoStore(const QString &name)
{
    return name == u"tmp.lock" || name == u"scratch.id" || name == u"tmp" || name == u"master.key";
}

QStringList storeEntries(const QString &dataDir)
{
    QStringList found;
    const QStringList entries
        = QDir(dataDir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : entries) {
        if (!belongsToNoStore(name))
            found.append(name);
    }
    return found;
}

/// --force: what a store leaves in its data directory goes (a master key file stays).
Status clearDataDir(const QString &dataDir)
{
    for (const QString &name : storeEntries(dataDir) + QStringList {QStringLiteral("tmp")}) {
        const QString path = QDir(dataDir).filePath(name);
        const QFileInfo info(path);
        const bool removed = info.isDir() && !info.isSymLink() ? QDir(path).removeRecursively()
            : info.exists() || info.isSymLink()                ? QFile::remove(path)
                                                               : true;
        if (!removed)
            return makeError(ResultCode::InternalError, QStringLiteral("cannot remove %1").arg(path));
    }
    return {};
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

/// PostgreSQL: the schema exists, holds no tables (unless `force`) and is the one the dump was made of.
Status preparePostgres(const DatabaseConfig &config, const BackupManifest &manifest, bool force)
{
    auto schema = pgtools::effectiveSchema(config);
    if (!schema)
        return schema.error();
    if (schema.value() != manifest.pgSchema)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the backup holds PostgreSQL schema '%1', but %2 puts the tables in '%3': restore into a "
                           "URL with ?schema=%1")
                .arg(manifest.pgSchema, config.describe(), schema.value()));
    return pgtools::withConnection(config, [&](QSqlDatabase &db) -> Status {
        if (auto created = runSql(db, QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + quoteIdentifier(schema.value()));
            !created)
            return created.error();
        auto tables = runSql(db,
            QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?"), {schema.value()});
        if (!tables)
            return tables.error();
        const qint64 count = tables->next() ? tables->value(0).toLongLong() : 0;
        if (count > 0 && !force)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("schema '%1' of %2 already holds %3 tables: restore into an empty schema, or add "
                               "--force to replace that store")
                    .arg(schema.value(), config.describe())
                    .arg(count));
        return {};
    });
}

/// pg_restore of the dump, minus the entries of the schema itself (it exists
/// by now, and may belong to someone else): the list pg_restore -l gives.
Status restorePostgres(const DatabaseConfig &config, const BackupManifest &manifest, const QString &dump, bool force)
{
    const QString program = pgtools::find(QStringLiteral("pg_restore"));
    QStringList arguments {QStringLiteral("--no-owner"), QStringLiteral("--no-privileges"),
        QStringLiteral("--exit-on-error"), QStringLiteral("--single-transaction")};
    if (force)
        arguments << QStringLiteral("--clean") << QStringLiteral("--if-exists");
    arguments += pgtools::connectionArguments(config);
    if (program.isEmpty())
        return makeError(ResultCode::InternalError,
            QStringLiteral("pg_restore is not on PATH (Debian: apt install postgresql-client); "
                           "the database part can be restored by hand with: %1, then the content files by copying "
                           "%2/files into the data directory")
                .arg(pgtools::displayCommand(QStringLiteral("pg_restore"), arguments + QStringList {dump}, config),
                    QFileInfo(dump).absolutePath()));
    auto list = pgtools::run(program, {QStringLiteral("--list"), dump}, config);
    if (!list)
        return list.error();
    const QRegularExpression schemaEntry(QStringLiteral("^\\d+; \\d+ \\d+ (SCHEMA|COMMENT|ACL) - (SCHEMA )?%1 ")
                                             .arg(QRegularExpression::escape(manifest.pgSchema)));
    QByteArray filtered;
    for (const QByteArray &line : list->split('\n')) {
        if (!schemaEntry.match(QString::fromUtf8(line)).hasMatch())
            filtered += line + '\n';
    }
    QTemporaryFile listFile(QDir::temp().filePath(QStringLiteral("provstation-restore-XXXXXX.list")));
    if (!listFile.open() || listFile.write(filtered) != filtered.size() || !listFile.flush())
        return makeError(ResultCode::InternalError, QStringLiteral("cannot write the pg_restore list file"));
    arguments << QStringLiteral("--use-list=") + listFile.fileName() << dump;
    auto restored = pgtools::run(program, arguments, config);
    if (!restored)
        return restored.error();
    return {};
}

Status restoreSqlite(const QString &dataDir, const QString &copy, const BackupPart &part)
{
    const QString target = QDir(dataDir).filePath(QStringLiteral("provstation.sqlite"));
    const QString staged = target + QStringLiteral(".restoring");
    QFile::remove(staged);
    if (Status ok = backupfiles::copyVerified(copy, staged, part); !ok)
        return ok;
    // A stale WAL beside the new file would be replayed into it.
    for (const char *suffix : {"-wal", "-shm", "-journal"})
        QFile::remove(target + QString::fromLatin1(suffix));
    if (std::rename(QFile::encodeName(staged).constData(), QFile::encodeName(target).constData()) != 0)
        return makeError(ResultCode::InternalError, QStringLiteral("cannot move %1 into place").arg(target));
    backupfiles::syncPath(dataDir);
    return {};
}

} // namespace

Result<BackupManifest> StoreRestore::verifyCopy(const QString &source)
{
    const QDir dir(source);
    const QString manifestPath = dir.filePath(BackupManifest::fileName());
    QFile file(manifestPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 is not a complete backup: %2 is missing or unreadable (%3)")
                .arg(source, manifestPath, file.errorString()));
    auto manifest = BackupManifest::fromJson(file.readAll(), manifestPath);
    if (!manifest)
        return manifest.error();
    QList<BackupPart> parts = manifest->facts.contentFiles;
    parts.prepend(manifest->database);
    for (const BackupPart &part : std::as_const(parts)) {
        const QString path = dir.filePath(part.path);
        if (!QFileInfo(path).isFile())
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("the backup in %1 is not whole: %2 is missing").arg(source, part.path));
        if (part.sha256.isEmpty())
            continue; // a dump made by hand: nothing to compare with
        auto actual = backupfiles::hashFile(path, part.path);
        if (!actual)
            return actual.error();
        if (actual->size != part.size || actual->sha256 != part.sha256)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("the backup in %1 is damaged: %2 has %3 bytes with SHA-256 %4, the manifest says %5 "
                               "bytes with SHA-256 %6")
                    .arg(source, part.path)
                    .arg(actual->size)
                    .arg(actual->sha256)
                    .arg(part.size)
                    .arg(part.sha256));
    }
    return manifest;
}

Result<RestoreOutcome> StoreRestore::run(const StoreOptions &target, const QString &source, bool force)
{
    auto manifest = verifyCopy(source);
    if (!manifest)
        return manifest.error();
    if (manifest->facts.schemaVersion > latestSchemaVersion())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the backup has database schema version %1, newer than this server knows (%2): restore "
                           "it with provstation-server %3 or newer")
                .arg(manifest->facts.schemaVersion)
                .arg(latestSchemaVersion())
                .arg(manifest->serverVersion));
    if (target.dataDir.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no data directory given (--data-dir)"));
    RestoreOutcome outcome;
    outcome.dataDir = QFileInfo(target.dataDir).absoluteFilePath();
    outcome.manifest = manifest.value();
    outcome.databaseVerified = !manifest->database.sha256.isEmpty();
    auto config = DatabaseConfig::fromUrl(target.databaseUrl, outcome.dataDir);
    if (!config)
        return config.error();
    if (config->engineName() != manifest->engine)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the backup holds a %1 database, but the target is %2: give --db accordingly")
                .arg(manifest->engine, config->describe()));
    if (!QDir().mkpath(outcome.dataDir))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot create %1").arg(outcome.dataDir));
    QFile::setPermissions(outcome.dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    {
        auto lock = StoreLock::exclusive(outcome.dataDir, config.value());
        if (!lock)
            return lock.error();
        const QStringList present = storeEntries(outcome.dataDir);
        if (!present.isEmpty() && !force)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("%1 is not empty (%2): restore into an empty folder, or add --force to replace the "
                               "store in it")
                    .arg(outcome.dataDir, present.mid(0, 5).join(QStringLiteral(", "))));
        if (config->engine == DatabaseConfig::Engine::Postgres) {
            if (Status ok = preparePostgres(config.value(), manifest.value(), force); !ok)
                return ok.error();
        }
        if (Status ok = clearDataDir(outcome.dataDir); !ok)
            return ok.error();
        const QString copy = QDir(source).filePath(manifest->database.path);
        const Status database = config->engine == DatabaseConfig::Engine::Postgres
            ? restorePostgres(config.value(), manifest.value(), copy, force)
            : restoreSqlite(outcome.dataDir, copy, manifest->database);
        if (!database)
            return database.error();
        for (const BackupPart &file : std::as_const(manifest->facts.contentFiles)) {
            if (Status ok = backupfiles::copyVerified(
                    QDir(source).filePath(file.path), QDir(outcome.dataDir).filePath(file.path), file);
                !ok)
                return ok.error();
        }
        qCInfo(lcServerStore) << "restored" << source << "into" << outcome.dataDir;
    } // the locks go: opening the store below takes them shared, like any process

    auto store = ServerStore::open(target);
    if (!store)
        return store.error();
    // PostgreSQL keeps the files in the database: a dump made before it did
    // lacks them, and opening took them from the copies just put into files/
    // (DatabaseContentStore::adoptFolder). The folder has served its purpose.
    if (store.value()->database().isPostgres())
        QDir(QDir(outcome.dataDir).filePath(QStringLiteral("files"))).removeRecursively();
    auto audit = store.value()->audit().verify();
    if (!audit)
        return audit.error();
    outcome.audit = audit.value();
    auto db = store.value()->database().connection();
    if (!db)
        return db.error();
    auto facts = StoreBackup::readFacts(db.value());
    if (!facts)
        return facts.error();
    outcome.restored = facts.value();
    const SnapshotFacts &expected = manifest->facts;
    outcome.matchesManifest = outcome.databaseVerified
        ? outcome.restored.auditRows == expected.auditRows && outcome.restored.auditHeadHash == expected.auditHeadHash
            && outcome.restored.escrowRecords == expected.escrowRecords
            && outcome.restored.contentFiles.size() == expected.contentFiles.size()
        : outcome.restored.auditRows >= expected.auditRows && outcome.restored.escrowRecords >= expected.escrowRecords;
    outcome.masterKey = StoreBackup::checkMasterKey(*store.value());
    return outcome;
}

} // namespace prov::server

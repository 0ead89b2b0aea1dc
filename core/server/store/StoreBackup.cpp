#include "server/store/StoreBackup.h"

#include "server/ServerInfo.h"
#include "server/ServerLog.h"
#include "server/store/PgTools.h"
#include "server/store/ServerStore.h"
#include "server/store/SqlSupport.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace prov::server {

namespace {

QAtomicInteger<quint64> s_snapshotCounter;

Result<qint64> scalar(const QSqlDatabase &db, const QString &sql)
{
    auto query = runSql(db, sql);
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toLongLong() : 0;
}

/// Refuses a DEST that holds anything or lies inside the data directory; creates it 0700.
Status prepareDest(const QString &dest, const QString &dataDir)
{
    const QFileInfo info(dest);
    if (info.exists() && !info.isDir())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("%1 exists and is not a folder").arg(dest));
    if (info.exists() && !QDir(dest).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 is not empty: a backup goes into a new or empty folder").arg(dest));
    const QString data = QFileInfo(dataDir).canonicalFilePath();
    const QString parent = QFileInfo(info.absolutePath()).canonicalFilePath();
    if (!data.isEmpty() && !parent.isEmpty()
        && (info.absoluteFilePath() == data || (parent + u'/').startsWith(data + u'/')))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 lies inside the data directory %2: put the backup elsewhere").arg(dest, dataDir));
    if (!QDir().mkpath(dest))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot create %1").arg(dest));
    QFile::setPermissions(dest, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

/// SQLite: VACUUM INTO the copy, then the facts from the copy itself.
Status snapshotSqlite(ServerStore &store, const QString &target, BackupManifest &manifest)
{
    {
        // VACUUM INTO keeps the mode of an empty file that exists: owner-only from the start.
        QFile file(target);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot create %1: %2").arg(target, file.errorString()));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    {
        auto connection = store.database().openDedicated();
        if (!connection)
            return connection.error();
        manifest.createdAtMs = nowMs();
        auto vacuum = runSql(connection.value()->db(), QStringLiteral("VACUUM INTO ?"), {target});
        if (!vacuum)
            return vacuum.error();
    }
    backupfiles::syncPath(target);
    const QString name = QStringLiteral("provserver-backup-%1").arg(++s_snapshotCounter);
    Result<SnapshotFacts> facts = makeError(ResultCode::InternalError, QString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(target);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open())
            facts = StoreBackup::readFacts(db);
        else
            facts = makeError(ResultCode::InternalError,
                QStringLiteral("cannot open the copy %1: %2").arg(target, db.lastError().text().trimmed()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!facts)
        return facts.error();
    manifest.facts = facts.value();
    return {};
}

/// PostgreSQL: an exported snapshot, the facts read in it, pg_dump of the same snapshot.
Status snapshotPostgres(ServerStore &store, const QString &target, BackupManifest &manifest, QString *manualCommand)
{
    const DatabaseConfig &config = store.database().config();
    auto connection = store.database().openDedicated();
    if (!connection)
        return connection.error();
    const QSqlDatabase db = connection.value()->db();
    if (auto begin = runSql(db, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")); !begin)
        return begin.error();
    manifest.createdAtMs = nowMs();
    QString snapshot;
    {
        auto query = runSql(db, QStringLiteral("SELECT pg_export_snapshot(), current_schema()"));
        if (!query)
            return query.error();
        if (!query->next())
            return makeError(ResultCode::InternalError, QStringLiteral("pg_export_snapshot() returned nothing"));
        snapshot = query->value(0).toString();
        manifest.pgSchema = query->value(1).toString();
    }
    auto facts = StoreBackup::readFacts(db);
    if (!facts)
        return facts.error();
    manifest.facts = facts.value();
    QStringList arguments {QStringLiteral("--format=custom"), QStringLiteral("--no-owner"),
        QStringLiteral("--no-privileges"), QStringLiteral("--schema=") + manifest.pgSchema,
        QStringLiteral("--file=") + target};
    arguments += pgtools::connectionArguments(config);
    const QString program = pgtools::find(QStringLiteral("pg_dump"));
    if (program.isEmpty()) {
        // Without the shared snapshot: the dump made later holds at least these facts.
        *manualCommand = pgtools::displayCommand(QStringLiteral("pg_dump"), arguments, config);
    } else {
        auto dumped = pgtools::run(program, arguments + QStringList {QStringLiteral("--snapshot=") + snapshot}, config);
        if (!dumped)
            return dumped.error();
        backupfiles::syncPath(target);
    }
    return runSql(db, QStringLiteral("COMMIT")).ok()
        ? Status {}
        : makeError(ResultCode::InternalError, QStringLiteral("cannot end the snapshot transaction"));
}

} // namespace

QString StoreBackup::databaseFileName(const QString &engine)
{
    return engine == u"postgresql" ? QStringLiteral("database.pgdump") : QStringLiteral("provstation.sqlite");
}

Result<SnapshotFacts> StoreBackup::readFacts(const QSqlDatabase &db)
{
    SnapshotFacts facts;
    const std::pair<const char *, qint64 *> counts[] = {
        {"SELECT COALESCE(MAX(version), 0) FROM schema_version", nullptr},
        {"SELECT COUNT(*) FROM configurations", &facts.configurations},
        {"SELECT COUNT(*) FROM escrow", &facts.escrowRecords},
        {"SELECT COALESCE(MAX(at), 0) FROM audit_log", &facts.lastAuditAtMs},
    };
    for (const auto &[sql, target] : counts) {
        auto value = scalar(db, QString::fromLatin1(sql));
        if (!value)
            return value.error();
        if (target)
            *target = value.value();
        else
            facts.schemaVersion = int(value.value());
    }
    {
        auto head = runSql(db, QStringLiteral("SELECT seq, head_hash FROM audit_head WHERE id = 1"));
        if (!head)
            return head.error();
        if (head->next()) {
            facts.auditRows = head->value(0).toLongLong();
            facts.auditHeadHash = head->value(1).toString();
        }
    }
    {
        auto check = runSql(db, QStringLiteral("SELECT value FROM server_settings WHERE name = 'master_key_check'"));
        if (!check)
            return check.error();
        facts.sealedWithMasterKey = check->next() && !check->value(0).toString().isEmpty();
    }
    auto files = runSql(db, QStringLiteral("SELECT sha256, size FROM content_files ORDER BY sha256"));
    if (!files)
        return files.error();
    while (files->next()) {
        const QString sha256 = files->value(0).toString();
        facts.contentFiles.append(
            {QStringLiteral("files/%1/%2").arg(sha256.left(2), sha256), files->value(1).toLongLong(), sha256});
    }
    return facts;
}

MasterKeyStatus StoreBackup::checkMasterKey(ServerStore &store)
{
    MasterKeyStatus status;
    auto db = store.database().connection();
    if (!db) {
        status.needed = true;
        status.problem = db.error().message;
        return status;
    }
    {
        auto facts
            = runSql(db.value(), QStringLiteral("SELECT value FROM server_settings WHERE name = 'master_key_check'"));
        status.needed = !facts || (facts->next() && !facts->value(0).toString().isEmpty());
        // A SQLite statement left open keeps its read snapshot; loading the key then cannot take the write lock
        // while the live server writes ("database is locked" at once, without the busy wait).
        if (facts)
            facts->finish();
    }
    if (!status.needed)
        return status; // loading would create a key: nothing is sealed, none is needed yet
    auto key = store.masterKey();
    if (!key) {
        status.problem = key.error().message;
        return status;
    }
    status.found = true;
    status.source = key.value()->source();
    status.location = key.value()->location();
    status.description = key.value()->describe();
    return status;
}

Result<BackupOutcome> StoreBackup::create(ServerStore &store, const QString &dest)
{
    BackupOutcome outcome;
    outcome.dest = QFileInfo(dest).absoluteFilePath();
    const bool existed = QFileInfo::exists(outcome.dest);
    if (Status ok = prepareDest(outcome.dest, store.dataDir()); !ok)
        return ok.error();
    // Everything in DEST is ours from here: a failure removes it, leaving no copy that looks whole.
    const auto discard = [&](const Error &error) -> Result<BackupOutcome> {
        QDir(outcome.dest).removeRecursively();
        if (existed)
            QDir().mkpath(outcome.dest);
        return error;
    };

    const DatabaseConfig &config = store.database().config();
    BackupManifest &manifest = outcome.manifest;
    manifest.serverVersion = serverVersion();
    manifest.engine = config.engineName();
    manifest.sourceDataDir = store.dataDir();
    manifest.sourceDatabase = config.describe();
    const QString databaseFile = databaseFileName(manifest.engine);
    const QString databasePath = QDir(outcome.dest).filePath(databaseFile);
    const Status snapshot = store.database().isPostgres()
        ? snapshotPostgres(store, databasePath, manifest, &outcome.manualDumpCommand)
        : snapshotSqlite(store, databasePath, manifest);
    if (!snapshot)
        return discard(snapshot.error());
    if (outcome.manualDumpCommand.isEmpty()) {
        auto part = backupfiles::hashFile(databasePath, databaseFile);
        if (!part)
            return discard(part.error());
        manifest.database = part.value();
    } else {
        manifest.database = {databaseFile, 0, {}};
    }

    for (const BackupPart &file : std::as_const(manifest.facts.contentFiles)) {
        auto source = store.content().open(file.sha256, 0, file.size);
        if (!source)
            return discard(source.error());
        if (Status ok = backupfiles::copyVerified(*source.value(), QStringLiteral("stored file %1").arg(file.sha256),
                QDir(outcome.dest).filePath(file.path), file);
            !ok)
            return discard(ok.error());
    }
    for (const QString &folder :
        QDir(QDir(outcome.dest).filePath(QStringLiteral("files"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        backupfiles::syncPath(QDir(outcome.dest).filePath(QStringLiteral("files/") + folder));

    outcome.masterKey = checkMasterKey(store);
    manifest.masterKey = !outcome.masterKey.needed ? QStringLiteral("none yet (nothing sealed)")
        : outcome.masterKey.found                  ? outcome.masterKey.description
                                                   : QStringLiteral("not found: ") + outcome.masterKey.problem;
    if (Status ok
        = backupfiles::writeDurably(QDir(outcome.dest).filePath(BackupManifest::fileName()), manifest.toJson());
        !ok)
        return discard(ok.error());
    qCInfo(lcServerStore) << "backup written to" << outcome.dest << "with" << manifest.facts.contentFiles.size()
                          << "content files";
    return outcome;
}

} // namespace prov::server

#include "BackupCommand.h"

#include "CommandSupport.h"

#include "server/store/StoreBackup.h"
#include "server/store/StoreRestore.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>

namespace prov::server {

namespace {

QString utc(qint64 ms)
{
    return ms == 0 ? QStringLiteral("-") : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString contentsLine(const SnapshotFacts &facts)
{
    qint64 bytes = 0;
    for (const BackupPart &file : facts.contentFiles)
        bytes += file.size;
    return QStringLiteral("schema %1, %2 configurations, %3 escrow records, %4 audit rows (last at %5, head %6), "
                          "%7 package files (%8)")
        .arg(facts.schemaVersion)
        .arg(facts.configurations)
        .arg(facts.escrowRecords)
        .arg(facts.auditRows)
        .arg(utc(facts.lastAuditAtMs), facts.auditHeadHash.left(16))
        .arg(facts.contentFiles.size())
        .arg(QLocale::c().formattedDataSize(bytes));
}

/// Where the key is and how to keep a copy of it apart from the backup.
void printMasterKeyAdvice(const MasterKeyStatus &key)
{
    if (!key.needed) {
        printLine(QStringLiteral("Master key: none needed yet (nothing in this store is sealed)."));
        return;
    }
    printLine(QStringLiteral("Master key: NOT in this backup, and it must not be kept with it."));
    if (!key.found) {
        printLine(QStringLiteral("  WARNING: this process could not load it: %1").arg(key.problem));
        printLine(QStringLiteral(
            "  Without it a restored store cannot serve gateway keys (docs/server.md, \"Master key\")."));
        return;
    }
    printLine(QStringLiteral("  It is in the %1").arg(key.description));
    if (key.source == MasterKey::Source::KeyFile) {
        printLine(QStringLiteral("  Keep a copy somewhere else, readable only by you, e.g.:"));
        printLine(QStringLiteral("    install -m600 %1 /media/keysafe/").arg(key.location));
    } else {
        printLine(QStringLiteral("  Keep a copy somewhere else: export the entry with the keychain's own tool, or move "
                                 "the server to a key file (docs/server.md, \"Backup and restore\")."));
    }
}

} // namespace

int runBackupCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    auto positional = parseSubcommand(parser, QStringLiteral("backup"), rest);
    if (!positional)
        return fail(positional.error());
    if (positional->size() != 1)
        return fail(
            makeError(ResultCode::InvalidArguments, QStringLiteral("usage: backup DEST (a new or empty folder)")));
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    auto outcome = StoreBackup::create(*store.value(), positional->constFirst());
    if (!outcome)
        return fail(outcome.error());
    const BackupManifest &manifest = outcome->manifest;
    printLine(QStringLiteral("backup of %1 written to %2").arg(manifest.sourceDatabase, outcome->dest));
    printLine(QStringLiteral("  snapshot at %1: %2").arg(utc(manifest.createdAtMs), contentsLine(manifest.facts)));
    printLine(QStringLiteral("  manifest with every part's SHA-256: %1")
                  .arg(QDir(outcome->dest).filePath(BackupManifest::fileName())));
    printMasterKeyAdvice(outcome->masterKey);
    if (!outcome->manualDumpCommand.isEmpty()) {
        printLine(QStringLiteral("The database is NOT in the copy yet. Run:"));
        printLine(QStringLiteral("  ") + outcome->manualDumpCommand);
        return fail(makeError(ResultCode::InternalError,
            QStringLiteral("backup incomplete: pg_dump is not on PATH (Debian: apt install postgresql-client); the "
                           "package files are in %1, run the command printed above for the database")
                .arg(outcome->dest)));
    }
    return 0;
}

int runRestoreCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption forceOption(
        QStringLiteral("force"), QStringLiteral("replace the store in a non-empty data directory or schema"));
    parser.addOption(forceOption);
    auto positional = parseSubcommand(parser, QStringLiteral("restore"), rest);
    if (!positional)
        return fail(positional.error());
    if (positional->size() != 1)
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: restore SRC --data-dir DIR [--db URL] [--master-key-file F] [--force]")));
    StoreOptions options;
    options.dataDir = global.dataDir;
    options.databaseUrl = global.databaseUrl;
    options.masterKeyFile = global.masterKeyFile;
    auto outcome = StoreRestore::run(options, positional->constFirst(), parser.isSet(forceOption));
    if (!outcome)
        return fail(outcome.error());
    const BackupManifest &manifest = outcome->manifest;
    printLine(QStringLiteral("restored the backup of %1 (snapshot at %2, provstation-server %3) into %4")
                  .arg(manifest.sourceDatabase, utc(manifest.createdAtMs), manifest.serverVersion, outcome->dataDir));
    if (!outcome->databaseVerified)
        printLine(
            QStringLiteral("  the database dump was made by hand: its SHA-256 is not in the manifest, not checked"));
    printLine(QStringLiteral("  restored store: %1").arg(contentsLine(outcome->restored)));

    const MasterKeyStatus &key = outcome->masterKey;
    if (!key.needed) {
        printLine(QStringLiteral("Master key: none needed (nothing in this store is sealed)."));
    } else if (key.found) {
        printLine(QStringLiteral("Master key: the restored store opens with the %1.").arg(key.description));
    } else {
        printLine(QStringLiteral("Master key: the restored store does NOT open yet: %1").arg(key.problem));
        printLine(QStringLiteral("  Put the key back before starting the server (it was in the %1), e.g.:")
                      .arg(manifest.masterKey));
        printLine(QStringLiteral("    install -m600 /media/keysafe/master.key %1")
                      .arg(QDir(outcome->dataDir).filePath(QStringLiteral("master.key"))));
        printLine(QStringLiteral("  or name it with --master-key-file, or put it into the OS keychain "
                                 "(service provstation-server, entry master-key:%1); then check with: "
                                 "provstation-server audit verify --data-dir %1")
                      .arg(outcome->dataDir));
    }
    if (!outcome->audit.intact)
        return fail(makeError(ResultCode::InternalError,
            QStringLiteral("restored audit log NOT intact: %1").arg(outcome->audit.problem)));
    printLine(QStringLiteral("audit log intact: %1 rows checked, hash chain verified").arg(outcome->audit.rows));
    if (!outcome->matchesManifest)
        return fail(makeError(ResultCode::InternalError,
            QStringLiteral("the restored store does not hold what the manifest lists (audit head %1 of %2, %3 "
                           "escrow records of %4)")
                .arg(outcome->restored.auditRows)
                .arg(manifest.facts.auditRows)
                .arg(outcome->restored.escrowRecords)
                .arg(manifest.facts.escrowRecords)));
    printLine(QStringLiteral("the restored store holds what the backup's manifest lists"));
    return 0;
}

} // namespace prov::server

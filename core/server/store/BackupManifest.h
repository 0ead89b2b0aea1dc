#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace prov::server {

class ContentReader;

/// One file of a backup copy: its path inside the copy ("files/ab/abcd…"),
/// size and SHA-256 (lower-case hex).
struct BackupPart
{
    QString path;
    qint64 size = 0;
    QString sha256; ///< empty: not known (a PostgreSQL dump made by hand)
};

/// What the database snapshot holds, read in the snapshot itself.
struct SnapshotFacts
{
    int schemaVersion = 0;
    qint64 configurations = 0;
    qint64 escrowRecords = 0;
    qint64 auditRows = 0; ///< the audit head's sequence number
    QString auditHeadHash;
    qint64 lastAuditAtMs = 0; ///< 0: no audit row
    bool sealedWithMasterKey = false; ///< the database holds a master key check value
    QList<BackupPart> contentFiles; ///< content_files rows: path files/ab/…, size, sha256
};

/// DEST/manifest.json: written last, so a copy without it is incomplete. JSON:
/// {"format":"provstation-backup","formatVersion":1,"createdAt":"…Z" (the
/// snapshot point), "serverVersion", "schemaVersion", "engine":"sqlite"|"postgresql",
/// "source":{"dataDir","database","pgSchema"}, "masterKey": where the key was
/// (never the key), "contents":{"configurations","escrowRecords","auditRows",
/// "auditHeadHash","lastAuditAt"}, "database":{"path","size","sha256"},
/// "fileCount", "files":[{"path","size","sha256"}, …]}.
struct BackupManifest
{
    static constexpr int kFormatVersion = 1;
    [[nodiscard]] static QString fileName() { return QStringLiteral("manifest.json"); }

    qint64 createdAtMs = 0;
    QString serverVersion;
    QString engine; ///< DatabaseConfig::engineName()
    QString sourceDataDir;
    QString sourceDatabase; ///< DatabaseConfig::describe()
    QString pgSchema; ///< PostgreSQL: the schema the dump holds
    QString masterKey; ///< where the master key was, for the operator
    SnapshotFacts facts;
    BackupPart database;

    [[nodiscard]] QByteArray toJson() const;
    /// `path` names the file in errors.
    [[nodiscard]] static Result<BackupManifest> fromJson(const QByteArray &json, const QString &path);
};

namespace backupfiles {

/// Size and SHA-256 of a file; `relative` becomes BackupPart::path.
[[nodiscard]] Result<BackupPart> hashFile(const QString &path, const QString &relative);
/// Copies `source` to `target` (which must not exist; folders are made 0700,
/// the file 0600, fsynced), hashing on the way; fails, naming `source`, when
/// its content does not match `expected` (size and SHA-256).
[[nodiscard]] Status copyVerified(const QString &source, const QString &target, const BackupPart &expected);
/// The same from a stored file's reader; `source` names it in errors.
[[nodiscard]] Status copyVerified(
    ContentReader &in, const QString &source, const QString &target, const BackupPart &expected);
/// Writes a file atomically (temporary name, fsync, rename, folder fsync), 0600.
[[nodiscard]] Status writeDurably(const QString &path, const QByteArray &content);
/// fsync of a file or folder; false when it failed.
bool syncPath(const QString &path);

} // namespace backupfiles

} // namespace prov::server

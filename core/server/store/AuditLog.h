#pragma once

#include "domain/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace prov::server {

class Database;
class SqlTransaction;

/// One row of the audit log.
struct AuditEntry
{
    qint64 seq = 0;
    qint64 atMs = 0; ///< UTC milliseconds
    QString actor; ///< "cli:root", "user:alice", "station:line1-st3", "anonymous@10.0.0.7"
    QString action; ///< "package.import", "export", "user.add", "token.issue", "login.failed", ...
    QString subject; ///< what it was done to (config ID, user name, ...)
    QString detail; ///< free text, never a secret
};

/// What verify() found.
struct AuditVerification
{
    bool intact = false;
    qint64 rows = 0; ///< rows checked (intact: all of them)
    qint64 lastAtMs = 0; ///< time of the last row checked (0: none)
    QString lastAction; ///< its action
    QString headHash; ///< its hash: note it elsewhere to notice a lost tail later
    QString problem; ///< empty when intact, else names the first bad row
};

/// Append-only audit table whose rows are hash-chained:
/// row_hash = SHA-256(prev_hash || "\n" || canonical row), the canonical row being
/// the compact JSON array [seq, at, actor, action, subject, detail]. The head row
/// (audit_head) holds the last seq and hash and is the lock every append takes,
/// so appends from several processes serialise and a deleted tail is noticed.
class AuditLog
{
public:
    explicit AuditLog(const Database &database);

    /// Appends inside the caller's write transaction, so the event and its audit
    /// row commit (or vanish) together.
    [[nodiscard]] Status append(const SqlTransaction &transaction, const QString &actor, const QString &action,
        const QString &subject, const QString &detail = {}) const;
    /// Appends in a transaction of its own.
    [[nodiscard]] Status record(
        const QString &actor, const QString &action, const QString &subject, const QString &detail = {}) const;

    /// Walks the whole chain; an edited, deleted or inserted row, or a removed
    /// tail, makes it not intact. A database rolled back as a whole (an old copy:
    /// chain and head alike) still verifies: only a head noted outside the
    /// database (a backup manifest, an operator's note) shows that.
    [[nodiscard]] Result<AuditVerification> verify() const;
    /// The newest rows, newest first.
    [[nodiscard]] Result<QList<AuditEntry>> latest(int limit) const;
    /// The rows whose subject is one of `subjects`, oldest first.
    [[nodiscard]] Result<QList<AuditEntry>> about(const QStringList &subjects) const;

    /// The hash of `entry` chained after `prevHash` (hex), as stored in row_hash.
    [[nodiscard]] static QString chainHash(const QString &prevHash, const AuditEntry &entry);

private:
    const Database &m_database;
};

} // namespace prov::server

#include "server/store/AuditLog.h"

#include "crypto/Digest.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace prov::server {

AuditLog::AuditLog(const Database &database)
    : m_database(database)
{ }

QString AuditLog::chainHash(const QString &prevHash, const AuditEntry &entry)
{
    const QJsonArray row {static_cast<double>(entry.seq), static_cast<double>(entry.atMs), entry.actor, entry.action,
        entry.subject, entry.detail};
    QByteArray input = prevHash.toLatin1();
    input += '\n';
    input += QJsonDocument(row).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(crypto::Digest::hash(input, crypto::Digest::Algorithm::Sha256).toHex());
}

Status AuditLog::append(const SqlTransaction &transaction, const QString &actor, const QString &action,
    const QString &subject, const QString &detail) const
{
    const QSqlDatabase &db = transaction.db();
    qint64 headSeq = 0;
    QString headHash;
    {
        auto head
            = runSql(db, QStringLiteral("SELECT seq, head_hash FROM audit_head WHERE id = 1") + m_database.forUpdate());
        if (!head)
            return head.error();
        if (!head->next())
            return makeError(ResultCode::InternalError, QStringLiteral("the audit head row is missing"));
        headSeq = head->value(0).toLongLong();
        headHash = head->value(1).toString();
    }
    AuditEntry entry {headSeq + 1, nowMs(), actor, action, subject, detail};
    const QString hash = chainHash(headHash, entry);
    auto insert = runSql(db,
        QStringLiteral("INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, row_hash)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {entry.seq, entry.atMs, actor, action, subject, detail, headHash, hash});
    if (!insert)
        return insert.error();
    auto update
        = runSql(db, QStringLiteral("UPDATE audit_head SET seq = ?, head_hash = ? WHERE id = 1"), {entry.seq, hash});
    if (!update)
        return update.error();
    return {};
}

Status AuditLog::record(
    const QString &actor, const QString &action, const QString &subject, const QString &detail) const
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    auto appended = append(transaction.value(), actor, action, subject, detail);
    if (!appended)
        return appended;
    return transaction->commit();
}

Result<AuditVerification> AuditLog::verify() const
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    AuditVerification result;
    qint64 headSeq = 0;
    QString headHash;
    {
        auto head = runSql(db, QStringLiteral("SELECT seq, head_hash FROM audit_head WHERE id = 1"));
        if (!head)
            return head.error();
        if (!head->next()) {
            result.problem = QStringLiteral("the audit head row is missing");
            return result;
        }
        headSeq = head->value(0).toLongLong();
        headHash = head->value(1).toString();
    }
    auto rows = runSql(db,
        QStringLiteral("SELECT seq, at, actor, action, subject, detail, prev_hash, row_hash"
                       " FROM audit_log ORDER BY seq"));
    if (!rows)
        return rows.error();
    QString prevHash = QStringLiteral("0000000000000000000000000000000000000000000000000000000000000000");
    qint64 expected = 1;
    while (rows->next()) {
        AuditEntry entry {rows->value(0).toLongLong(), rows->value(1).toLongLong(), rows->value(2).toString(),
            rows->value(3).toString(), rows->value(4).toString(), rows->value(5).toString()};
        const QString storedPrev = rows->value(6).toString();
        const QString storedHash = rows->value(7).toString();
        if (entry.seq != expected) {
            result.problem = entry.seq > expected
                ? QStringLiteral("audit row %1 is missing (the sequence jumps from %2 to %3)")
                      .arg(expected)
                      .arg(expected - 1)
                      .arg(entry.seq)
                : QStringLiteral("audit row %1 appears out of sequence").arg(entry.seq);
            return result;
        }
        if (storedPrev != prevHash) {
            result.problem = QStringLiteral("audit row %1 does not chain to row %2 (a row was removed or replaced)")
                                 .arg(entry.seq)
                                 .arg(entry.seq - 1);
            return result;
        }
        if (chainHash(prevHash, entry) != storedHash) {
            result.problem
                = QStringLiteral("audit row %1 was edited (its hash does not match its content)").arg(entry.seq);
            return result;
        }
        prevHash = storedHash;
        ++result.rows;
        result.lastAtMs = entry.atMs;
        result.lastAction = entry.action;
        ++expected;
    }
    result.headHash = prevHash;
    if (result.rows != headSeq || prevHash != headHash) {
        result.problem = result.rows < headSeq
            ? QStringLiteral("audit rows %1 to %2 are missing (the log ends early)").arg(result.rows + 1).arg(headSeq)
            : QStringLiteral("the audit head (row %1) does not match the last row (%2)").arg(headSeq).arg(result.rows);
        return result;
    }
    result.intact = true;
    return result;
}

Result<QList<AuditEntry>> AuditLog::latest(int limit) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT seq, at, actor, action, subject, detail FROM audit_log ORDER BY seq DESC LIMIT ?"),
        {limit});
    if (!rows)
        return rows.error();
    QList<AuditEntry> entries;
    while (rows->next()) {
        entries.append({rows->value(0).toLongLong(), rows->value(1).toLongLong(), rows->value(2).toString(),
            rows->value(3).toString(), rows->value(4).toString(), rows->value(5).toString()});
    }
    return entries;
}

Result<QList<AuditEntry>> AuditLog::about(const QStringList &subjects) const
{
    QList<AuditEntry> entries;
    if (subjects.isEmpty())
        return entries;
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QStringList marks;
    QVariantList params;
    for (const QString &subject : subjects) {
        marks.append(QStringLiteral("?"));
        params.append(subject);
    }
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT seq, at, actor, action, subject, detail FROM audit_log WHERE subject IN (%1)"
                       " ORDER BY seq")
            .arg(marks.join(u',')),
        params);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        entries.append({rows->value(0).toLongLong(), rows->value(1).toLongLong(), rows->value(2).toString(),
            rows->value(3).toString(), rows->value(4).toString(), rows->value(5).toString()});
    }
    return entries;
}

} // namespace prov::server

#pragma once

#include "domain/Result.h"
#include "server/store/StoredEscrow.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace prov::server {

class Database;
class SqlTransaction;

/// The answer to an upload; a repeated upload of the same record gets the same
/// id and state (the HTTP layer answers both identically).
struct EscrowReceipt
{
    qint64 id = 0; ///< the server's sequence: the order in which records first arrived
    QUuid uuid;
    EscrowState state = EscrowState::Pending;
    bool duplicate = false; ///< already stored (nothing changed, or a pending record was confirmed)
    bool confirmed = false; ///< this call moved it from pending to done
    bool superseded = false; ///< a later record of the node arrived: this one stays in history only
};

/// A record without its key material, for lists.
struct EscrowSummary
{
    qint64 id = 0; ///< the server's sequence
    QUuid uuid;
    NodeId nodeId;
    ConfigId configId;
    int revision = 0;
    BatchNumber batch;
    QString station;
    QDateTime provisionedAt;
    EscrowState state = EscrowState::Pending;
};

/// Escrowed device keys. Uploads are idempotent by UUID through the database's
/// unique constraint (several server processes may take the same retry); the same
/// UUID with other content is a conflict.
///
/// Every record gets the server's own sequence number (`id`: SQLite's rowid, a
/// PostgreSQL identity) when it first arrives. A node's latest record under a
/// configuration is the one with the highest sequence, whatever the stations'
/// clocks say (provisionedAt is data and the export's date filter only); the
/// export carries it only when it is done, earlier ones stay as history.
class EscrowStore
{
public:
    explicit EscrowStore(const Database &database);

    /// Validates against the configuration revision (exists, same node type, same
    /// KMS key, key blob size of that KMS key, app names) and stores. A new
    /// record of a node that already has a done record (the node was
    /// provisioned again: its key replaces the escrowed one) is audited as
    /// "escrow.reprovision", naming the node, the station and
    /// `reprovisionConfirmedBy` (who confirmed it at the station; empty: nobody was asked).
    [[nodiscard]] Result<EscrowReceipt> upload(
        const EscrowRecord &record, const QString &uploadedBy, const QString &reprovisionConfirmedBy = {});
    /// pending -> done, or pending -> failed with `target` (idempotent when
    /// already there; a done or failed record is closed: "escrow.closed"). With
    /// `station`, only that station's own record (else "escrow.not_owner");
    /// without, any record (an admin).
    [[nodiscard]] Result<EscrowReceipt> confirm(const QUuid &uuid, const QJsonObject &verification,
        const std::optional<QString> &station = std::nullopt, EscrowState target = EscrowState::Done);

    [[nodiscard]] Result<EscrowRecord> record(const QUuid &uuid) const;
    /// Every record of a node, latest (by the server's sequence) first.
    [[nodiscard]] Result<QList<EscrowSummary>> history(NodeId nodeId) const;
    /// Nodes whose latest record is not done: pending (provisioned, never
    /// verified) or failed (the run failed after the key was written).
    [[nodiscard]] Result<QList<EscrowSummary>> incomplete(std::optional<ConfigId> configId = std::nullopt) const;

    /// The content hash that decides "same record" for a repeated UUID: every field
    /// the export uses (not state, verification or run log, which a confirmation adds).
    [[nodiscard]] static QString contentHash(const EscrowRecord &record);
    /// The record cleaned for storage (upper-case hex, UTF-8 run log cut to kMaxRunLogBytes).
    [[nodiscard]] static Result<EscrowRecord> normalized(const EscrowRecord &record);
    /// SQL condition: the escrow row aliased `e` is its node's latest under its
    /// configuration (no row of the same node and configuration arrived later).
    [[nodiscard]] static QString latestCondition();

private:
    /// The "escrow.reprovision" audit row when the node of the record just
    /// inserted (`id`) has an earlier done record.
    [[nodiscard]] Status auditReprovision(const SqlTransaction &transaction, const EscrowRecord &record, qint64 id,
        const QString &uploadedBy, const QString &confirmedBy) const;
    /// Moves a pending record to `target` (done or failed); the receipt says what happened.
    [[nodiscard]] static Status close(const QSqlDatabase &db, EscrowReceipt &receipt, EscrowState stored,
        EscrowState target, const QJsonObject &verification, const QString *runLog, qint64 at);
    /// The RSA block size of a KMS key given its fingerprint and PEM. Parsing a PEM
    /// key costs ~0.2 ms of OpenSSL 3 decoder machinery, a third of an upload's
    /// CPU; the answer for a fingerprint (SHA-256 of the key) never changes, so
    /// it is kept. Not state anyone depends on: a miss just parses again.
    [[nodiscard]] int kmsBlockBytes(const QString &fingerprint, const QString &pem) const;

    const Database &m_database;
    mutable QMutex m_kmsMutex;
    mutable QHash<QString, int> m_kmsBlockBytes;
};

} // namespace prov::server

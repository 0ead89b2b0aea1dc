#pragma once

#include "domain/Result.h"
#include "server/store/EscrowRecord.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

namespace prov::server {

class Database;

/// The answer to an upload; a repeated upload of the same record gets the same
/// id and state (the HTTP layer answers both identically).
struct EscrowReceipt
{
    qint64 id = 0;
    QUuid uuid;
    EscrowRecord::State state = EscrowRecord::State::Pending;
    bool duplicate = false; ///< already stored (nothing changed, or a pending record was confirmed)
    bool confirmed = false; ///< this call moved it from pending to done
    bool superseded = false; ///< the node has a newer record: this one stays in history only
};

/// A record without its key material, for lists.
struct EscrowSummary
{
    qint64 id = 0;
    QUuid uuid;
    NodeId nodeId;
    ConfigId configId;
    int revision = 0;
    BatchNumber batch;
    QString station;
    QDateTime provisionedAt;
    EscrowRecord::State state = EscrowRecord::State::Pending;
};

/// Escrowed device keys. Uploads are idempotent by UUID through the database's
/// unique constraint (several server processes may take the same retry); the same
/// UUID with other content is a conflict. A node's newest record (provisionedAt,
/// then arrival order) is the one exports use; older ones stay as history.
class EscrowStore
{
public:
    explicit EscrowStore(const Database &database);

    /// Validates against the configuration revision (exists, same node type, same
    /// KMS key, key blob size of that KMS key, app names) and stores.
    [[nodiscard]] Result<EscrowReceipt> upload(const EscrowRecord &record, const QString &uploadedBy);
    /// pending -> done (idempotent when already done).
    [[nodiscard]] Result<EscrowReceipt> confirm(const QUuid &uuid, const QJsonObject &verification);

    [[nodiscard]] Result<EscrowRecord> record(const QUuid &uuid) const;
    /// Every record of a node, newest first.
    [[nodiscard]] Result<QList<EscrowSummary>> history(NodeId nodeId) const;
    /// Nodes whose newest record is still pending (provisioned, never verified).
    [[nodiscard]] Result<QList<EscrowSummary>> incomplete(std::optional<ConfigId> configId = std::nullopt) const;

    /// The content hash that decides "same record" for a repeated UUID: every field
    /// the export uses (not state, verification or run log, which a confirmation adds).
    [[nodiscard]] static QString contentHash(const EscrowRecord &record);
    /// The record cleaned for storage (upper-case hex, UTF-8 run log cut to kMaxRunLogBytes).
    [[nodiscard]] static Result<EscrowRecord> normalized(const EscrowRecord &record);

private:
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

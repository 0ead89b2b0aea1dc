#include "server/store/EscrowStore.h"

#include "crypto/Digest.h"
#include "crypto/RsaKeys.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

namespace prov::server {

namespace {

Error invalid(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

bool isHex(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:[0-9A-Fa-f]{2})*$"));
    return pattern.match(text).hasMatch();
}

/// Printable text without control characters (it ends up in XML attributes).
bool isCleanText(const QString &text, qsizetype maxLength)
{
    if (text.isEmpty() || text.size() > maxLength)
        return false;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.isNonCharacter() || c.isSurrogate())
            return false;
    }
    return true;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

EscrowState stateOf(const QVariant &value)
{
    return domain::escrowStateFromName(value.toString()).value_or(EscrowState::Pending);
}

const QString kSummaryColumns
    = QStringLiteral("id, uuid, node_id, config_id, revision, batch, station, provisioned_at, state");

EscrowSummary summaryFromRow(const QSqlQuery &row)
{
    EscrowSummary summary;
    summary.id = row.value(0).toLongLong();
    summary.uuid = QUuid::fromString(row.value(1).toString());
    summary.nodeId = NodeId(quint32(row.value(2).toLongLong()));
    summary.configId = ConfigId::parse(row.value(3).toString()).value();
    summary.revision = row.value(4).toInt();
    summary.batch = BatchNumber(quint32(row.value(5).toLongLong()));
    summary.station = row.value(6).toString();
    summary.provisionedAt = QDateTime::fromMSecsSinceEpoch(row.value(7).toLongLong(), Qt::UTC);
    summary.state = stateOf(row.value(8));
    return summary;
}

/// True when the node has a record that reached the server after this one.
Result<bool> hasNewer(const QSqlDatabase &db, const QString &configId, qint64 nodeId, qint64 id)
{
    auto row = runSql(db, QStringLiteral("SELECT 1 FROM escrow WHERE config_id = ? AND node_id = ? AND id > ? LIMIT 1"),
        {configId, nodeId, id});
    if (!row)
        return row.error();
    return row->next();
}

/// Whether `principal` may close the record of `station`: its own station, or
/// anyone when no station is named (an admin).
Status checkOwner(const std::optional<QString> &principal, const QString &station, const QUuid &uuid)
{
    if (!principal || *principal == station)
        return {};
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("record %1 belongs to station %2; station %3 may not close it")
            .arg(uuid.toString(QUuid::WithoutBraces), station, *principal),
        QStringLiteral("escrow.not_owner"));
}

} // namespace

EscrowStore::EscrowStore(const Database &database)
    : m_database(database)
{ }

QString EscrowStore::latestCondition()
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM escrow n WHERE n.config_id = e.config_id"
                          " AND n.node_id = e.node_id AND n.id > e.id)");
}

QString EscrowStore::contentHash(const EscrowRecord &record)
{
    const QJsonArray canonical {record.uuid.toString(QUuid::WithoutBraces), double(record.nodeId.value()),
        record.configId.toString(), record.revision, double(record.batch.value()), record.station, record.nodeType,
        record.nodeVersion, double(record.provisionedAt.toMSecsSinceEpoch()),
        QString::fromLatin1(record.nodeRootKey.toBase64()), record.kmsFingerprint, encodeEscrowApps(record.apps)};
    return QString::fromLatin1(
        crypto::Digest::hash(QJsonDocument(canonical).toJson(QJsonDocument::Compact), crypto::Digest::Algorithm::Sha256)
            .toHex());
}

Result<EscrowRecord> EscrowStore::normalized(const EscrowRecord &input)
{
    EscrowRecord record = input;
    if (record.uuid.isNull())
        return invalid(QStringLiteral("the result has no UUID"));
    if (record.revision < 1)
        return invalid(QStringLiteral("revision %1 is not a revision number").arg(record.revision));
    if (!isCleanText(record.station, 64))
        return invalid(QStringLiteral("station name '%1' is empty, too long or has control characters")
                           .arg(record.station.left(64)));
    if (!isCleanText(record.nodeVersion, 64))
        return invalid(QStringLiteral("node version '%1' is not valid").arg(record.nodeVersion.left(64)));
    if (!record.provisionedAt.isValid())
        return invalid(QStringLiteral("the result has no provisioning time"));
    record.provisionedAt = record.provisionedAt.toUTC();
    if (record.nodeRootKey.isEmpty())
        return invalid(QStringLiteral("node %1 has no nodeRootKey").arg(record.nodeId.toString()));
    static const QRegularExpression fingerprint(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    if (!fingerprint.match(record.kmsFingerprint).hasMatch())
        return invalid(
            QStringLiteral("kmsKey '%1' is not sha256:<64 lower-case hex digits>").arg(record.kmsFingerprint.left(80)));
    QSet<QString> names;
    for (EscrowApp &app : record.apps) {
        if (!isCleanText(app.name, 64) || names.contains(app.name))
            return invalid(QStringLiteral("app name '%1' is empty, repeated or not valid").arg(app.name.left(64)));
        names.insert(app.name);
        for (QString *field : {&app.id, &app.key, &app.extra}) {
            if (!isHex(*field) || field->size() > 8192)
                return invalid(QStringLiteral("app '%1' has a value that is not hex bytes").arg(app.name));
            *field = field->toUpper();
        }
    }
    if (compactJson(record.verification).toUtf8().size() > kMaxVerificationBytes)
        return invalid(QStringLiteral("verification of node %1 is larger than %2 bytes")
                           .arg(record.nodeId.toString())
                           .arg(kMaxVerificationBytes));
    // Never refuse a key over its log.
    record.runLog = cutRunLog(record.runLog);
    return record;
}

Result<EscrowReceipt> EscrowStore::upload(const EscrowRecord &input, const QString &uploadedBy)
{
    auto normal = normalized(input);
    if (!normal)
        return normal.error();
    EscrowRecord record = std::move(normal.value());
    const QString configId = record.configId.toString();

    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();

    // The revision the station provisioned with decides what is acceptable:
    // its node type, KMS key and apps in manifest order, in one statement.
    QString nodeType;
    QString kmsFingerprint;
    QString kmsPem;
    QStringList order;
    {
        auto rows = runPrepared(m_database,
            QStringLiteral("SELECT r.node_type, r.kms_fingerprint, r.kms_public_key_pem, a.name FROM revisions r"
                           " LEFT JOIN revision_apps a ON a.config_id = r.config_id AND a.revision = r.revision"
                           " WHERE r.config_id = ? AND r.revision = ? ORDER BY a.position"),
            {configId, record.revision});
        if (!rows)
            return rows.error();
        QSqlQuery &row = *rows.value();
        bool found = false;
        while (row.next()) {
            found = true;
            nodeType = row.value(0).toString();
            kmsFingerprint = row.value(1).toString();
            kmsPem = row.value(2).toString();
            if (!row.value(3).isNull())
                order.append(row.value(3).toString());
        }
        row.finish();
        if (!found)
            return invalid(QStringLiteral("configuration %1 has no revision %2").arg(configId).arg(record.revision));
    }
    if (record.nodeType != nodeType)
        return invalid(QStringLiteral("node %1 is reported as %2, but configuration %3 revision %4 is for %5")
                           .arg(record.nodeId.toString(), record.nodeType, configId)
                           .arg(record.revision)
                           .arg(nodeType));
    if (record.kmsFingerprint != kmsFingerprint)
        return invalid(QStringLiteral("the root key of node %1 is encrypted under KMS key %2, but configuration %3 "
                                      "revision %4 uses %5")
                           .arg(record.nodeId.toString(), record.kmsFingerprint, configId)
                           .arg(record.revision)
                           .arg(kmsFingerprint));
    const int blockBytes = kmsBlockBytes(kmsFingerprint, kmsPem);
    const qsizetype blobSize = record.nodeRootKey.size();
    if (blockBytes <= 0 || blobSize != blockBytes)
        return invalid(QStringLiteral("the encrypted root key of node %1 is %2 bytes, not the %3 of an RSA-OAEP "
                                      "block under the configuration's KMS key")
                           .arg(record.nodeId.toString())
                           .arg(blobSize)
                           .arg(qMax(blockBytes, 0)));
    if (!record.apps.isEmpty()) {
        for (const EscrowApp &app : std::as_const(record.apps)) {
            if (!order.contains(app.name))
                return invalid(QStringLiteral("configuration %1 revision %2 has no app '%3'")
                                   .arg(configId)
                                   .arg(record.revision)
                                   .arg(app.name));
        }
        // Manifest order, as the export writes them.
        std::stable_sort(record.apps.begin(), record.apps.end(),
            [&order](const EscrowApp &a, const EscrowApp &b) { return order.indexOf(a.name) < order.indexOf(b.name); });
    }

    const QString hash = contentHash(record);
    const qint64 at = nowMs();
    const bool closed = record.state != EscrowState::Pending;
    const qint64 provisionedAt = record.provisionedAt.toMSecsSinceEpoch();
    EscrowReceipt receipt;
    receipt.uuid = record.uuid;
    {
        auto insert = runPrepared(m_database,
            QStringLiteral(
                "INSERT INTO escrow (uuid, node_id, config_id, revision, batch, station, node_type, node_version,"
                " provisioned_at, state, node_root_key, kms_fingerprint, apps, verification_json, run_log,"
                " content_sha256, uploaded_by, received_at, confirmed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (uuid) DO NOTHING RETURNING id"),
            {record.uuid.toString(QUuid::WithoutBraces), qint64(record.nodeId.value()), configId, record.revision,
                qint64(record.batch.value()), record.station, record.nodeType, record.nodeVersion, provisionedAt,
                domain::escrowStateName(record.state), QString::fromLatin1(record.nodeRootKey.toBase64()),
                record.kmsFingerprint, encodeEscrowApps(record.apps), compactJson(record.verification), record.runLog,
                hash, uploadedBy, at, closed ? QVariant(at) : QVariant()});
        if (!insert)
            return insert.error();
        QSqlQuery &inserted = *insert.value();
        if (inserted.next()) {
            receipt.id = inserted.value(0).toLongLong();
            receipt.state = record.state;
        }
        inserted.finish();
    }
    if (receipt.id == 0) {
        // The UUID is known: the same record again, or a conflict.
        auto row = runSql(db, QStringLiteral("SELECT id, content_sha256, state FROM escrow WHERE uuid = ?"),
            {record.uuid.toString(QUuid::WithoutBraces)});
        if (!row)
            return row.error();
        if (!row->next())
            return makeError(
                ResultCode::InternalError, QStringLiteral("result %1 vanished").arg(record.uuid.toString()));
        receipt.id = row->value(0).toLongLong();
        const QString storedHash = row->value(1).toString();
        const EscrowState stored = stateOf(row->value(2));
        row->finish();
        if (storedHash != hash)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("result %1 was already uploaded with different content: refused")
                    .arg(record.uuid.toString(QUuid::WithoutBraces)),
                QStringLiteral("escrow.conflict"));
        // The station name is part of the content: only its own station gets here.
        if (auto moved = close(db, receipt, stored, record.state, record.verification, &record.runLog, at); !moved)
            return moved.error();
        auto newer = hasNewer(db, configId, qint64(record.nodeId.value()), receipt.id);
        if (!newer)
            return newer.error();
        receipt.superseded = newer.value();
    }
    // A record just inserted is never superseded: its sequence number was drawn
    // after that of every record committed before it, and one that arrives
    // later supersedes it then, not now.
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return receipt;
}

Status EscrowStore::close(const QSqlDatabase &db, EscrowReceipt &receipt, EscrowState stored, EscrowState target,
    const QJsonObject &verification, const QString *runLog, qint64 at)
{
    receipt.duplicate = true;
    receipt.state = stored;
    if (stored == target || target == EscrowState::Pending)
        return {};
    if (stored != EscrowState::Pending)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("record %1 is already %2; it cannot become %3")
                .arg(receipt.uuid.toString(QUuid::WithoutBraces), domain::escrowStateName(stored),
                    domain::escrowStateName(target)),
            QStringLiteral("escrow.closed"));
    auto update = runLog
        ? runSql(db,
            QStringLiteral("UPDATE escrow SET state = ?, verification_json = ?, run_log = ?, confirmed_at = ?"
                           " WHERE id = ?"),
            {domain::escrowStateName(target), compactJson(verification), *runLog, at, receipt.id})
        : runSql(db,
            QStringLiteral("UPDATE escrow SET state = ?, verification_json = ?, confirmed_at = ? WHERE id = ?"),
            {domain::escrowStateName(target), compactJson(verification), at, receipt.id});
    if (!update)
        return update.error();
    receipt.state = target;
    receipt.confirmed = target == EscrowState::Done;
    return {};
}

Result<EscrowReceipt> EscrowStore::confirm(
    const QUuid &uuid, const QJsonObject &verification, const std::optional<QString> &station, EscrowState target)
{
    if (compactJson(verification).toUtf8().size() > kMaxVerificationBytes)
        return invalid(QStringLiteral("verification is larger than %1 bytes").arg(kMaxVerificationBytes));
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    EscrowReceipt receipt;
    receipt.uuid = uuid;
    QString configId;
    qint64 nodeId = 0;
    EscrowState stored = EscrowState::Pending;
    {
        auto row = runSql(db,
            QStringLiteral("SELECT id, state, config_id, node_id, station FROM escrow WHERE uuid = ?")
                + m_database.forUpdate(),
            {uuid.toString(QUuid::WithoutBraces)});
        if (!row)
            return row.error();
        if (!row->next())
            return invalid(QStringLiteral("no result %1").arg(uuid.toString(QUuid::WithoutBraces)));
        receipt.id = row->value(0).toLongLong();
        stored = stateOf(row->value(1));
        configId = row->value(2).toString();
        nodeId = row->value(3).toLongLong();
        if (auto owner = checkOwner(station, row->value(4).toString(), uuid); !owner)
            return owner.error();
    }
    if (auto closed = close(db, receipt, stored, target, verification, nullptr, nowMs()); !closed)
        return closed.error();
    receipt.duplicate = stored == target;
    auto newer = hasNewer(db, configId, nodeId, receipt.id);
    if (!newer)
        return newer.error();
    receipt.superseded = newer.value();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return receipt;
}

Result<EscrowRecord> EscrowStore::record(const QUuid &uuid) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto row = runSql(db.value(),
        QStringLiteral("SELECT node_id, config_id, revision, batch, station, node_type, node_version,"
                       " provisioned_at, state, node_root_key, kms_fingerprint, apps,"
                       " verification_json, run_log FROM escrow WHERE uuid = ?"),
        {uuid.toString(QUuid::WithoutBraces)});
    if (!row)
        return row.error();
    if (!row->next())
        return invalid(QStringLiteral("no result %1").arg(uuid.toString(QUuid::WithoutBraces)));
    EscrowRecord record;
    record.uuid = uuid;
    record.nodeId = NodeId(quint32(row->value(0).toLongLong()));
    record.configId = ConfigId::parse(row->value(1).toString()).value();
    record.revision = row->value(2).toInt();
    record.batch = BatchNumber(quint32(row->value(3).toLongLong()));
    record.station = row->value(4).toString();
    record.nodeType = row->value(5).toString();
    record.nodeVersion = row->value(6).toString();
    record.provisionedAt = QDateTime::fromMSecsSinceEpoch(row->value(7).toLongLong(), Qt::UTC);
    record.state = stateOf(row->value(8));
    record.nodeRootKey = QByteArray::fromBase64(row->value(9).toString().toLatin1());
    record.kmsFingerprint = row->value(10).toString();
    record.apps = decodeEscrowApps(row->value(11).toString());
    record.verification = QJsonDocument::fromJson(row->value(12).toString().toUtf8()).object();
    record.runLog = row->value(13).toString();
    return record;
}

Result<QList<EscrowSummary>> EscrowStore::history(NodeId nodeId) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT %1 FROM escrow WHERE node_id = ? ORDER BY id DESC").arg(kSummaryColumns),
        {qint64(nodeId.value())});
    if (!rows)
        return rows.error();
    QList<EscrowSummary> list;
    while (rows->next())
        list.append(summaryFromRow(rows.value()));
    return list;
}

Result<QList<EscrowSummary>> EscrowStore::incomplete(std::optional<ConfigId> configId) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QString sql = QStringLiteral("SELECT %1 FROM escrow e WHERE e.state <> 'done' AND %2")
                      .arg(kSummaryColumns, latestCondition());
    QVariantList params;
    if (configId) {
        sql += QStringLiteral(" AND e.config_id = ?");
        params.append(configId->toString());
    }
    sql += QStringLiteral(" ORDER BY e.config_id, e.node_id");
    auto rows = runSql(db.value(), sql, params);
    if (!rows)
        return rows.error();
    QList<EscrowSummary> list;
    while (rows->next())
        list.append(summaryFromRow(rows.value()));
    return list;
}

int EscrowStore::kmsBlockBytes(const QString &fingerprint, const QString &pem) const
{
    {
        QMutexLocker lock(&m_kmsMutex);
        const auto it = m_kmsBlockBytes.constFind(fingerprint);
        if (it != m_kmsBlockBytes.constEnd())
            return *it;
    }
    auto key = crypto::RsaPublicKey::fromPem(pem.toLatin1());
    if (!key)
        return 0;
    // Only a key whose PEM really has this fingerprint is remembered under it.
    if (key->fingerprint() != fingerprint)
        return key->bits() / 8;
    const int bytes = key->bits() / 8;
    QMutexLocker lock(&m_kmsMutex);
    if (m_kmsBlockBytes.size() >= 256) // a few KMS keys in practice; never unbounded
        m_kmsBlockBytes.clear();
    m_kmsBlockBytes.insert(fingerprint, bytes);
    return bytes;
}

} // namespace prov::server

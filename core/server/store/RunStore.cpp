#include "server/store/RunStore.h"

#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"
#include "server/store/StoredEscrow.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace prov::server {

namespace {

/// The first key of the advisory locks that let one writer at a time store
/// runs of a device ("PRUN"; the second key is a hash of schema and device).
constexpr qint32 kDeviceLockClass = 0x5052554e;

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compactJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks.append(QStringLiteral("?"));
    return marks.join(u',');
}

const QString kSummaryColumns = QStringLiteral("id, uuid, operation, result, station_fault, station, slot, operator,"
                                               " batch, started_at, duration_ms, attempt, failed_step, cause,"
                                               " rejected_at, rejected_by, node_id, emcm_id, meter_serial, labels,"
                                               " node_firmware, host_firmware");

RunSummary summaryFromRow(const QSqlQuery &row)
{
    RunSummary run;
    run.id = row.value(0).toLongLong();
    run.uuid = QUuid::fromString(row.value(1).toString());
    run.operation = row.value(2).toString();
    run.result = row.value(3).toInt();
    run.stationFault = row.value(4).toInt() != 0;
    run.station = row.value(5).toString();
    run.slot = row.value(6).toString();
    run.operatorName = row.value(7).toString();
    run.batch = row.value(8).toLongLong();
    run.startedAtMs = row.value(9).toLongLong();
    run.durationMs = row.value(10).toLongLong();
    run.attempt = row.value(11).toInt();
    run.failedStep = row.value(12).toString();
    run.cause = row.value(13).toString();
    run.rejectedAtMs = row.value(14).toLongLong();
    run.rejectedBy = row.value(15).toString();
    run.nodeFirmware = row.value(20).toString();
    run.hostFirmware = row.value(21).toString();
    return run;
}

/// A counted run next to another of its unit or device (id 0: none).
struct Neighbour
{
    qint64 id = 0;
    QVariant at {QMetaType::fromType<qint64>()}; ///< NULL when there is none
    QVariant station {QMetaType::fromType<QString>()};
};

/// A new run's neighbours: its unit's previous and next counted run, its
/// device's previous one, and the device's next one (whose previous it becomes).
struct Neighbours
{
    Neighbour unitPrev;
    Neighbour unitNext;
    Neighbour devicePrev;
    Neighbour deviceNext;
};

/// Read before the new run is stored: every stored run is before it when it
/// started at the same time (the new one gets the highest id).
Result<Neighbours> neighboursOf(const Database &database, const QString &device, const QString &operation, qint64 at)
{
    auto rows = runPrepared(database,
        QStringLiteral(
            "SELECT 1, id, started_at, station FROM (SELECT id, started_at, station FROM runs WHERE device = ?"
            " AND operation = ? AND station_fault = 0 AND started_at <= ? ORDER BY started_at DESC, id DESC LIMIT 1) a"
            " UNION ALL SELECT 2, id, started_at, station FROM (SELECT id, started_at, station FROM runs"
            " WHERE device = ? AND operation = ? AND station_fault = 0 AND started_at > ? ORDER BY started_at, id"
            " LIMIT 1) b"
            " UNION ALL SELECT 3, id, started_at, station FROM (SELECT id, started_at, station FROM runs"
            " WHERE device = ? AND station_fault = 0 AND started_at <= ? ORDER BY started_at DESC, id DESC LIMIT 1) c"
            " UNION ALL SELECT 4, id, started_at, station FROM (SELECT id, started_at, station FROM runs"
            " WHERE device = ? AND station_fault = 0 AND started_at > ? ORDER BY started_at, id LIMIT 1) d"),
        {device, operation, at, device, operation, at, device, at, device, at});
    if (!rows)
        return rows.error();
    QSqlQuery &row = *rows.value();
    Neighbours n;
    while (row.next()) {
        Neighbour *const kinds[] = {&n.unitPrev, &n.unitNext, &n.devicePrev, &n.deviceNext};
        Neighbour &found = *kinds[qBound(1, row.value(0).toInt(), 4) - 1];
        found.id = row.value(1).toLongLong();
        found.at = row.value(2).toLongLong();
        found.station = row.value(3).toString();
    }
    row.finish();
    return n;
}

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

Error notFound(const QUuid &uuid)
{
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("no run %1 is stored").arg(uuid.toString(QUuid::WithoutBraces)),
        QStringLiteral("run.not_found"));
}

} // namespace

QJsonObject DeviceHistory::toJson() const
{
    QJsonObject device {{QStringLiteral("device"), devices.value(0)}, {QStringLiteral("nodeId"), nodeId},
        {QStringLiteral("emcmId"), emcmId}, {QStringLiteral("meterSerial"), meterSerial},
        {QStringLiteral("labels"), labels}};
    QJsonArray runList;
    for (const RunSummary &run : runs) {
        QJsonObject entry {{QStringLiteral("uuid"), run.uuid.toString(QUuid::WithoutBraces)},
            {QStringLiteral("operation"), run.operation}, {QStringLiteral("result"), run.result},
            {QStringLiteral("station"), run.station}, {QStringLiteral("slot"), run.slot},
            {QStringLiteral("operator"), run.operatorName}, {QStringLiteral("batch"), run.batch},
            {QStringLiteral("startedAt"), isoMs(run.startedAtMs)},
            {QStringLiteral("seconds"), double(run.durationMs) / 1000.0}, {QStringLiteral("attempt"), run.attempt},
            {QStringLiteral("failedStep"), run.failedStep}, {QStringLiteral("stationFault"), run.stationFault},
            {QStringLiteral("nodeFirmware"), run.nodeFirmware}, {QStringLiteral("hostFirmware"), run.hostFirmware}};
        if (run.rejectedAtMs != 0) {
            entry.insert(QStringLiteral("rejectedAt"), isoMs(run.rejectedAtMs));
            entry.insert(QStringLiteral("rejectedBy"), run.rejectedBy);
        }
        runList.append(entry);
    }
    QJsonArray keyList;
    for (const EscrowSummary &key : keys) {
        keyList.append(QJsonObject {{QStringLiteral("state"), domain::escrowStateName(key.state)},
            {QStringLiteral("sequence"), key.id}, {QStringLiteral("station"), key.station}});
    }
    QJsonArray auditList;
    for (const AuditEntry &entry : audit) {
        auditList.append(QJsonObject {{QStringLiteral("at"), isoMs(entry.atMs)}, {QStringLiteral("actor"), entry.actor},
            {QStringLiteral("action"), entry.action}, {QStringLiteral("subject"), entry.subject},
            {QStringLiteral("detail"), entry.detail}});
    }
    return QJsonObject {{QStringLiteral("device"), device}, {QStringLiteral("runs"), runList},
        {QStringLiteral("keys"), keyList}, {QStringLiteral("audit"), auditList}};
}

RunStore::RunStore(const Database &database, const AuditLog &audit, const EscrowStore &escrow)
    : m_database(database)
    , m_audit(audit)
    , m_escrow(escrow)
{ }

Result<RunReceipt> RunStore::store(const RunRecord &run)
{
    if (run.uuid.isNull())
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("the run has no UUID"), QStringLiteral("run.uuid"));
    if (run.station.isEmpty())
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("the run names no station"), QStringLiteral("run.station"));
    RunReceipt receipt;
    receipt.uuid = run.uuid;
    receipt.device = run.device();
    const QString uuid = run.uuid.toString(QUuid::WithoutBraces);

    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    // The device's attempt is the server's to number: a script's retry or a
    // rerun at another station is a retry too, and a replay may arrive after
    // later runs. Station faults never touched the device: not counted.
    const bool counted = !receipt.device.isEmpty() && !run.stationFault;
    int attempt = run.attempt;
    Neighbours neighbours;
    if (counted && m_database.isPostgres()) {
        // Writers on other connections (this server's or another's on the
        // same database) storing a run of this device wait here until this
        // one commits: each then reads the neighbours and numbers the attempt
        // with the other's run in place, and none renumbers rows another
        // holds (SQLite's BEGIN IMMEDIATE already lets one writer in at a time).
        auto lock = runPrepared(m_database,
            QStringLiteral("SELECT pg_advisory_xact_lock(%1, hashtext(current_schema() || '/' || ?))")
                .arg(kDeviceLockClass),
            {receipt.device});
        if (!lock)
            return lock.error();
        lock.value()->finish();
    }
    if (counted) {
        auto earlier = runPrepared(m_database,
            QStringLiteral("SELECT COUNT(*) FROM runs WHERE device = ? AND operation = ? AND started_at <= ?"
                           " AND station_fault = 0"),
            {receipt.device, run.operation, run.startedAtMs});
        if (!earlier)
            return earlier.error();
        QSqlQuery &count = *earlier.value();
        attempt = count.next() ? count.value(0).toInt() + 1 : 1;
        count.finish();
        auto found = neighboursOf(m_database, receipt.device, run.operation, run.startedAtMs);
        if (!found)
            return found.error();
        neighbours = found.value();
    }
    {
        auto insert = runPrepared(m_database,
            QStringLiteral("INSERT INTO runs (uuid, station, slot, port, operator, meter, operation, config_id,"
                           " revision, batch, device, node_id, emcm_id, emcm_tail, meter_serial, labels, result,"
                           " station_fault, failed_step, cause, attempt, started_at, finished_at, duration_ms,"
                           " received_at, steps, escrow_uuid, unit_prev_at, unit_prev_station, unit_next_at,"
                           " unit_next_station, device_prev_at, device_prev_station, node_firmware, host_firmware,"
                           " node_type, host_type)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                           " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (uuid) DO NOTHING RETURNING id"),
            {uuid, run.station, run.slot, run.port, run.operatorName, run.meter, run.operation, run.configId,
                run.revision, run.batch, receipt.device, run.nodeId, run.emcmId, run.emcmTail(), run.meterSerial,
                compactJson(run.labels), run.result, run.stationFault ? 1 : 0, run.failedStep, run.cause, attempt,
                run.startedAtMs, run.finishedAtMs, run.durationMs, nowMs(), compactJson(run.steps), run.escrowUuid,
                neighbours.unitPrev.at, neighbours.unitPrev.station, neighbours.unitNext.at,
                neighbours.unitNext.station, neighbours.devicePrev.at, neighbours.devicePrev.station, run.nodeFirmware,
                run.hostFirmware, run.nodeType, run.hostType});
        if (!insert)
            return insert.error();
        QSqlQuery &inserted = *insert.value();
        if (inserted.next())
            receipt.id = inserted.value(0).toLongLong();
        inserted.finish();
    }
    if (receipt.id == 0) {
        // A replay: the first copy stays as it is.
        auto row = runPrepared(m_database, QStringLiteral("SELECT id FROM runs WHERE uuid = ?"), {uuid});
        if (!row)
            return row.error();
        if (!row.value()->next())
            return makeError(ResultCode::InternalError, QStringLiteral("run %1 vanished").arg(uuid));
        receipt.id = row.value()->value(0).toLongLong();
        row.value()->finish();
        receipt.duplicate = true;
        return receipt;
    }
    if (counted) {
        // Runs of the device that started later were numbered without this one.
        auto later = runPrepared(m_database,
            QStringLiteral("UPDATE runs SET attempt = attempt + 1 WHERE device = ? AND operation = ?"
                           " AND started_at > ? AND station_fault = 0"),
            {receipt.device, run.operation, run.startedAtMs});
        if (!later)
            return later.error();
        // This run now stands between its neighbours.
        const std::pair<const QString, qint64> links[]
            = {{QStringLiteral("UPDATE runs SET unit_next_at = ?, unit_next_station = ? WHERE id = ?"),
                   neighbours.unitPrev.id},
                {QStringLiteral("UPDATE runs SET unit_prev_at = ?, unit_prev_station = ? WHERE id = ?"),
                    neighbours.unitNext.id},
                {QStringLiteral("UPDATE runs SET device_prev_at = ?, device_prev_station = ? WHERE id = ?"),
                    neighbours.deviceNext.id}};
        for (const auto &[sql, id] : links) {
            if (id == 0)
                continue;
            if (auto linked = runPrepared(m_database, sql, {run.startedAtMs, run.station, id}); !linked)
                return linked.error();
        }
    }
    for (auto it = run.labels.constBegin(); it != run.labels.constEnd(); ++it) {
        const QString label = it.value().toString();
        if (label.isEmpty() || receipt.device.isEmpty())
            continue;
        auto labelled = runPrepared(m_database,
            QStringLiteral("INSERT INTO run_labels (label, device) VALUES (?, ?) ON CONFLICT DO NOTHING"),
            {label, receipt.device});
        if (!labelled)
            return labelled.error();
    }
    auto log = runPrepared(m_database, QStringLiteral("INSERT INTO run_logs (run_id, log) VALUES (?, ?)"),
        {receipt.id, cutRunLog(run.runLog)});
    if (!log)
        return log.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return receipt;
}

Result<RunReceipt> RunStore::reject(const QUuid &uuid, const QString &station, const QString &by, qint64 atMs)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    const QString key = uuid.toString(QUuid::WithoutBraces);
    auto row = runSql(db, QStringLiteral("SELECT id, station, device, rejected_at FROM runs WHERE uuid = ?"), {key});
    if (!row)
        return row.error();
    if (!row->next())
        return notFound(uuid);
    RunReceipt receipt;
    receipt.uuid = uuid;
    receipt.id = row->value(0).toLongLong();
    const QString owner = row->value(1).toString();
    receipt.device = row->value(2).toString();
    receipt.duplicate = row->value(3).toLongLong() != 0;
    row->finish();
    if (owner != station)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("run %1 was made at station %2; station %3 may not reject it").arg(key, owner, station),
            QStringLiteral("run.not_owner"));
    if (receipt.duplicate)
        return receipt;
    auto update = runSql(
        db, QStringLiteral("UPDATE runs SET rejected_at = ?, rejected_by = ? WHERE id = ?"), {atMs, by, receipt.id});
    if (!update)
        return update.error();
    if (auto ok = m_audit.append(transaction.value(), QStringLiteral("station:") + station,
            QStringLiteral("run.reject"), receipt.device.isEmpty() ? key : receipt.device,
            QStringLiteral("run %1 rejected by %2").arg(key, by.isEmpty() ? QStringLiteral("the station") : by));
        !ok)
        return ok.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return receipt;
}

Result<DeviceHistory> RunStore::history(const QString &identity) const
{
    DeviceHistory history;
    const QString id = identity.trimmed();
    if (id.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no device identity given"));
    auto db = m_database.connection();
    if (!db)
        return db.error();

    // The stored forms: node IDs as 0x + 8 upper-case hex digits, eMCM IDs upper case.
    QString node;
    if (auto parsed = NodeId::parse(id))
        node = parsed->toString();
    const QString upper = id.toUpper();
    QSet<QString> devices;
    {
        // One indexed lookup per identity kind: an OR over the columns would
        // read the whole table. An eMCM ID is found through its tail's index
        // (the tail is its last 8 digits), which saves an index on emcm_id.
        auto rows = runSql(db.value(),
            QStringLiteral("SELECT device FROM runs WHERE node_id = ? AND device <> ''"
                           " UNION SELECT device FROM runs WHERE emcm_tail = ? AND emcm_id = ? AND device <> ''"
                           " UNION SELECT device FROM runs WHERE emcm_tail = ? AND device <> ''"
                           " UNION SELECT device FROM runs WHERE meter_serial = ? AND device <> ''"
                           " UNION SELECT device FROM runs WHERE device = ?"),
            {node.isEmpty() ? id : node, upper.right(8), upper, upper, id, id});
        if (!rows)
            return rows.error();
        while (rows->next())
            devices.insert(rows->value(0).toString());
    }
    if (devices.isEmpty()) {
        // A label scanned but not the device's key (run_labels, kept as runs arrive).
        auto rows = runSql(db.value(), QStringLiteral("SELECT device FROM run_labels WHERE label = ?"), {id});
        if (!rows)
            return rows.error();
        while (rows->next())
            devices.insert(rows->value(0).toString());
    }
    history.devices = QStringList(devices.cbegin(), devices.cend());
    history.devices.sort();
    QSet<QString> nodes;
    if (!history.devices.isEmpty()) {
        QVariantList params;
        for (const QString &device : std::as_const(history.devices))
            params.append(device);
        auto rows = runSql(db.value(),
            QStringLiteral("SELECT %1 FROM runs WHERE device IN (%2) ORDER BY started_at, id")
                .arg(kSummaryColumns, placeholders(params.size())),
            params);
        if (!rows)
            return rows.error();
        while (rows->next()) {
            history.runs.append(summaryFromRow(rows.value()));
            // The newest run that knew an identity tells it.
            const QString runNode = rows->value(16).toString();
            if (!runNode.isEmpty()) {
                history.nodeId = runNode;
                nodes.insert(runNode);
            }
            if (const QString emcm = rows->value(17).toString(); !emcm.isEmpty())
                history.emcmId = emcm;
            if (const QString serial = rows->value(18).toString(); !serial.isEmpty())
                history.meterSerial = serial;
            const QJsonObject labels = QJsonDocument::fromJson(rows->value(19).toString().toUtf8()).object();
            for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
                history.labels.insert(it.key(), it.value());
        }
    }
    // A node ID nobody ran a test on may still have keys (escrowed before runs were stored).
    if (nodes.isEmpty() && !node.isEmpty())
        nodes.insert(node);
    for (const QString &nodeText : std::as_const(nodes)) {
        auto keys = m_escrow.history(NodeId::parse(nodeText).value());
        if (!keys)
            return keys.error();
        history.keys.append(keys.value());
    }
    if (history.nodeId.isEmpty() && !history.keys.isEmpty())
        history.nodeId = node;
    std::sort(history.keys.begin(), history.keys.end(),
        [](const EscrowSummary &a, const EscrowSummary &b) { return a.id < b.id; });
    if (history.devices.isEmpty() && !history.keys.isEmpty())
        history.devices.append(node);
    QStringList subjects = history.devices;
    for (const QString &nodeText : std::as_const(nodes)) {
        if (!subjects.contains(nodeText))
            subjects.append(nodeText);
    }
    auto audit = m_audit.about(subjects);
    if (!audit)
        return audit.error();
    history.audit = audit.value();
    return history;
}

Result<QString> RunStore::log(const QUuid &uuid) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto row = runSql(db.value(),
        QStringLiteral("SELECT l.log FROM runs r JOIN run_logs l ON l.run_id = r.id WHERE r.uuid = ?"),
        {uuid.toString(QUuid::WithoutBraces)});
    if (!row)
        return row.error();
    if (!row->next())
        return notFound(uuid);
    return row->value(0).toString();
}

} // namespace prov::server

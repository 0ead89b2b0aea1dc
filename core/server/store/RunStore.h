#pragma once

#include "domain/Result.h"
#include "domain/RunRecord.h"
#include "server/store/AuditLog.h"
#include "server/store/EscrowStore.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace prov::server {

class Database;

using domain::RunRecord;

/// What storing a run did.
struct RunReceipt
{
    qint64 id = 0; ///< the server's sequence of the run
    QUuid uuid;
    QString device; ///< what groups the device's runs ("" = none)
    bool duplicate = false; ///< the UUID was stored already: nothing changed
};

/// One run in a device's history.
struct RunSummary
{
    qint64 id = 0;
    QUuid uuid;
    QString operation;
    int result = 0;
    bool stationFault = false;
    QString station;
    QString slot;
    QString operatorName;
    qint64 batch = 0;
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
    int attempt = 1;
    QString failedStep;
    QString cause;
    qint64 rejectedAtMs = 0;
    QString rejectedBy;
    QString nodeFirmware; ///< as the device reported it in this run (empty: not read)
    QString hostFirmware;
};

/// A device as the server knows it: its identities, every run (oldest first),
/// its key records' states (never key material) and audit entries about it.
struct DeviceHistory
{
    QStringList devices; ///< the `device` values that matched (one, unless identities were shared)
    QString nodeId;
    QString emcmId;
    QString meterSerial;
    QJsonObject labels;
    QList<RunSummary> runs;
    QList<EscrowSummary> keys;
    QList<AuditEntry> audit;

    [[nodiscard]] bool isEmpty() const { return runs.isEmpty() && keys.isEmpty(); }
    /// The `history --json` object: {"device", "runs", "keys", "audit"}.
    [[nodiscard]] QJsonObject toJson() const;
};

/// Every run stations make, pass or fail (tables runs and run_logs). Stores are
/// idempotent by the run's UUID (a station replays its outbox); the server
/// derives `device` and `emcm_tail` itself. Writes are meant for the
/// group-commit writer (each opens its own transaction), like EscrowStore's.
class RunStore
{
public:
    RunStore(const Database &database, const AuditLog &audit, const EscrowStore &escrow);

    /// Stores `run` (its station already checked against the token); the same
    /// UUID again stores nothing and answers with the stored id. A run with a
    /// device is stored with the device's attempt (its runs of the operation
    /// by start time, station faults not counted), whatever the station said;
    /// later runs of the device move up by one when this one arrives late.
    [[nodiscard]] Result<RunReceipt> store(const RunRecord &run);
    /// The operator rejected the unit after this run: stored once (the first
    /// rejection stays) and audited under the device. Only the run's own
    /// station ("run.not_owner"); an unknown UUID is "run.not_found".
    [[nodiscard]] Result<RunReceipt> reject(const QUuid &uuid, const QString &station, const QString &by, qint64 atMs);

    /// The device that `identity` names: a node ID, an eMCM ID or its last 8
    /// hex digits, a meter serial or a scanned label. Empty when unknown.
    [[nodiscard]] Result<DeviceHistory> history(const QString &identity) const;
    /// One run's log; "run.not_found" when there is no such run.
    [[nodiscard]] Result<QString> log(const QUuid &uuid) const;

private:
    const Database &m_database;
    const AuditLog &m_audit;
    const EscrowStore &m_escrow;
};

} // namespace prov::server

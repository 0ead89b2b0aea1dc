#pragma once

#include "domain/EscrowRecord.h"
#include "domain/Result.h"
#include "engine/ServerState.h"

#include <QHash>
#include <QJsonObject>
#include <QLockFile>
#include <QMutex>
#include <QString>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;

namespace prov::engine {

/// How far the station got with a record's keys.
enum class EscrowStage {
    Escrowed, ///< encrypted and stored; the keys may be on the device (run in progress or crashed)
    Verified, ///< the run passed every step, keys verified (CMAC): the server must mark it done
    Unverified, ///< the run ended without verification: pending is final on the server
    Failed, ///< the run failed after the keys were written: "failed" on the server, never exported
};

[[nodiscard]] QString escrowStageName(EscrowStage stage);
[[nodiscard]] bool parseEscrowStage(QStringView text, EscrowStage *stage);

/// One row of the outbox: the record (its state is the server's business and
/// not stored here) with the station's own bookkeeping.
struct OutboxEntry
{
    domain::EscrowRecord record;
    EscrowStage stage = EscrowStage::Escrowed;
    QJsonObject run; ///< runId, operation, meter, port, host, software version, eMCM ID
    ServerState serverState = ServerState::None;
    QString owner; ///< the process (outbox instance) that created it

    /// The row's "record" column: the record's JSON without "state", with "stage" and "run".
    [[nodiscard]] QJsonObject toRowJson() const;
    /// An entry from its row JSON (server state and owner are other columns).
    [[nodiscard]] static Result<OutboxEntry> fromRowJson(const QJsonObject &json);
};

/// A run record or a rejection waiting in the outbox for the server.
struct PendingRun
{
    QUuid uuid; ///< the run's
    QString kind; ///< KeyOutbox::kRunKind or kRejectKind
    QJsonObject body; ///< what is posted
};

/// The station's durable key outbox: SQLite in the station's data folder
/// (WAL, synchronous=FULL, so a record that put() returned for survives a
/// power cut). Every escrow record goes here before its key reaches a device
/// and leaves only when the server has committed what the record needs
/// (done for a verified key, pending for one that never got verified).
/// Holds ciphertext only. Run records (every run, with its log) and the
/// operator's rejections wait beside the keys (table run_outbox) until the
/// server has them, the same way.
///
/// A write the database refuses (full disk, read-only folder) returns its
/// error, and the state it meant to store is kept in this process's memory,
/// overlaid on what entries() reads: the replay of this process still sees the
/// record as the station left it.
///
/// Several processes (one CLI per port, as factory scripts run it) may share
/// one folder: each instance holds a lock file for its lifetime, so an
/// Escrowed record whose owner is gone is known to be from a crashed run.
/// Thread-safe: one connection per thread, writes serialised by a mutex.
class KeyOutbox
{
public:
    static constexpr const char *kFileName = "outbox.sqlite";

    ~KeyOutbox();
    KeyOutbox(const KeyOutbox &) = delete;
    KeyOutbox &operator=(const KeyOutbox &) = delete;

    /// Opens (creating) <dataDir>/outbox.sqlite; the error names the file.
    [[nodiscard]] static Result<std::unique_ptr<KeyOutbox>> open(const QString &dataDir);

    [[nodiscard]] QString filePath() const { return m_path; }
    [[nodiscard]] QString owner() const { return m_owner; }

    /// Stores a new record durably (fsync'd) before returning (its server
    /// state none, this instance its owner).
    [[nodiscard]] Status put(const OutboxEntry &entry);
    /// Replaces the stored record and stage (verification, run log).
    [[nodiscard]] Status update(const OutboxEntry &entry);
    [[nodiscard]] Status setServerState(const QUuid &uuid, ServerState state);
    [[nodiscard]] Status remove(const QUuid &uuid);

    [[nodiscard]] Result<QList<OutboxEntry>> entries() const;
    [[nodiscard]] Result<std::optional<OutboxEntry>> entry(const QUuid &uuid) const;
    [[nodiscard]] Result<int> count() const;

    static constexpr const char *kRunKind = "run";
    static constexpr const char *kRejectKind = "reject";
    /// Stores a run record or rejection durably before returning; the same
    /// (uuid, kind) again replaces it.
    [[nodiscard]] Status putRun(const PendingRun &run);
    [[nodiscard]] Status removeRun(const QUuid &uuid, const QString &kind);
    /// Everything waiting, oldest first (a run before its rejection).
    [[nodiscard]] Result<QList<PendingRun>> pendingRuns() const;

    /// True when the entry's owner process is gone (or it is ours and `ours`
    /// is true): an Escrowed record of a dead owner came from a crashed run.
    [[nodiscard]] bool ownerIsGone(const OutboxEntry &entry) const;

    /// PRAGMA value on this thread's connection (tests check the durability settings).
    [[nodiscard]] QString pragma(const QString &name) const;

    /// Test hook: every later write whose SQL contains one of `fragments`
    /// ("INSERT", "SET stage", "SET server_state", "DELETE") fails as on a
    /// full disk; an empty list ends it.
    void failWritesForTest(const QStringList &fragments);

private:
    KeyOutbox(QString dataDir, QString path);
    /// How long a write waits for another process's (10 s).
    static constexpr int kBusyTimeoutMs = 10000;

    [[nodiscard]] Result<QSqlDatabase> connection() const;
    [[nodiscard]] Status enableWal(QSqlDatabase &db) const;
    [[nodiscard]] Status exec(const QString &sql, const QVariantList &values) const;
    [[nodiscard]] QString lockPathFor(const QString &owner) const;
    [[nodiscard]] Result<QList<OutboxEntry>> storedEntries() const;
    /// Keeps in memory what a write meant for `uuid` (after a refused write,
    /// or while an earlier one is held); `change` gets the entry to amend, or
    /// nullopt when the record is forgotten.
    void hold(const QUuid &uuid, bool refused, const std::function<void(std::optional<OutboxEntry> &)> &change);

    QString m_dataDir;
    QString m_path;
    QString m_owner;
    QString m_connectionPrefix;
    std::unique_ptr<QLockFile> m_ownerLock;
    mutable QMutex m_mutex;
    mutable QMutex m_heldMutex; ///< guards m_held and m_failingWrites
    QHash<QUuid, std::optional<OutboxEntry>> m_held; ///< nullopt: forgotten, row not deleted
    QStringList m_failingWrites;
};

} // namespace prov::engine

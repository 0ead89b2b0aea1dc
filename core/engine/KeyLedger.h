#pragma once

#include "domain/Result.h"
#include "engine/KeyOutbox.h"

#include <QJsonObject>

#include <optional>

namespace prov::engine {

/// A key record's life on the station, and the only code that moves a record
/// along it: sealed and stored (outbox) → keys on the device → verified → run
/// passed, failed or unverified → committed by the server → forgotten. Every
/// move is written to the outbox first; a write the outbox refuses is never
/// ignored: before a key reaches the device it stops the run (14), after it
/// the run fails (14), the record turns failed, and the outbox keeps it in
/// this process's memory for the replay.
///
/// One ledger per run (its station's thread); the replay (EscrowSync) uses the
/// static part, so the record's end state is decided in one place.
class KeyLedger
{
public:
    /// What the end of a run asks of the server.
    struct Settlement
    {
        std::optional<ServerState> submit; ///< the state the server must commit; none: nothing to send
        std::optional<Error> lostWrite; ///< an outbox write failed: the run fails with this (14)
        bool dropped = false; ///< no key left the station and the server never saw it: forgotten
    };

    explicit KeyLedger(KeyOutbox *outbox = nullptr)
        : m_outbox(outbox)
    { }

    /// The run's record with its stage and run description; none before seal().
    [[nodiscard]] const std::optional<OutboxEntry> &entry() const { return m_entry; }
    [[nodiscard]] ServerState serverState() const { return m_serverState; }
    [[nodiscard]] bool onDevice() const { return m_onDevice; }
    [[nodiscard]] bool verified() const { return m_verified; }

    /// Stores a freshly sealed record durably. An error (14) means no key of
    /// it may reach the device.
    [[nodiscard]] Status seal(OutboxEntry entry);
    /// The server stored the record as `state` (pending while the run goes on).
    [[nodiscard]] Status serverHolds(ServerState state);
    /// From now on the device may hold the keys.
    void sendingToDevice() { m_onDevice = true; }
    /// Every written slot passed its key check; the record stays Escrowed
    /// until the whole run passes (runPassed).
    [[nodiscard]] Status verify(const QJsonObject &verification);
    /// Every step before the last passed: the record is Verified, for the server's done.
    [[nodiscard]] Status runPassed(const QString &runLog);
    /// The run ended with `status`: the record's final stage, and what the
    /// server must commit. Records whose keys never left the station are forgotten.
    [[nodiscard]] Settlement settle(const Status &status, const QString &runLog);
    /// The server committed `state` (final): the outbox forgets the record.
    [[nodiscard]] Status committed(ServerState state);

    /// "the escrow record <uuid> of node <id> is safe in the outbox <file>; ..."
    [[nodiscard]] QString safeNote() const;

    /// The state the server must commit for a record at `stage`.
    [[nodiscard]] static ServerState serverTarget(EscrowStage stage);
    /// The replay found an Escrowed record whose process died: the device may
    /// hold its key, so it becomes Unverified (pending on the server).
    [[nodiscard]] static Status adoptOrphan(KeyOutbox *outbox, OutboxEntry &entry);
    /// The replay's submission of `state` was committed: the outbox forgets it.
    [[nodiscard]] static Status replayed(KeyOutbox *outbox, const QUuid &uuid, ServerState state);

private:
    /// The error of a write refused after the keys may have reached the device.
    [[nodiscard]] Error lost(const Error &write) const;

    KeyOutbox *m_outbox;
    std::optional<OutboxEntry> m_entry;
    ServerState m_serverState = ServerState::None;
    bool m_onDevice = false;
    bool m_verified = false;
};

} // namespace prov::engine

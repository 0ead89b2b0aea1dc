#include "engine/KeyLedger.h"

#include "engine/EngineLog.h"

#include <QDir>

namespace prov::engine {

namespace {

QString uuidText(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

} // namespace

Status KeyLedger::seal(OutboxEntry entry)
{
    if (const Status stored = m_outbox->put(entry); !stored.ok())
        return makeError(ResultCode::UnknownError,
            QStringLiteral("%1; no key was written to the device").arg(stored.error().toString()));
    m_entry = std::move(entry);
    m_serverState = ServerState::None;
    m_onDevice = false;
    m_verified = false;
    return {};
}

Status KeyLedger::serverHolds(ServerState state)
{
    m_serverState = state;
    if (const Status s = m_outbox->setServerState(m_entry->record.uuid, state); !s.ok())
        return lost(s.error());
    return {};
}

Status KeyLedger::verify(const QJsonObject &verification)
{
    m_verified = true;
    m_entry->record.verification = verification;
    if (const Status s = m_outbox->update(*m_entry); !s.ok())
        return lost(s.error());
    return {};
}

Status KeyLedger::runPassed(const QString &runLog)
{
    if (!m_entry || !m_verified)
        return makeError(ResultCode::InternalError, QStringLiteral("no verified escrow record to confirm"));
    OutboxEntry next = *m_entry;
    next.stage = EscrowStage::Verified;
    next.record.runLog = runLog;
    // Verified only once the outbox says so: otherwise the run fails and so does the record.
    if (const Status s = m_outbox->update(next); !s.ok())
        return lost(s.error());
    m_entry = std::move(next);
    return {};
}

KeyLedger::Settlement KeyLedger::settle(const Status &status, const QString &runLog)
{
    Settlement out;
    if (!m_entry || m_serverState == ServerState::Done)
        return out;
    OutboxEntry &entry = *m_entry;
    const QUuid uuid = entry.record.uuid;
    if (!m_onDevice && m_serverState == ServerState::None) {
        // No key of this record reached the device and the server never saw
        // it: there is nothing to protect.
        if (const Status s = m_outbox->remove(uuid); !s.ok())
            out.lostWrite = lost(s.error());
        out.dropped = true;
        return out;
    }
    // runPassed (the last step) made the record Verified: every device step
    // passed (only the server's answer may have failed), so it is done. Any
    // other failed run's record is failed: the device may hold its key, but it
    // is never exported.
    const bool passed = entry.stage == EscrowStage::Verified;
    const bool failed = !passed && !status.ok();
    entry.stage = passed ? EscrowStage::Verified : failed ? EscrowStage::Failed : EscrowStage::Unverified;
    entry.record.runLog = runLog;
    if (const Status s = m_outbox->update(entry); !s.ok()) {
        // The run fails with this write, so its record does too.
        out.lostWrite = lost(s.error());
        entry.stage = EscrowStage::Failed;
        if (const Status again = m_outbox->update(entry); !again.ok())
            qCWarning(lcOutbox).noquote()
                << "escrow record" << uuidText(uuid) << "marked failed in memory only:" << again.error().toString();
    }
    const ServerState target = serverTarget(entry.stage);
    if (target == ServerState::Pending && m_serverState == ServerState::Pending) {
        if (const Status s = m_outbox->remove(uuid); !s.ok())
            out.lostWrite = lost(s.error());
        return out;
    }
    out.submit = target;
    return out;
}

Status KeyLedger::committed(ServerState state)
{
    m_serverState = state;
    const Status marked = m_outbox->setServerState(m_entry->record.uuid, state);
    const Status removed = m_outbox->remove(m_entry->record.uuid);
    if (!marked.ok())
        return lost(marked.error());
    if (!removed.ok())
        return lost(removed.error());
    return {};
}

QString KeyLedger::safeNote() const
{
    if (!m_entry)
        return {};
    return QStringLiteral("the escrow record %1 of node %2 is safe in the outbox %3; "
                          "provstation-cli --flush-outbox sends it when the server is back")
        .arg(uuidText(m_entry->record.uuid), m_entry->record.nodeId.toString(),
            QDir::toNativeSeparators(m_outbox->filePath()));
}

Error KeyLedger::lost(const Error &write) const
{
    const QString where = m_onDevice ? QStringLiteral("the device may hold its keys")
                                     : QStringLiteral("no key was written to the device");
    return makeError(ResultCode::UnknownError,
        QStringLiteral("%1; the escrow record %2 of node %3 is kept in this process's memory for the replay (%4)")
            .arg(write.toString(), uuidText(m_entry->record.uuid), m_entry->record.nodeId.toString(), where));
}

ServerState KeyLedger::serverTarget(EscrowStage stage)
{
    switch (stage) {
    case EscrowStage::Verified:
        return ServerState::Done;
    case EscrowStage::Failed:
        return ServerState::Failed;
    case EscrowStage::Escrowed:
    case EscrowStage::Unverified:
        break;
    }
    return ServerState::Pending;
}

Status KeyLedger::adoptOrphan(KeyOutbox *outbox, OutboxEntry &entry)
{
    // Its run was killed after the record was stored: the device may hold the
    // key, so the server must have it (as pending).
    entry.stage = EscrowStage::Unverified;
    if (entry.record.runLog.isEmpty())
        entry.record.runLog = QStringLiteral("the station process ended before this run finished\n");
    qCInfo(lcOutbox).noquote() << "record" << uuidText(entry.record.uuid)
                               << "belongs to a run that did not finish; sending it as pending";
    return outbox->update(entry);
}

Status KeyLedger::replayed(KeyOutbox *outbox, const QUuid &uuid, ServerState state)
{
    const Status marked = outbox->setServerState(uuid, state);
    const Status removed = outbox->remove(uuid);
    return !marked.ok() ? marked : removed;
}

} // namespace prov::engine

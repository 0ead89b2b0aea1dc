#include "engine/KeyLedger.h"

#include "support/Logging.h"

#include <QDir>

namespace prov::engine {

namespace {

QString uuidText(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

} // namespace

Status KeyLedger::seal(EscrowRecord record)
{
    if (const Status stored = m_outbox->put(record); !stored.ok())
        return makeError(ResultCode::UnknownError,
            QStringLiteral("%1; no key was written to the device").arg(stored.error().toString()));
    m_record = std::move(record);
    m_serverState = ServerState::None;
    m_onDevice = false;
    m_verified = false;
    return {};
}

Status KeyLedger::serverHolds(ServerState state)
{
    m_serverState = state;
    if (const Status s = m_outbox->setServerState(m_record->uuid, state); !s.ok())
        return lost(s.error());
    return {};
}

Status KeyLedger::verify(const QJsonObject &verification)
{
    m_verified = true;
    m_record->verification = verification;
    if (const Status s = m_outbox->update(*m_record); !s.ok())
        return lost(s.error());
    return {};
}

Status KeyLedger::runPassed(const QString &runLog)
{
    if (!m_record || !m_verified)
        return makeError(ResultCode::InternalError, QStringLiteral("no verified escrow record to confirm"));
    EscrowRecord next = *m_record;
    next.stage = EscrowRecord::Stage::Verified;
    next.runLog = runLog;
    // Verified only once the outbox says so: otherwise the run fails and so does the record.
    if (const Status s = m_outbox->update(next); !s.ok())
        return lost(s.error());
    m_record = std::move(next);
    return {};
}

KeyLedger::Settlement KeyLedger::settle(const Status &status, const QString &runLog)
{
    Settlement out;
    if (!m_record || m_serverState == ServerState::Done)
        return out;
    EscrowRecord &record = *m_record;
    if (!m_onDevice && m_serverState == ServerState::None) {
        // No key of this record reached the device and the server never saw
        // it: there is nothing to protect.
        if (const Status s = m_outbox->remove(record.uuid); !s.ok())
            out.lostWrite = lost(s.error());
        out.dropped = true;
        return out;
    }
    // runPassed (the last step) made the record Verified: every device step
    // passed (only the server's answer may have failed), so it is done. Any
    // other failed run's record is failed: the device may hold its key, but it
    // is never exported.
    const bool passed = record.stage == EscrowRecord::Stage::Verified;
    const bool failed = !passed && !status.ok();
    record.stage = passed ? EscrowRecord::Stage::Verified
        : failed          ? EscrowRecord::Stage::Failed
                          : EscrowRecord::Stage::Unverified;
    record.runLog = runLog;
    if (const Status s = m_outbox->update(record); !s.ok()) {
        // The run fails with this write, so its record does too.
        out.lostWrite = lost(s.error());
        record.stage = EscrowRecord::Stage::Failed;
        if (const Status again = m_outbox->update(record); !again.ok())
            qCWarning(lcOutbox).noquote() << "escrow record" << uuidText(record.uuid)
                                          << "marked failed in memory only:" << again.error().toString();
    }
    const ServerState target = serverTarget(record.stage);
    if (target == ServerState::Pending && m_serverState == ServerState::Pending) {
        if (const Status s = m_outbox->remove(record.uuid); !s.ok())
            out.lostWrite = lost(s.error());
        return out;
    }
    out.submit = target;
    return out;
}

Status KeyLedger::committed(ServerState state)
{
    m_serverState = state;
    const Status marked = m_outbox->setServerState(m_record->uuid, state);
    const Status removed = m_outbox->remove(m_record->uuid);
    if (!marked.ok())
        return lost(marked.error());
    if (!removed.ok())
        return lost(removed.error());
    return {};
}

QString KeyLedger::safeNote() const
{
    if (!m_record)
        return {};
    return QStringLiteral("the escrow record %1 of node %2 is safe in the outbox %3; "
                          "provstation-cli --flush-outbox sends it when the server is back")
        .arg(uuidText(m_record->uuid), m_record->nodeId.toString(), QDir::toNativeSeparators(m_outbox->filePath()));
}

Error KeyLedger::lost(const Error &write) const
{
    const QString where = m_onDevice ? QStringLiteral("the device may hold its keys")
                                     : QStringLiteral("no key was written to the device");
    return makeError(ResultCode::UnknownError,
        QStringLiteral("%1; the escrow record %2 of node %3 is kept in this process's memory for the replay (%4)")
            .arg(write.toString(), uuidText(m_record->uuid), m_record->nodeId.toString(), where));
}

ServerState KeyLedger::serverTarget(EscrowRecord::Stage stage)
{
    switch (stage) {
    case EscrowRecord::Stage::Verified:
        return ServerState::Done;
    case EscrowRecord::Stage::Failed:
        return ServerState::Failed;
    case EscrowRecord::Stage::Escrowed:
    case EscrowRecord::Stage::Unverified:
        break;
    }
    return ServerState::Pending;
}

Status KeyLedger::adoptOrphan(KeyOutbox *outbox, EscrowRecord &record)
{
    // Its run was killed after the record was stored: the device may hold the
    // key, so the server must have it (as pending).
    record.stage = EscrowRecord::Stage::Unverified;
    if (record.runLog.isEmpty())
        record.runLog = QStringLiteral("the station process ended before this run finished\n");
    qCInfo(lcOutbox).noquote() << "record" << uuidText(record.uuid)
                               << "belongs to a run that did not finish; sending it as pending";
    return outbox->update(record);
}

Status KeyLedger::replayed(KeyOutbox *outbox, const QUuid &uuid, ServerState state)
{
    const Status marked = outbox->setServerState(uuid, state);
    const Status removed = outbox->remove(uuid);
    return !marked.ok() ? marked : removed;
}

} // namespace prov::engine

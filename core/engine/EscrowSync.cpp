#include "engine/EscrowSync.h"

#include "engine/ServerClient.h"
#include "support/Logging.h"

namespace prov::engine {

EscrowSync::EscrowSync(KeyOutbox *outbox, ServerClient *server, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_server(server)
{
    connect(&m_timer, &QTimer::timeout, this, &EscrowSync::syncNow);
}

void EscrowSync::startBackground(int intervalMs)
{
    m_timer.start(intervalMs);
    syncNow();
}

void EscrowSync::syncNow()
{
    if (m_running)
        return;
    Result<QList<OutboxEntry>> entries = m_outbox->entries();
    m_pass = PassResult {};
    m_running = true;
    if (!entries.ok())
        return endPass(entries.error());
    m_queue = std::move(entries).value();
    next();
}

void EscrowSync::next()
{
    while (!m_queue.isEmpty()) {
        OutboxEntry entry = m_queue.takeFirst();
        EscrowRecord &r = entry.record;
        if (r.stage == EscrowRecord::Stage::Escrowed) {
            if (!m_outbox->ownerIsGone(entry)) {
                ++m_pass.waiting; // a run in progress owns it
                continue;
            }
            // Its run was killed after the record was stored: the device may
            // hold the key, so the server must have it (as pending).
            r.stage = EscrowRecord::Stage::Unverified;
            if (r.runLog.isEmpty())
                r.runLog = QStringLiteral("the station process ended before this run finished\n");
            (void)m_outbox->update(r);
            qCInfo(lcOutbox).noquote() << "record" << r.uuid.toString(QUuid::WithoutBraces)
                                       << "belongs to a run that did not finish; sending it as pending";
        }
        const ServerState target = r.stage == EscrowRecord::Stage::Verified ? ServerState::Done
            : r.stage == EscrowRecord::Stage::Failed                        ? ServerState::Failed
                                                                            : ServerState::Pending;
        if (entry.serverState == target) {
            (void)m_outbox->remove(r.uuid);
            ++m_pass.sent;
            continue;
        }
        m_server->submitEscrow(r, target, this, [this, uuid = r.uuid, target](const Status &s) {
            if (!s.ok())
                return endPass(s.error());
            (void)m_outbox->setServerState(uuid, target);
            if (const Status removed = m_outbox->remove(uuid); !removed.ok())
                return endPass(removed.error());
            ++m_pass.sent;
            next();
        });
        return;
    }
    endPass(std::nullopt);
}

void EscrowSync::endPass(std::optional<Error> error)
{
    m_queue.clear();
    m_pass.error = std::move(error);
    const Result<int> left = m_outbox->count();
    m_pass.remaining = left.ok() ? left.value() : -1;
    m_running = false;
    if (m_pass.error)
        qCWarning(lcOutbox).noquote() << "outbox pass stopped:" << m_pass.error->toString();
    emit passFinished(m_pass);
}

} // namespace prov::engine

#include "engine/EscrowSync.h"

#include "engine/EngineLog.h"
#include "engine/KeyLedger.h"
#include "engine/ServerClient.h"

namespace prov::engine {

namespace {

/// The server read the run and will never take it as it is (422, 403, 404):
/// sending it again changes nothing. A bad token (401), overload (429) and
/// outages are worth the next pass.
bool refusedForGood(const Error &error)
{
    return error.context == u"http 403" || error.context == u"http 404" || error.context == u"http 422";
}

} // namespace

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
    if (Result<QList<PendingRun>> runs = m_outbox->pendingRuns(); runs.ok())
        m_runs = std::move(runs).value();
    else
        qCWarning(lcOutbox).noquote() << "run records not replayed:" << runs.error().toString();
    next();
}

void EscrowSync::next()
{
    while (!m_queue.isEmpty()) {
        OutboxEntry entry = m_queue.takeFirst();
        const QUuid uuid = entry.record.uuid;
        if (entry.stage == EscrowStage::Escrowed) {
            if (!m_outbox->ownerIsGone(entry)) {
                ++m_pass.waiting; // a run in progress owns it
                continue;
            }
            // A refused write is kept in the outbox's memory: the record is
            // still sent as it is now.
            if (const Status adopted = KeyLedger::adoptOrphan(m_outbox, entry); !adopted.ok())
                qCWarning(lcOutbox).noquote() << "record" << uuid.toString(QUuid::WithoutBraces)
                                              << "adopted in memory only:" << adopted.error().toString();
        }
        const ServerState target = KeyLedger::serverTarget(entry.stage);
        if (entry.serverState == target) {
            if (const Status removed = KeyLedger::replayed(m_outbox, uuid, target); !removed.ok())
                return endPass(removed.error());
            ++m_pass.sent;
            continue;
        }
        m_server->submitEscrow(entry, target, this, [this, uuid, target](const Status &s) {
            if (!s.ok())
                return endPass(s.error());
            if (const Status removed = KeyLedger::replayed(m_outbox, uuid, target); !removed.ok())
                return endPass(removed.error());
            ++m_pass.sent;
            next();
        });
        return;
    }
    nextRun();
}

void EscrowSync::nextRun()
{
    if (m_runs.isEmpty())
        return endPass(std::nullopt);
    const PendingRun run = m_runs.takeFirst();
    const auto sent = [this, run](const Status &s) {
        if (!s.ok() && refusedForGood(s.error())) {
            // Kept for a person to look at, but the runs after it still go.
            qCWarning(lcOutbox).noquote() << "run record" << run.uuid.toString(QUuid::WithoutBraces)
                                          << "refused by the server, kept in the outbox:" << s.error().toString();
            return nextRun();
        }
        if (!s.ok())
            return endPass(s.error());
        if (const Status removed = m_outbox->removeRun(run.uuid, run.kind); !removed.ok())
            return endPass(removed.error());
        ++m_pass.runsSent;
        nextRun();
    };
    if (run.kind == QLatin1String(KeyOutbox::kRejectKind))
        m_server->submitReject(run.uuid, run.body, this, sent);
    else
        m_server->submitResult(run.body, this, sent);
}

void EscrowSync::endPass(std::optional<Error> error)
{
    m_queue.clear();
    m_runs.clear();
    m_pass.error = std::move(error);
    const Result<int> left = m_outbox->count();
    m_pass.remaining = left.ok() ? left.value() : -1;
    m_running = false;
    if (m_pass.error)
        qCWarning(lcOutbox).noquote() << "outbox pass stopped:" << m_pass.error->toString();
    emit passFinished(m_pass);
}

} // namespace prov::engine

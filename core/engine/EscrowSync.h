#pragma once

#include "domain/Result.h"
#include "engine/KeyOutbox.h"

#include <QObject>
#include <QTimer>

namespace prov::engine {

class ServerClient;

/// Replays the key outbox to the server (keys, then run records and
/// rejections, each idempotent by its UUID): at start, in the background, and on
/// demand (`provstation-cli --flush-outbox`). A record leaves the outbox only
/// when the server has committed what it needs: done for a verified key,
/// pending for one that never got verified. Records of runs still going in
/// this or another live process are left alone; an Escrowed record whose
/// process died (a crash) is sent as pending. Lives on its ServerClient's thread.
class EscrowSync : public QObject
{
    Q_OBJECT

public:
    struct PassResult
    {
        int sent = 0; ///< records the server committed in this pass
        int remaining = 0; ///< records still in the outbox (including live runs')
        int waiting = 0; ///< of those, records of live runs (not this pass's business)
        int runsSent = 0; ///< run records and rejections the server stored in this pass
        std::optional<Error> error; ///< the first failure (the pass stops there)
    };

    EscrowSync(KeyOutbox *outbox, ServerClient *server, QObject *parent = nullptr);

    /// One pass over the outbox; passFinished() when done. A pass already
    /// running is not started twice.
    void syncNow();
    /// Passes every `intervalMs` (and one now).
    void startBackground(int intervalMs);
    [[nodiscard]] bool isRunning() const { return m_running; }

signals:
    void passFinished(const prov::engine::EscrowSync::PassResult &result);

private:
    void next();
    /// After the keys: run records and rejections, oldest first.
    void nextRun();
    void endPass(std::optional<Error> error);

    KeyOutbox *m_outbox;
    ServerClient *m_server;
    QTimer m_timer;
    QList<OutboxEntry> m_queue;
    QList<PendingRun> m_runs;
    PassResult m_pass;
    bool m_running = false;
};

} // namespace prov::engine

Q_DECLARE_METATYPE(prov::engine::EscrowSync::PassResult)

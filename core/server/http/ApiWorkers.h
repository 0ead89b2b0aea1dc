#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <utility>

namespace prov::server::http {

/// A small pool for the slow parts of requests (password hashing, package
/// verification) so the event loop keeps serving everyone else. The queue is
/// bounded: when it is full run() refuses and the route answers 503, so a
/// burst of logins cannot pile up unbounded CPU work. Results come back on the
/// thread of this object (the event loop), where the responder lives. Each
/// pool thread uses its own database connection (Database::connection()).
class ApiWorkers : public QObject
{
    Q_OBJECT

public:
    ApiWorkers(int threads, int maxQueued, QObject *parent = nullptr);
    ~ApiWorkers() override;

    /// Runs `work()` on the pool and `done(result)` back on this object's thread.
    /// False (nothing started) when maxQueued jobs are already waiting.
    template<typename Work, typename Done>
    [[nodiscard]] bool run(Work work, Done done)
    {
        if (m_pending.load() >= m_maxQueued)
            return false;
        ++m_pending;
        auto job = std::make_shared<std::pair<Work, Done>>(std::move(work), std::move(done));
        m_pool.start([this, job] {
            using R = decltype(job->first());
            auto result = std::make_shared<R>(job->first());
            QMetaObject::invokeMethod(
                this,
                [this, job, result] {
                    --m_pending;
                    job->second(std::move(*result));
                },
                Qt::QueuedConnection);
        });
        return true;
    }

    [[nodiscard]] int pending() const { return m_pending.load(); }

private:
    QThreadPool m_pool;
    int m_maxQueued;
    std::atomic<int> m_pending {0};
};

} // namespace prov::server::http

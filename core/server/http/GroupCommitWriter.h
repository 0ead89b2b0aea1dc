#pragma once

#include "domain/Result.h"

#include <QMetaObject>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace prov::server {
class Database;
}

namespace prov::server::http {

/// Group commit for the escrow: one writer thread runs the write jobs that
/// arrive while it is busy as one batch, each job committing its own
/// transaction *without* waiting for the disk, then makes the whole batch
/// durable with one flush, and only then answers every job's client. A client
/// thus gets its answer after its record is on disk, exactly as with one
/// synchronous commit per record, but one flush (~3 ms here) serves a batch
/// instead of one record.
///
/// The flush: on SQLite the writer's connection runs `synchronous=NORMAL`
/// (WAL commits are appended, not synced) and the batch ends with fdatasync()
/// of the WAL file, which covers every frame appended before it; on PostgreSQL
/// the writer's session runs `synchronous_commit=off` and the batch ends with a
/// small synchronous commit that writes WAL (a transactional logical message),
/// whose WAL flush covers every earlier commit (WAL is flushed in order). A crash before the flush loses only records
/// whose clients were never answered; they retry, and uploads are idempotent.
///
/// On PostgreSQL several writer threads (each its own connection, its
/// statements prepared once) take batches from one queue: while one waits for
/// the database, the next batch runs, and the database's cores and WAL flushes
/// serve them together, as they would several servers. SQLite has a single
/// writer lock, so it gets one thread. A client waits for its answer before
/// it sends its next record, so a station's records still get their sequence
/// numbers in the order it sent them.
class GroupCommitWriter : public QObject
{
    Q_OBJECT

public:
    /// Writer threads on PostgreSQL when none is given.
    static constexpr int kPostgresWriters = 4;

    /// `writers` <= 0: kPostgresWriters on PostgreSQL, 1 on SQLite (always 1 there).
    explicit GroupCommitWriter(
        const Database &database, int maxBatch = 256, int writers = 0, QObject *parent = nullptr);
    /// Runs what is queued, then stops the threads.
    ~GroupCommitWriter() override;

    [[nodiscard]] int writers() const { return static_cast<int>(m_threads.size()); }

    /// Runs `job()` (which returns a Result<T>) on the writer thread in the next
    /// batch; `done(result)` runs on this object's thread once the batch is
    /// durable (or with an error when the flush failed).
    template<typename Job, typename Done>
    void submit(Job job, Done done)
    {
        using R = decltype(job());
        auto result = std::make_shared<std::optional<R>>();
        Task task;
        task.run = [job = std::move(job), result]() mutable {
            result->emplace(job());
        };
        task.finish = [this, result, done = std::move(done)](const QString &flushError) mutable {
            QMetaObject::invokeMethod(
                this,
                [result, done, flushError]() mutable {
                    if (!flushError.isEmpty())
                        done(R(makeError(ResultCode::InternalError, flushError)));
                    else
                        done(std::move(**result));
                },
                Qt::QueuedConnection);
        };
        enqueue(std::move(task));
    }

    struct Stats
    {
        qint64 batches = 0;
        qint64 jobs = 0;
        int largestBatch = 0;
    };
    [[nodiscard]] Stats stats() const;

private:
    struct Task
    {
        std::function<void()> run;
        std::function<void(const QString &flushError)> finish;
    };

    void enqueue(Task task);
    /// How a writer thread makes its batch durable.
    struct Flush
    {
        QString walPath; ///< SQLite: the WAL file to fdatasync()
        bool postgres = false; ///< PostgreSQL: the flush statement (else every commit is synchronous)
    };

    void loop();
    /// Sets up the calling writer thread's connection.
    [[nodiscard]] Result<Flush> relax();
    [[nodiscard]] Status flush(const Flush &how);

    const Database &m_database;
    const int m_maxBatch;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Task> m_queue;
    bool m_stopping = false;
    Stats m_stats;
    std::vector<std::thread> m_threads;
};

} // namespace prov::server::http

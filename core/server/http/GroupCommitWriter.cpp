#include "server/http/GroupCommitWriter.h"

#include "server/ServerLog.h"
#include "server/store/Database.h"
#include "support/LogSafe.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace prov::server::http {

GroupCommitWriter::GroupCommitWriter(const Database &database, int maxBatch, int writers, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_maxBatch(qMax(1, maxBatch))
{
    if (!database.isPostgres())
        writers = 1;
    else if (writers <= 0)
        writers = kPostgresWriters;
    for (int i = 0; i < writers; ++i)
        m_threads.emplace_back([this] { loop(); });
}

GroupCommitWriter::~GroupCommitWriter()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

void GroupCommitWriter::enqueue(Task task)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(task));
    }
    m_wake.notify_one();
}

GroupCommitWriter::Stats GroupCommitWriter::stats() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}

namespace {

/// One statement, its own transaction, that makes PostgreSQL flush its WAL up
/// to here. A commit is flushed only when its transaction wrote WAL (an XID
/// alone, e.g. txid_current(), commits without a flush), so it writes a
/// transactional logical message: a WAL record, no table, no lock shared with
/// other writers. set_config(..., true) holds for that transaction, whose
/// commit is decided under it.
const QString kPostgresFlush = QStringLiteral(
    "SELECT set_config('synchronous_commit', 'on', true), pg_logical_emit_message(true, 'provstation-flush', '')");

} // namespace

Result<GroupCommitWriter::Flush> GroupCommitWriter::relax()
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    if (!m_database.isPostgres()) {
        if (!query.exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot set up the escrow writer: %1").arg(query.lastError().text()));
        return Flush {db->databaseName() + QStringLiteral("-wal"), false};
    }
    // Without the flush statement (a database that does not allow it) every
    // commit stays synchronous: slower, never less durable.
    if (!query.exec(kPostgresFlush)) {
        qCWarning(lcServerHttp).noquote()
            << "escrow writer: every record is committed on its own (the group flush is not allowed here:"
            << logSafe(query.lastError().text(), 512) + QStringLiteral(")");
        return Flush {};
    }
    if (!query.exec(QStringLiteral("SET synchronous_commit TO off")))
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot set up the escrow writer: %1").arg(query.lastError().text()));
    return Flush {QString(), true};
}

Status GroupCommitWriter::flush(const Flush &how)
{
    if (m_database.isPostgres()) {
        if (!how.postgres)
            return {};
        auto db = m_database.connection();
        if (!db)
            return db.error();
        QSqlQuery query(db.value());
        if (!query.exec(kPostgresFlush))
            return makeError(ResultCode::InternalError,
                QStringLiteral("flushing the escrow batch failed: %1").arg(query.lastError().text()));
        return {};
    }
    const QString &walPath = how.walPath;
    const int fd = ::open(QFile::encodeName(walPath).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {}; // no WAL file: nothing was written
    const int rc = ::fdatasync(fd);
    ::close(fd);
    if (rc != 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("flushing the escrow batch to %1 failed: %2")
                .arg(walPath, QString::fromLocal8Bit(::strerror(errno))));
    return {};
}

void GroupCommitWriter::loop()
{
    const Result<Flush> ready = relax();
    if (!ready)
        qCWarning(lcServerHttp).noquote() << logSafe(ready.error().message, 1024);
    for (;;) {
        std::deque<Task> batch;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, and nothing left
            while (!m_queue.empty() && static_cast<int>(batch.size()) < m_maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        QString flushError;
        if (!ready) {
            flushError = ready.error().message;
        } else {
            for (Task &task : batch)
                task.run();
            const Status flushed = flush(ready.value());
            if (!flushed) {
                flushError = flushed.error().message;
                qCWarning(lcServerHttp).noquote() << logSafe(flushError, 1024);
            }
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_stats.batches;
            m_stats.jobs += static_cast<qint64>(batch.size());
            m_stats.largestBatch = qMax(m_stats.largestBatch, static_cast<int>(batch.size()));
        }
        for (Task &task : batch)
            task.finish(flushError);
    }
}

} // namespace prov::server::http

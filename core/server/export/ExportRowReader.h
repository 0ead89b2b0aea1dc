#pragma once

#include "domain/Result.h"
#include "server/export/ExportSelection.h"

#include <QList>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace prov::server {

class Database;

/// One device of an export, as read from the database.
struct ExportRow
{
    quint32 nodeId = 0;
    int revision = 0;
    qint64 batch = 0;
    qint64 provisionedAtMs = 0;
    QString nodeType;
    QString nodeVersion;
    QString station;
    QString rootKey; ///< base64
    QString kmsFingerprint;
    QString apps; ///< encodeEscrowApps() form
};

/// A node the export leaves out: its latest record is not done (pending: the
/// device may hold a key nobody verified; failed: the run failed after the key
/// was written). It must be provisioned again before it can be exported.
struct ExportLeftOut
{
    quint32 nodeId = 0;
    QString state; ///< "pending" | "failed"
    QString station;
    qint64 sequence = 0; ///< the record's server sequence
    qint64 provisionedAtMs = 0;
};

/// Reads an export's rows on a thread of its own, so the database work (SQLite
/// B-tree walk, page reads, text conversion) runs beside the XML writing instead
/// of before it: on two cores an export of a million devices takes about half
/// the time. The thread owns its connection (QSqlDatabase is per thread) and the
/// snapshot transaction in which it first counts the devices, then reads them in
/// node order: forward-only on SQLite, a server-side cursor on PostgreSQL. At most
/// kMaxQueuedChunks chunks of kChunkRows rows wait in memory.
class ExportRowReader
{
public:
    static constexpr int kChunkRows = 256;
    static constexpr int kMaxQueuedChunks = 8;

    ~ExportRowReader();
    ExportRowReader(const ExportRowReader &) = delete;
    ExportRowReader &operator=(const ExportRowReader &) = delete;

    /// Starts the thread and returns once the devices are counted.
    [[nodiscard]] static Result<std::unique_ptr<ExportRowReader>> start(
        const Database &database, const ExportSelection &selection);

    /// The nodes an export of `selection` would leave out now (its own read).
    [[nodiscard]] static Result<QList<ExportLeftOut>> leftOutOf(
        const Database &database, const ExportSelection &selection);

    [[nodiscard]] qint64 count() const { return m_count; }
    /// The nodes of the selection left out, in node order (read with the count).
    [[nodiscard]] const QList<ExportLeftOut> &leftOut() const { return m_leftOut; }
    /// The next rows in node order, waiting for the reader thread if needed; an
    /// empty list at the end.
    [[nodiscard]] Result<QList<ExportRow>> next();

private:
    ExportRowReader() = default;
    void run(const Database &database, const ExportSelection &selection);
    /// Reader thread: queue a chunk, waiting while the queue is full; false when stopped.
    bool push(QList<ExportRow> chunk);
    void finish(const QString &error);

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QList<ExportRow>> m_queue;
    bool m_counted = false;
    bool m_done = false;
    bool m_stop = false;
    QString m_error;
    qint64 m_count = 0;
    QList<ExportLeftOut> m_leftOut;
};

} // namespace prov::server

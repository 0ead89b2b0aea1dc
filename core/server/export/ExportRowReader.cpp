#include "server/export/ExportRowReader.h"

#include "server/store/Database.h"
#include "server/store/EscrowStore.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace prov::server {

namespace {

constexpr int kCursorBatch = 2000;
const QString kCursorName = QStringLiteral("provstation_export");

/// Each node's latest record under the configuration (by the server's sequence),
/// then the filters; `exported` picks the done ones, else the rest (left out).
/// Every value is a number or the canonical "0x" + 16 hex configuration ID, so they
/// are written into the statement (PostgreSQL cannot DECLARE a prepared cursor).
QString whereClause(const ExportSelection &selection, bool exported)
{
    QStringList where;
    where << QStringLiteral("e.config_id = '%1'").arg(selection.configId.toString())
          << (exported ? QStringLiteral("e.state = 'done'") : QStringLiteral("e.state <> 'done'"));
    const auto ranges = [](const IdRangeList &list, const QString &column) {
        QStringList any;
        for (const IdRangeList::Range &range : list.ranges()) {
            any << (range.first == range.last
                    ? QStringLiteral("%1 = %2").arg(column).arg(range.first)
                    : QStringLiteral("%1 BETWEEN %2 AND %3").arg(column).arg(range.first).arg(range.last));
        }
        return QStringLiteral("(") + any.join(QStringLiteral(" OR ")) + QStringLiteral(")");
    };
    if (!selection.nodeIds.isEmpty())
        where << ranges(selection.nodeIds, QStringLiteral("e.node_id"));
    where << EscrowStore::latestCondition();
    if (!selection.batches.isEmpty())
        where << ranges(selection.batches, QStringLiteral("e.batch"));
    if (selection.from)
        where << QStringLiteral("e.provisioned_at >= %1").arg(selection.from->toMSecsSinceEpoch());
    if (selection.to)
        where << QStringLiteral("e.provisioned_at < %1").arg(selection.to->toMSecsSinceEpoch());
    return where.join(QStringLiteral(" AND "));
}

Result<QList<ExportLeftOut>> readLeftOut(const QSqlDatabase &db, const ExportSelection &selection)
{
    auto rows = runSql(db,
        QStringLiteral("SELECT e.node_id, e.state, e.station, e.id, e.provisioned_at FROM escrow e WHERE ")
            + whereClause(selection, false) + QStringLiteral(" ORDER BY e.node_id"));
    if (!rows)
        return rows.error();
    QList<ExportLeftOut> list;
    while (rows->next()) {
        list.append({quint32(rows->value(0).toLongLong()), rows->value(1).toString(), rows->value(2).toString(),
            rows->value(3).toLongLong(), rows->value(4).toLongLong()});
    }
    return list;
}

ExportRow rowFrom(const QSqlQuery &query)
{
    ExportRow row;
    row.nodeId = quint32(query.value(0).toLongLong());
    row.revision = query.value(1).toInt();
    row.batch = query.value(2).toLongLong();
    row.nodeType = query.value(3).toString();
    row.nodeVersion = query.value(4).toString();
    row.provisionedAtMs = query.value(5).toLongLong();
    row.station = query.value(6).toString();
    row.rootKey = query.value(7).toString();
    row.kmsFingerprint = query.value(8).toString();
    row.apps = query.value(9).toString();
    return row;
}

} // namespace

Result<QList<ExportLeftOut>> ExportRowReader::leftOutOf(const Database &database, const ExportSelection &selection)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    return readLeftOut(db.value(), selection);
}

ExportRowReader::~ExportRowReader()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

Result<std::unique_ptr<ExportRowReader>> ExportRowReader::start(
    const Database &database, const ExportSelection &selection)
{
    std::unique_ptr<ExportRowReader> reader(new ExportRowReader);
    ExportRowReader *self = reader.get();
    reader->m_thread = std::thread([self, &database, selection] { self->run(database, selection); });
    std::unique_lock lock(reader->m_mutex);
    reader->m_changed.wait(lock, [self] { return self->m_counted || self->m_done; });
    if (!reader->m_counted) {
        const QString error = reader->m_error;
        lock.unlock();
        reader.reset();
        return makeError(ResultCode::InternalError, error);
    }
    lock.unlock();
    return reader;
}

void ExportRowReader::finish(const QString &error)
{
    {
        std::lock_guard lock(m_mutex);
        m_error = error;
        m_done = true;
    }
    m_changed.notify_all();
}

bool ExportRowReader::push(QList<ExportRow> chunk)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stop || int(m_queue.size()) < kMaxQueuedChunks; });
    if (m_stop)
        return false;
    m_queue.push_back(std::move(chunk));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void ExportRowReader::run(const Database &database, const ExportSelection &selection)
{
    // Everything database-related lives and dies on this thread.
    auto connection = database.openDedicated();
    if (!connection) {
        finish(connection.error().message);
        return;
    }
    const bool postgres = database.isPostgres();
    const QSqlDatabase db = connection.value()->db();
    QString error;
    {
        auto transaction = SqlTransaction::begin(db, postgres, SqlTransaction::Mode::Read);
        if (!transaction) {
            finish(transaction.error().message);
            return;
        }
        const QString where = whereClause(selection, true);
        if (postgres) {
            // "Newest record per node" is an anti-join of escrow with itself. Right
            // after a large batch of uploads (before autovacuum has analysed the
            // table) the planner believes escrow holds a handful of rows and picks
            // a nested loop over a materialised scan: quadratic, minutes for
            // 60,000 devices. Hash and merge anti-joins are linear whatever the
            // statistics say; this transaction only ever runs these two queries.
            auto planned = runSql(db, QStringLiteral("SET LOCAL enable_nestloop = off"));
            if (!planned) {
                finish(planned.error().message);
                return;
            }
        }
        // The nodes left out, from the same snapshot as the devices written. A
        // list in memory: a line's worth of nodes whose run did not finish.
        auto leftOut = readLeftOut(db, selection);
        if (!leftOut) {
            finish(leftOut.error().message);
            return;
        }
        {
            auto count = runSql(db, QStringLiteral("SELECT COUNT(*) FROM escrow e WHERE ") + where);
            if (!count || !count->next()) {
                finish(count ? QStringLiteral("the export count returned no row") : count.error().message);
                return;
            }
            std::lock_guard lock(m_mutex);
            m_count = count->value(0).toLongLong();
            m_leftOut = std::move(leftOut.value());
            m_counted = true;
        }
        m_changed.notify_all();

        const QString select = QStringLiteral("SELECT e.node_id, e.revision, e.batch, e.node_type, e.node_version,"
                                              " e.provisioned_at, e.station, e.node_root_key, e.kms_fingerprint, e.apps"
                                              " FROM escrow e WHERE ")
            + where + QStringLiteral(" ORDER BY e.node_id");
        QSqlQuery query;
        if (postgres) {
            auto declare = runSql(db, QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR ").arg(kCursorName) + select);
            if (!declare) {
                finish(declare.error().message);
                return;
            }
        }
        bool more = true;
        while (more) {
            auto rows = runSql(
                db, postgres ? QStringLiteral("FETCH FORWARD %1 FROM %2").arg(kCursorBatch).arg(kCursorName) : select);
            if (!rows) {
                error = rows.error().message;
                break;
            }
            query = std::move(rows.value());
            int fetched = 0;
            QList<ExportRow> chunk;
            chunk.reserve(kChunkRows);
            while (query.next()) {
                ++fetched;
                chunk.append(rowFrom(query));
                if (chunk.size() == kChunkRows) {
                    if (!push(std::move(chunk))) {
                        more = false;
                        break;
                    }
                    chunk = QList<ExportRow>();
                    chunk.reserve(kChunkRows);
                }
            }
            if (query.lastError().isValid()) {
                error = sqlError(query, QStringLiteral("reading the export rows")).message;
                break;
            }
            if (!chunk.isEmpty() && !push(std::move(chunk)))
                more = false;
            query = QSqlQuery();
            // SQLite: one query reads everything; PostgreSQL: until a short fetch.
            if (!postgres || fetched < kCursorBatch)
                more = false;
        }
        query = QSqlQuery();
    } // read-only: the rollback ends the snapshot
    finish(error);
}

Result<QList<ExportRow>> ExportRowReader::next()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
    if (!m_queue.empty()) {
        QList<ExportRow> chunk = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        m_changed.notify_all();
        return chunk;
    }
    if (!m_error.isEmpty())
        return makeError(ResultCode::InternalError, m_error);
    return QList<ExportRow>();
}

} // namespace prov::server

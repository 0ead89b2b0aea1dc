#pragma once

#include "domain/Result.h"
#include "server/export/ExportSelection.h"

#include <QBuffer>
#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QXmlStreamWriter>

#include <memory>

class QIODevice;

namespace prov::server {

class Database;
class DedicatedConnection;
class SqlTransaction;

/// device_keys.xml (shared/contracts/device-keys.md) produced piece by piece, so a
/// caller can pace it to its output (an HTTP response drained by a slow client, or
/// a file). One device per node: its newest `done` record under the configuration,
/// then filtered; ordered by node ID.
///
/// The `count` attribute comes first in the document, so open() counts the
/// devices and the rows are then read in the same read transaction (a snapshot on
/// both engines: SQLite WAL read transaction, PostgreSQL REPEATABLE READ): the
/// count always equals the devices written, without a temporary copy of the
/// whole export on disk. The transaction lives on a connection of its own; use the
/// stream on the thread that opened it. Rows come forward-only (SQLite) or through
/// a server-side cursor in batches (PostgreSQL), so memory stays bounded whatever
/// the number of devices.
class ExportStream
{
public:
    ~ExportStream();
    ExportStream(const ExportStream &) = delete;
    ExportStream &operator=(const ExportStream &) = delete;

    [[nodiscard]] static Result<std::unique_ptr<ExportStream>> open(
        const Database &database, const ExportSelection &selection, const QDateTime &exportedAt = {});

    [[nodiscard]] qint64 count() const { return m_count; }
    [[nodiscard]] const ExportSelection &selection() const { return m_selection; }
    /// Writes the next part of the document to `out`: about `budgetBytes` (at least
    /// one device, or the end). Returns true when the document is complete.
    [[nodiscard]] Result<bool> writeMore(QIODevice *out, qint64 budgetBytes);
    [[nodiscard]] bool atEnd() const { return m_finished; }
    [[nodiscard]] qint64 devicesWritten() const { return m_written; }
    [[nodiscard]] qint64 bytesWritten() const { return m_bytes; }

    /// "ProvStation <version>".
    [[nodiscard]] static QString generator();

private:
    ExportStream() = default;
    [[nodiscard]] Result<bool> nextRow();
    [[nodiscard]] Status fetchBatch();
    void writeHeader();
    void writeDevice();
    [[nodiscard]] Status flushTo(QIODevice *out);

    ExportSelection m_selection;
    QDateTime m_exportedAt;
    std::unique_ptr<DedicatedConnection> m_connection;
    std::unique_ptr<SqlTransaction> m_transaction;
    QSqlQuery m_query;
    bool m_postgres = false;
    bool m_headerWritten = false;
    bool m_rowsDone = false;
    bool m_finished = false;
    qint64 m_count = 0;
    qint64 m_written = 0;
    qint64 m_bytes = 0;
    int m_batchRows = 0;
    QBuffer m_buffer;
    QXmlStreamWriter m_xml;
};

} // namespace prov::server

#pragma once

#include "domain/Result.h"
#include "server/export/ExportRowReader.h"
#include "server/export/ExportSelection.h"

#include <QDateTime>
#include <QString>
#include <QXmlStreamWriter>

#include <memory>

class QIODevice;

namespace prov::server {

class Database;

/// device_keys.xml (docs/contracts/device-keys.md) produced piece by piece, so a
/// caller can pace it to its output (an HTTP response drained by a slow client, or
/// a file). One device per node: its newest `done` record under the configuration,
/// then filtered; ordered by node ID.
///
/// The `count` attribute comes first in the document, so open() counts the
/// devices and the rows are then read in the same read transaction (a snapshot on
/// both engines: SQLite WAL read transaction, PostgreSQL REPEATABLE READ): the
/// count always equals the devices written, without a temporary copy of the
/// whole export on disk. An ExportRowReader thread does the reading (its own
/// connection, bounded queue), so memory stays bounded whatever the number of
/// devices. writeMore() may wait briefly for that thread; `database` must outlive
/// the stream.
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
    /// "2026-11-20T09:58:01Z": UTC, whole seconds (truncated), as device-keys.md wants.
    [[nodiscard]] static QString formatUtcSeconds(qint64 msSinceEpoch);

private:
    ExportStream() = default;
    [[nodiscard]] Result<const ExportRow *> nextRow();
    void writeHeader();
    void writeDevice(const ExportRow &row);
    void writePlainAttribute(const QString &name, const QString &value);
    [[nodiscard]] Status flushTo(QIODevice *out);

    ExportSelection m_selection;
    QDateTime m_exportedAt;
    std::unique_ptr<ExportRowReader> m_reader;
    QList<ExportRow> m_chunk;
    qsizetype m_chunkPos = 0;
    bool m_headerWritten = false;
    bool m_rowsDone = false;
    bool m_finished = false;
    qint64 m_count = 0;
    qint64 m_written = 0;
    qint64 m_bytes = 0;
    QString m_configIdText;
    // The writer fills a QString, turned into UTF-8 once per chunk: far cheaper than
    // a QIODevice write (and UTF-8 encoder call) for each attribute.
    QString m_text;
    QXmlStreamWriter m_xml {&m_text};
};

} // namespace prov::server

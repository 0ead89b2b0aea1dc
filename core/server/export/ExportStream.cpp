#include "server/export/ExportStream.h"

#include "domain/DeviceIds.h"
#include "server/ServerInfo.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QStringList>

namespace prov::server {

namespace {

constexpr int kCursorBatch = 2000;
const QString kCursorName = QStringLiteral("provstation_export");

/// The newest done record per node under the configuration, then the filters.
/// Every value is a number or the canonical "0x" + 16 hex configuration ID, so they
/// are written into the statement (PostgreSQL cannot DECLARE a prepared cursor).
QString whereClause(const ExportSelection &selection)
{
    QStringList where;
    where << QStringLiteral("e.config_id = '%1'").arg(selection.configId.toString())
          << QStringLiteral("e.state = 'done'");
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
    where << QStringLiteral("NOT EXISTS (SELECT 1 FROM escrow n WHERE n.config_id = e.config_id AND n.state = 'done'"
                            " AND n.node_id = e.node_id AND (n.provisioned_at > e.provisioned_at"
                            " OR (n.provisioned_at = e.provisioned_at AND n.id > e.id)))");
    if (!selection.batches.isEmpty())
        where << ranges(selection.batches, QStringLiteral("e.batch"));
    if (selection.from)
        where << QStringLiteral("e.provisioned_at >= %1").arg(selection.from->toMSecsSinceEpoch());
    if (selection.to)
        where << QStringLiteral("e.provisioned_at < %1").arg(selection.to->toMSecsSinceEpoch());
    return where.join(QStringLiteral(" AND "));
}

QString utcSeconds(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

} // namespace

ExportStream::~ExportStream()
{
    m_query = QSqlQuery();
    m_transaction.reset();
    m_connection.reset();
}

QString ExportStream::generator()
{
    return QStringLiteral("ProvStation ") + serverVersion();
}

Result<std::unique_ptr<ExportStream>> ExportStream::open(
    const Database &database, const ExportSelection &selection, const QDateTime &exportedAt)
{
    std::unique_ptr<ExportStream> stream(new ExportStream);
    stream->m_selection = selection;
    stream->m_exportedAt = exportedAt.isValid() ? exportedAt : QDateTime::currentDateTimeUtc();
    stream->m_postgres = database.isPostgres();
    auto connection = database.openDedicated();
    if (!connection)
        return connection.error();
    stream->m_connection = std::move(connection.value());
    auto transaction
        = SqlTransaction::begin(stream->m_connection->db(), stream->m_postgres, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    stream->m_transaction = std::make_unique<SqlTransaction>(std::move(transaction.value()));
    const QSqlDatabase db = stream->m_connection->db();
    const QString where = whereClause(selection);
    {
        auto count = runSql(db, QStringLiteral("SELECT COUNT(*) FROM escrow e WHERE ") + where);
        if (!count)
            return count.error();
        if (!count->next())
            return makeError(ResultCode::InternalError, QStringLiteral("the export count returned no row"));
        stream->m_count = count->value(0).toLongLong();
    }
    const QString select
        = QStringLiteral("SELECT e.node_id, e.revision, e.batch, e.node_type, e.node_version,"
                         " e.provisioned_at, e.station, e.node_root_key, e.kms_fingerprint, e.apps_json"
                         " FROM escrow e WHERE ")
        + where + QStringLiteral(" ORDER BY e.node_id");
    if (stream->m_postgres) {
        auto declare = runSql(db, QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR ").arg(kCursorName) + select);
        if (!declare)
            return declare.error();
        if (auto ok = stream->fetchBatch(); !ok)
            return ok.error();
    } else {
        auto rows = runSql(db, select);
        if (!rows)
            return rows.error();
        stream->m_query = std::move(rows.value());
    }
    stream->m_buffer.open(QIODevice::WriteOnly);
    stream->m_xml.setDevice(&stream->m_buffer);
    stream->m_xml.setAutoFormatting(true);
    stream->m_xml.setAutoFormattingIndent(2);
    return stream;
}

Status ExportStream::fetchBatch()
{
    m_query = QSqlQuery();
    auto rows
        = runSql(m_connection->db(), QStringLiteral("FETCH FORWARD %1 FROM %2").arg(kCursorBatch).arg(kCursorName));
    if (!rows)
        return rows.error();
    m_query = std::move(rows.value());
    m_batchRows = 0;
    return {};
}

Result<bool> ExportStream::nextRow()
{
    if (m_rowsDone)
        return false;
    if (m_query.next()) {
        ++m_batchRows;
        return true;
    }
    if (m_query.lastError().isValid())
        return sqlError(m_query, QStringLiteral("reading the export rows"));
    if (m_postgres && m_batchRows == kCursorBatch) {
        if (auto ok = fetchBatch(); !ok)
            return ok.error();
        if (m_query.next()) {
            ++m_batchRows;
            return true;
        }
    }
    m_rowsDone = true;
    return false;
}

void ExportStream::writeHeader()
{
    m_xml.writeStartDocument();
    m_xml.writeStartElement(QStringLiteral("deviceKeys"));
    m_xml.writeAttribute(QStringLiteral("formatVersion"), QStringLiteral("1"));
    m_xml.writeAttribute(QStringLiteral("exportedAt"), utcSeconds(m_exportedAt));
    m_xml.writeAttribute(QStringLiteral("generator"), generator());
    m_xml.writeAttribute(QStringLiteral("count"), QString::number(m_count));
    m_xml.writeStartElement(QStringLiteral("selection"));
    m_xml.writeAttribute(QStringLiteral("provConfigId"), m_selection.configId.toString());
    if (!m_selection.batchesText.isEmpty())
        m_xml.writeAttribute(QStringLiteral("batches"), m_selection.batchesText);
    if (!m_selection.nodeIdsText.isEmpty())
        m_xml.writeAttribute(QStringLiteral("nodeIds"), m_selection.nodeIdsText);
    if (m_selection.from)
        m_xml.writeAttribute(QStringLiteral("from"), utcSeconds(*m_selection.from));
    if (m_selection.to)
        m_xml.writeAttribute(QStringLiteral("to"), utcSeconds(*m_selection.to));
    m_xml.writeEndElement();
    m_headerWritten = true;
}

void ExportStream::writeDevice()
{
    const QSqlQuery &row = m_query;
    m_xml.writeStartElement(QStringLiteral("device"));
    m_xml.writeAttribute(QStringLiteral("nodeId"), NodeId(quint32(row.value(0).toLongLong())).toString());
    m_xml.writeAttribute(QStringLiteral("provConfigId"), m_selection.configId.toString());
    m_xml.writeAttribute(QStringLiteral("revision"), QString::number(row.value(1).toInt()));
    m_xml.writeAttribute(QStringLiteral("batch"), QString::number(row.value(2).toLongLong()));
    m_xml.writeAttribute(QStringLiteral("nodeType"), row.value(3).toString());
    m_xml.writeAttribute(QStringLiteral("nodeVersion"), row.value(4).toString());
    m_xml.writeAttribute(QStringLiteral("provisionedAt"),
        utcSeconds(QDateTime::fromMSecsSinceEpoch(row.value(5).toLongLong(), Qt::UTC)));
    m_xml.writeAttribute(QStringLiteral("station"), row.value(6).toString());
    m_xml.writeStartElement(QStringLiteral("nodeRootKey"));
    m_xml.writeAttribute(QStringLiteral("alg"), QStringLiteral("RSA-OAEP-SHA256"));
    m_xml.writeAttribute(QStringLiteral("kmsKey"), row.value(8).toString());
    m_xml.writeCharacters(row.value(7).toString());
    m_xml.writeEndElement();
    const QJsonArray apps = QJsonDocument::fromJson(row.value(9).toString().toUtf8()).array();
    for (const QJsonValue &value : apps) {
        const QJsonArray app = value.toArray();
        m_xml.writeEmptyElement(QStringLiteral("app"));
        m_xml.writeAttribute(QStringLiteral("name"), app.at(0).toString());
        static const char *const kOptional[] = {"id", "key", "extra"};
        for (int i = 0; i < 3; ++i) {
            const QString text = app.at(i + 1).toString();
            if (!text.isEmpty())
                m_xml.writeAttribute(QLatin1String(kOptional[i]), text);
        }
    }
    m_xml.writeEndElement();
    ++m_written;
}

Status ExportStream::flushTo(QIODevice *out)
{
    QByteArray &data = m_buffer.buffer();
    if (data.isEmpty())
        return {};
    if (out->write(data) != data.size())
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot write the export: %1").arg(out->errorString()));
    m_bytes += data.size();
    data.clear();
    m_buffer.seek(0);
    return {};
}

Result<bool> ExportStream::writeMore(QIODevice *out, qint64 budgetBytes)
{
    if (m_finished)
        return true;
    if (!m_headerWritten)
        writeHeader();
    for (;;) {
        auto more = nextRow();
        if (!more)
            return more.error();
        if (!more.value())
            break;
        writeDevice();
        if (m_buffer.buffer().size() >= budgetBytes) {
            if (auto ok = flushTo(out); !ok)
                return ok.error();
            return false;
        }
    }
    m_xml.writeEndElement();
    m_xml.writeEndDocument();
    if (m_xml.hasError())
        return makeError(ResultCode::InternalError, QStringLiteral("the XML writer failed"));
    if (m_written != m_count)
        return makeError(ResultCode::InternalError,
            QStringLiteral("the export counted %1 devices but read %2").arg(m_count).arg(m_written));
    if (auto ok = flushTo(out); !ok)
        return ok.error();
    m_query = QSqlQuery();
    m_transaction.reset(); // read-only: the rollback just ends the snapshot
    m_finished = true;
    return true;
}

} // namespace prov::server

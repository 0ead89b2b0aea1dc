#include "server/export/ExportStream.h"

#include "domain/DeviceIds.h"
#include "server/ServerInfo.h"
#include "server/store/Database.h"
#include "server/store/StoredEscrow.h"

#include <QStringList>

namespace prov::server {

namespace {

QString utcSeconds(const QDateTime &time)
{
    return ExportStream::formatUtcSeconds(time.toMSecsSinceEpoch());
}

/// Base64 or hex: nothing XML would escape. Such values (validated at upload)
/// are appended to the writer's string directly, skipping QXmlStreamWriter's
/// escaping loop, which copies character by character and dominated the export
/// (a device carries ~900 characters of base64 and hex).
bool isPlainToken(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || u == u'+' || u == u'/'
                || u == u'='))
            return false;
    }
    return true;
}

} // namespace

ExportStream::~ExportStream() = default;

QString ExportStream::formatUtcSeconds(qint64 msSinceEpoch)
{
    // QDateTime::toString(format) parses its format on every call; this is the
    // civil-from-days algorithm (H. Hinnant), valid for years 0000-9999.
    qint64 seconds = msSinceEpoch / 1000 - (msSinceEpoch % 1000 < 0 ? 1 : 0);
    qint64 days = seconds / 86400;
    qint64 rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    const qint64 day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    char16_t text[20];
    const auto put = [&text](int at, qint64 value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            text[at + i] = char16_t(u'0' + value % 10);
            value /= 10;
        }
    };
    put(0, year, 4);
    text[4] = u'-';
    put(5, month, 2);
    text[7] = u'-';
    put(8, day, 2);
    text[10] = u'T';
    put(11, rest / 3600, 2);
    text[13] = u':';
    put(14, rest / 60 % 60, 2);
    text[16] = u':';
    put(17, rest % 60, 2);
    text[19] = u'Z';
    return QString(reinterpret_cast<const QChar *>(text), 20);
}

void ExportStream::writePlainAttribute(const QString &name, const QString &value)
{
    if (!isPlainToken(value)) {
        m_xml.writeAttribute(name, value);
        return;
    }
    // Inside the open start tag the writer has not closed yet (it never buffers).
    m_text += u' ';
    m_text += name;
    m_text += QLatin1String("=\"");
    m_text += value;
    m_text += u'"';
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
    stream->m_configIdText = selection.configId.toString();
    stream->m_xml.setAutoFormatting(true);
    stream->m_xml.setAutoFormattingIndent(2);
    auto reader = ExportRowReader::start(database, selection);
    if (!reader)
        return reader.error();
    stream->m_reader = std::move(reader.value());
    stream->m_count = stream->m_reader->count();
    stream->m_leftOut = stream->m_reader->leftOut();
    return stream;
}

Result<const ExportRow *> ExportStream::nextRow()
{
    if (m_rowsDone)
        return nullptr;
    if (m_chunkPos >= m_chunk.size()) {
        auto chunk = m_reader->next();
        if (!chunk)
            return chunk.error();
        m_chunk = std::move(chunk.value());
        m_chunkPos = 0;
        if (m_chunk.isEmpty()) {
            m_rowsDone = true;
            return nullptr;
        }
    }
    return &m_chunk.at(m_chunkPos++);
}

void ExportStream::writeHeader()
{
    m_xml.writeStartDocument();
    // Writing into a QString, QXmlStreamWriter leaves the encoding out of the
    // declaration; the bytes are UTF-8 (flushTo()), and the contract shows it.
    m_text.replace(
        QLatin1String("<?xml version=\"1.0\"?>"), QLatin1String("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
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

void ExportStream::writeDevice(const ExportRow &row)
{
    m_xml.writeStartElement(QStringLiteral("device"));
    m_xml.writeAttribute(QStringLiteral("nodeId"), NodeId(row.nodeId).toString());
    m_xml.writeAttribute(QStringLiteral("provConfigId"), m_configIdText);
    m_xml.writeAttribute(QStringLiteral("revision"), QString::number(row.revision));
    m_xml.writeAttribute(QStringLiteral("batch"), QString::number(row.batch));
    m_xml.writeAttribute(QStringLiteral("nodeType"), row.nodeType);
    m_xml.writeAttribute(QStringLiteral("nodeVersion"), row.nodeVersion);
    m_xml.writeAttribute(QStringLiteral("provisionedAt"), formatUtcSeconds(row.provisionedAtMs));
    m_xml.writeAttribute(QStringLiteral("station"), row.station);
    m_xml.writeStartElement(QStringLiteral("nodeRootKey"));
    m_xml.writeAttribute(QStringLiteral("alg"), QStringLiteral("RSA-OAEP-SHA256"));
    m_xml.writeAttribute(QStringLiteral("kmsKey"), row.kmsFingerprint);
    if (isPlainToken(row.rootKey)) {
        m_xml.writeCharacters(QString()); // closes the start tag
        m_text += row.rootKey;
    } else {
        m_xml.writeCharacters(row.rootKey);
    }
    m_xml.writeEndElement();
    for (const EscrowApp &app : decodeEscrowApps(row.apps)) {
        m_xml.writeEmptyElement(QStringLiteral("app"));
        m_xml.writeAttribute(QStringLiteral("name"), app.name);
        if (!app.id.isEmpty())
            writePlainAttribute(QStringLiteral("id"), app.id);
        if (!app.key.isEmpty())
            writePlainAttribute(QStringLiteral("key"), app.key);
        if (!app.extra.isEmpty())
            writePlainAttribute(QStringLiteral("extra"), app.extra);
    }
    m_xml.writeEndElement();
    ++m_written;
}

Status ExportStream::flushTo(QIODevice *out)
{
    if (m_text.isEmpty())
        return {};
    const QByteArray data = m_text.toUtf8();
    m_text.resize(0); // keeps the capacity for the next chunk
    if (out->write(data) != data.size())
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot write the export: %1").arg(out->errorString()));
    m_bytes += data.size();
    return {};
}

Result<bool> ExportStream::writeMore(QIODevice *out, qint64 budgetBytes)
{
    if (m_finished)
        return true;
    if (!m_headerWritten)
        writeHeader();
    for (;;) {
        auto row = nextRow();
        if (!row)
            return row.error();
        if (!row.value())
            break;
        writeDevice(*row.value());
        if (m_text.size() >= budgetBytes) { // ASCII apart from station names: chars ~ bytes
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
    m_reader.reset();
    m_finished = true;
    return true;
}

} // namespace prov::server

#include "server/http/MultipartFormSink.h"

#include <QDir>
#include <QTemporaryFile>

#include <openssl/crypto.h>

namespace prov::server::http {

namespace {
constexpr qint64 kMaxPreambleBytes = 64 * 1024;
constexpr qsizetype kMaxPartHeaderBytes = 8 * 1024;

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

/// Splits `a=b; c="d;e"` parameters (after the first ';'-separated item).
QHash<QByteArray, QByteArray> parameters(QByteArrayView header, QByteArray *first)
{
    QHash<QByteArray, QByteArray> params;
    qsizetype i = 0;
    auto skipSpace = [&] {
        while (i < header.size() && (header[i] == ' ' || header[i] == '\t'))
            ++i;
    };
    const qsizetype semicolon = header.indexOf(';');
    *first = header.first(semicolon < 0 ? header.size() : semicolon).trimmed().toByteArray().toLower();
    if (semicolon < 0)
        return params;
    i = semicolon + 1;
    while (i < header.size()) {
        skipSpace();
        const qsizetype eq = header.indexOf('=', i);
        if (eq < 0)
            break;
        const QByteArray name = header.sliced(i, eq - i).trimmed().toByteArray().toLower();
        i = eq + 1;
        skipSpace();
        QByteArray value;
        if (i < header.size() && header[i] == '"') {
            ++i;
            while (i < header.size() && header[i] != '"') {
                if (header[i] == '\\' && i + 1 < header.size())
                    ++i;
                value += header[i++];
            }
            ++i; // closing quote
            const qsizetype next = header.indexOf(';', i);
            i = next < 0 ? header.size() : next + 1;
        } else {
            const qsizetype next = header.indexOf(';', i);
            value = header.sliced(i, (next < 0 ? header.size() : next) - i).trimmed().toByteArray();
            i = next < 0 ? header.size() : next + 1;
        }
        params.insert(name, value);
    }
    return params;
}
} // namespace

struct MultipartFormSink::FilePart
{
    std::unique_ptr<QTemporaryFile> file;
    QString clientName;
    qint64 size = 0;
};

QByteArray MultipartFormSink::boundaryOf(const QByteArray &contentType)
{
    QByteArray type;
    const auto params = parameters(contentType, &type);
    if (type != "multipart/form-data")
        return {};
    return params.value("boundary");
}

std::shared_ptr<MultipartFormSink> MultipartFormSink::create(
    const QByteArray &contentType, const Options &options, HttpError &error)
{
    QByteArray type;
    const auto params = parameters(contentType, &type);
    if (type != "multipart/form-data") {
        error = makeHttpError(
            415, QStringLiteral("unsupported_media_type"), QStringLiteral("The body must be multipart/form-data."));
        return {};
    }
    const QByteArray boundary = params.value("boundary");
    if (boundary.isEmpty() || boundary.size() > 70) {
        error = makeHttpError(400, QStringLiteral("bad_multipart"),
            QStringLiteral("The multipart boundary is missing or longer than 70 characters."));
        return {};
    }
    if (!QDir().mkpath(options.tempDir)) {
        error = makeHttpError(500, QStringLiteral("upload_failed"),
            QStringLiteral("The upload folder %1 cannot be created.").arg(options.tempDir));
        return {};
    }
    return std::shared_ptr<MultipartFormSink>(new MultipartFormSink(boundary, options));
}

MultipartFormSink::MultipartFormSink(const QByteArray &boundary, const Options &options)
    : m_options(options)
    , m_delimiter("\r\n--" + boundary)
    , m_matcher(m_delimiter)
{
    // The first delimiter need not follow a CRLF: pretend one came before the body.
    m_buffer = QByteArrayLiteral("\r\n");
}

MultipartFormSink::~MultipartFormSink()
{
    for (const QString &name : std::as_const(m_options.secretFields)) {
        auto it = m_fields.find(name);
        if (it != m_fields.end())
            wipe(*it);
    }
    wipe(m_partValue);
    wipe(m_buffer);
}

bool MultipartFormSink::fail(int status, const QString &code, const QString &detail)
{
    m_state = State::Failed;
    m_error = makeHttpError(status, code, detail);
    m_partFile.reset();
    return false;
}

bool MultipartFormSink::write(QByteArrayView data)
{
    if (m_state == State::Failed)
        return false;
    if (m_state == State::Done)
        return true; // the epilogue is ignored
    m_buffer.append(data);
    return parse();
}

bool MultipartFormSink::parse()
{
    qsizetype pos = 0;
    bool ok = true;
    bool more = true;
    while (ok && more) {
        switch (m_state) {
        case State::Preamble: {
            const qsizetype at = m_matcher.indexIn(m_buffer, pos);
            if (at < 0) {
                const qsizetype keep = qMin<qsizetype>(m_buffer.size() - pos, m_delimiter.size() - 1);
                m_preambleBytes += m_buffer.size() - pos - keep;
                if (m_preambleBytes > kMaxPreambleBytes)
                    ok = fail(400, QStringLiteral("bad_multipart"), QStringLiteral("No multipart boundary was found."));
                pos = m_buffer.size() - keep;
                more = false;
                break;
            }
            pos = at + m_delimiter.size();
            m_state = State::AfterDelimiter;
            break;
        }
        case State::AfterDelimiter: {
            if (m_buffer.size() - pos < 2) {
                more = false;
                break;
            }
            if (m_buffer.at(pos) == '-' && m_buffer.at(pos + 1) == '-') {
                m_state = State::Done;
                pos = m_buffer.size();
                more = false;
                break;
            }
            const qsizetype nl = m_buffer.indexOf("\r\n", pos);
            if (nl < 0) {
                if (m_buffer.size() - pos > 256)
                    ok = fail(400, QStringLiteral("bad_multipart"),
                        QStringLiteral("A multipart boundary line is malformed."));
                more = false;
                break;
            }
            for (qsizetype i = pos; ok && i < nl; ++i) {
                if (m_buffer.at(i) != ' ' && m_buffer.at(i) != '\t')
                    ok = fail(400, QStringLiteral("bad_multipart"),
                        QStringLiteral("A multipart boundary line is malformed."));
            }
            if (!ok)
                break;
            pos = nl + 2;
            m_state = State::PartHeaders;
            break;
        }
        case State::PartHeaders: {
            qsizetype end = -1;
            if (m_buffer.size() - pos >= 2 && m_buffer.at(pos) == '\r' && m_buffer.at(pos + 1) == '\n')
                end = pos; // a part without header lines
            else {
                const qsizetype found = m_buffer.indexOf("\r\n\r\n", pos);
                end = found < 0 ? -1 : found + 2;
            }
            if (end < 0) {
                if (m_buffer.size() - pos > kMaxPartHeaderBytes)
                    ok = fail(431, QStringLiteral("headers_too_large"),
                        QStringLiteral("A multipart part has too large a header."));
                more = false;
                break;
            }
            ok = startPart(m_buffer.sliced(pos, end - pos));
            if (!ok)
                break;
            pos = end + 2;
            m_state = State::PartData;
            break;
        }
        case State::PartData: {
            const qsizetype at = m_matcher.indexIn(m_buffer, pos);
            if (at < 0) {
                // Everything but a possible beginning of the delimiter is data.
                const qsizetype keep = qMin<qsizetype>(m_buffer.size() - pos, m_delimiter.size() - 1);
                const qsizetype n = m_buffer.size() - pos - keep;
                ok = partData(QByteArrayView(m_buffer).sliced(pos, n));
                pos += n;
                more = false;
                break;
            }
            ok = partData(QByteArrayView(m_buffer).sliced(pos, at - pos)) && endPart();
            if (!ok)
                break;
            pos = at + m_delimiter.size();
            m_state = State::AfterDelimiter;
            break;
        }
        case State::Done:
        case State::Failed:
            more = false;
            break;
        }
    }
    if (m_state == State::Failed)
        return false;
    m_buffer.remove(0, pos);
    return ok;
}

bool MultipartFormSink::startPart(const QByteArray &headerBlock)
{
    if (++m_parts > m_options.maxParts)
        return fail(400, QStringLiteral("bad_multipart"),
            QStringLiteral("The form has more than %1 parts.").arg(m_options.maxParts));
    QByteArray disposition;
    for (const QByteArray &line : headerBlock.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        const qsizetype colon = trimmed.indexOf(':');
        if (colon > 0 && trimmed.first(colon).trimmed().compare("content-disposition", Qt::CaseInsensitive) == 0)
            disposition = trimmed.mid(colon + 1).trimmed();
    }
    QByteArray type;
    const auto params = parameters(disposition, &type);
    if (type != "form-data" || !params.contains("name"))
        return fail(
            400, QStringLiteral("bad_multipart"), QStringLiteral("A part has no Content-Disposition: form-data name."));
    m_partName = QString::fromUtf8(params.value("name"));
    m_partFileName = QString::fromUtf8(params.value("filename"));
    if (m_fields.contains(m_partName) || m_files.contains(m_partName))
        return fail(400, QStringLiteral("bad_multipart"),
            QStringLiteral("The form field \"%1\" appears twice.").arg(m_partName));
    m_partValue.clear();
    if (m_options.fileFields.contains(m_partName)) {
        m_partFile
            = std::make_unique<QTemporaryFile>(QDir(m_options.tempDir).filePath(QStringLiteral("upload-XXXXXX.part")));
        if (!m_partFile->open())
            return fail(500, QStringLiteral("upload_failed"),
                QStringLiteral("The upload file in %1 cannot be created.").arg(m_options.tempDir));
    } else if (m_options.secretFields.contains(m_partName)) {
        // Reserve once so the secret is never copied by a reallocation.
        m_partValue.reserve(m_options.maxFieldBytes);
    }
    return true;
}

bool MultipartFormSink::partData(QByteArrayView data)
{
    if (data.isEmpty())
        return true;
    if (m_partFile) {
        if (m_partFile->write(data.data(), data.size()) != data.size())
            return fail(500, QStringLiteral("upload_failed"),
                QStringLiteral("Writing the upload to %1 failed: %2.")
                    .arg(m_options.tempDir, m_partFile->errorString()));
        return true;
    }
    if (m_partValue.size() + data.size() > m_options.maxFieldBytes)
        return fail(413, QStringLiteral("payload_too_large"),
            QStringLiteral("The form field \"%1\" is larger than %2 bytes.")
                .arg(m_partName)
                .arg(m_options.maxFieldBytes));
    m_partValue.append(data);
    return true;
}

bool MultipartFormSink::endPart()
{
    if (m_partFile) {
        if (!m_partFile->flush())
            return fail(500, QStringLiteral("upload_failed"),
                QStringLiteral("Writing the upload to %1 failed: %2.")
                    .arg(m_options.tempDir, m_partFile->errorString()));
        auto part = std::make_shared<FilePart>();
        part->size = m_partFile->size();
        part->clientName = m_partFileName;
        part->file = std::move(m_partFile);
        part->file->close();
        m_files.insert(m_partName, part);
        return true;
    }
    m_fields.insert(m_partName, m_partValue);
    // The copy above shares data with m_partValue; detach-free hand-over, then forget.
    m_partValue = QByteArray();
    return true;
}

bool MultipartFormSink::finish()
{
    if (m_state == State::Failed)
        return false;
    if (m_state != State::Done)
        return fail(400, QStringLiteral("bad_multipart"),
            QStringLiteral("The multipart body ends before its closing boundary."));
    return true;
}

bool MultipartFormSink::hasField(const QString &name) const
{
    return m_fields.contains(name) || m_files.contains(name);
}

QByteArray MultipartFormSink::field(const QString &name) const
{
    return m_fields.value(name);
}

QByteArray MultipartFormSink::takeField(const QString &name)
{
    return m_fields.take(name);
}

QString MultipartFormSink::filePath(const QString &name) const
{
    const auto part = m_files.value(name);
    return part ? part->file->fileName() : QString();
}

qint64 MultipartFormSink::fileSize(const QString &name) const
{
    const auto part = m_files.value(name);
    return part ? part->size : -1;
}

QString MultipartFormSink::clientFileName(const QString &name) const
{
    const auto part = m_files.value(name);
    return part ? part->clientName : QString();
}

} // namespace prov::server::http

#include "server/http/HttpRequestParser.h"

#include "server/http/HttpRequest.h"

#include <QList>

namespace prov::server::http {

namespace {

bool isTchar(char c)
{
    // RFC 9110 token characters.
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

QByteArrayView chopCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

QByteArrayView trimOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

HttpError badRequest(const QString &detail)
{
    return makeHttpError(400, QStringLiteral("bad_request"), detail);
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : m_limits(limits)
{ }

void HttpRequestParser::reset()
{
    m_scanned = 0;
    m_lineStart = 0;
    m_firstLine = -1;
}

HttpRequestParser::Status HttpRequestParser::parse(
    const QByteArray &buffer, HttpRequest &request, qsizetype &consumed, HttpError &error)
{
    // Find the blank line that ends the head, scanning each byte once.
    qsizetype headEnd = -1;
    while (m_scanned < buffer.size()) {
        const qsizetype nl = buffer.indexOf('\n', m_scanned);
        if (nl < 0) {
            m_scanned = buffer.size();
            break;
        }
        const QByteArrayView line = chopCr(QByteArrayView(buffer).sliced(m_lineStart, nl - m_lineStart));
        m_scanned = nl + 1;
        if (line.isEmpty()) {
            if (m_firstLine < 0) {
                // Blank lines before the request line are tolerated (RFC 9112 2.2).
                m_lineStart = m_scanned;
                continue;
            }
            headEnd = m_scanned;
            break;
        }
        if (m_firstLine < 0)
            m_firstLine = m_lineStart;
        if (m_firstLine == m_lineStart && line.size() > m_limits.maxRequestLineBytes) {
            error = makeHttpError(414, QStringLiteral("uri_too_long"),
                QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLineBytes));
            return Status::Failed;
        }
        m_lineStart = m_scanned;
    }

    if (headEnd < 0) {
        if (m_firstLine < 0 || m_firstLine == m_lineStart) {
            if (buffer.size() - m_lineStart > m_limits.maxRequestLineBytes) {
                error = makeHttpError(414, QStringLiteral("uri_too_long"),
                    QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLineBytes));
                return Status::Failed;
            }
        }
        if (buffer.size() > m_limits.maxHeaderBytes) {
            error = makeHttpError(431, QStringLiteral("headers_too_large"),
                QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
            return Status::Failed;
        }
        return Status::NeedMore;
    }
    if (headEnd > m_limits.maxHeaderBytes) {
        error = makeHttpError(431, QStringLiteral("headers_too_large"),
            QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHeaderBytes));
        return Status::Failed;
    }

    // Split the head into lines and parse them.
    const QByteArrayView head = QByteArrayView(buffer).sliced(m_firstLine, headEnd - m_firstLine);
    qsizetype pos = 0;
    bool first = true;
    int fieldCount = 0;
    while (pos < head.size()) {
        const qsizetype nl = head.indexOf('\n', pos);
        const QByteArrayView line = chopCr(head.sliced(pos, nl - pos));
        pos = nl + 1;
        if (line.isEmpty())
            break;
        if (first) {
            if (!parseRequestLine(line, request, error))
                return Status::Failed;
            first = false;
            continue;
        }
        if (++fieldCount > m_limits.maxHeaderCount) {
            error = makeHttpError(431, QStringLiteral("headers_too_large"),
                QStringLiteral("The request has more than %1 header fields.").arg(m_limits.maxHeaderCount));
            return Status::Failed;
        }
        if (!parseHeaderLine(line, request, error))
            return Status::Failed;
    }
    if (request.minorVersion == 1 && request.headers.values("host").size() != 1) {
        error = badRequest(QStringLiteral("An HTTP/1.1 request needs exactly one Host header."));
        return Status::Failed;
    }
    consumed = headEnd;
    return Status::Complete;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line, HttpRequest &request, HttpError &error) const
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
        error = badRequest(QStringLiteral("The request line is not \"METHOD /path HTTP/1.1\"."));
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method)) {
        error = badRequest(QStringLiteral("The request method is not a token."));
        return false;
    }
    if (target.isEmpty() || target.front() != '/') {
        error = badRequest(QStringLiteral("The request target must be an absolute path."));
        return false;
    }
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            error = badRequest(QStringLiteral("The request target contains a control or non-ASCII byte."));
            return false;
        }
    }
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' || version[5] < '0' || version[5] > '9'
        || version[7] < '0' || version[7] > '9') {
        error = badRequest(QStringLiteral("The request line has no valid HTTP version."));
        return false;
    }
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) {
        error = makeHttpError(505, QStringLiteral("http_version_not_supported"),
            QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are served."));
        return false;
    }
    request.method = method.toByteArray();
    request.target = target.toByteArray();
    request.minorVersion = version[7] - '0';
    return true;
}

bool HttpRequestParser::parseHeaderLine(QByteArrayView line, HttpRequest &request, HttpError &error) const
{
    if (line.front() == ' ' || line.front() == '\t') {
        error = badRequest(QStringLiteral("Folded header lines are not accepted."));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon))) {
        error = badRequest(QStringLiteral("A header line is not \"Name: value\"."));
        return false;
    }
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) {
            error = badRequest(QStringLiteral("A header value contains a control character."));
            return false;
        }
    }
    request.headers.append(line.first(colon).toByteArray(), value.toByteArray());
    return true;
}

bool HttpRequestParser::bodyFraming(const HttpRequest &request, HttpBodyFraming &framing, HttpError &error)
{
    framing = HttpBodyFraming {};
    const QList<QByteArray> encodings = request.headers.values("transfer-encoding");
    const QList<QByteArray> lengths = request.headers.values("content-length");
    if (!encodings.isEmpty()) {
        if (!lengths.isEmpty()) {
            // Both at once is how requests get smuggled past proxies: refuse.
            error = badRequest(QStringLiteral("Transfer-Encoding and Content-Length together are not accepted."));
            return false;
        }
        if (request.minorVersion == 0) {
            error = badRequest(QStringLiteral("Transfer-Encoding is not defined for HTTP/1.0."));
            return false;
        }
        QList<QByteArray> codings;
        for (const QByteArray &field : encodings) {
            for (const QByteArray &coding : field.split(',')) {
                const QByteArray trimmed = coding.trimmed().toLower();
                if (!trimmed.isEmpty())
                    codings.append(trimmed);
            }
        }
        if (codings != QList<QByteArray> {QByteArrayLiteral("chunked")}) {
            error = makeHttpError(501, QStringLiteral("unsupported_transfer_encoding"),
                QStringLiteral("Only the \"chunked\" transfer coding is supported."));
            return false;
        }
        framing.kind = HttpBodyFraming::Kind::Chunked;
        return true;
    }
    if (lengths.isEmpty())
        return true;
    qint64 length = -1;
    for (const QByteArray &field : lengths) {
        for (const QByteArray &item : field.split(',')) {
            const QByteArray digits = item.trimmed();
            bool ok = !digits.isEmpty() && digits.size() <= 18;
            for (char c : digits)
                ok = ok && c >= '0' && c <= '9';
            const qint64 value = ok ? digits.toLongLong(&ok) : -1;
            if (!ok || (length >= 0 && value != length)) {
                error = badRequest(QStringLiteral("The Content-Length header is not one decimal number."));
                return false;
            }
            length = value;
        }
    }
    framing.kind = length > 0 ? HttpBodyFraming::Kind::Length : HttpBodyFraming::Kind::None;
    framing.length = length;
    return true;
}

} // namespace prov::server::http

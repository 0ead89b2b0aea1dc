#pragma once

#include "server/http/HttpError.h"
#include "server/http/HttpLimits.h"

#include <QByteArray>

namespace prov::server::http {

class HttpRequest;

/// How a request's body is delimited, from its head (RFC 9112 section 6).
struct HttpBodyFraming
{
    enum class Kind { None, Length, Chunked };
    Kind kind = Kind::None;
    qint64 length = 0; ///< for Kind::Length
};

/// Incremental parser of one HTTP/1.x request head. It never holds more than
/// the configured head size: a head that grows past the limit fails with 431
/// (414 for the request line) as soon as the limit is crossed, before the rest
/// arrives. Hand-written because the grammar is small and the limits must act
/// mid-stream; tests/core/server/http/tst_httprequestparser.cpp covers it.
class HttpRequestParser
{
public:
    enum class Status { NeedMore, Complete, Failed };

    explicit HttpRequestParser(const HttpLimits &limits);

    /// Looks for a complete head at the start of `buffer` (which only grows
    /// between calls until reset()). On Complete, fills `request` and sets
    /// `consumed` to the head's size; on Failed, fills `error`.
    [[nodiscard]] Status parse(const QByteArray &buffer, HttpRequest &request, qsizetype &consumed, HttpError &error);
    /// Forget the scan state before the next request.
    void reset();

    /// Body framing from the parsed head (Content-Length / Transfer-Encoding rules).
    [[nodiscard]] static bool bodyFraming(const HttpRequest &request, HttpBodyFraming &framing, HttpError &error);

private:
    [[nodiscard]] bool parseRequestLine(QByteArrayView line, HttpRequest &request, HttpError &error) const;
    [[nodiscard]] bool parseHeaderLine(QByteArrayView line, HttpRequest &request, HttpError &error) const;

    HttpLimits m_limits;
    qsizetype m_scanned = 0; ///< bytes of buffer already searched for line ends
    qsizetype m_lineStart = 0; ///< start of the line being received
    qsizetype m_firstLine = -1; ///< start of the request line (after leading blank lines)
};

} // namespace prov::server::http

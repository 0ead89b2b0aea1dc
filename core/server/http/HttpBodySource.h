#pragma once

#include <QByteArray>
#include <QString>

namespace prov::server::http {

/// A response body produced on demand. The connection pulls the next slice
/// only when the socket has drained below its queue limit, so a slow client
/// holds the server to that limit, never to the whole body.
class HttpBodySource
{
public:
    virtual ~HttpBodySource() = default;
    /// Total bytes, or -1 when unknown (then sent chunked).
    [[nodiscard]] virtual qint64 size() const = 0;
    /// Appends up to `maxBytes` to `out`. Returns false on failure (the
    /// connection is then cut, since the status line is already out).
    [[nodiscard]] virtual bool read(qint64 maxBytes, QByteArray &out, QString &error) = 0;
    [[nodiscard]] virtual bool atEnd() const = 0;
};

} // namespace prov::server::http

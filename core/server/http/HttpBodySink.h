#pragma once

#include "server/http/HttpError.h"

#include <QByteArrayView>

namespace prov::server::http {

/// Receives a request body as it arrives, for routes that must not buffer it
/// (package uploads go to a file). A failure ends the request with error().
class HttpBodySink
{
public:
    virtual ~HttpBodySink() = default;
    [[nodiscard]] virtual bool write(QByteArrayView data) = 0;
    /// The body is complete; checks that it was well-formed.
    [[nodiscard]] virtual bool finish() = 0;
    [[nodiscard]] virtual HttpError error() const = 0;
};

} // namespace prov::server::http

#pragma once

#include "server/http/HttpBodySink.h"
#include "server/http/HttpError.h"
#include "server/http/HttpHeaders.h"
#include "server/http/HttpResponder.h"

#include <functional>
#include <memory>

namespace prov::server::http {

class HttpRequest;

/// What to do with a request, decided from its head alone, before any of its
/// body is read: refuse it (the body is then never read), or read the body up
/// to a limit (into HttpRequest::body, or streamed into a sink) and call the
/// handler.
struct HttpDispatch
{
    HttpError error; ///< set: answer this at once
    HttpHeaders errorHeaders; ///< sent with `error` (Allow, WWW-Authenticate)
    qint64 maxBodyBytes = 0;
    std::shared_ptr<HttpBodySink> sink; ///< null: buffer the body (up to maxBodyBytes)
    bool discardBody = false; ///< read the body and drop it (used for refusals)
    std::function<void(HttpRequest &, HttpResponder)> handler;
};

/// Routes requests; implemented by HttpRouter.
class HttpRequestHandler
{
public:
    virtual ~HttpRequestHandler() = default;
    [[nodiscard]] virtual HttpDispatch dispatch(HttpRequest &request) = 0;
};

} // namespace prov::server::http

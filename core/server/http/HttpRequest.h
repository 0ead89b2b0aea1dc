#pragma once

#include "server/http/HttpBodySink.h"
#include "server/http/HttpHeaders.h"
#include "server/http/HttpPrincipal.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <memory>

namespace prov::server::http {

/// One request: the parsed head, the body when the route buffers it, and what
/// the server learnt on the way (peer, TLS, route parameters, principal).
class HttpRequest
{
public:
    QByteArray method; ///< upper-case token as sent ("GET")
    QByteArray target; ///< request-target as sent ("/api/v1/x?y=1")
    int minorVersion = 1; ///< HTTP/1.<minorVersion>
    HttpHeaders headers;
    QByteArray body; ///< only for routes that buffer their body
    QHostAddress peer;
    bool secure = false; ///< arrived over TLS
    QHash<QString, QString> params; ///< route parameters ("{sha256}" -> value), decoded
    HttpPrincipal principal;
    std::shared_ptr<HttpBodySink> sink; ///< where a streamed body went (the route's sink)
    QElapsedTimer received; ///< started when the head was complete (access log)

    /// The path part of the target, still percent-encoded.
    [[nodiscard]] QByteArray rawPath() const;
    [[nodiscard]] QByteArray rawQuery() const;
    /// Query parameter, percent-decoded; null when absent.
    [[nodiscard]] QString queryValue(const QString &name) const;
    [[nodiscard]] bool hasQueryValue(const QString &name) const;
    /// Every value of a repeated query parameter, percent-decoded, in order.
    [[nodiscard]] QStringList queryValues(const QString &name) const;
    /// The token of "Authorization: Bearer <token>", or empty.
    [[nodiscard]] QByteArray bearerToken() const;
    /// True when the peer is this host (127.0.0.0/8 or ::1).
    [[nodiscard]] bool fromLoopback() const;
    /// Whether the client asked to keep the connection open after this request.
    [[nodiscard]] bool wantsKeepAlive() const;
    [[nodiscard]] bool isHead() const { return method == "HEAD"; }

private:
    mutable bool m_queryParsed = false;
    mutable QUrlQuery m_query;
    const QUrlQuery &query() const;
};

} // namespace prov::server::http

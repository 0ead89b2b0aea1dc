#pragma once

#include <QDateTime>
#include <QString>

namespace prov::server::http {

/// Who a request's bearer token belongs to, as the API checks it per route.
struct HttpPrincipal
{
    QString user; ///< user or station name
    QString role; ///< "admin" | "operator" | "station"
    qint64 tokenId = 0; ///< the token row (for logout / revocation)
    QDateTime expiresAt;

    [[nodiscard]] bool isValid() const { return !role.isEmpty(); }
};

} // namespace prov::server::http

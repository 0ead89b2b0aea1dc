#pragma once

#include <QDateTime>
#include <QString>

namespace prov::server::http {

/// Who a request's bearer token belongs to, as the API checks it per route.
struct HttpPrincipal
{
    QString user; ///< user or station name
    QString role; ///< "admin" | "supervisor" | "operator" | "station" (ApiRoles.h)
    QString tokenId; ///< the token's ID (for lists and revocation)
    QDateTime expiresAt;
    QString actor; ///< how the audit log names it ("user:alice", "station:line1-st3")

    [[nodiscard]] bool isValid() const { return !role.isEmpty(); }
};

} // namespace prov::server::http

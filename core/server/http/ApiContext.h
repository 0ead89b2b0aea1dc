#pragma once

#include "package/PackageInfo.h"
#include "server/http/HttpLimits.h"

#include <QSslCertificate>
#include <QString>

namespace prov::server {
class ServerStore;
}

namespace prov::server::http {

/// What the API routes share: the store services (built in main() and handed
/// down) and the server's settings. Routes keep nothing else in memory that
/// correctness depends on, so several server processes can share one database.
struct ApiContext
{
    ServerStore *store = nullptr;
    HttpLimits limits;
    package::PackageLimits packageLimits;
    QString dataDir;
    bool tls = false;
    /// The certificate the server listens with (null without TLS): pairing
    /// proves it knows a code over this key.
    QSslCertificate tlsCertificate;
    /// Where uploads and quarantine folders go (on the data disk, owner-only).
    [[nodiscard]] QString uploadDir() const;
    [[nodiscard]] QString quarantineDir() const;
};

} // namespace prov::server::http

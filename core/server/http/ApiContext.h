#pragma once

#include "package/PackageInfo.h"
#include "server/http/HttpLimits.h"

#include <QSslCertificate>
#include <QString>

namespace prov::server {
class ServerStore;
class SharedFolder;
} // namespace prov::server

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
    /// How far a station's clock may be from the server's (`--max-clock-skew`):
    /// escrow uploads beyond it are refused, and stations learn it with their
    /// configuration and refuse to make keys beyond it.
    qint64 maxClockSkewMs = kDefaultMaxClockSkewMs;
    static constexpr qint64 kDefaultMaxClockSkewMs = 5 * 60 * 1000;
    /// `--shared-folder`: package files published for stations that read them
    /// from a file share; null when not set.
    const SharedFolder *sharedFolder = nullptr;
    /// Where uploads and quarantine folders go (on the data disk, owner-only).
    [[nodiscard]] QString uploadDir() const;
    [[nodiscard]] QString quarantineDir() const;
};

} // namespace prov::server::http

#pragma once

#include "domain/Result.h"

#include <QHostAddress>
#include <QString>

namespace prov::server::http {

/// The server's own TLS identity, used when no --tls-cert/--tls-key is given:
/// DATA-DIR/tls/server.key (EC P-256, 0600, never leaves the folder) and
/// DATA-DIR/tls/server.crt (self-signed, ten years). Stations pin its public
/// key, so the host names and addresses in it only matter to clients that
/// check names (a browser, curl without -k).
struct ServerCertificate
{
    QString certPath;
    QString keyPath;
    bool created = false; ///< made by this call (first start)
};

[[nodiscard]] QString serverCertificatePath(const QString &dataDir);
[[nodiscard]] QString serverKeyPath(const QString &dataDir);

/// Reuses the pair in DATA-DIR/tls, or makes it when neither file exists. The
/// subject is CN=<host name>; subjectAltName lists the host name, its fully
/// qualified name, localhost, 127.0.0.1, ::1 and `listenAddress` when it is a
/// specific one, or every non-loopback address of the machine when it is
/// 0.0.0.0 or ::. Refuses a key file that others may read, and a folder that
/// holds only one of the two files.
[[nodiscard]] Result<ServerCertificate> ensureServerCertificate(
    const QString &dataDir, const QHostAddress &listenAddress);

/// An error when `keyPath` grants any permission to group or others.
[[nodiscard]] Status checkKeyFileIsPrivate(const QString &keyPath);

} // namespace prov::server::http

#pragma once

#include "domain/Result.h"
#include "package/PackageInfo.h"
#include "server/http/ApiContext.h"
#include "server/http/HttpLimits.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace prov::server {

/// What the dispatcher (main.cpp) hands to the serve and tls-pin commands:
/// the options every subcommand shares, already parsed, and the rest of the
/// command line, which these commands parse themselves.
struct ServeOptions
{
    QString dataDir; ///< --data-dir (the dispatcher's default applied)
    QString databaseUrl; ///< --db; empty means SQLite in dataDir
    QStringList arguments; ///< everything else: --listen, --tls-cert, --tls-key, limits...
};

/// Serve's own options, parsed and checked.
struct ServeSettings
{
    QHostAddress address;
    quint16 port = 0;
    http::HttpLimits limits;
    package::PackageLimits packageLimits;
    QString certPath; ///< --tls-cert; empty: the data directory's own certificate
    QString keyPath;
    bool insecureHttp = false;
    qint64 maxClockSkewMs = http::ApiContext::kDefaultMaxClockSkewMs; ///< --max-clock-skew
    QString sharedFolder; ///< --shared-folder; empty: none
};

/// Serve's option names without "--" (listen, tls-cert, tls-key, insecure-http, max-clock-skew, shared-folder,
/// the HTTP and package limits): the config file's keys besides the global ones.
[[nodiscard]] const QStringList &serveOptionNames();
/// Parses serve's options; an error names the option and what is wrong with it.
[[nodiscard]] Result<ServeSettings> parseServeArguments(const QStringList &arguments);

/// Runs the HTTP(S) API until SIGTERM or SIGINT; returns the process exit code.
/// Called by the dispatcher when no subcommand is given.
[[nodiscard]] int runServe(const ServeOptions &options);

/// `provstation-server tls-pin [--tls-cert F]`: prints the pins a station
/// configures for the server certificate (see docs/api/tls-pinning.md); without
/// --tls-cert those of the data directory's own certificate.
[[nodiscard]] int runTlsPin(const ServeOptions &options);

} // namespace prov::server

#pragma once

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

/// Runs the HTTP(S) API until SIGTERM or SIGINT; returns the process exit code.
/// Called by the dispatcher when no subcommand is given.
[[nodiscard]] int runServe(const ServeOptions &options);

/// `provstation-server tls-pin --tls-cert F`: prints the pins a station
/// configures for the server certificate (see docs/api/tls-pinning.md).
[[nodiscard]] int runTlsPin(const ServeOptions &options);

} // namespace prov::server

#pragma once

#include <QtGlobal>

namespace prov::server::http {

/// Limits the HTTP layer enforces before memory or time is spent on a client.
/// Every value is a command-line option of `provstation-server` (docs/api/openapi.yaml
/// lists them); the defaults suit a factory LAN with a few hundred stations.
struct HttpLimits
{
    int maxRequestLineBytes = 8 * 1024; ///< longer request line: 414
    int maxHeaderBytes = 32 * 1024; ///< request line + headers: 431 beyond
    int maxHeaderCount = 100; ///< more header fields: 431
    qint64 maxBodyBytes = 1024 * 1024; ///< JSON bodies: 413 beyond
    qint64 maxUploadBytes = 1024ll * 1024 * 1024; ///< package uploads: 413 beyond
    int headerTimeoutMs = 10000; ///< from the first byte (or the accept) to the end of the head: 408
    int idleTimeoutMs = 30000; ///< keep-alive connection with no request: closed
    int transferWindowMs = 10000; ///< window over which body and response rates are checked
    qint64 minTransferBytesPerSecond = 1024; ///< slower bodies / readers are cut off (slowloris)
    int maxConnections = 512; ///< further connections are closed at once
    /// Connections one client may hold (an IPv6 client: its /64); further ones are closed at once.
    int maxConnectionsPerAddress = 32;
    int maxRequestsPerConnection = 10000;
    qint64 maxQueuedResponseBytes = 1024 * 1024; ///< response bytes queued per socket (back-pressure)
};

} // namespace prov::server::http

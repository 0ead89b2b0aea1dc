#pragma once

#include "server/http/HttpLimits.h"
#include "server/http/RefusalLog.h"

#include <QHash>
#include <QSslConfiguration>
#include <QTcpServer>

namespace prov::server::http {

class HttpConnection;
class HttpRequestHandler;

/// The listening side: accepts TCP (or TLS) connections and runs one
/// HttpConnection per client with the limits. Chosen over QHttpServer 6.4,
/// which buffers whole bodies, accepts any header size and writes files
/// without back-pressure (see docs/api/openapi.yaml, "HTTP layer").
class HttpServer : public QTcpServer
{
    Q_OBJECT

public:
    HttpServer(HttpRequestHandler *handler, const HttpLimits &limits, QObject *parent = nullptr);
    ~HttpServer() override;

    /// Serves TLS with this configuration (set before listen()).
    void setTlsConfiguration(const QSslConfiguration &configuration);
    [[nodiscard]] bool isTls() const { return m_tls; }
    [[nodiscard]] const HttpLimits &limits() const { return m_limits; }
    [[nodiscard]] int connectionCount() const { return static_cast<int>(m_connections.size()); }
    /// Where refused requests and connections are counted (and logged as a summary).
    [[nodiscard]] RefusalLog &refusals() { return m_refusals; }

    /// The key the per-address connection limit counts by: the IPv4 address
    /// (also when IPv4-mapped), or an IPv6 address's /64, which one client
    /// usually has whole.
    [[nodiscard]] static QString clientKey(const QHostAddress &address);

    /// Stops accepting; idle connections close now, busy ones after their
    /// answer. Emits drained() when none is left.
    void shutdown();

signals:
    void drained();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onConnectionFinished(HttpConnection *connection);

    HttpRequestHandler *m_handler = nullptr;
    HttpLimits m_limits;
    bool m_tls = false;
    bool m_shuttingDown = false;
    QSslConfiguration m_tlsConfiguration;
    RefusalLog m_refusals;
    QHash<HttpConnection *, QString> m_connections; ///< with its client key
    QHash<QString, int> m_perClient; ///< open connections per client key
};

} // namespace prov::server::http

#pragma once

#include "server/http/HttpLimits.h"

#include <QSet>
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
    QSet<HttpConnection *> m_connections;
};

} // namespace prov::server::http

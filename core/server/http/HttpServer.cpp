#include "server/http/HttpServer.h"

#include "server/http/HttpConnection.h"
#include "support/Logging.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace prov::server::http {

HttpServer::HttpServer(HttpRequestHandler *handler, const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_handler(handler)
    , m_limits(limits)
{ }

HttpServer::~HttpServer()
{
    // Connections are children; their sockets go with them.
    const auto connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->disconnect(this);
}

void HttpServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tlsConfiguration = configuration;
    m_tls = true;
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        if (!ssl->setSocketDescriptor(socketDescriptor)) {
            delete ssl;
            return;
        }
        ssl->setSslConfiguration(m_tlsConfiguration);
        ssl->startServerEncryption();
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
    }
    if (m_shuttingDown || connectionCount() >= m_limits.maxConnections) {
        qCWarning(lcServerHttp).noquote() << "connection from" << socket->peerAddress().toString()
                                          << "refused: too many connections (" << connectionCount() << ")";
        socket->abort();
        socket->deleteLater();
        return;
    }
    auto *connection = new HttpConnection(socket, m_handler, m_limits, this);
    m_connections.insert(connection);
    connect(connection, &HttpConnection::finished, this, [this, connection] { onConnectionFinished(connection); });
    connection->start();
}

void HttpServer::onConnectionFinished(HttpConnection *connection)
{
    m_connections.remove(connection);
    connection->deleteLater();
    if (m_shuttingDown && m_connections.isEmpty())
        emit drained();
}

void HttpServer::shutdown()
{
    // Clients the kernel already accepted for us are served, not reset.
    for (int i = 0; i < m_limits.maxConnections && isListening() && waitForNewConnection(0); ++i) { }
    m_shuttingDown = true;
    close();
    if (m_connections.isEmpty()) {
        emit drained();
        return;
    }
    const auto connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->shutdown();
}

} // namespace prov::server::http

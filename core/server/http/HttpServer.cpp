#include "server/http/HttpServer.h"

#include "server/http/HttpConnection.h"

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
    const auto connections = m_connections.keys();
    for (HttpConnection *connection : connections)
        connection->disconnect(this);
}

QString HttpServer::clientKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR v6 = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        v6[i] = 0;
    return QHostAddress(v6).toString() + QStringLiteral("/64");
}

void HttpServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tlsConfiguration = configuration;
    m_tls = true;
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    // The limits are checked before a TLS handshake is started: a refused client costs nothing.
    QSslSocket *ssl = m_tls ? new QSslSocket(this) : nullptr;
    QTcpSocket *socket = ssl ? ssl : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    const QString client = clientKey(socket->peerAddress());
    QString refusal;
    if (m_shuttingDown)
        refusal = QStringLiteral("server shutting down");
    else if (connectionCount() >= m_limits.maxConnections)
        refusal = QStringLiteral("connection over the limit (%1)").arg(m_limits.maxConnections);
    else if (m_perClient.value(client) >= m_limits.maxConnectionsPerAddress)
        refusal = QStringLiteral("connection over the per-address limit (%1)").arg(m_limits.maxConnectionsPerAddress);
    if (!refusal.isEmpty()) {
        if (!m_shuttingDown)
            m_refusals.count(refusal, socket->peerAddress());
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (ssl) {
        ssl->setSslConfiguration(m_tlsConfiguration);
        ssl->startServerEncryption();
    }
    auto *connection = new HttpConnection(socket, m_handler, m_limits, &m_refusals, this);
    m_connections.insert(connection, client);
    ++m_perClient[client];
    connect(connection, &HttpConnection::finished, this, [this, connection] { onConnectionFinished(connection); });
    connection->start();
}

void HttpServer::onConnectionFinished(HttpConnection *connection)
{
    const QString client = m_connections.take(connection);
    auto it = m_perClient.find(client);
    if (it != m_perClient.end() && --it.value() <= 0)
        m_perClient.erase(it);
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
    const auto connections = m_connections.keys();
    for (HttpConnection *connection : connections)
        connection->shutdown();
}

} // namespace prov::server::http

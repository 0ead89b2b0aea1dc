#pragma once

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace prov::test {

/// A loopback TCP relay in front of a real server that a test can cut: while
/// closed, it drops every connection it carries and refuses new ones, as a
/// pulled network cable or a server PC that went down would look to a station.
class TcpRelay : public QObject
{
public:
    [[nodiscard]] bool listen(quint16 targetPort)
    {
        m_target = targetPort;
        connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::accept);
        return m_server.listen(QHostAddress::LocalHost, 0);
    }

    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    [[nodiscard]] bool isOpen() const { return m_open; }

    void setOpen(bool open)
    {
        m_open = open;
        if (open)
            return;
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets)) {
            if (socket)
                socket->abort();
        }
        m_sockets.clear();
    }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            if (!m_open) {
                client->abort();
                client->deleteLater();
                continue;
            }
            auto *upstream = new QTcpSocket(client);
            m_sockets << client << upstream;
            // Bytes from the client wait until the server side is connected.
            connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
                if (client->bytesAvailable() > 0)
                    upstream->write(client->readAll());
            });
            connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
                if (upstream->state() == QAbstractSocket::ConnectedState)
                    upstream->write(client->readAll());
            });
            connect(
                upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            connect(upstream, &QTcpSocket::errorOccurred, client, [client](QAbstractSocket::SocketError error) {
                // A server that closes after its answer: the answer still goes out first.
                if (error == QAbstractSocket::RemoteHostClosedError)
                    client->disconnectFromHost();
                else
                    client->abort();
            });
            connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
                upstream->disconnectFromHost();
                client->deleteLater();
            });
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
        }
    }

    QTcpServer m_server;
    quint16 m_target = 0;
    bool m_open = true;
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace prov::test

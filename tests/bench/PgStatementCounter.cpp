#include "PgStatementCounter.h"

#include <QHostAddress>
#include <QMetaObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

namespace prov::bench {

namespace {

/// Walks the frontend stream: an untyped first message (startup, or an SSL or
/// GSS request followed by the startup), then type byte + length messages.
class FrontendParser
{
public:
    explicit FrontendParser(QAtomicInteger<qint64> &statements)
        : m_statements(statements)
    { }

    void feed(const QByteArray &bytes)
    {
        m_buffer += bytes;
        for (;;) {
            const qsizetype header = m_startup ? 4 : 5;
            if (m_buffer.size() < header)
                return;
            const quint32 length = qFromBigEndian<quint32>(m_buffer.constData() + (m_startup ? 0 : 1));
            const qsizetype total = (m_startup ? 0 : 1) + qsizetype(length);
            if (m_buffer.size() < total)
                return;
            if (m_startup) {
                const quint32 code = length >= 8 ? qFromBigEndian<quint32>(m_buffer.constData() + 4) : 0;
                // SSLRequest / GSSENCRequest: another untyped startup follows.
                m_startup = code == 80877103u || code == 80877104u;
            } else if (m_buffer.at(0) == 'Q' || m_buffer.at(0) == 'E') {
                m_statements.fetchAndAddRelaxed(1);
            }
            m_buffer.remove(0, total);
        }
    }

private:
    QAtomicInteger<qint64> &m_statements;
    QByteArray m_buffer;
    bool m_startup = true;
};

} // namespace

PgStatementCounter::PgStatementCounter(QString upstreamHost, quint16 upstreamPort)
{
    m_context.moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        &m_context,
        [this, upstreamHost, upstreamPort] {
            m_server = new QTcpServer;
            if (!m_server->listen(QHostAddress::LocalHost))
                return;
            m_port = m_server->serverPort();
            QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this, upstreamHost, upstreamPort] {
                while (QTcpSocket *client = m_server->nextPendingConnection()) {
                    auto *upstream = new QTcpSocket(client);
                    auto parser = std::make_shared<FrontendParser>(m_statements);
                    QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream, parser] {
                        const QByteArray bytes = client->readAll();
                        parser->feed(bytes);
                        upstream->write(bytes);
                    });
                    QObject::connect(upstream, &QTcpSocket::readyRead, client,
                        [client, upstream] { client->write(upstream->readAll()); });
                    QObject::connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                    QObject::connect(client, &QTcpSocket::disconnected, upstream, [client, upstream] {
                        upstream->disconnectFromHost();
                        client->deleteLater();
                    });
                    upstream->connectToHost(upstreamHost, upstreamPort);
                    // The client's first bytes are buffered until the upstream connects.
                    QObject::connect(upstream, &QTcpSocket::connected, client, [client, upstream, parser] {
                        const QByteArray bytes = client->readAll();
                        parser->feed(bytes);
                        upstream->write(bytes);
                    });
                }
            });
        },
        Qt::BlockingQueuedConnection);
}

PgStatementCounter::~PgStatementCounter()
{
    QMetaObject::invokeMethod(
        &m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

} // namespace prov::bench

#include "StubStationServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace prov::test {

using Status = QHttpServerResponse::StatusCode;

StubStationServer::StubStationServer()
{
    m_server.route(
        QStringLiteral("/api/v1/configurations/<arg>"), [this](const QString &, const QHttpServerRequest &req) {
            lastAuthorization = req.value("Authorization");
            if (statusOverride)
                return QHttpServerResponse(
                    QJsonObject {{QStringLiteral("error"), QStringLiteral("not_found")},
                        {QStringLiteral("detail"), QStringLiteral("no configuration like that")}},
                    Status(statusOverride));
            return QHttpServerResponse(configuration);
        });
    m_server.route(QStringLiteral("/files/<arg>"), [this](const QString &name) {
        ++fileGets[name];
        if (!files.contains(name))
            return QHttpServerResponse(Status::NotFound);
        return QHttpServerResponse(QByteArrayLiteral("application/octet-stream"), files.value(name));
    });
    m_server.route(
        QStringLiteral("/api/v1/escrow"), [this](const QHttpServerRequest &req, QHttpServerResponder &&responder) {
            if (escrowUnreachable) {
                // As if the server were down: the connection dies without an answer.
                ++lostEscrowPosts;
                responder.socket()->abort();
                return;
            }
            escrowPosts.append(QJsonDocument::fromJson(req.body()).object());
            if (goAwayAfterPending
                && escrowPosts.last().value(QLatin1String("state")).toString() == QLatin1String("pending")) {
                goAwayAfterPending = false;
                QTimer::singleShot(0, [this] { goAway(); });
            }
            responder.write(QJsonDocument(QJsonObject {{QStringLiteral("ok"), true}}),
                statusOverride ? QHttpServerResponder::StatusCode(statusOverride)
                               : QHttpServerResponder::StatusCode::Ok);
        });
    m_server.route(QStringLiteral("/api/v1/results"), [this](const QHttpServerRequest &req) {
        resultPosts.append(QJsonDocument::fromJson(req.body()).object());
        if (refusedRuns.contains(resultPosts.last().value(QLatin1String("uuid")).toString()))
            return QHttpServerResponse(QJsonObject {{QStringLiteral("error"), QStringLiteral("invalid_result")}},
                QHttpServerResponder::StatusCode::UnprocessableEntity);
        return QHttpServerResponse(QJsonObject {{QStringLiteral("ok"), true}});
    });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
}

void StubStationServer::goAway()
{
    // Established keep-alive connections too: the accepted sockets are the
    // listening server's children.
    for (QTcpServer *server : m_server.servers()) {
        server->close();
        const QList<QTcpSocket *> sockets = server->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets)
            socket->abort();
    }
}

bool StubStationServer::comeBack()
{
    return m_server.listen(QHostAddress::LocalHost, m_port) == m_port;
}

QList<QJsonObject> StubStationServer::escrowFor(const QString &nodeId) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &o : escrowPosts) {
        if (o.value(QLatin1String("nodeId")).toString() == nodeId)
            out.append(o);
    }
    return out;
}

QString StubStationServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
}

} // namespace prov::test

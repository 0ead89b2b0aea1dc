#include "StubStationServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>

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
    m_server.route(QStringLiteral("/api/v1/escrow"), [this](const QHttpServerRequest &req) {
        escrowPosts.append(QJsonDocument::fromJson(req.body()).object());
        return QHttpServerResponse(
            QJsonObject {{QStringLiteral("ok"), true}}, statusOverride ? Status(statusOverride) : Status::Ok);
    });
    m_server.route(QStringLiteral("/api/v1/results"), [this](const QHttpServerRequest &req) {
        resultPosts.append(QJsonDocument::fromJson(req.body()).object());
        return QHttpServerResponse(QJsonObject {{QStringLiteral("ok"), true}});
    });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
}

QString StubStationServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
}

} // namespace prov::test

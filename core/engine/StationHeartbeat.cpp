#include "engine/StationHeartbeat.h"

#include "engine/EngineLog.h"
#include "engine/ServerClient.h"

#include <QCoreApplication>
#include <QUuid>

namespace prov::engine {

StationHeartbeat::StationHeartbeat(std::function<ServerClient *()> server, Activity activity, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_activity(std::move(activity))
    , m_session(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    connect(&m_timer, &QTimer::timeout, this, &StationHeartbeat::beat);
}

void StationHeartbeat::start(int intervalMs)
{
    m_timer.start(intervalMs);
    beat();
}

void StationHeartbeat::stop()
{
    m_timer.stop();
}

QJsonObject StationHeartbeat::body() const
{
    QJsonObject body = m_activity ? m_activity() : QJsonObject();
    body.insert(QStringLiteral("session"), m_session);
    body.insert(QStringLiteral("version"), QCoreApplication::applicationVersion());
    return body;
}

void StationHeartbeat::beat()
{
    ServerClient *server = m_server ? m_server() : nullptr;
    // Without a token the server would refuse it; the station says so elsewhere.
    if (!server || server->endpoint().token.isEmpty())
        return;
    server->sendHeartbeat(body(), this, [this](const Status &status) {
        if (!status.ok())
            qCDebug(lcEngine).noquote() << "heartbeat not taken:" << status.error().message;
        Q_EMIT sent(status.ok());
    });
}

} // namespace prov::engine

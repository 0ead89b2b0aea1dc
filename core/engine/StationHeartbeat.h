#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace prov::engine {

class ServerClient;

/// Tells the server every 30 s that this station is up and what it does
/// (POST /api/v1/stations/heartbeat), so server mode's Stations page can say
/// which stations are up now and since when. Lives on its owner's thread;
/// the server client may live on another (it calls back here). A failed
/// heartbeat is only logged: the next one tries again.
class StationHeartbeat : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 30 * 1000;

    /// What the station does now: the body's "slots", "running", "operations",
    /// "configuration" and "batch" (the owner knows them).
    using Activity = std::function<QJsonObject()>;

    StationHeartbeat(std::function<ServerClient *()> server, Activity activity, QObject *parent = nullptr);

    /// A heartbeat now, then every `intervalMs`.
    void start(int intervalMs = kIntervalMs);
    void stop();
    [[nodiscard]] bool isActive() const { return m_timer.isActive(); }
    /// The body of the next heartbeat.
    [[nodiscard]] QJsonObject body() const;
    /// Identifies this start of the station program (a new one starts a new stretch on the server).
    [[nodiscard]] const QString &session() const { return m_session; }

public Q_SLOTS:
    void beat();

Q_SIGNALS:
    /// A heartbeat was answered (ok) or not.
    void sent(bool ok);

private:
    std::function<ServerClient *()> m_server;
    Activity m_activity;
    QString m_session;
    QTimer m_timer;
};

} // namespace prov::engine

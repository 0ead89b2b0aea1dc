#pragma once

#include "crypto/Digest.h"
#include "domain/Result.h"
#include "engine/Configuration.h"
#include "engine/ServerEndpoint.h"
#include "engine/ServerState.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkReply;
class QNetworkRequest;

namespace prov::engine {

struct OutboxEntry;

/// How a station names its configuration: exactly one of ID and alias.
struct ConfigSelector
{
    std::optional<ConfigId> id;
    QString alias;

    [[nodiscard]] QString toString() const { return id ? id->toString() : alias; }
};

/// The station's side of server mode's HTTP API (docs/api/openapi.yaml):
/// configuration, files, escrow records and run results, with the station
/// token and optional TLS key pinning. Lives on one thread (its network
/// manager's); every public method may be called from any thread and calls
/// back on `context`'s thread. Failures carry result codes: 100 unreachable
/// (also a pin mismatch), 101 an error answer (naming the server's detail),
/// 102 an answer that does not parse.
class ServerClient : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Callback = std::function<void(const Result<T> &)>;
    using StatusCallback = std::function<void(const Status &)>;

    explicit ServerClient(ServerEndpoint endpoint, QObject *parent = nullptr);
    ~ServerClient() override;

    [[nodiscard]] const ServerEndpoint &endpoint() const { return m_endpoint; }

    void fetchConfiguration(const ConfigSelector &selector, QObject *context, Callback<ConfigurationPtr> done);
    /// Downloads `url` to `destination` (replaced only when complete), returning
    /// its size, MD5 and SHA-256; verification is the caller's (FileCache).
    void download(const QUrl &url, const QString &destination, QObject *context, Callback<crypto::FileDigests> done);
    /// Sends an escrow record as `state` (Pending or Done). Idempotent by UUID;
    /// the server orders a node's records by arrival, never by provisionedAt.
    void submitEscrow(const OutboxEntry &entry, ServerState state, QObject *context, StatusCallback done);
    /// The escrow upload body (without "sentAt"): the record as `state`, with the run it came from.
    [[nodiscard]] static QJsonObject escrowBody(const OutboxEntry &entry, ServerState state);
    /// A run record with its run log (every operation, pass or fail; domain::RunRecord).
    void submitResult(const QJsonObject &result, QObject *context, StatusCallback done);
    /// POST /api/v1/stations/heartbeat: this station is up and what it does.
    void sendHeartbeat(const QJsonObject &body, QObject *context, StatusCallback done);
    /// The operator rejected the unit after run `uuid` ({"rejectedAt", "rejectedBy"}).
    void submitReject(const QUuid &uuid, const QJsonObject &body, QObject *context, StatusCallback done);
    /// GET /api/v1/health, for "is the server there" checks.
    void checkHealth(QObject *context, StatusCallback done);

private:
    using ReplyHandler = std::function<void(QNetworkReply *reply, const Status &transport)>;

    void inOwnThread(std::function<void()> work);
    [[nodiscard]] QNetworkRequest request(const QUrl &url) const;
    void watch(QNetworkReply *reply, ReplyHandler handler);
    void postJson(
        const QString &path, const QJsonObject &body, QObject *context, StatusCallback done, const QString &what);
    [[nodiscard]] bool pinMatches(QNetworkReply *reply) const;
    [[nodiscard]] Error transportError(QNetworkReply *reply, const QString &what) const;
    [[nodiscard]] Error answerError(QNetworkReply *reply, const QString &what) const;

    ServerEndpoint m_endpoint;
    QNetworkAccessManager *m_network = nullptr;
};

/// Runs `f` on `context`'s thread (queued), unless `context` is gone.
void postTo(QObject *context, std::function<void()> f);

} // namespace prov::engine

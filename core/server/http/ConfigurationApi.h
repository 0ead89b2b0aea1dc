#pragma once

#include <QJsonObject>
#include <QObject>

namespace prov::server {
struct RevisionRecord;
class SharedFolder;
} // namespace prov::server

namespace prov::server::http {

class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// What stations read: GET /api/v1/configurations/{idOrAlias} (the newest
/// revision: node and app versions, files with size, MD5, SHA-256 and download
/// URL, KMS and app public keys, and the gateway keys, for station tokens over
/// TLS or from this host only) and GET /api/v1/files/{sha256} (a stored file,
/// streamed with back-pressure, with Range for resuming a broken download).
class ConfigurationApi : public QObject
{
    Q_OBJECT

public:
    explicit ConfigurationApi(ApiContext &context, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

    /// The configuration document (without gateway keys), as openapi.yaml describes it.
    /// With `shared`, each file also names its path in the shared folder (sharedPath).
    [[nodiscard]] static QJsonObject toJson(
        const RevisionRecord &revision, const QStringList &aliases, const SharedFolder *shared = nullptr);

private:
    void configuration(HttpRequest &request, const HttpResponder &responder);
    void file(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
};

} // namespace prov::server::http

#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// POST /api/v1/packages (multipart upload, streamed to a file under the data
/// directory, verified and imported on the worker pool; ?dryRun=true verifies
/// and shows without storing) and GET /api/v1/packages (configurations and
/// revisions, newest first).
class PackageApi : public QObject
{
    Q_OBJECT

public:
    PackageApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void upload(HttpRequest &request, const HttpResponder &responder);
    void list(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

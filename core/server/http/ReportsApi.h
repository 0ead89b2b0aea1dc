#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// Device reports over HTTP (docs/server.md, "Device reports"): the same CSV as
/// `provstation-server report` for the same selection and template.
/// GET /api/v1/reports/templates lists the server's column templates with their
/// columns and parameters; GET /api/v1/reports/devices writes the report on
/// the worker pool into a temporary file and streams it from there, so memory
/// stays bounded and a failure is an error status, never half a CSV file.
/// Reports carry no key material: admin and supervisor; audited as "report".
class ReportsApi : public QObject
{
    Q_OBJECT

public:
    ReportsApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void templates(HttpRequest &request, const HttpResponder &responder);
    void devices(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// What the server-mode window shows about the line: GET /api/v1/stations (per
/// station: last record, configuration and batch, records done and still
/// pending) and GET /api/v1/stations/{station}/results (its newest escrow
/// records, without key material). Read-only queries on the escrow table, run
/// on the worker pool because they scan it. Admin and operator.
class StationsApi : public QObject
{
    Q_OBJECT

public:
    StationsApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void stations(HttpRequest &request, const HttpResponder &responder);
    void results(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

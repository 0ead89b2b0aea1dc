#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// What the server-mode window shows about the line: GET /api/v1/stations (per
/// station: up now and since when, from its heartbeats; run figures of a period
/// from the runs table; escrow records still pending) and
/// GET /api/v1/stations/{station}/results (its newest escrow records, without
/// key material), for admin and operator; POST /api/v1/stations/heartbeat from
/// the stations themselves. The queries run on the worker pool.
class StationsApi : public QObject
{
    Q_OBJECT

public:
    StationsApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void stations(HttpRequest &request, const HttpResponder &responder);
    void heartbeat(HttpRequest &request, const HttpResponder &responder);
    void results(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

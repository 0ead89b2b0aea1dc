#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// Yield over the stored runs and the stations' shifts:
/// GET /api/v1/yield (the figures of YieldQuery for a period and filters;
/// admin, supervisor, operator), GET /api/v1/shifts and POST /api/v1/shifts
/// (start a station's new shift: a supervisor or admin; a station token only its own). The yield
/// query groups many runs, so it runs on the worker pool.
class YieldApi : public QObject
{
    Q_OBJECT

public:
    YieldApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void yield(HttpRequest &request, const HttpResponder &responder);
    void listShifts(HttpRequest &request, const HttpResponder &responder);
    void startShift(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// POST/DELETE /api/v1/session (login, logout) and POST /api/v1/setup (the
/// first admin from the one-time setup token). Password checks run on the
/// worker pool; a user or address with too many failures is answered only
/// after the delay the store's throttle sets (a timer: the event loop never
/// waits), or with 429 when that delay is longer than it is worth holding a
/// connection for.
class SessionApi : public QObject
{
    Q_OBJECT

public:
    SessionApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

    /// Throttle delays up to this are served by holding the answer; longer ones get 429.
    static constexpr int kMaxHoldSeconds = 30;

private:
    void login(HttpRequest &request, const HttpResponder &responder);
    void logout(HttpRequest &request, const HttpResponder &responder);
    void setup(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

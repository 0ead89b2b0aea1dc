#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// Station pairing (docs/api/pairing.md): POST /api/v1/pairing/codes (admin)
/// makes a one-time code; POST /api/v1/pairing/challenge and
/// /api/v1/pairing/complete take no bearer token (the code is the credential)
/// and answer only over TLS, checking the key the station saw against the
/// certificate the server listens with (ApiContext::tlsCertificate).
class PairingApi : public QObject
{
    Q_OBJECT

public:
    PairingApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void createCode(HttpRequest &request, const HttpResponder &responder);
    void challenge(HttpRequest &request, const HttpResponder &responder);
    void complete(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

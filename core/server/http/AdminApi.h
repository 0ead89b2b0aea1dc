#pragma once

#include <QObject>

namespace prov::server::http {

class ApiWorkers;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// Administration for the GUI: users (list, add, remove, set password),
/// station tokens (list, issue, revoke) and the audit log (latest entries,
/// chain verification). Admin only.
class AdminApi : public QObject
{
    Q_OBJECT

public:
    AdminApi(ApiContext &context, ApiWorkers &workers, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void listUsers(HttpRequest &request, const HttpResponder &responder);
    void addUser(HttpRequest &request, const HttpResponder &responder);
    void removeUser(HttpRequest &request, const HttpResponder &responder);
    void setPassword(HttpRequest &request, const HttpResponder &responder);
    /// PUT sets the user's badge ({"badge"}), DELETE removes it.
    void setBadge(HttpRequest &request, const HttpResponder &responder);
    void removeBadge(HttpRequest &request, const HttpResponder &responder);
    void listTokens(HttpRequest &request, const HttpResponder &responder);
    void issueToken(HttpRequest &request, const HttpResponder &responder);
    void revokeToken(HttpRequest &request, const HttpResponder &responder);
    void revokeStationTokens(HttpRequest &request, const HttpResponder &responder);
    void auditEntries(HttpRequest &request, const HttpResponder &responder);
    void auditVerify(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    ApiWorkers &m_workers;
};

} // namespace prov::server::http

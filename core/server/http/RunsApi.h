#pragma once

#include <QJsonObject>
#include <QObject>

namespace prov::server::http {

class GroupCommitWriter;
class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// Run records (docs/contracts/server-api.md, "Run records"): stations post
/// every run, pass or fail, with its log (POST /api/v1/results, idempotent by
/// the run's UUID; a body with key material is an escrow record and goes to
/// EscrowApi) and the operator's rejection of a unit; writes go through the
/// group-commit writer like escrow uploads. Readers look a device up by any
/// identity (GET /api/v1/devices/{id}/history) and read a run's log.
class RunsApi : public QObject
{
    Q_OBJECT

public:
    RunsApi(ApiContext &context, GroupCommitWriter &writer, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);
    /// Stores the run in `body` (already parsed) for the requesting station.
    void upload(const HttpRequest &request, const QJsonObject &body, const HttpResponder &responder);

private:
    void reject(HttpRequest &request, const HttpResponder &responder);
    void history(HttpRequest &request, const HttpResponder &responder);
    void log(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    GroupCommitWriter &m_writer;
};

} // namespace prov::server::http

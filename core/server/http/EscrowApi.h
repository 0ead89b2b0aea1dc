#pragma once

#include <QObject>

namespace prov::server::http {

class GroupCommitWriter;
class HttpRequest;
class HttpResponder;
class HttpRouter;
class RunsApi;
struct ApiContext;

/// Escrowed device keys. Stations write (POST /api/v1/escrow, also accepted
/// as POST /api/v1/results, where a body without key material is a run
/// record for RunsApi; POST .../{uuid}/confirm); uploads are idempotent
/// by UUID and answered identically when repeated, and every write goes
/// through the group-commit writer, so a station is answered only once its
/// record is on disk. Admins and operators read (a record without its key
/// material, a node's history, the incomplete devices).
class EscrowApi : public QObject
{
    Q_OBJECT

public:
    EscrowApi(ApiContext &context, GroupCommitWriter &writer, RunsApi &runs, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void upload(HttpRequest &request, const HttpResponder &responder);
    void confirm(HttpRequest &request, const HttpResponder &responder);
    void record(HttpRequest &request, const HttpResponder &responder);
    void history(HttpRequest &request, const HttpResponder &responder);
    void incomplete(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
    GroupCommitWriter &m_writer;
    RunsApi &m_runs;
};

} // namespace prov::server::http

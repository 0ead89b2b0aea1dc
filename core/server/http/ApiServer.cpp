#include "server/http/ApiServer.h"

#include "server/ServerInfo.h"
#include "server/http/AdminApi.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/ConfigurationApi.h"
#include "server/http/EscrowApi.h"
#include "server/http/ExportApi.h"
#include "server/http/GroupCommitWriter.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/PackageApi.h"
#include "server/http/PairingApi.h"
#include "server/http/ReportsApi.h"
#include "server/http/RunsApi.h"
#include "server/http/SessionApi.h"
#include "server/http/StationsApi.h"
#include "server/http/YieldApi.h"
#include "server/store/ServerStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace prov::server::http {

namespace {
constexpr int kWorkerThreads = 2;
constexpr int kMaxQueuedJobs = 64;
constexpr qsizetype kMaxMissingListed = 32; ///< hashes a degraded /health names
} // namespace

ApiServer::ApiServer(ApiContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_router(m_context.limits.maxBodyBytes)
    , m_workers(std::make_unique<ApiWorkers>(kWorkerThreads, kMaxQueuedJobs))
    , m_writer(std::make_unique<GroupCommitWriter>(m_context.store->database()))
    , m_session(std::make_unique<SessionApi>(m_context, *m_workers))
    , m_admin(std::make_unique<AdminApi>(m_context, *m_workers))
    , m_packages(std::make_unique<PackageApi>(m_context, *m_workers))
    , m_configurations(std::make_unique<ConfigurationApi>(m_context))
    , m_export(std::make_unique<ExportApi>(m_context))
    , m_reports(std::make_unique<ReportsApi>(m_context, *m_workers))
    , m_runs(std::make_unique<RunsApi>(m_context, *m_writer))
    , m_escrow(std::make_unique<EscrowApi>(m_context, *m_writer, *m_runs))
    , m_stations(std::make_unique<StationsApi>(m_context, *m_workers))
    , m_pairing(std::make_unique<PairingApi>(m_context, *m_workers))
    , m_yield(std::make_unique<YieldApi>(m_context, *m_workers))
{
    m_router.setAuthenticator([this](HttpRequest &request, HttpError &error) { return authenticate(request, error); });
    addHealthRoute();
    m_session->addRoutes(m_router);
    m_admin->addRoutes(m_router);
    m_packages->addRoutes(m_router);
    m_configurations->addRoutes(m_router);
    m_export->addRoutes(m_router);
    m_reports->addRoutes(m_router);
    m_escrow->addRoutes(m_router);
    m_runs->addRoutes(m_router);
    m_stations->addRoutes(m_router);
    m_pairing->addRoutes(m_router);
    m_yield->addRoutes(m_router);
}

ApiServer::~ApiServer()
{
    // Workers and the writer first: their answers go to objects destroyed below.
    m_workers.reset();
    m_writer.reset();
}

bool ApiServer::authenticate(HttpRequest &request, HttpError &error) const
{
    const QByteArray token = request.bearerToken();
    if (token.isEmpty()) {
        error
            = makeHttpError(401, QStringLiteral("unauthorized"), QStringLiteral("This resource needs a bearer token."));
        return false;
    }
    const auto principal = m_context.store->tokens().authorize(QString::fromLatin1(token));
    if (!principal) {
        error = api::fromError(principal.error());
        if (error.status != 401) // the database failed, not the client
            return false;
        error.code = QStringLiteral("invalid_token");
        return false;
    }
    request.principal.user = principal->name;
    request.principal.role = roleName(principal->role);
    request.principal.tokenId = principal->tokenId;
    request.principal.expiresAt = principal->expiresAt;
    request.principal.actor = principal->actor();
    return true;
}

void ApiServer::addHealthRoute()
{
    m_router.addRoute(
        {"GET", QStringLiteral("/api/v1/health"), {}, -1, {}, [this](HttpRequest &, HttpResponder responder) {
             const QString engine
                 = m_context.store->database().isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
             const auto db = m_context.store->database().connection();
             bool up = db.ok();
             if (up) {
                 QSqlQuery query(db.value());
                 up = query.exec(QStringLiteral("SELECT 1")) && query.next();
             }
             if (!up) {
                 responder.send(HttpResponse::json(503,
                     QJsonObject {{QStringLiteral("status"), QStringLiteral("unavailable")},
                         {QStringLiteral("version"), serverVersion()}, {QStringLiteral("db"), engine},
                         {QStringLiteral("error"), QStringLiteral("db_unavailable")},
                         {QStringLiteral("detail"), QStringLiteral("The database does not answer.")}}));
                 return;
             }
             // Every file the database lists must be servable from here, or a
             // balancer should send stations elsewhere: 503 "degraded", naming
             // the files by hash.
             const auto missing = m_context.store->content().missing();
             if (!missing || !missing->isEmpty()) {
                 QJsonArray files;
                 for (const QString &sha : missing ? missing.value() : QStringList())
                     if (files.size() < kMaxMissingListed)
                         files.append(sha);
                 responder.send(HttpResponse::json(503,
                     QJsonObject {{QStringLiteral("status"), QStringLiteral("degraded")},
                         {QStringLiteral("version"), serverVersion()}, {QStringLiteral("db"), engine},
                         {QStringLiteral("error"), QStringLiteral("files_unavailable")},
                         {QStringLiteral("detail"),
                             missing ? QStringLiteral("%1 stored file(s) cannot be served by this server.")
                                           .arg(missing->size())
                                     : QStringLiteral("The stored files cannot be checked: %1")
                                           .arg(missing.error().message)},
                         {QStringLiteral("missingFiles"), files}}));
                 return;
             }
             responder.send(HttpResponse::json(200,
                 QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")},
                     {QStringLiteral("version"), serverVersion()}, {QStringLiteral("db"), engine}}));
         }});
}

} // namespace prov::server::http

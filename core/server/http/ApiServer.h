#pragma once

#include "server/http/ApiContext.h"
#include "server/http/HttpRouter.h"

#include <QObject>

#include <memory>

namespace prov::server::http {

class AdminApi;
class ApiWorkers;
class ConfigurationApi;
class EscrowApi;
class RunsApi;
class ExportApi;
class ReportsApi;
class GroupCommitWriter;
class PackageApi;
class SessionApi;
class StationsApi;
class PairingApi;
class YieldApi;

/// The /api/v1 routes of provstation-server on top of the HTTP layer: who may
/// call what (bearer tokens, checked before any body is read), and the areas
/// that answer (session, packages, export, configurations, files, results,
/// administration). docs/api/openapi.yaml documents every route.
class ApiServer : public QObject
{
    Q_OBJECT

public:
    explicit ApiServer(ApiContext context, QObject *parent = nullptr);
    ~ApiServer() override;

    [[nodiscard]] HttpRouter &router() { return m_router; }
    [[nodiscard]] const ApiContext &context() const { return m_context; }
    [[nodiscard]] GroupCommitWriter &escrowWriter() { return *m_writer; }

private:
    [[nodiscard]] bool authenticate(HttpRequest &request, HttpError &error) const;
    void addHealthRoute();

    ApiContext m_context;
    HttpRouter m_router;
    std::unique_ptr<ApiWorkers> m_workers;
    std::unique_ptr<GroupCommitWriter> m_writer;
    std::unique_ptr<SessionApi> m_session;
    std::unique_ptr<AdminApi> m_admin;
    std::unique_ptr<PackageApi> m_packages;
    std::unique_ptr<ConfigurationApi> m_configurations;
    std::unique_ptr<ExportApi> m_export;
    std::unique_ptr<ReportsApi> m_reports;
    std::unique_ptr<RunsApi> m_runs;
    std::unique_ptr<EscrowApi> m_escrow;
    std::unique_ptr<StationsApi> m_stations;
    std::unique_ptr<PairingApi> m_pairing;
    std::unique_ptr<YieldApi> m_yield;
};

} // namespace prov::server::http

#include "server/http/ReportsApi.h"

#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpBodySource.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/report/DeviceReport.h"
#include "server/report/ReportTemplate.h"
#include "server/store/ServerStore.h"

#include <QJsonArray>
#include <QTemporaryFile>

namespace prov::server::http {

namespace {

/// The name of the built-in template (every field): ReportTemplate::allFields().
const QString kAllFields = QStringLiteral("devices");

/// Streams a finished report from its temporary file, which goes with the response.
class ReportFileSource : public HttpBodySource
{
public:
    explicit ReportFileSource(std::shared_ptr<QTemporaryFile> file)
        : m_file(std::move(file))
        , m_remaining(m_file->size())
    { }

    qint64 size() const override { return m_file->size(); }
    bool atEnd() const override { return m_remaining == 0; }
    bool read(qint64 maxBytes, QByteArray &out, QString &error) override
    {
        const QByteArray data = m_file->read(qMin(maxBytes, m_remaining));
        if (data.isEmpty() && m_remaining > 0) {
            error = QStringLiteral("reading the report failed: %1").arg(m_file->errorString());
            return false;
        }
        m_remaining -= data.size();
        out.append(data);
        return true;
    }

private:
    std::shared_ptr<QTemporaryFile> m_file;
    qint64 m_remaining;
};

HttpResponse badRequest(const QString &code, const Error &error)
{
    return error.code == ResultCode::InvalidArguments ? HttpResponse::error(400, code, error.message)
                                                      : HttpResponse::error(api::fromError(error));
}

/// A template of the server's by name ("" or "devices": every field). Only
/// names: a client never names a file on the server.
Result<ReportTemplate> namedTemplate(const QString &name)
{
    const QString directory = ReportTemplate::defaultDirectory();
    const QStringList names = ReportTemplate::available(directory);
    if (names.contains(name))
        return ReportTemplate::load(name, directory);
    if (name.isEmpty() || name == kAllFields)
        return ReportTemplate::allFields();
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("no report template named '%1' (the server has: %2)")
            .arg(name.left(60), (QStringList {kAllFields} + names).join(QStringLiteral(", "))));
}

QJsonObject templateJson(const ReportTemplate &columns)
{
    return QJsonObject {{QStringLiteral("name"), columns.name()},
        {QStringLiteral("columns"), QJsonArray::fromStringList(columns.titles())},
        {QStringLiteral("parameters"), QJsonArray::fromStringList(columns.parameters())},
        {QStringLiteral("rows"), columns.passedOnly() ? QStringLiteral("passed") : QStringLiteral("all")}};
}

struct Written
{
    std::shared_ptr<QTemporaryFile> file;
    ReportSummary summary;
};

} // namespace

ReportsApi::ReportsApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void ReportsApi::addRoutes(HttpRouter &router)
{
    const QStringList readers = roles::supervisors();
    router.addRoute({"GET", QStringLiteral("/api/v1/reports/templates"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            templates(request, responder);
        }});
    router.addRoute({"GET", QStringLiteral("/api/v1/reports/devices"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            devices(request, responder);
        }});
}

void ReportsApi::templates(HttpRequest &, const HttpResponder &responder)
{
    QJsonArray list {templateJson(ReportTemplate::allFields())};
    const QString directory = ReportTemplate::defaultDirectory();
    for (const QString &name : ReportTemplate::available(directory)) {
        auto loaded = ReportTemplate::load(name, directory);
        if (loaded)
            list.append(templateJson(loaded.value()));
        else // Listed with what is wrong, so an admin sees why a report refuses it.
            list.append(
                QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("error"), loaded.error().message}});
    }
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("templates"), list}}));
}

void ReportsApi::devices(HttpRequest &request, const HttpResponder &responder)
{
    auto columns = namedTemplate(request.queryValue(QStringLiteral("template")));
    if (!columns) {
        responder.send(badRequest(QStringLiteral("invalid_template"), columns.error()));
        return;
    }
    QMap<QString, QString> values;
    for (const QString &assignment : request.queryValues(QStringLiteral("set"))) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0) {
            responder.sendError(400, QStringLiteral("invalid_template"),
                QStringLiteral("set '%1' is not NAME=VALUE").arg(assignment.left(60)));
            return;
        }
        values.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    if (const Status bound = columns->bind(values); !bound.ok()) {
        responder.send(badRequest(QStringLiteral("invalid_template"), bound.error()));
        return;
    }
    ExportRequest ask;
    ask.configId = request.queryValue(QStringLiteral("configId"));
    ask.configAlias = request.queryValue(QStringLiteral("configAlias"));
    ask.batches = request.hasQueryValue(QStringLiteral("batch")) ? request.queryValue(QStringLiteral("batch"))
                                                                 : request.queryValue(QStringLiteral("batches"));
    ask.from = request.queryValue(QStringLiteral("from"));
    ask.to = request.queryValue(QStringLiteral("to"));

    // Made here so it lives (and is removed) on the event loop's thread; the worker only writes it.
    auto file = std::make_shared<QTemporaryFile>();
    if (!file->open()) {
        responder.sendError(503, QStringLiteral("not_written"),
            QStringLiteral("The report has nowhere to go: %1").arg(file->errorString()));
        return;
    }
    ServerStore *store = m_context.store;
    const QString actor = api::actor(request);
    const bool started = m_workers.run(
        [store, ask, columns = std::move(columns).value(), file, actor]() -> Result<Written> {
            auto summary = DeviceReport::writeTo(*store, ask, columns, file.get(), actor);
            if (!summary)
                return summary.error();
            if (!file->flush() || !file->seek(0))
                return makeError(ResultCode::InternalError,
                    QStringLiteral("cannot write the report's temporary file: %1").arg(file->errorString()));
            return Written {file, summary.value()};
        },
        [responder](Result<Written> written) {
            if (!written) {
                responder.send(badRequest(QStringLiteral("invalid_selection"), written.error()));
                return;
            }
            HttpResponse response = HttpResponse::stream(
                200, "text/csv; charset=utf-8", std::make_shared<ReportFileSource>(written->file));
            response.headers.set("Content-Disposition", "attachment; filename=\"device-report.csv\"");
            response.headers.set("X-Device-Count", QByteArray::number(written->summary.devices));
            response.headers.set("Cache-Control", "no-store");
            responder.send(response);
        });
    if (!started)
        responder.sendError(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

} // namespace prov::server::http

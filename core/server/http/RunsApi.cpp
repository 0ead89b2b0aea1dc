#include "server/http/RunsApi.h"

#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/GroupCommitWriter.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"

#include <QDateTime>

namespace prov::server::http {

namespace {

/// 422 naming the field ("field": the run record's member) when the error is about one.
HttpResponse invalid(const Error &error)
{
    QJsonObject json {
        {QStringLiteral("error"), QStringLiteral("invalid_result")}, {QStringLiteral("detail"), error.message}};
    if (error.context.startsWith(u"run."))
        json.insert(QStringLiteral("field"), error.context.mid(4));
    return HttpResponse::json(422, json);
}

HttpResponse storeError(const Error &error)
{
    if (error.context == u"run.not_found")
        return HttpResponse::error(404, QStringLiteral("not_found"), error.message);
    if (error.context == u"run.not_owner")
        return HttpResponse::error(403, QStringLiteral("wrong_station"), error.message);
    if (error.code == ResultCode::InvalidArguments)
        return invalid(error);
    return HttpResponse::error(503, QStringLiteral("not_stored"),
        QStringLiteral("The run was not stored (%1); send it again.").arg(error.message));
}

QJsonObject receiptJson(const RunReceipt &receipt)
{
    // The same answer for a first upload and its replays.
    return QJsonObject {{QStringLiteral("uuid"), receipt.uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("id"), receipt.id}, {QStringLiteral("device"), receipt.device}};
}

} // namespace

RunsApi::RunsApi(ApiContext &context, GroupCommitWriter &writer, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_writer(writer)
{ }

void RunsApi::addRoutes(HttpRouter &router)
{
    const QStringList readers = roles::lineReaders();
    auto bind = [this](void (RunsApi::*method)(HttpRequest &, const HttpResponder &)) {
        return [this, method](HttpRequest &request, HttpResponder responder) {
            (this->*method)(request, responder);
        };
    };
    router.addRoute({"POST", QStringLiteral("/api/v1/results/{uuid}/reject"), roles::station(), 16 * 1024, {},
        bind(&RunsApi::reject)});
    router.addRoute({"GET", QStringLiteral("/api/v1/results/{uuid}/log"), readers, -1, {}, bind(&RunsApi::log)});
    router.addRoute({"GET", QStringLiteral("/api/v1/devices/{id}/history"), readers, -1, {}, bind(&RunsApi::history)});
}

void RunsApi::upload(const HttpRequest &request, const QJsonObject &body, const HttpResponder &responder)
{
    auto run = RunRecord::fromJson(body);
    if (!run) {
        responder.send(invalid(run.error()));
        return;
    }
    // A station writes only its own runs: its name comes from its token.
    if (run->station.isEmpty())
        run->station = request.principal.user;
    if (run->station != request.principal.user) {
        responder.sendError(403, QStringLiteral("wrong_station"),
            QStringLiteral("this token belongs to station %1; it may not write a run of station %2")
                .arg(request.principal.user, run->station.left(64)));
        return;
    }
    ServerStore *store = m_context.store;
    m_writer.submit([store, run = std::move(run).value()] { return store->runs().store(run); },
        [responder](Result<RunReceipt> receipt) {
            responder.send(
                receipt ? HttpResponse::json(200, receiptJson(receipt.value())) : storeError(receipt.error()));
        });
}

void RunsApi::reject(HttpRequest &request, const HttpResponder &responder)
{
    const QUuid uuid = QUuid::fromString(request.params.value(QStringLiteral("uuid")));
    if (uuid.isNull()) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("The path does not name a UUID."));
        return;
    }
    QJsonObject body;
    if (!request.body.isEmpty()) {
        HttpError error;
        if (!api::jsonBody(request, body, error)) {
            responder.send(HttpResponse::error(error));
            return;
        }
    }
    qint64 at = QDateTime::currentMSecsSinceEpoch();
    if (body.contains(QStringLiteral("rejectedAt"))) {
        const QDateTime time
            = QDateTime::fromString(body.value(QStringLiteral("rejectedAt")).toString(), Qt::ISODateWithMs);
        if (!time.isValid()) {
            responder.send(invalid(makeError(ResultCode::InvalidArguments,
                QStringLiteral("run record field 'rejectedAt' is not an ISO 8601 time"),
                QStringLiteral("run.rejectedAt"))));
            return;
        }
        at = time.toMSecsSinceEpoch();
    }
    const QString by = body.value(QStringLiteral("rejectedBy")).toString();
    if (by.size() > 128) {
        responder.send(invalid(makeError(ResultCode::InvalidArguments,
            QStringLiteral("run record field 'rejectedBy' is longer than 128 characters"),
            QStringLiteral("run.rejectedBy"))));
        return;
    }
    ServerStore *store = m_context.store;
    const QString station = request.principal.user;
    m_writer.submit([store, uuid, station, by, at] { return store->runs().reject(uuid, station, by, at); },
        [responder](Result<RunReceipt> receipt) {
            responder.send(
                receipt ? HttpResponse::json(200, receiptJson(receipt.value())) : storeError(receipt.error()));
        });
}

void RunsApi::history(HttpRequest &request, const HttpResponder &responder)
{
    const QString id = request.params.value(QStringLiteral("id")).trimmed();
    if (id.isEmpty() || id.size() > 128) {
        responder.sendError(400, QStringLiteral("bad_request"),
            QStringLiteral("The path does not name a device identity (1 to 128 characters)."));
        return;
    }
    const auto history = m_context.store->runs().history(id);
    if (!history) {
        responder.send(HttpResponse::error(api::fromError(history.error())));
        return;
    }
    if (history->isEmpty()) {
        responder.sendError(
            404, QStringLiteral("not_found"), QStringLiteral("No run and no key record names the device %1.").arg(id));
        return;
    }
    responder.send(HttpResponse::json(200, history->toJson()));
}

void RunsApi::log(HttpRequest &request, const HttpResponder &responder)
{
    const QUuid uuid = QUuid::fromString(request.params.value(QStringLiteral("uuid")));
    if (uuid.isNull()) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("The path does not name a UUID."));
        return;
    }
    const auto log = m_context.store->runs().log(uuid);
    if (!log) {
        responder.send(storeError(log.error()));
        return;
    }
    responder.send(HttpResponse::json(200,
        QJsonObject {{QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces)}, {QStringLiteral("log"), *log}}));
}

} // namespace prov::server::http

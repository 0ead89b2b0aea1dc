#include "server/http/YieldApi.h"

#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"
#include "server/store/YieldQuery.h"

#include <QJsonArray>

namespace prov::server::http {

namespace {

struct Answer
{
    int status = 200;
    QJsonObject body;
};

QJsonObject shiftJson(const Shift &shift)
{
    QJsonObject object {{QStringLiteral("id"), shift.id}, {QStringLiteral("station"), shift.station},
        {QStringLiteral("startedAt"), api::isoTimeMs(shift.startedAtMs)},
        {QStringLiteral("startedBy"), shift.startedBy}};
    object.insert(QStringLiteral("endedAt"),
        shift.endedAtMs ? QJsonValue(api::isoTimeMs(*shift.endedAtMs)) : QJsonValue(QJsonValue::Null));
    return object;
}

void sendHttpError(const HttpResponder &responder, const HttpError &error)
{
    responder.sendError(error.status, error.code, error.detail);
}

bool isStation(const HttpRequest &request)
{
    return request.principal.role == u"station";
}

} // namespace

YieldApi::YieldApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void YieldApi::addRoutes(HttpRouter &router)
{
    const QStringList readers {QStringLiteral("admin"), QStringLiteral("supervisor"), QStringLiteral("operator")};
    const QStringList shiftUsers = readers + QStringList {QStringLiteral("station")};
    // Starting a shift resets the station's counts: a supervisor's decision
    // (or a station's own, for a line run by scripts), not an operator's.
    const QStringList shiftStarters = roles::supervisors() + roles::station();
    router.addRoute({"GET", QStringLiteral("/api/v1/yield"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            yield(request, responder);
        }});
    router.addRoute({"GET", QStringLiteral("/api/v1/shifts"), shiftUsers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            listShifts(request, responder);
        }});
    router.addRoute({"POST", QStringLiteral("/api/v1/shifts"), shiftStarters, 64 * 1024, {},
        [this](HttpRequest &request, HttpResponder responder) {
            startShift(request, responder);
        }});
}

void YieldApi::yield(HttpRequest &request, const HttpResponder &responder)
{
    QHash<QString, QString> values;
    for (const QString &key : yieldFilterKeys())
        values.insert(key, request.queryValue(key));
    auto filter = parseYieldFilter(values);
    if (!filter) {
        sendHttpError(responder, api::fromError(filter.error()));
        return;
    }
    ServerStore *store = m_context.store;
    const bool started = m_workers.run(
        [store, filter = filter.value()]() -> Answer {
            auto report = YieldQuery(store->database()).run(filter);
            if (!report) {
                const HttpError e = api::fromError(report.error());
                return Answer {
                    e.status, QJsonObject {{QStringLiteral("error"), e.code}, {QStringLiteral("detail"), e.detail}}};
            }
            return Answer {200, YieldQuery::toJson(*report)};
        },
        [responder](Answer answer) { responder.send(HttpResponse::json(answer.status, answer.body)); });
    if (!started)
        responder.sendError(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

void YieldApi::listShifts(HttpRequest &request, const HttpResponder &responder)
{
    QString station = request.queryValue(QStringLiteral("station"));
    if (isStation(request)) {
        if (!station.isEmpty() && station != request.principal.user) {
            responder.sendError(
                403, QStringLiteral("forbidden"), QStringLiteral("A station sees its own shifts only."));
            return;
        }
        station = request.principal.user;
    }
    bool ok = true;
    const int limit
        = request.hasQueryValue(QStringLiteral("limit")) ? request.queryValue(QStringLiteral("limit")).toInt(&ok) : 50;
    if (!ok || limit < 1 || limit > 1000) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("limit must be from 1 to 1000."));
        return;
    }
    const auto shifts = m_context.store->shifts().list(station, limit);
    if (!shifts) {
        sendHttpError(responder, api::fromError(shifts.error()));
        return;
    }
    QJsonArray list;
    for (const Shift &shift : *shifts)
        list.append(shiftJson(shift));
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("shifts"), list}}));
}

void YieldApi::startShift(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    if (!api::jsonBody(request, body, error)) {
        sendHttpError(responder, error);
        return;
    }
    QString station = body.value(QStringLiteral("station")).toString();
    if (isStation(request)) {
        if (!station.isEmpty() && station != request.principal.user) {
            responder.sendError(
                403, QStringLiteral("forbidden"), QStringLiteral("A station starts its own shifts only."));
            return;
        }
        station = request.principal.user;
    } else if (!api::requireString(body, QStringLiteral("station"), station, error)) {
        sendHttpError(responder, error);
        return;
    }
    const auto shift = m_context.store->shifts().start(station, request.principal.user, api::actor(request));
    if (!shift) {
        sendHttpError(responder, api::fromError(shift.error()));
        return;
    }
    responder.send(HttpResponse::json(201, shiftJson(*shift)));
}

} // namespace prov::server::http

#include "server/http/StationsApi.h"

#include "domain/DeviceIds.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"
#include "server/store/SqlSupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>

namespace prov::server::http {

namespace {

struct Answer
{
    int status = 200;
    QJsonObject body;
};

Answer failure(const Error &error)
{
    const HttpError e = api::fromError(error);
    return Answer {e.status, QJsonObject {{QStringLiteral("error"), e.code}, {QStringLiteral("detail"), e.detail}}};
}

QString nodeIdText(qint64 value)
{
    return NodeId(static_cast<quint32>(value)).toString();
}

} // namespace

StationsApi::StationsApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void StationsApi::addRoutes(HttpRouter &router)
{
    const QStringList readers = roles::lineReaders();
    router.addRoute({"GET", QStringLiteral("/api/v1/stations"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            stations(request, responder);
        }});
    router.addRoute({"POST", QStringLiteral("/api/v1/stations/heartbeat"), {QStringLiteral("station")}, 16 * 1024, {},
        [this](HttpRequest &request, HttpResponder responder) {
            heartbeat(request, responder);
        }});
    router.addRoute({"GET", QStringLiteral("/api/v1/stations/{station}/results"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            results(request, responder);
        }});
}

namespace {

/// A period bound from the query (`from`, `to`: ISO 8601); false with a 400 sent when it does not parse.
bool periodBound(
    const HttpRequest &request, const QString &name, std::optional<qint64> &bound, const HttpResponder &responder)
{
    if (!request.hasQueryValue(name))
        return true;
    const QString text = request.queryValue(name);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) {
        responder.sendError(400, QStringLiteral("bad_request"),
            QStringLiteral("%1 '%2' is not an ISO 8601 date and time").arg(name, text.left(40)));
        return false;
    }
    bound = time.toMSecsSinceEpoch();
    return true;
}

QJsonObject statusJson(const StationStatus &s)
{
    QJsonObject entry {{QStringLiteral("station"), s.station}, {QStringLiteral("online"), s.online},
        {QStringLiteral("runs"), s.runs}, {QStringLiteral("passed"), s.passed}, {QStringLiteral("failed"), s.failed},
        {QStringLiteral("stationFaults"), s.stationFaults}, {QStringLiteral("firstRuns"), s.firstRuns},
        {QStringLiteral("firstPassed"), s.firstPassed}, {QStringLiteral("pending"), s.pendingKeys},
        {QStringLiteral("configuration"), s.configId}, {QStringLiteral("batch"), s.batch}};
    if (const auto fpy = s.firstPassYield())
        entry.insert(QStringLiteral("firstPassYield"), *fpy);
    if (s.lastSeenMs > 0) {
        entry.insert(QStringLiteral("lastSeen"), api::isoTimeMs(s.lastSeenMs));
        entry.insert(QStringLiteral("upSince"), api::isoTimeMs(s.upSinceMs));
        entry.insert(QStringLiteral("version"), s.version);
        entry.insert(QStringLiteral("slots"), s.slotCount);
        entry.insert(QStringLiteral("running"), s.running);
        entry.insert(QStringLiteral("operations"), s.operations);
    }
    if (s.lastRunMs > 0)
        entry.insert(QStringLiteral("lastRun"), api::isoTimeMs(s.lastRunMs));
    return entry;
}

} // namespace

void StationsApi::stations(HttpRequest &request, const HttpResponder &responder)
{
    std::optional<qint64> from;
    std::optional<qint64> to;
    if (!periodBound(request, QStringLiteral("from"), from, responder)
        || !periodBound(request, QStringLiteral("to"), to, responder))
        return;
    ServerStore *store = m_context.store;
    const bool started = m_workers.run(
        [store, from, to]() -> Answer {
            auto list = store->stationStatus().stations(from, to);
            if (!list)
                return failure(list.error());
            QJsonArray stations;
            for (const StationStatus &s : list.value())
                stations.append(statusJson(s));
            return Answer {200, QJsonObject {{QStringLiteral("stations"), stations}}};
        },
        [responder](Answer answer) { responder.send(HttpResponse::json(answer.status, answer.body)); });
    if (!started)
        responder.sendError(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

void StationsApi::heartbeat(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    if (!api::jsonBody(request, body, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    StationHeartbeat beat;
    beat.station = request.principal.user;
    beat.session = body.value(QStringLiteral("session")).toString();
    beat.version = body.value(QStringLiteral("version")).toString();
    beat.slotCount = body.value(QStringLiteral("slots")).toInt();
    beat.running = body.value(QStringLiteral("running")).toInt();
    beat.operations = body.value(QStringLiteral("operations")).toObject();
    beat.configId = body.value(QStringLiteral("configuration")).toString();
    beat.batch = body.value(QStringLiteral("batch")).toVariant().toLongLong();
    QString problem;
    if (beat.session.isEmpty() || beat.session.size() > 64)
        problem = QStringLiteral("session must be a non-empty string of at most 64 characters");
    else if (beat.version.size() > 64)
        problem = QStringLiteral("version must be at most 64 characters");
    else if (beat.slotCount < 0 || beat.running < 0 || beat.running > beat.slotCount)
        problem = QStringLiteral("slots and running must be counts, running at most slots");
    else if (beat.configId.size() > 64 || beat.operations.size() > 16)
        problem = QStringLiteral("configuration or operations is too long");
    if (!problem.isEmpty()) {
        responder.sendError(422, QStringLiteral("invalid_heartbeat"), problem);
        return;
    }
    ServerStore *store = m_context.store;
    const bool started = m_workers.run(
        [store, beat]() -> Answer {
            const Status stored = store->stationStatus().recordHeartbeat(beat);
            if (!stored.ok())
                return failure(stored.error());
            return Answer {200,
                QJsonObject {{QStringLiteral("station"), beat.station},
                    {QStringLiteral("intervalSeconds"), StationStatusStore::kHeartbeatIntervalMs / 1000}}};
        },
        [responder](Answer answer) { responder.send(HttpResponse::json(answer.status, answer.body)); });
    if (!started)
        responder.sendError(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

void StationsApi::results(HttpRequest &request, const HttpResponder &responder)
{
    bool ok = true;
    const int limit
        = request.hasQueryValue(QStringLiteral("limit")) ? request.queryValue(QStringLiteral("limit")).toInt(&ok) : 100;
    if (!ok || limit < 1 || limit > 10000) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("limit must be from 1 to 10000."));
        return;
    }
    const QString station = request.params.value(QStringLiteral("station"));
    ServerStore *store = m_context.store;
    const bool started = m_workers.run(
        [store, station, limit]() -> Answer {
            auto db = store->database().connection();
            if (!db)
                return failure(db.error());
            auto rows = runSql(db.value(),
                QStringLiteral("SELECT uuid, id, node_id, config_id, revision, batch, provisioned_at, state,"
                               " received_at, confirmed_at FROM escrow WHERE station = ?"
                               " ORDER BY received_at DESC, id DESC LIMIT ?"),
                {station, limit});
            if (!rows)
                return failure(rows.error());
            QJsonArray list;
            while (rows->next()) {
                QJsonObject entry {{QStringLiteral("uuid"), rows->value(0).toString()},
                    {QStringLiteral("id"), rows->value(1).toLongLong()},
                    {QStringLiteral("nodeId"), nodeIdText(rows->value(2).toLongLong())},
                    {QStringLiteral("configId"), rows->value(3).toString()},
                    {QStringLiteral("revision"), rows->value(4).toInt()},
                    {QStringLiteral("batch"), rows->value(5).toLongLong()},
                    {QStringLiteral("provisionedAt"), api::isoTimeMs(rows->value(6).toLongLong())},
                    {QStringLiteral("state"), rows->value(7).toString()},
                    {QStringLiteral("receivedAt"), api::isoTimeMs(rows->value(8).toLongLong())}};
                if (!rows->value(9).isNull())
                    entry.insert(QStringLiteral("confirmedAt"), api::isoTimeMs(rows->value(9).toLongLong()));
                list.append(entry);
            }
            return Answer {200, QJsonObject {{QStringLiteral("station"), station}, {QStringLiteral("results"), list}}};
        },
        [responder](Answer answer) { responder.send(HttpResponse::json(answer.status, answer.body)); });
    if (!started)
        responder.sendError(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

} // namespace prov::server::http

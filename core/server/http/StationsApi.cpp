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
    router.addRoute({"GET", QStringLiteral("/api/v1/stations/{station}/results"), readers, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            results(request, responder);
        }});
}

void StationsApi::stations(HttpRequest &, const HttpResponder &responder)
{
    ServerStore *store = m_context.store;
    const bool started = m_workers.run(
        [store]() -> Answer {
            auto db = store->database().connection();
            if (!db)
                return failure(db.error());
            auto rows = runSql(db.value(),
                QStringLiteral("SELECT station, SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END),"
                               " SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END),"
                               " SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), MAX(received_at)"
                               " FROM escrow GROUP BY station ORDER BY station"));
            if (!rows)
                return failure(rows.error());
            QJsonArray list;
            while (rows->next()) {
                const QString station = rows->value(0).toString();
                QJsonObject entry {{QStringLiteral("station"), station},
                    {QStringLiteral("passed"), rows->value(1).toLongLong()},
                    // Not done: failed after the keys, or never closed (pending).
                    {QStringLiteral("failed"), rows->value(2).toLongLong() + rows->value(3).toLongLong()},
                    {QStringLiteral("pending"), rows->value(2).toLongLong()},
                    {QStringLiteral("lastSeen"), api::isoTimeMs(rows->value(4).toLongLong())}};
                list.append(entry);
            }
            rows->finish();
            // The configuration and batch of each station's newest record.
            for (qsizetype i = 0; i < list.size(); ++i) {
                QJsonObject entry = list.at(i).toObject();
                auto newest = runSql(db.value(),
                    QStringLiteral("SELECT config_id, batch FROM escrow WHERE station = ?"
                                   " ORDER BY received_at DESC, id DESC LIMIT 1"),
                    {entry.value(QStringLiteral("station")).toString()});
                if (!newest)
                    return failure(newest.error());
                if (newest->next()) {
                    entry.insert(QStringLiteral("configuration"), newest->value(0).toString());
                    entry.insert(QStringLiteral("batch"), newest->value(1).toLongLong());
                }
                list.replace(i, entry);
            }
            return Answer {200, QJsonObject {{QStringLiteral("stations"), list}}};
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

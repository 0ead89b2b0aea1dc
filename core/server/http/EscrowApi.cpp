#include "server/http/EscrowApi.h"

#include "server/http/ApiContext.h"
#include "server/http/ApiSupport.h"
#include "server/http/GroupCommitWriter.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/http/RunsApi.h"
#include "server/store/ServerStore.h"

#include <QDateTime>
#include <QJsonArray>

#include <optional>

namespace prov::server::http {

namespace {

/// Identical for a first upload and its repetitions ("answered the same").
QJsonObject receiptJson(const EscrowReceipt &receipt)
{
    return QJsonObject {{QStringLiteral("uuid"), receipt.uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("id"), receipt.id}, {QStringLiteral("sequence"), receipt.id},
        {QStringLiteral("state"), domain::escrowStateName(receipt.state)},
        {QStringLiteral("superseded"), receipt.superseded}};
}

HttpResponse receiptOrError(const Result<EscrowReceipt> &receipt)
{
    if (receipt)
        return HttpResponse::json(200, receiptJson(receipt.value()));
    const Error &error = receipt.error();
    if (error.context == u"escrow.conflict")
        return HttpResponse::error(409, QStringLiteral("uuid_conflict"), error.message);
    if (error.context == u"escrow.closed")
        return HttpResponse::error(409, QStringLiteral("record_closed"), error.message);
    if (error.context == u"escrow.not_owner")
        return HttpResponse::error(403, QStringLiteral("wrong_station"), error.message);
    if (error.code == ResultCode::InvalidArguments)
        return HttpResponse::error(422, QStringLiteral("invalid_result"), error.message);
    return HttpResponse::error(503, QStringLiteral("not_stored"),
        QStringLiteral("The record was not stored (%1); send it again.").arg(error.message));
}

QJsonObject summaryJson(const EscrowSummary &summary)
{
    return QJsonObject {{QStringLiteral("uuid"), summary.uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("id"), summary.id}, {QStringLiteral("sequence"), summary.id},
        {QStringLiteral("nodeId"), summary.nodeId.toString()},
        {QStringLiteral("configId"), summary.configId.toString()}, {QStringLiteral("revision"), summary.revision},
        {QStringLiteral("batch"), qint64(summary.batch.value())}, {QStringLiteral("station"), summary.station},
        {QStringLiteral("provisionedAt"), api::isoTime(summary.provisionedAt)},
        {QStringLiteral("state"), domain::escrowStateName(summary.state)}};
}

/// "2026-11-20T08:58:01Z, server clock 2026-11-20T09:58:03Z: the station is 3602.0 s behind"
QString describeSkew(qint64 stationMs, qint64 serverMs)
{
    const qint64 diff = stationMs - serverMs;
    return QStringLiteral("%1, server clock %2: the station is %3 s %4")
        .arg(api::isoTimeMs(stationMs), api::isoTimeMs(serverMs))
        .arg(QString::number(double(qAbs(diff)) / 1000.0, 'f', 1),
            diff < 0 ? QStringLiteral("behind") : QStringLiteral("ahead"));
}

/// The clock rule: the station's clock when it sent the record (`sentAt`, or
/// provisionedAt when a station does not send it) within the limit of the
/// server's, and provisionedAt not later than the server's clock plus the limit.
/// A record replayed from an outbox hours later passes: its sentAt is current.
std::optional<QString> clockProblem(const QJsonObject &body, const EscrowRecord &record, qint64 maxSkewMs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 provisioned = record.provisionedAt.toMSecsSinceEpoch();
    const QDateTime sent = QDateTime::fromString(body.value(QStringLiteral("sentAt")).toString(), Qt::ISODateWithMs);
    const qint64 stationNow = sent.isValid() ? sent.toMSecsSinceEpoch() : provisioned;
    const QString limit = QStringLiteral("the limit is %1 s").arg(maxSkewMs / 1000.0);
    if (qAbs(stationNow - now) > maxSkewMs)
        return QStringLiteral("station clock %1; %2. Set the station's clock; the station keeps the record.")
            .arg(describeSkew(stationNow, now), limit);
    if (provisioned - now > maxSkewMs)
        return QStringLiteral("provisionedAt %1 is in the future; %2.").arg(describeSkew(provisioned, now), limit);
    return std::nullopt;
}

} // namespace

EscrowApi::EscrowApi(ApiContext &context, GroupCommitWriter &writer, RunsApi &runs, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_writer(writer)
    , m_runs(runs)
{ }

void EscrowApi::addRoutes(HttpRouter &router)
{
    const QStringList station {QStringLiteral("station")};
    const QStringList readers {QStringLiteral("admin"), QStringLiteral("operator")};
    // A record carries a 4 KiB-ish run log; the store cuts run logs at 64 KiB.
    const qint64 maxRecordBytes = qMin<qint64>(m_context.limits.maxBodyBytes, 256 * 1024);
    auto bind = [this](void (EscrowApi::*method)(HttpRequest &, const HttpResponder &)) {
        return [this, method](HttpRequest &request, HttpResponder responder) {
            (this->*method)(request, responder);
        };
    };
    for (const QString &base : {QStringLiteral("/api/v1/escrow"), QStringLiteral("/api/v1/results")}) {
        router.addRoute({"POST", base, station, maxRecordBytes, {}, bind(&EscrowApi::upload)});
        router.addRoute({"POST", base + QStringLiteral("/{uuid}/confirm"),
            {QStringLiteral("station"), QStringLiteral("admin")}, 64 * 1024, {}, bind(&EscrowApi::confirm)});
        router.addRoute({"GET", base + QStringLiteral("/{uuid}"), readers, -1, {}, bind(&EscrowApi::record)});
    }
    router.addRoute(
        {"GET", QStringLiteral("/api/v1/nodes/{nodeId}/escrow"), readers, -1, {}, bind(&EscrowApi::history)});
    router.addRoute(
        {"GET", QStringLiteral("/api/v1/devices/incomplete"), readers, -1, {}, bind(&EscrowApi::incomplete)});
}

void EscrowApi::upload(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    if (!api::jsonBody(request, body, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    if (!body.contains(QStringLiteral("nodeRootKey"))) {
        // A run record (every run, keys or not): nothing to escrow.
        m_runs.upload(request, body, responder);
        return;
    }
    auto record = EscrowRecord::fromJson(body);
    if (!record) {
        responder.sendError(422, QStringLiteral("invalid_result"), record.error().message);
        return;
    }
    // A station writes only its own records: its name comes from its token.
    if (record->station.isEmpty())
        record->station = request.principal.user;
    if (record->station != request.principal.user) {
        responder.sendError(403, QStringLiteral("wrong_station"),
            QStringLiteral("this token belongs to station %1; it may not write a record of station %2")
                .arg(request.principal.user, record->station.left(64)));
        return;
    }
    if (const auto problem = clockProblem(body, record.value(), m_context.maxClockSkewMs)) {
        responder.sendError(422, QStringLiteral("clock_skew"), *problem);
        return;
    }
    const QString uploadedBy = api::actor(request);
    ServerStore *store = m_context.store;
    m_writer.submit([store, record = record.value(), uploadedBy] { return store->escrow().upload(record, uploadedBy); },
        [responder](Result<EscrowReceipt> receipt) { responder.send(receiptOrError(receipt)); });
}

void EscrowApi::confirm(HttpRequest &request, const HttpResponder &responder)
{
    const QUuid uuid = QUuid::fromString(request.params.value(QStringLiteral("uuid")));
    if (uuid.isNull()) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("The path does not name a UUID."));
        return;
    }
    QJsonObject verification;
    EscrowState target = EscrowState::Done;
    if (!request.body.isEmpty()) {
        QJsonObject body;
        HttpError error;
        if (!api::jsonBody(request, body, error)) {
            responder.send(HttpResponse::error(error));
            return;
        }
        verification = body.value(QStringLiteral("verification")).toObject();
        const QString state = body.value(QStringLiteral("state")).toString(QStringLiteral("done"));
        const auto parsed = domain::escrowStateFromName(state);
        if (!parsed || *parsed == EscrowState::Pending) {
            responder.sendError(422, QStringLiteral("invalid_result"),
                QStringLiteral("state '%1' is not 'done' or 'failed'").arg(state.left(32)));
            return;
        }
        target = *parsed;
    }
    // Only the station that opened the record, or an admin, closes it.
    const std::optional<QString> owner
        = request.principal.role == u"admin" ? std::nullopt : std::optional<QString>(request.principal.user);
    ServerStore *store = m_context.store;
    m_writer.submit([store, uuid, verification, owner,
                        target] { return store->escrow().confirm(uuid, verification, owner, target); },
        [responder, uuid](Result<EscrowReceipt> receipt) {
            if (!receipt && receipt.error().code == ResultCode::InvalidArguments
                && receipt.error().message.startsWith(QStringLiteral("no result"))) {
                responder.sendError(404, QStringLiteral("not_found"), receipt.error().message);
                return;
            }
            responder.send(receiptOrError(receipt));
        });
}

void EscrowApi::record(HttpRequest &request, const HttpResponder &responder)
{
    const QUuid uuid = QUuid::fromString(request.params.value(QStringLiteral("uuid")));
    const auto record = uuid.isNull()
        ? Result<EscrowRecord>(makeError(ResultCode::InvalidArguments, QStringLiteral("not a UUID")))
        : m_context.store->escrow().record(uuid);
    if (!record) {
        responder.send(record.error().code == ResultCode::InvalidArguments
                ? HttpResponse::error(404, QStringLiteral("not_found"), record.error().message)
                : HttpResponse::error(api::fromError(record.error())));
        return;
    }
    // Without key material: the export is the one way keys leave the server.
    QJsonObject json = record->toJson();
    json.remove(QStringLiteral("nodeRootKey"));
    QJsonArray apps;
    for (const QJsonValue app : json.value(QStringLiteral("apps")).toArray()) {
        QJsonObject entry = app.toObject();
        entry.remove(QStringLiteral("key"));
        apps.append(entry);
    }
    json.insert(QStringLiteral("apps"), apps);
    responder.send(HttpResponse::json(200, json));
}

void EscrowApi::history(HttpRequest &request, const HttpResponder &responder)
{
    const auto nodeId = NodeId::parse(request.params.value(QStringLiteral("nodeId")));
    if (!nodeId) {
        responder.sendError(400, QStringLiteral("bad_request"), nodeId.error().message);
        return;
    }
    const auto rows = m_context.store->escrow().history(nodeId.value());
    if (!rows) {
        responder.send(HttpResponse::error(api::fromError(rows.error())));
        return;
    }
    QJsonArray list;
    for (const EscrowSummary &summary : rows.value())
        list.append(summaryJson(summary));
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("records"), list}}));
}

void EscrowApi::incomplete(HttpRequest &request, const HttpResponder &responder)
{
    std::optional<ConfigId> configId;
    if (request.hasQueryValue(QStringLiteral("configId"))) {
        const auto parsed = ConfigId::parse(request.queryValue(QStringLiteral("configId")));
        if (!parsed) {
            responder.sendError(400, QStringLiteral("bad_request"), parsed.error().message);
            return;
        }
        configId = parsed.value();
    }
    const auto rows = m_context.store->escrow().incomplete(configId);
    if (!rows) {
        responder.send(HttpResponse::error(api::fromError(rows.error())));
        return;
    }
    QJsonArray list;
    for (const EscrowSummary &summary : rows.value())
        list.append(summaryJson(summary));
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("devices"), list}}));
}

} // namespace prov::server::http

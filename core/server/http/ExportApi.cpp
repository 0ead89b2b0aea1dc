#include "server/http/ExportApi.h"

#include "domain/DeviceIds.h"
#include "server/export/ExportWriter.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/HttpBodySource.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>

namespace prov::server::http {

namespace {

/// Pulls the export document from an ExportStream as the socket drains.
class ExportBodySource : public HttpBodySource
{
public:
    explicit ExportBodySource(std::unique_ptr<ExportStream> stream)
        : m_stream(std::move(stream))
    { }

    qint64 size() const override { return -1; }
    bool atEnd() const override { return m_stream->atEnd(); }
    bool read(qint64 maxBytes, QByteArray &out, QString &error) override
    {
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly | QIODevice::Append);
        const auto done = m_stream->writeMore(&buffer, maxBytes);
        if (!done) {
            error = done.error().toString();
            return false;
        }
        return true;
    }

private:
    std::unique_ptr<ExportStream> m_stream;
};

ExportRequest requestOf(const HttpRequest &request)
{
    ExportRequest ask;
    ask.configId = request.queryValue(QStringLiteral("configId"));
    ask.configAlias = request.queryValue(QStringLiteral("configAlias"));
    ask.batches = request.queryValue(QStringLiteral("batches"));
    ask.nodeIds = request.queryValue(QStringLiteral("nodeIds"));
    ask.from = request.queryValue(QStringLiteral("from"));
    ask.to = request.queryValue(QStringLiteral("to"));
    return ask;
}

HttpResponse selectionError(const Error &error)
{
    return error.code == ResultCode::InvalidArguments
        ? HttpResponse::error(400, QStringLiteral("invalid_selection"), error.toString())
        : HttpResponse::error(api::fromError(error));
}

} // namespace

ExportApi::ExportApi(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{ }

void ExportApi::addRoutes(HttpRouter &router)
{
    router.addRoute({"GET", QStringLiteral("/api/v1/export"), roles::admin(), -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            exportKeys(request, responder);
        }});
    router.addRoute({"GET", QStringLiteral("/api/v1/export/left-out"), roles::admin(), -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            leftOut(request, responder);
        }});
}

void ExportApi::exportKeys(HttpRequest &request, const HttpResponder &responder)
{
    auto stream = ExportWriter::openStream(*m_context.store, requestOf(request), api::actor(request));
    if (!stream) {
        responder.send(selectionError(stream.error()));
        return;
    }
    const qint64 count = stream.value()->count();
    // The nodes left out come from the export's own snapshot, before the body:
    // the count always, the IDs while they fit a header; the full list (with
    // state and station) is GET /api/v1/export/left-out with the same query.
    const QList<ExportLeftOut> &leftOut = stream.value()->leftOut();
    QByteArrayList leftOutIds;
    if (leftOut.size() <= kMaxLeftOutInHeader) {
        for (const ExportLeftOut &node : leftOut)
            leftOutIds.append(NodeId(node.nodeId).toString().toLatin1());
    }
    HttpResponse response
        = HttpResponse::stream(200, "application/xml", std::make_shared<ExportBodySource>(std::move(stream.value())));
    response.headers.set("Content-Disposition", "attachment; filename=\"device_keys.xml\"");
    response.headers.set("X-Device-Count", QByteArray::number(count));
    response.headers.set("X-Left-Out-Count", QByteArray::number(leftOut.size()));
    if (!leftOut.isEmpty() && leftOutIds.size() == leftOut.size())
        response.headers.set("X-Left-Out-Nodes", leftOutIds.join(','));
    response.headers.set("Cache-Control", "no-store");
    responder.send(response);
}

void ExportApi::leftOut(HttpRequest &request, const HttpResponder &responder)
{
    auto selection = ExportSelection::resolve(requestOf(request), m_context.store->packages());
    if (!selection) {
        responder.send(selectionError(selection.error()));
        return;
    }
    auto nodes = ExportRowReader::leftOutOf(m_context.store->database(), selection.value());
    if (!nodes) {
        responder.send(HttpResponse::error(api::fromError(nodes.error())));
        return;
    }
    QJsonArray list;
    for (const ExportLeftOut &node : std::as_const(nodes.value())) {
        list.append(QJsonObject {{QStringLiteral("nodeId"), NodeId(node.nodeId).toString()},
            {QStringLiteral("state"), node.state}, {QStringLiteral("station"), node.station},
            {QStringLiteral("provisionedAt"), api::isoTimeMs(node.provisionedAtMs)},
            {QStringLiteral("sequence"), node.sequence}});
    }
    responder.send(HttpResponse::json(200,
        QJsonObject {{QStringLiteral("configId"), selection->configId.toString()},
            {QStringLiteral("count"), list.size()}, {QStringLiteral("nodes"), list}}));
}

} // namespace prov::server::http

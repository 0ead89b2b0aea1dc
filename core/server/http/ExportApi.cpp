#include "server/http/ExportApi.h"

#include "server/export/ExportWriter.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiSupport.h"
#include "server/http/HttpBodySource.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"

#include <QBuffer>

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

} // namespace

ExportApi::ExportApi(ApiContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{ }

void ExportApi::addRoutes(HttpRouter &router)
{
    router.addRoute({"GET", QStringLiteral("/api/v1/export"), {QStringLiteral("admin")}, -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            exportKeys(request, responder);
        }});
}

void ExportApi::exportKeys(HttpRequest &request, const HttpResponder &responder)
{
    ExportRequest ask;
    ask.configId = request.queryValue(QStringLiteral("configId"));
    ask.configAlias = request.queryValue(QStringLiteral("configAlias"));
    ask.batches = request.queryValue(QStringLiteral("batches"));
    ask.nodeIds = request.queryValue(QStringLiteral("nodeIds"));
    ask.from = request.queryValue(QStringLiteral("from"));
    ask.to = request.queryValue(QStringLiteral("to"));
    auto stream = ExportWriter::openStream(*m_context.store, ask, api::actor(request));
    if (!stream) {
        const Error &error = stream.error();
        responder.send(error.code == ResultCode::InvalidArguments
                ? HttpResponse::error(400, QStringLiteral("invalid_selection"), error.toString())
                : HttpResponse::error(api::fromError(error)));
        return;
    }
    const qint64 count = stream.value()->count();
    HttpResponse response
        = HttpResponse::stream(200, "application/xml", std::make_shared<ExportBodySource>(std::move(stream.value())));
    response.headers.set("Content-Disposition", "attachment; filename=\"device_keys.xml\"");
    response.headers.set("X-Device-Count", QByteArray::number(count));
    response.headers.set("Cache-Control", "no-store");
    responder.send(response);
}

} // namespace prov::server::http

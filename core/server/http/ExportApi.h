#pragma once

#include <QObject>

namespace prov::server::http {

class HttpRequest;
class HttpResponder;
class HttpRouter;
struct ApiContext;

/// GET /api/v1/export: device_keys.xml streamed as the client reads it (the
/// export stream is pulled a slice at a time when the socket drains), so
/// memory stays bounded whatever the number of devices. Admin only; audited.
/// The nodes the export leaves out (latest record not done) are named in its
/// headers (X-Left-Out-Count, X-Left-Out-Nodes up to kMaxLeftOutInHeader IDs)
/// and listed in full by GET /api/v1/export/left-out with the same query.
class ExportApi : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxLeftOutInHeader = 256; ///< 11 bytes each: under 3 KiB of header

    explicit ExportApi(ApiContext &context, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void exportKeys(HttpRequest &request, const HttpResponder &responder);
    void leftOut(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
};

} // namespace prov::server::http

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
class ExportApi : public QObject
{
    Q_OBJECT

public:
    explicit ExportApi(ApiContext &context, QObject *parent = nullptr);
    void addRoutes(HttpRouter &router);

private:
    void exportKeys(HttpRequest &request, const HttpResponder &responder);

    ApiContext &m_context;
};

} // namespace prov::server::http

#pragma once

#include "server/http/HttpBodySource.h"
#include "server/http/HttpError.h"
#include "server/http/HttpHeaders.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace prov::server::http {

/// A response: status, headers and either a small body or a streamed source.
class HttpResponse
{
public:
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    std::shared_ptr<HttpBodySource> source; ///< when set, streamed instead of `body`

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &object);
    [[nodiscard]] static HttpResponse json(int status, const QJsonArray &array);
    [[nodiscard]] static HttpResponse error(const HttpError &error);
    [[nodiscard]] static HttpResponse error(int status, const QString &code, const QString &detail);
    [[nodiscard]] static HttpResponse stream(
        int status, const QByteArray &contentType, std::shared_ptr<HttpBodySource> source);

    /// "200 OK" style reason phrase.
    [[nodiscard]] static QByteArray reasonPhrase(int status);
};

} // namespace prov::server::http

#include "server/http/ApiSupport.h"

#include "server/http/HttpRequest.h"
#include "server/store/TokenStore.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace prov::server::http::api {

bool jsonBody(const HttpRequest &request, QJsonObject &object, HttpError &error)
{
    const QByteArray type = request.headers.value("content-type").toLower();
    if (!type.isEmpty() && !type.startsWith("application/json")) {
        error = makeHttpError(
            415, QStringLiteral("unsupported_media_type"), QStringLiteral("The body must be application/json."));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        error = makeHttpError(400, QStringLiteral("invalid_json"),
            parseError.error != QJsonParseError::NoError
                ? QStringLiteral("The body is not valid JSON (%1 at offset %2).")
                      .arg(parseError.errorString())
                      .arg(parseError.offset)
                : QStringLiteral("The body must be a JSON object."));
        return false;
    }
    object = document.object();
    return true;
}

bool requireString(const QJsonObject &object, const QString &name, QString &value, HttpError &error)
{
    const QJsonValue member = object.value(name);
    if (!member.isString() || member.toString().isEmpty()) {
        error = makeHttpError(400, QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" must be a non-empty string.").arg(name));
        return false;
    }
    value = member.toString();
    return true;
}

HttpError fromError(const Error &error, int clientStatus)
{
    if (error.context == kAuthInvalidCredentials)
        return makeHttpError(401, QStringLiteral("invalid_credentials"), error.message);
    if (error.context == kAuthInvalidToken)
        return makeHttpError(401, QStringLiteral("invalid_token"), error.message);
    if (error.context == kAuthThrottled)
        return makeHttpError(429, QStringLiteral("too_many_failures"), error.message);
    if (error.code == ResultCode::InvalidArguments)
        return makeHttpError(clientStatus,
            clientStatus == 422 ? QStringLiteral("unprocessable") : QStringLiteral("bad_request"), error.toString());
    return makeHttpError(500, QStringLiteral("internal_error"), error.toString());
}

QString isoTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    QDateTime utc = time.toUTC();
    utc.setTime(QTime(utc.time().hour(), utc.time().minute(), utc.time().second()));
    return utc.toString(Qt::ISODate);
}

QString isoTimeMs(qint64 msSinceEpoch)
{
    return isoTime(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC));
}

QString peerName(const HttpRequest &request)
{
    bool isV4 = false;
    const quint32 v4 = request.peer.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : request.peer.toString();
}

QString actor(const HttpRequest &request)
{
    if (!request.principal.actor.isEmpty())
        return request.principal.actor;
    const QString kind = request.principal.role == u"station" ? QStringLiteral("station:") : QStringLiteral("user:");
    return kind + request.principal.user;
}

} // namespace prov::server::http::api

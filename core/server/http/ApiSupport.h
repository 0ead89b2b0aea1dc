#pragma once

#include "domain/Result.h"
#include "server/http/HttpError.h"
#include "server/http/HttpResponse.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace prov::server::http {

class HttpRequest;

/// Small helpers every API route uses.
namespace api {

/// The request body as a JSON object; false with a 400/415 error otherwise.
[[nodiscard]] bool jsonBody(const HttpRequest &request, QJsonObject &object, HttpError &error);
/// A required string member; false with a 400 error naming it.
[[nodiscard]] bool requireString(const QJsonObject &object, const QString &name, QString &value, HttpError &error);
/// An error of the store or the package reader as an HTTP error: the status is
/// picked from the error's context and code, the detail is its message.
[[nodiscard]] HttpError fromError(const Error &error, int clientStatus = 400);
/// UTC, Z-suffixed, whole seconds ("2026-11-20T09:58:01Z").
[[nodiscard]] QString isoTime(const QDateTime &time);
[[nodiscard]] QString isoTimeMs(qint64 msSinceEpoch);
/// The peer as the throttle and the audit log name it (IPv4-mapped IPv6 unwrapped).
[[nodiscard]] QString peerName(const HttpRequest &request);
/// "user:alice" / "station:line1" for the audit log, from the request's principal.
[[nodiscard]] QString actor(const HttpRequest &request);

} // namespace api
} // namespace prov::server::http

#include "server/http/HttpRouter.h"

#include "server/http/HttpRequest.h"

namespace prov::server::http {

HttpRouter::HttpRouter(qint64 defaultMaxBodyBytes)
    : m_defaultMaxBodyBytes(defaultMaxBodyBytes)
{ }

void HttpRouter::setAuthenticator(Authenticator authenticator)
{
    m_authenticator = std::move(authenticator);
}

void HttpRouter::addRoute(HttpRoute route)
{
    CompiledRoute compiled;
    compiled.segments = route.pattern.split(QLatin1Char('/'));
    compiled.route = std::move(route);
    m_routes.append(std::move(compiled));
}

bool HttpRouter::match(const CompiledRoute &route, const QStringList &segments, QHash<QString, QString> &params)
{
    if (route.segments.size() != segments.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &pattern = route.segments.at(i);
        if (pattern.startsWith(QLatin1Char('{')) && pattern.endsWith(QLatin1Char('}'))) {
            if (segments.at(i).isEmpty())
                return false;
            found.insert(pattern.mid(1, pattern.size() - 2), segments.at(i));
        } else if (pattern != segments.at(i)) {
            return false;
        }
    }
    params = found;
    return true;
}

QList<QPair<QByteArray, QString>> HttpRouter::routes() const
{
    QList<QPair<QByteArray, QString>> list;
    for (const CompiledRoute &route : m_routes)
        list.append({route.route.method, route.route.pattern});
    return list;
}

HttpDispatch HttpRouter::dispatch(HttpRequest &request)
{
    HttpDispatch dispatch;
    QStringList segments;
    for (const QByteArray &raw : request.rawPath().split('/')) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(raw);
        if (decoded.contains('/') || decoded.contains('\0')) {
            dispatch.error
                = makeHttpError(400, QStringLiteral("bad_request"), QStringLiteral("The path is malformed."));
            return dispatch;
        }
        segments.append(QString::fromUtf8(decoded));
    }

    const QByteArray method = request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method;
    const CompiledRoute *found = nullptr;
    QByteArrayList allowed;
    for (const CompiledRoute &route : std::as_const(m_routes)) {
        QHash<QString, QString> params;
        if (!match(route, segments, params))
            continue;
        allowed.append(route.route.method);
        if (route.route.method == method && !found) {
            found = &route;
            request.params = params;
        }
    }
    if (!found) {
        if (allowed.isEmpty()) {
            dispatch.error = makeHttpError(404, QStringLiteral("not_found"),
                QStringLiteral("There is no resource at %1.").arg(QString::fromLatin1(request.rawPath())));
        } else {
            if (allowed.contains("GET"))
                allowed.append("HEAD");
            dispatch.error = makeHttpError(405, QStringLiteral("method_not_allowed"),
                QStringLiteral("%1 is not allowed on %2.")
                    .arg(QString::fromLatin1(request.method), QString::fromLatin1(request.rawPath())));
            dispatch.errorHeaders.set("Allow", allowed.join(", "));
        }
        return dispatch;
    }

    const HttpRoute &route = found->route;
    if (!route.roles.isEmpty()) {
        HttpError error;
        if (!m_authenticator) {
            error = makeHttpError(401, QStringLiteral("unauthorized"), QStringLiteral("No token can be checked."));
        } else if (m_authenticator(request, error)) {
            if (!route.roles.contains(request.principal.role)) {
                error = makeHttpError(403, QStringLiteral("forbidden"),
                    QStringLiteral("The role \"%1\" may not %2 %3.")
                        .arg(request.principal.role, QString::fromLatin1(request.method), route.pattern));
            }
        } else if (!error.isSet()) {
            error = makeHttpError(
                401, QStringLiteral("unauthorized"), QStringLiteral("A valid bearer token is required."));
        }
        if (error.isSet()) {
            if (error.status == 401)
                dispatch.errorHeaders.set("WWW-Authenticate", "Bearer");
            dispatch.error = error;
            return dispatch;
        }
    }

    dispatch.maxBodyBytes = route.maxBodyBytes >= 0 ? route.maxBodyBytes : m_defaultMaxBodyBytes;
    if (route.sinkFactory) {
        HttpError error;
        dispatch.sink = route.sinkFactory(request, error);
        request.sink = dispatch.sink;
        if (!dispatch.sink) {
            dispatch.error = error.isSet() ? error
                                           : makeHttpError(500, QStringLiteral("internal_error"),
                                               QStringLiteral("The upload could not be prepared."));
            return dispatch;
        }
    }
    dispatch.handler = route.handler;
    return dispatch;
}

} // namespace prov::server::http

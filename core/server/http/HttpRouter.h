#pragma once

#include "server/http/HttpRequestHandler.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace prov::server::http {

class HttpRequest;

/// One route: method, path pattern with {named} segments, who may call it and
/// how its body is taken.
struct HttpRoute
{
    QByteArray method; ///< "GET" also answers HEAD
    QString pattern; ///< "/api/v1/files/{sha256}"
    QStringList roles; ///< empty: public, no token needed
    qint64 maxBodyBytes = -1; ///< -1: the server's JSON body limit
    /// Set for bodies that must be streamed (uploads); called after the token check.
    std::function<std::shared_ptr<HttpBodySink>(HttpRequest &, HttpError &)> sinkFactory;
    std::function<void(HttpRequest &, HttpResponder)> handler;
};

/// Matches requests to routes, checks the bearer token and the role before
/// any body is read (401 / 403 / 404 / 405), then tells the connection how to
/// take the body.
class HttpRouter : public HttpRequestHandler
{
public:
    /// Resolves a bearer token into a principal; false with `error` (401) otherwise.
    using Authenticator = std::function<bool(HttpRequest &, HttpError &)>;

    explicit HttpRouter(qint64 defaultMaxBodyBytes);

    void setAuthenticator(Authenticator authenticator);
    void addRoute(HttpRoute route);
    [[nodiscard]] HttpDispatch dispatch(HttpRequest &request) override;
    /// Method and pattern of every route, in the order they were added.
    [[nodiscard]] QList<QPair<QByteArray, QString>> routes() const;

private:
    struct CompiledRoute
    {
        HttpRoute route;
        QStringList segments;
    };
    [[nodiscard]] static bool match(
        const CompiledRoute &route, const QStringList &segments, QHash<QString, QString> &params);

    qint64 m_defaultMaxBodyBytes;
    Authenticator m_authenticator;
    QList<CompiledRoute> m_routes;
};

} // namespace prov::server::http

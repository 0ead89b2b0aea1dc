#include "server/http/AdminApi.h"

#include "crypto/SecretBytes.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"

#include <QJsonArray>
#include <QJsonObject>

#include <openssl/crypto.h>

namespace prov::server::http {

namespace {

HttpResponse noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse busy()
{
    return HttpResponse::error(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

/// A secret (the password, the badge) from a JSON body; the raw body is wiped.
bool takeSecret(HttpRequest &request, const QJsonObject &body, const QString &field,
    std::shared_ptr<crypto::SecretBytes> &secret, HttpError &error)
{
    if (!request.body.isEmpty())
        OPENSSL_cleanse(request.body.data(), static_cast<size_t>(request.body.size()));
    const QJsonValue value = body.value(field);
    if (!value.isString() || value.toString().isEmpty()) {
        error = makeHttpError(400, QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" must be a non-empty string.").arg(field));
        return false;
    }
    QByteArray utf8 = value.toString().toUtf8();
    secret = std::make_shared<crypto::SecretBytes>(crypto::SecretBytes::takeFrom(utf8));
    return true;
}

bool takePassword(
    HttpRequest &request, const QJsonObject &body, std::shared_ptr<crypto::SecretBytes> &password, HttpError &error)
{
    return takeSecret(request, body, QStringLiteral("password"), password, error);
}

QJsonObject tokenJson(const TokenInfo &token)
{
    return QJsonObject {{QStringLiteral("tokenId"), token.tokenId}, {QStringLiteral("kind"), token.kind},
        {QStringLiteral("owner"), token.owner}, {QStringLiteral("role"), roleName(token.role)},
        {QStringLiteral("createdAt"), api::isoTime(token.createdAt)},
        {QStringLiteral("expiresAt"), api::isoTime(token.expiresAt)}, {QStringLiteral("revoked"), token.revoked}};
}

} // namespace

AdminApi::AdminApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void AdminApi::addRoutes(HttpRouter &router)
{
    const QStringList admin = roles::admin();
    auto bind = [this](void (AdminApi::*method)(HttpRequest &, const HttpResponder &)) {
        return [this, method](HttpRequest &request, HttpResponder responder) {
            (this->*method)(request, responder);
        };
    };
    router.addRoute({"GET", QStringLiteral("/api/v1/users"), admin, -1, {}, bind(&AdminApi::listUsers)});
    router.addRoute({"POST", QStringLiteral("/api/v1/users"), admin, 64 * 1024, {}, bind(&AdminApi::addUser)});
    router.addRoute({"DELETE", QStringLiteral("/api/v1/users/{name}"), admin, -1, {}, bind(&AdminApi::removeUser)});
    router.addRoute(
        {"PUT", QStringLiteral("/api/v1/users/{name}/password"), admin, 64 * 1024, {}, bind(&AdminApi::setPassword)});
    router.addRoute(
        {"PUT", QStringLiteral("/api/v1/users/{name}/badge"), admin, 64 * 1024, {}, bind(&AdminApi::setBadge)});
    router.addRoute(
        {"DELETE", QStringLiteral("/api/v1/users/{name}/badge"), admin, -1, {}, bind(&AdminApi::removeBadge)});
    router.addRoute({"GET", QStringLiteral("/api/v1/tokens"), admin, -1, {}, bind(&AdminApi::listTokens)});
    router.addRoute({"POST", QStringLiteral("/api/v1/tokens"), admin, 64 * 1024, {}, bind(&AdminApi::issueToken)});
    router.addRoute(
        {"DELETE", QStringLiteral("/api/v1/tokens/{tokenId}"), admin, -1, {}, bind(&AdminApi::revokeToken)});
    router.addRoute({"DELETE", QStringLiteral("/api/v1/stations/{station}/tokens"), admin, -1, {},
        bind(&AdminApi::revokeStationTokens)});
    router.addRoute({"GET", QStringLiteral("/api/v1/audit"), admin, -1, {}, bind(&AdminApi::auditEntries)});
    router.addRoute({"GET", QStringLiteral("/api/v1/audit/verify"), admin, -1, {}, bind(&AdminApi::auditVerify)});
}

void AdminApi::listUsers(HttpRequest &, const HttpResponder &responder)
{
    const auto users = m_context.store->accounts().users();
    if (!users) {
        responder.send(HttpResponse::error(api::fromError(users.error())));
        return;
    }
    QJsonArray list;
    for (const UserInfo &user : users.value())
        list.append(QJsonObject {{QStringLiteral("name"), user.name}, {QStringLiteral("role"), roleName(user.role)},
            {QStringLiteral("createdAt"), api::isoTime(user.createdAt)}, {QStringLiteral("badge"), user.hasBadge}});
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("users"), list}}));
}

void AdminApi::addUser(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString name;
    QString roleText;
    std::shared_ptr<crypto::SecretBytes> password;
    auto badge = std::make_shared<crypto::SecretBytes>();
    if (!api::jsonBody(request, body, error) || !api::requireString(body, QStringLiteral("name"), name, error)
        || !api::requireString(body, QStringLiteral("role"), roleText, error)
        || !takePassword(request, body, password, error)
        || (body.contains(QStringLiteral("badge"))
            && !takeSecret(request, body, QStringLiteral("badge"), badge, error))) {
        responder.send(HttpResponse::error(error));
        return;
    }
    const auto role = parseRole(roleText);
    if (!role) {
        responder.send(HttpResponse::error(api::fromError(role.error())));
        return;
    }
    const auto existing = m_context.store->accounts().users();
    if (existing) {
        for (const UserInfo &user : existing.value()) {
            if (user.name == name) {
                responder.sendError(
                    409, QStringLiteral("user_exists"), QStringLiteral("The user \"%1\" already exists.").arg(name));
                return;
            }
        }
    }
    const QString actor = api::actor(request);
    const Role chosen = role.value();
    const bool started = m_workers.run(
        [this, name, chosen, password, badge, actor] {
            AccountStore &accounts = m_context.store->accounts();
            if (auto added = accounts.addUser(name, chosen, *password, actor); !added || badge->isEmpty())
                return added;
            // A refused badge (wrong role, too short, another user's) leaves no user behind.
            auto badged = accounts.setBadge(name, *badge, actor);
            if (!badged)
                (void)accounts.removeUser(name, actor);
            return badged;
        },
        [name, chosen, responder](Status status) {
            if (!status) {
                responder.send(HttpResponse::error(api::fromError(status.error())));
                return;
            }
            responder.send(HttpResponse::json(
                201, QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("role"), roleName(chosen)}}));
        });
    if (!started)
        responder.send(busy());
}

void AdminApi::removeUser(HttpRequest &request, const HttpResponder &responder)
{
    const auto status
        = m_context.store->accounts().removeUser(request.params.value(QStringLiteral("name")), api::actor(request));
    responder.send(status ? noContent() : HttpResponse::error(api::fromError(status.error(), 409)));
}

void AdminApi::setPassword(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    std::shared_ptr<crypto::SecretBytes> password;
    if (!api::jsonBody(request, body, error) || !takePassword(request, body, password, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    const QString name = request.params.value(QStringLiteral("name"));
    const QString actor = api::actor(request);
    const bool started = m_workers.run(
        [this, name, password, actor] { return m_context.store->accounts().setPassword(name, *password, actor); },
        [responder](Status status) {
            responder.send(status ? noContent() : HttpResponse::error(api::fromError(status.error())));
        });
    if (!started)
        responder.send(busy());
}

void AdminApi::setBadge(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    std::shared_ptr<crypto::SecretBytes> badge;
    if (!api::jsonBody(request, body, error) || !takeSecret(request, body, QStringLiteral("badge"), badge, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    const QString name = request.params.value(QStringLiteral("name"));
    const QString actor = api::actor(request);
    const bool started = m_workers.run(
        [this, name, badge, actor] { return m_context.store->accounts().setBadge(name, *badge, actor); },
        [responder](Status status) {
            responder.send(status ? noContent() : HttpResponse::error(api::fromError(status.error())));
        });
    if (!started)
        responder.send(busy());
}

void AdminApi::removeBadge(HttpRequest &request, const HttpResponder &responder)
{
    const auto status = m_context.store->accounts().setBadge(
        request.params.value(QStringLiteral("name")), crypto::SecretBytes(), api::actor(request));
    responder.send(status ? noContent() : HttpResponse::error(api::fromError(status.error())));
}

void AdminApi::listTokens(HttpRequest &, const HttpResponder &responder)
{
    const auto tokens = m_context.store->tokens().list();
    if (!tokens) {
        responder.send(HttpResponse::error(api::fromError(tokens.error())));
        return;
    }
    QJsonArray list;
    for (const TokenInfo &token : tokens.value())
        list.append(tokenJson(token));
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("tokens"), list}}));
}

void AdminApi::issueToken(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString station;
    if (!api::jsonBody(request, body, error) || !api::requireString(body, QStringLiteral("station"), station, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    const double days = body.value(QStringLiteral("lifetimeDays")).toDouble(0);
    if (days < 0 || days > 3650) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("lifetimeDays must be from 0 to 3650."));
        return;
    }
    const auto issued = m_context.store->tokens().issueStationToken(
        station, api::actor(request), static_cast<qint64>(days * 24 * 3600 * 1000));
    if (!issued) {
        responder.send(HttpResponse::error(api::fromError(issued.error())));
        return;
    }
    HttpResponse response = HttpResponse::json(201,
        QJsonObject {{QStringLiteral("token"), issued->token}, {QStringLiteral("tokenId"), issued->tokenId},
            {QStringLiteral("station"), issued->station},
            {QStringLiteral("expiresAt"), api::isoTime(issued->expiresAt)}});
    response.headers.set("Cache-Control", "no-store");
    responder.send(response);
}

void AdminApi::revokeToken(HttpRequest &request, const HttpResponder &responder)
{
    const auto status
        = m_context.store->tokens().revokeToken(request.params.value(QStringLiteral("tokenId")), api::actor(request));
    responder.send(status ? noContent() : HttpResponse::error(api::fromError(status.error(), 404)));
}

void AdminApi::revokeStationTokens(HttpRequest &request, const HttpResponder &responder)
{
    const QString station = request.params.value(QStringLiteral("station"));
    const auto revoked = m_context.store->tokens().revokeStationTokens(station, api::actor(request));
    if (!revoked) {
        responder.send(HttpResponse::error(api::fromError(revoked.error(), 404)));
        return;
    }
    responder.send(HttpResponse::json(
        200, QJsonObject {{QStringLiteral("station"), station}, {QStringLiteral("revoked"), revoked.value()}}));
}

void AdminApi::auditEntries(HttpRequest &request, const HttpResponder &responder)
{
    bool ok = true;
    const int limit
        = request.hasQueryValue(QStringLiteral("limit")) ? request.queryValue(QStringLiteral("limit")).toInt(&ok) : 100;
    if (!ok || limit < 1 || limit > 10000) {
        responder.sendError(400, QStringLiteral("bad_request"), QStringLiteral("limit must be from 1 to 10000."));
        return;
    }
    const auto entries = m_context.store->audit().latest(limit);
    if (!entries) {
        responder.send(HttpResponse::error(api::fromError(entries.error())));
        return;
    }
    QJsonArray list;
    for (const AuditEntry &entry : entries.value())
        list.append(QJsonObject {{QStringLiteral("seq"), entry.seq}, {QStringLiteral("at"), api::isoTimeMs(entry.atMs)},
            {QStringLiteral("actor"), entry.actor}, {QStringLiteral("action"), entry.action},
            {QStringLiteral("subject"), entry.subject}, {QStringLiteral("detail"), entry.detail}});
    responder.send(HttpResponse::json(200, QJsonObject {{QStringLiteral("entries"), list}}));
}

void AdminApi::auditVerify(HttpRequest &, const HttpResponder &responder)
{
    // Walks the whole chain: off the event loop.
    const bool started = m_workers.run([this] { return m_context.store->audit().verify(); },
        [responder](Result<AuditVerification> verification) {
            if (!verification) {
                responder.send(HttpResponse::error(api::fromError(verification.error())));
                return;
            }
            responder.send(HttpResponse::json(200,
                QJsonObject {{QStringLiteral("intact"), verification->intact},
                    {QStringLiteral("rows"), verification->rows}, {QStringLiteral("problem"), verification->problem}}));
        });
    if (!started)
        responder.send(busy());
}

} // namespace prov::server::http

#include "server/http/SessionApi.h"

#include "crypto/SecretBytes.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"

#include <QJsonObject>
#include <QTimer>

#include <openssl/crypto.h>

namespace prov::server::http {

namespace {

/// Takes a secret (the password, the badge) out of the JSON body.
/// (QJsonDocument keeps its own copy until it is destroyed; nothing is logged.)
bool takeSecret(const QJsonObject &body, const QString &field, crypto::SecretBytes &secret, HttpError &error)
{
    const QJsonValue value = body.value(field);
    if (!value.isString() || value.toString().isEmpty()) {
        error = makeHttpError(400, QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" must be a non-empty string.").arg(field));
        return false;
    }
    QByteArray utf8 = value.toString().toUtf8();
    secret = crypto::SecretBytes::takeFrom(utf8);
    return true;
}

bool takePassword(const QJsonObject &body, crypto::SecretBytes &password, HttpError &error)
{
    return takeSecret(body, QStringLiteral("password"), password, error);
}

void wipeBody(HttpRequest &request)
{
    if (!request.body.isEmpty())
        OPENSSL_cleanse(request.body.data(), static_cast<size_t>(request.body.size()));
    request.body.clear();
}

HttpResponse throttled(qint64 seconds)
{
    HttpResponse response = HttpResponse::error(429, QStringLiteral("too_many_failures"),
        QStringLiteral("Too many failed logins for this user or address: try again in %1 s.").arg(seconds));
    response.headers.set("Retry-After", QByteArray::number(seconds));
    return response;
}

HttpResponse busy()
{
    HttpResponse response = HttpResponse::error(
        503, QStringLiteral("busy"), QStringLiteral("Too many logins are being checked: try again shortly."));
    response.headers.set("Retry-After", "1");
    return response;
}

} // namespace

SessionApi::SessionApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void SessionApi::addRoutes(HttpRouter &router)
{
    router.addRoute({"POST", QStringLiteral("/api/v1/session"), {}, 64 * 1024, {},
        [this](HttpRequest &request, HttpResponder responder) {
            login(request, responder);
        }});
    router.addRoute({"DELETE", QStringLiteral("/api/v1/session"), roles::everyone(), -1, {},
        [this](HttpRequest &request, HttpResponder responder) {
            logout(request, responder);
        }});
    router.addRoute({"POST", QStringLiteral("/api/v1/setup"), {}, 64 * 1024, {},
        [this](HttpRequest &request, HttpResponder responder) {
            setup(request, responder);
        }});
}

void SessionApi::login(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString user;
    auto secret = std::make_shared<crypto::SecretBytes>();
    bool ok = api::jsonBody(request, body, error);
    // A scanned badge stands for user and password; the throttle counts it under one account.
    const bool badge = ok && body.contains(QStringLiteral("badge"));
    if (ok && badge) {
        ok = takeSecret(body, QStringLiteral("badge"), *secret, error);
        user = TokenStore::kBadgeAccount;
    } else if (ok) {
        ok = api::requireString(body, QStringLiteral("user"), user, error) && takePassword(body, *secret, error);
    }
    wipeBody(request);
    if (!ok) {
        responder.send(HttpResponse::error(error));
        return;
    }
    const QString peer = api::peerName(request);
    TokenStore &tokens = m_context.store->tokens();
    const auto wait = tokens.retryAfterSeconds(user, peer);
    if (!wait) {
        responder.send(HttpResponse::error(api::fromError(wait.error())));
        return;
    }
    if (wait.value() > kMaxHoldSeconds) {
        responder.send(throttled(wait.value()));
        return;
    }
    auto check = [this, user, badge, secret, peer, responder] {
        if (!responder.isConnected())
            return;
        const bool started = m_workers.run(
            [this, user, badge, secret, peer] {
                TokenStore &store = m_context.store->tokens();
                return badge ? store.authenticateBadge(*secret, peer) : store.authenticate(user, *secret, peer);
            },
            [this, user, badge, peer, responder](Result<Session> session) {
                if (!session) {
                    const Error &e = session.error();
                    if (e.context == kAuthThrottled) {
                        // Other failures came in while we waited: tell the client how long.
                        const auto again = m_context.store->tokens().retryAfterSeconds(user, peer);
                        responder.send(throttled(again ? qMax<qint64>(1, again.value()) : 1));
                        return;
                    }
                    if (e.context == kAuthInvalidCredentials) {
                        responder.send(HttpResponse::error(401, QStringLiteral("invalid_credentials"),
                            badge ? QStringLiteral("Unknown badge.") : QStringLiteral("Wrong user name or password.")));
                        return;
                    }
                    responder.send(HttpResponse::error(api::fromError(e)));
                    return;
                }
                HttpResponse response = HttpResponse::json(200,
                    QJsonObject {{QStringLiteral("token"), session->token}, {QStringLiteral("user"), session->userName},
                        {QStringLiteral("role"), roleName(session->role)},
                        {QStringLiteral("expiresAt"), api::isoTime(session->expiresAt)}});
                response.headers.set("Cache-Control", "no-store");
                responder.send(response);
            });
        if (!started)
            responder.send(busy());
    };
    if (wait.value() > 0) {
        // Slowed down: the answer waits out the block, the event loop does not. (Not
        // logged: the answer is, in the refusal summary or the access log.)
        // Precise: a coarse timer may fire early, before the block has run out.
        QTimer::singleShot(static_cast<int>(wait.value() * 1000) + 20, Qt::PreciseTimer, this, check);
    } else {
        check();
    }
}

void SessionApi::logout(HttpRequest &request, const HttpResponder &responder)
{
    const auto done = m_context.store->tokens().logout(QString::fromLatin1(request.bearerToken()));
    if (!done) {
        responder.send(HttpResponse::error(api::fromError(done.error())));
        return;
    }
    HttpResponse response;
    response.status = 204;
    responder.send(response);
}

void SessionApi::setup(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString setupCode;
    QString user;
    auto password = std::make_shared<crypto::SecretBytes>();
    // "setupToken" is the field's earlier name, still taken.
    const bool ok = api::jsonBody(request, body, error)
        && api::requireString(body,
            body.contains(QStringLiteral("setupCode")) ? QStringLiteral("setupCode") : QStringLiteral("setupToken"),
            setupCode, error)
        && api::requireString(body, QStringLiteral("user"), user, error) && takePassword(body, *password, error);
    wipeBody(request);
    if (!ok) {
        responder.send(HttpResponse::error(error));
        return;
    }
    const QString peer = api::peerName(request);
    const auto wait = m_context.store->tokens().retryAfterSeconds(QStringLiteral("(setup)"), peer);
    if (wait && wait.value() > 0) {
        responder.send(throttled(wait.value()));
        return;
    }
    const bool started = m_workers.run(
        [this, setupCode, user, password, peer] {
            return m_context.store->tokens().redeemSetupCode(setupCode, user, *password, peer);
        },
        [user, responder](Status status) {
            if (!status) {
                // A wrong or used code is 401, a bad name or password 400.
                responder.send(HttpResponse::error(api::fromError(status.error())));
                return;
            }
            responder.send(HttpResponse::json(
                201, QJsonObject {{QStringLiteral("user"), user}, {QStringLiteral("role"), QStringLiteral("admin")}}));
        });
    if (!started)
        responder.send(busy());
}

} // namespace prov::server::http

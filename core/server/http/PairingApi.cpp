#include "server/http/PairingApi.h"

#include "crypto/CertificatePin.h"
#include "crypto/PairingCode.h"
#include "server/http/ApiContext.h"
#include "server/http/ApiRoles.h"
#include "server/http/ApiSupport.h"
#include "server/http/ApiWorkers.h"
#include "server/http/HttpRequest.h"
#include "server/http/HttpResponder.h"
#include "server/http/HttpRouter.h"
#include "server/store/ServerStore.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <tuple>

namespace prov::server::http {

namespace {

constexpr qint64 kMaxBodyBytes = 4 * 1024;

HttpResponse busy()
{
    return HttpResponse::error(503, QStringLiteral("busy"), QStringLiteral("The server is busy: try again shortly."));
}

HttpResponse failure(const Error &error)
{
    static const QList<std::tuple<QLatin1String, int, const char *>> kStatuses {
        {kPairingUnknownCode, 404, "unknown_code"},
        {kPairingCodeUnusable, 410, "code_unusable"},
        {kPairingKeyMismatch, 409, "server_key_mismatch"},
        {kPairingWrongProof, 403, "wrong_proof"},
        {kPairingThrottled, 429, "too_many_attempts"},
    };
    for (const auto &[context, status, code] : kStatuses) {
        if (error.context == context)
            return HttpResponse::error(status, QString::fromLatin1(code), error.message);
    }
    return HttpResponse::error(api::fromError(error));
}

/// A base64 member of exactly `size` bytes.
bool requireBytes(const QJsonObject &body, const QString &name, qsizetype size, QByteArray &value, HttpError &error)
{
    QString text;
    if (!api::requireString(body, name, text, error))
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != size) {
        error = makeHttpError(400, QStringLiteral("bad_request"),
            QStringLiteral("The field \"%1\" must be the base64 of %2 bytes.").arg(name).arg(size));
        return false;
    }
    value = decoded.decoded;
    return true;
}

/// The station's view of the server key: "sha256//BASE64" of the SPKI.
bool requireServerKey(const QJsonObject &body, QByteArray &key, HttpError &error)
{
    QString text;
    if (!api::requireString(body, QStringLiteral("serverKey"), text, error))
        return false;
    const auto pin = crypto::CertificatePin::parse(text);
    if (!pin || pin->kind() != crypto::CertificatePin::Kind::SpkiSha256) {
        error = makeHttpError(400, QStringLiteral("bad_request"),
            QStringLiteral("The field \"serverKey\" must be sha256//BASE64 of the server key the station sees."));
        return false;
    }
    key = pin->digest();
    return true;
}

bool requireCodeId(const QJsonObject &body, QString &id, HttpError &error)
{
    if (!api::requireString(body, QStringLiteral("codeId"), id, error))
        return false;
    static const QRegularExpression kId(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{2}$"));
    if (!kId.match(id).hasMatch()) {
        error = makeHttpError(400, QStringLiteral("bad_request"),
            QStringLiteral("The field \"codeId\" must be the first %1 characters of the code.")
                .arg(crypto::PairingCode::kIdLength));
        return false;
    }
    return true;
}

} // namespace

PairingApi::PairingApi(ApiContext &context, ApiWorkers &workers, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_workers(workers)
{ }

void PairingApi::addRoutes(HttpRouter &router)
{
    auto bind = [this](void (PairingApi::*method)(HttpRequest &, const HttpResponder &)) {
        return [this, method](HttpRequest &request, HttpResponder responder) {
            (this->*method)(request, responder);
        };
    };
    router.addRoute({"POST", QStringLiteral("/api/v1/pairing/codes"), roles::admin(), kMaxBodyBytes, {},
        bind(&PairingApi::createCode)});
    router.addRoute(
        {"POST", QStringLiteral("/api/v1/pairing/challenge"), {}, kMaxBodyBytes, {}, bind(&PairingApi::challenge)});
    router.addRoute(
        {"POST", QStringLiteral("/api/v1/pairing/complete"), {}, kMaxBodyBytes, {}, bind(&PairingApi::complete)});
}

void PairingApi::createCode(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString station;
    if (!api::jsonBody(request, body, error) || !api::requireString(body, QStringLiteral("station"), station, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    ServerStore *store = m_context.store;
    const QString actor = api::actor(request);
    const QString serverKey = crypto::CertificatePin::ofPublicKey(m_context.tlsCertificate).toString();
    const bool started = m_workers.run([store, station, actor] { return store->pairing().createCode(station, actor); },
        [responder, serverKey](const Result<PairingCodeIssued> &issued) {
            if (!issued) {
                responder.send(failure(issued.error()));
                return;
            }
            QJsonObject answer {{QStringLiteral("code"), issued->code}, {QStringLiteral("station"), issued->station},
                {QStringLiteral("expiresAt"), api::isoTime(issued->expiresAt)}};
            if (!serverKey.isEmpty())
                answer.insert(QStringLiteral("serverKey"), serverKey);
            responder.send(HttpResponse::json(201, answer));
        });
    if (!started)
        responder.send(busy());
}

void PairingApi::challenge(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString codeId;
    QByteArray nonce;
    QByteArray seenKey;
    if (!api::jsonBody(request, body, error) || !requireCodeId(body, codeId, error)
        || !requireBytes(body, QStringLiteral("stationNonce"), crypto::kPairingNonceSize, nonce, error)
        || !requireServerKey(body, seenKey, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    if (!m_context.tls || m_context.tlsCertificate.isNull()) {
        responder.send(HttpResponse::error(409, QStringLiteral("tls_required"),
            QStringLiteral("This server speaks plain HTTP: pairing binds the server's TLS key and needs HTTPS.")));
        return;
    }
    ServerStore *store = m_context.store;
    const QByteArray ownKey = crypto::spkiSha256(m_context.tlsCertificate);
    const QString peer = api::peerName(request);
    const bool started
        = m_workers.run([store, codeId, nonce, seenKey, ownKey,
                            peer] { return store->pairing().challenge(codeId, nonce, seenKey, ownKey, peer); },
            [responder](const Result<PairingChallenge> &answer) {
                if (!answer) {
                    responder.send(failure(answer.error()));
                    return;
                }
                responder.send(HttpResponse::json(200,
                    QJsonObject {{QStringLiteral("serverNonce"), QString::fromLatin1(answer->serverNonce.toBase64())},
                        {QStringLiteral("serverProof"), QString::fromLatin1(answer->serverProof.toBase64())}}));
            });
    if (!started)
        responder.send(busy());
}

void PairingApi::complete(HttpRequest &request, const HttpResponder &responder)
{
    QJsonObject body;
    HttpError error;
    QString codeId;
    QByteArray serverNonce;
    QByteArray proof;
    QByteArray seenKey;
    if (!api::jsonBody(request, body, error) || !requireCodeId(body, codeId, error)
        || !requireBytes(body, QStringLiteral("serverNonce"), crypto::kPairingNonceSize, serverNonce, error)
        || !requireBytes(body, QStringLiteral("stationProof"), 32, proof, error)
        || !requireServerKey(body, seenKey, error)) {
        responder.send(HttpResponse::error(error));
        return;
    }
    if (!m_context.tls || m_context.tlsCertificate.isNull()) {
        responder.send(HttpResponse::error(409, QStringLiteral("tls_required"),
            QStringLiteral("This server speaks plain HTTP: pairing binds the server's TLS key and needs HTTPS.")));
        return;
    }
    ServerStore *store = m_context.store;
    const QString serverKey = crypto::CertificatePin::ofPublicKey(m_context.tlsCertificate).toString();
    const QString peer = api::peerName(request);
    const bool started
        = m_workers.run([store, codeId, serverNonce, proof, seenKey,
                            peer] { return store->pairing().complete(codeId, serverNonce, proof, seenKey, peer); },
            [responder, serverKey](const Result<PairingResult> &paired) {
                if (!paired) {
                    responder.send(failure(paired.error()));
                    return;
                }
                responder.send(HttpResponse::json(200,
                    QJsonObject {{QStringLiteral("station"), paired->station}, {QStringLiteral("token"), paired->token},
                        {QStringLiteral("tokenId"), paired->tokenId},
                        {QStringLiteral("expiresAt"), api::isoTime(paired->expiresAt)},
                        {QStringLiteral("serverKey"), serverKey}}));
            });
    if (!started)
        responder.send(busy());
}

} // namespace prov::server::http

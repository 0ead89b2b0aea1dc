#include "engine/PairingClient.h"

#include "crypto/PairingCode.h"
#include "crypto/Random.h"
#include "engine/EngineLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslConfiguration>

namespace prov::engine {

struct PairingClient::Run
{
    QUrl url;
    crypto::SecretBytes key;
    QString codeId;
    QByteArray stationNonce;
    crypto::CertificatePin seen; ///< the key the server showed on the first connection
    Callback done;

    [[nodiscard]] QString host() const { return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(8085)); }
};

namespace {

QNetworkRequest pinnedRequest(const QUrl &url, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    // No CA validation: the station has nothing to validate against yet. What
    // it trusts is the key, checked against `seen` on every reply.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    request.setSslConfiguration(tls);
    return request;
}

} // namespace

PairingClient::PairingClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

PairingClient::~PairingClient() = default;

Result<QUrl> PairingClient::parseServerUrl(const QString &text)
{
    static const QRegularExpression kUrl(
        QStringLiteral("^https://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?/?$"));
    const QRegularExpressionMatch m = kUrl.match(text.trimmed());
    if (!m.hasMatch())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("server \"%1\" is not https://HOST[:PORT] (pairing needs TLS)").arg(text));
    int port = 8085;
    if (m.hasCaptured(2)) {
        port = m.captured(2).toInt();
        if (port < 1 || port > 65535)
            return makeError(
                ResultCode::InvalidArguments, QStringLiteral("server \"%1\" has a port outside 1..65535").arg(text));
    }
    QString host = m.captured(1);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/"));
    return url;
}

void PairingClient::pair(const QUrl &url, const QString &codeText, Callback done)
{
    auto run = std::make_shared<Run>();
    run->url = url;
    run->done = std::move(done);
    const auto finish = [this, run](const Error &e) {
        QMetaObject::invokeMethod(
            this, [run, e] { run->done(e); }, Qt::QueuedConnection);
    };
    const auto code = crypto::PairingCode::parse(codeText);
    if (!code)
        return finish(code.error());
    auto key = code->deriveKey();
    auto nonce = crypto::randomBytes(crypto::kPairingNonceSize);
    if (!key)
        return finish(key.error());
    if (!nonce)
        return finish(nonce.error());
    run->key = std::move(key).value();
    run->codeId = code->id();
    run->stationNonce = nonce.value();
    learnKey(run);
}

void PairingClient::learnKey(const std::shared_ptr<Run> &run)
{
    // A request that carries nothing: its only purpose is the handshake.
    QNetworkReply *reply
        = m_network->get(pinnedRequest(run->url.resolved(QUrl(QStringLiteral("api/v1/health"))), m_timeoutMs));
    connect(reply, &QNetworkReply::finished, this, [this, run, reply] {
        reply->deleteLater();
        const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
        if (certificate.isNull()) {
            run->done(makeError(ResultCode::ServerUnreachable,
                QStringLiteral("server %1 cannot be reached over TLS: %2").arg(run->host(), reply->errorString())));
            return;
        }
        run->seen = crypto::CertificatePin::ofPublicKey(certificate);
        qCInfo(lcEngine).noquote() << "pairing with" << run->host() << "which shows the key" << run->seen.toString();
        sendChallenge(run);
    });
}

QNetworkReply *PairingClient::post(const std::shared_ptr<Run> &run, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request = pinnedRequest(run->url.resolved(QUrl(path)), m_timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const crypto::CertificatePin seen = run->seen;
    // The body must reach only the key the station has seen: a new connection
    // is checked once encrypted, before the request goes out.
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::encrypted, this, [reply, seen] {
        if (!seen.matches(reply->sslConfiguration().peerCertificate())) {
            reply->setProperty("provstationKeyChanged", true);
            reply->abort();
        }
    });
    return reply;
}

Error PairingClient::refusal(const std::shared_ptr<Run> &run, QNetworkReply *reply, const QString &step) const
{
    if (reply->property("provstationKeyChanged").toBool()
        || !run->seen.matches(reply->sslConfiguration().peerCertificate()))
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("server %1 changed its TLS key during pairing (%2): nothing was paired")
                .arg(run->host(), step));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return makeError(ResultCode::ServerUnreachable,
            QStringLiteral("server %1 unreachable (%2): %3").arg(run->host(), step, reply->errorString()));
    const QJsonObject body = QJsonDocument::fromJson(reply->read(64 * 1024)).object();
    QString detail = body.value(QLatin1String("detail")).toString();
    if (detail.isEmpty())
        detail = QStringLiteral("HTTP %1").arg(status);
    Error e = makeError(ResultCode::ServerErrorResponse,
        QStringLiteral("server %1 refused the pairing (%2): %3").arg(run->host(), step, detail));
    e.context = body.value(QLatin1String("error")).toString();
    return e;
}

void PairingClient::sendChallenge(const std::shared_ptr<Run> &run)
{
    const QJsonObject body {{QStringLiteral("codeId"), run->codeId},
        {QStringLiteral("stationNonce"), QString::fromLatin1(run->stationNonce.toBase64())},
        {QStringLiteral("serverKey"), run->seen.toString()}};
    QNetworkReply *reply = post(run, QStringLiteral("api/v1/pairing/challenge"), body);
    connect(reply, &QNetworkReply::finished, this, [this, run, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200 || !run->seen.matches(reply->sslConfiguration().peerCertificate()))
            return run->done(refusal(run, reply, QStringLiteral("challenge")));
        const QJsonObject answer = QJsonDocument::fromJson(reply->read(64 * 1024)).object();
        const QByteArray serverNonce
            = QByteArray::fromBase64(answer.value(QLatin1String("serverNonce")).toString().toLatin1());
        const QByteArray serverProof
            = QByteArray::fromBase64(answer.value(QLatin1String("serverProof")).toString().toLatin1());
        const QByteArray expected = crypto::pairingServerProof(run->key, run->stationNonce, run->seen.digest());
        if (serverNonce.size() != crypto::kPairingNonceSize || !crypto::proofsEqual(serverProof, expected)) {
            // Whoever answered does not know the code over this key: the station
            // stops here, having sent only a nonce and the key hash it saw.
            return run->done(makeError(ResultCode::ServerResponseInvalid,
                QStringLiteral("server %1 (TLS key %2) could not prove that it knows the pairing code: it is not "
                               "the server that made the code, or a machine between them answers in its place. "
                               "Nothing secret was sent; ask the server's admin for a new code")
                    .arg(run->host(), run->seen.toString())));
        }
        sendProof(run, serverNonce);
    });
}

void PairingClient::sendProof(const std::shared_ptr<Run> &run, const QByteArray &serverNonce)
{
    const QJsonObject body {{QStringLiteral("codeId"), run->codeId},
        {QStringLiteral("serverNonce"), QString::fromLatin1(serverNonce.toBase64())},
        {QStringLiteral("serverKey"), run->seen.toString()},
        {QStringLiteral("stationProof"),
            QString::fromLatin1(crypto::pairingStationProof(run->key, serverNonce, run->seen.digest()).toBase64())}};
    QNetworkReply *reply = post(run, QStringLiteral("api/v1/pairing/complete"), body);
    connect(reply, &QNetworkReply::finished, this, [this, run, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200 || !run->seen.matches(reply->sslConfiguration().peerCertificate()))
            return run->done(refusal(run, reply, QStringLiteral("proof")));
        const QJsonObject answer = QJsonDocument::fromJson(reply->read(64 * 1024)).object();
        Paired paired;
        paired.url = run->url;
        paired.pin = run->seen;
        paired.station = answer.value(QLatin1String("station")).toString();
        paired.token = answer.value(QLatin1String("token")).toString();
        paired.tokenId = answer.value(QLatin1String("tokenId")).toString();
        paired.expiresAt = QDateTime::fromString(answer.value(QLatin1String("expiresAt")).toString(), Qt::ISODate);
        const auto serverKey = crypto::CertificatePin::parse(answer.value(QLatin1String("serverKey")).toString());
        if (paired.token.isEmpty() || !serverKey || serverKey.value() != run->seen)
            return run->done(makeError(ResultCode::ServerResponseInvalid,
                QStringLiteral("server %1 completed the pairing with an answer that has no token or names another "
                               "key")
                    .arg(run->host())));
        run->done(paired);
    });
}

} // namespace prov::engine

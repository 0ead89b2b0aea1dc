#include "engine/ServerClient.h"

#include "crypto/Digest.h"
#include "engine/ConfigurationReader.h"
#include "engine/KeyOutbox.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <memory>

namespace prov::engine {

namespace {

// A configuration answer is a few kB; anything much larger is not one.
constexpr qint64 kMaxJsonBytes = 4 * 1024 * 1024;

QString hostOf(const QUrl &url)
{
    return QStringLiteral("%1:%2").arg(url.host()).arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

} // namespace

void postTo(QObject *context, std::function<void()> f)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(context, std::move(f), Qt::QueuedConnection);
}

ServerClient::ServerClient(ServerEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_network(new QNetworkAccessManager(this))
{
    // QNAM's own redirect policy would follow to another host with our token.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ServerClient::~ServerClient() = default;

void ServerClient::inOwnThread(std::function<void()> work)
{
    QMetaObject::invokeMethod(this, std::move(work), Qt::QueuedConnection);
}

QNetworkRequest ServerClient::request(const QUrl &url) const
{
    QNetworkRequest r(url);
    r.setRawHeader("Authorization", "Bearer " + m_endpoint.token);
    r.setRawHeader("Accept", "application/json");
    r.setTransferTimeout(m_endpoint.requestTimeoutMs);
    if (!m_endpoint.pins.isEmpty()) {
        // Pinning replaces CA validation (a factory server is usually self-signed):
        // sslErrors() is answered by the pin check below.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        r.setSslConfiguration(tls);
    }
    return r;
}

bool ServerClient::pinMatches(QNetworkReply *reply) const
{
    return crypto::CertificatePin::anyMatches(m_endpoint.pins, reply->sslConfiguration().peerCertificate());
}

void ServerClient::watch(QNetworkReply *reply, ReplyHandler handler)
{
    auto pinFailed = std::make_shared<bool>(false);
    if (!m_endpoint.pins.isEmpty()) {
        connect(reply, &QNetworkReply::sslErrors, this, [this, reply, pinFailed](const QList<QSslError> &errors) {
            if (pinMatches(reply)) {
                reply->ignoreSslErrors(errors);
            } else {
                *pinFailed = true;
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::encrypted, this, [this, reply, pinFailed] {
            if (!pinMatches(reply)) {
                *pinFailed = true;
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply, pinFailed, handler = std::move(handler)] {
        reply->deleteLater();
        if (*pinFailed) {
            handler(reply,
                makeError(ResultCode::ServerUnreachable,
                    QStringLiteral("server %1 presented a TLS key (%2) that matches none of the pinned keys")
                        .arg(hostOf(reply->url()),
                            crypto::CertificatePin::ofPublicKey(reply->sslConfiguration().peerCertificate())
                                .toString())));
            return;
        }
        // An HTTP status means the server answered (4xx/5xx set error() too):
        // the handler reads the answer. No status: it never answered.
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0) {
            handler(reply, transportError(reply, QString()));
            return;
        }
        handler(reply, Status());
    });
}

Error ServerClient::transportError(QNetworkReply *reply, const QString &what) const
{
    QString reason = reply->errorString();
    if (reply->error() == QNetworkReply::OperationCanceledError)
        reason = QStringLiteral("no answer within %1 ms").arg(m_endpoint.requestTimeoutMs);
    return makeError(ResultCode::ServerUnreachable,
        QStringLiteral("server %1 unreachable%2: %3")
            .arg(hostOf(reply->url()), what.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(what), reason));
}

Error ServerClient::answerError(QNetworkReply *reply, const QString &what) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->read(64 * 1024)).object();
    QString detail = body.value(QLatin1String("detail")).toString();
    const QString code = body.value(QLatin1String("error")).toString();
    if (detail.isEmpty())
        detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    Error e = makeError(ResultCode::ServerErrorResponse,
        QStringLiteral("server %1 answered %2 to %3: %4%5")
            .arg(hostOf(reply->url()))
            .arg(status)
            .arg(what, detail, code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(code)));
    e.context = QStringLiteral("http %1").arg(status);
    return e;
}

void ServerClient::fetchConfiguration(const ConfigSelector &selector, QObject *context, Callback<ConfigurationPtr> done)
{
    QPointer<QObject> ctx(context);
    inOwnThread([this, selector, ctx, done = std::move(done)] {
        QUrl url = m_endpoint.baseUrl.resolved(QUrl(QStringLiteral("api/v1/configurations/")
            + QString::fromLatin1(QUrl::toPercentEncoding(selector.toString()))));
        QNetworkReply *reply = m_network->get(request(url));
        const QString what = QStringLiteral("configuration %1").arg(selector.toString());
        watch(reply, [this, ctx, done, what](QNetworkReply *r, const Status &transport) {
            Result<ConfigurationPtr> result = [&]() -> Result<ConfigurationPtr> {
                if (!transport.ok())
                    return transport.error();
                const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status != 200)
                    return answerError(r, what);
                const QByteArray body = r->read(kMaxJsonBytes + 1);
                QJsonParseError parseError;
                const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
                if (body.size() > kMaxJsonBytes || !doc.isObject())
                    return makeError(ResultCode::ServerResponseInvalid,
                        QStringLiteral("server %1 sent %2 that is not a JSON object (%3)")
                            .arg(hostOf(r->url()), what, parseError.errorString()));
                return ConfigurationReader::read(doc.object(), m_endpoint.baseUrl);
            }();
            postTo(ctx, [done, result] { done(result); });
        });
    });
}

void ServerClient::download(
    const QUrl &url, const QString &destination, QObject *context, Callback<crypto::FileDigests> done)
{
    QPointer<QObject> ctx(context);
    inOwnThread([this, url, destination, ctx, done = std::move(done)] {
        auto file = std::make_shared<QFile>(destination + QStringLiteral(".part"));
        if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            const Error e = makeError(ResultCode::UnknownError,
                QStringLiteral("cannot write %1: %2")
                    .arg(QDir::toNativeSeparators(file->fileName()), file->errorString()));
            postTo(ctx, [done, e] { done(e); });
            return;
        }
        struct Hashes
        {
            crypto::Digest sha {crypto::Digest::Algorithm::Sha256};
            crypto::Digest md5 {crypto::Digest::Algorithm::Md5};
            qint64 size = 0;
            void add(const QByteArray &chunk)
            {
                sha.addData(chunk);
                md5.addData(chunk);
                size += chunk.size();
            }
        };
        auto sha = std::make_shared<Hashes>();
        auto failed = std::make_shared<bool>(false);
        QNetworkRequest req = request(url);
        req.setRawHeader("Accept", "application/octet-stream");
        QNetworkReply *reply = m_network->get(req);
        connect(reply, &QNetworkReply::readyRead, this, [reply, file, sha, failed] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200 || *failed)
                return;
            const QByteArray chunk = reply->readAll();
            sha->add(chunk);
            if (file->write(chunk) != chunk.size())
                *failed = true;
        });
        watch(reply, [this, file, sha, failed, destination, ctx, done](QNetworkReply *r, const Status &transport) {
            Result<crypto::FileDigests> result = [&]() -> Result<crypto::FileDigests> {
                if (!transport.ok())
                    return transport.error();
                if (r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                    return answerError(r, QStringLiteral("file %1").arg(r->url().path()));
                const QByteArray rest = r->readAll();
                sha->add(rest);
                if (file->write(rest) != rest.size() || *failed || !file->flush())
                    return makeError(ResultCode::UnknownError,
                        QStringLiteral("cannot write %1: %2")
                            .arg(QDir::toNativeSeparators(file->fileName()), file->errorString()));
                file->close();
                QFile::remove(destination);
                if (!file->rename(destination))
                    return makeError(ResultCode::UnknownError,
                        QStringLiteral("cannot move the download to %1").arg(QDir::toNativeSeparators(destination)));
                return crypto::FileDigests {sha->size, sha->md5.result(), sha->sha.result()};
            }();
            if (!result.ok())
                file->remove();
            postTo(ctx, [done, result] { done(result); });
        });
    });
}

void ServerClient::postJson(
    const QString &path, const QJsonObject &body, QObject *context, StatusCallback done, const QString &what)
{
    QPointer<QObject> ctx(context);
    inOwnThread([this, path, body, ctx, done = std::move(done), what] {
        QNetworkRequest req = request(m_endpoint.baseUrl.resolved(QUrl(path)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        QNetworkReply *reply = m_network->post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
        watch(reply, [this, ctx, done, what](QNetworkReply *r, const Status &transport) {
            Status result = transport;
            if (result.ok()) {
                const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status < 200 || status > 299)
                    result = answerError(r, what);
            }
            postTo(ctx, [done, result] { done(result); });
        });
    });
}

QJsonObject ServerClient::escrowBody(const OutboxEntry &entry, ServerState state)
{
    domain::EscrowRecord record = entry.record;
    record.state = state == ServerState::Done ? domain::EscrowState::Done
        : state == ServerState::Failed        ? domain::EscrowState::Failed
                                              : domain::EscrowState::Pending;
    QJsonObject body = record.toJson();
    body.insert(QStringLiteral("run"), entry.run);
    return body;
}

void ServerClient::submitEscrow(const OutboxEntry &entry, ServerState state, QObject *context, StatusCallback done)
{
    QJsonObject body = escrowBody(entry, state);
    // The server compares this with its clock (a replayed record's provisionedAt is old).
    body.insert(QStringLiteral("sentAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    postJson(QStringLiteral("api/v1/escrow"), body, context, std::move(done),
        QStringLiteral("escrow record %1 (%2)")
            .arg(entry.record.uuid.toString(QUuid::WithoutBraces), serverStateName(state)));
}

void ServerClient::submitResult(const QJsonObject &result, QObject *context, StatusCallback done)
{
    postJson(QStringLiteral("api/v1/results"), result, context, std::move(done),
        QStringLiteral("run result %1").arg(result.value(QLatin1String("uuid")).toString()));
}

void ServerClient::sendHeartbeat(const QJsonObject &body, QObject *context, StatusCallback done)
{
    postJson(QStringLiteral("api/v1/stations/heartbeat"), body, context, std::move(done), QStringLiteral("heartbeat"));
}

void ServerClient::submitReject(const QUuid &uuid, const QJsonObject &body, QObject *context, StatusCallback done)
{
    const QString id = uuid.toString(QUuid::WithoutBraces);
    postJson(QStringLiteral("api/v1/results/%1/reject").arg(id), body, context, std::move(done),
        QStringLiteral("rejection of run %1").arg(id));
}

void ServerClient::checkHealth(QObject *context, StatusCallback done)
{
    QPointer<QObject> ctx(context);
    inOwnThread([this, ctx, done = std::move(done)] {
        QNetworkReply *reply
            = m_network->get(request(m_endpoint.baseUrl.resolved(QUrl(QStringLiteral("api/v1/health")))));
        watch(reply, [this, ctx, done](QNetworkReply *r, const Status &transport) {
            Status result = transport;
            if (result.ok() && r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                result = answerError(r, QStringLiteral("health"));
            postTo(ctx, [done, result] { done(result); });
        });
    });
}

} // namespace prov::engine

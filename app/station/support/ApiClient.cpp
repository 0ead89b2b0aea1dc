#include "support/ApiClient.h"

#include "support/AppLog.h"

#include <QHttpMultiPart>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace prov::gui {

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
{ }

Status ApiClient::setCertificatePins(const QStringList &pins)
{
    auto parsed = crypto::CertificatePin::parseList(pins);
    if (!parsed) {
        m_pinError = parsed.error();
        return parsed.error();
    }
    m_pinError.reset();
    m_pins = parsed.value();
    return {};
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    m_reachabilityKnown = false;
}

QUrl ApiClient::url(const QString &path, const QUrlQuery &query) const
{
    QUrl u = m_baseUrl;
    QString base = u.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    u.setPath(base + QStringLiteral("/api/v1") + path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

QNetworkRequest ApiClient::request(const QString &path, const QUrlQuery &query, int timeoutMs) const
{
    if (m_pinError) {
        // Bad pins in the settings: nothing may go out unpinned. A scheme QNAM
        // does not know fails without any connection.
        return QNetworkRequest(QUrl(QStringLiteral("provstation-invalid-pins:/")));
    }
    QNetworkRequest req(url(path, query));
    if (!m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    req.setRawHeader("Accept", "application/json");
    req.setTransferTimeout(timeoutMs);
    return req;
}

QNetworkReply *ApiClient::get(const QString &path, const QUrlQuery &query, int timeoutMs)
{
    QNetworkReply *reply = m_network.get(request(path, query, timeoutMs));
    watchTls(reply);
    return reply;
}

QNetworkReply *ApiClient::postJson(const QString &path, const QJsonDocument &body, const QUrlQuery &query)
{
    QNetworkRequest req = request(path, query, 30000);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_network.post(req, body.toJson(QJsonDocument::Compact));
    watchTls(reply);
    return reply;
}

QNetworkReply *ApiClient::postMultipart(const QString &path, QHttpMultiPart *multipart, const QUrlQuery &query)
{
    // Package import verifies signatures and hashes: give it time.
    QNetworkReply *reply = m_network.post(request(path, query, 300000), multipart);
    multipart->setParent(reply);
    watchTls(reply);
    return reply;
}

QNetworkReply *ApiClient::sendCustom(const QByteArray &verb, const QString &path, const QJsonDocument &body)
{
    QNetworkRequest req = request(path, {}, 30000);
    QByteArray data;
    if (!body.isNull()) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        data = body.toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(req, verb, data);
    watchTls(reply);
    return reply;
}

void ApiClient::watchTls(QNetworkReply *reply)
{
    if (m_pinError) {
        reply->setProperty("provstationPinError", m_pinError->message);
        return;
    }
    if (m_pins.isEmpty())
        return;
    // With pins, the pin decides: a self-signed server certificate is fine when
    // it matches, a CA-signed one is refused when it does not.
    const auto refuse = [reply] {
        const QString seen
            = crypto::CertificatePin::ofPublicKey(reply->sslConfiguration().peerCertificate()).toString();
        qCWarning(lcApp).noquote() << "server" << reply->url().host() << "presented the TLS key" << seen
                                   << "which matches none of the pinned keys";
        reply->setProperty("provstationPinMismatch", seen);
        reply->abort();
    };
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply, refuse](const QList<QSslError> &errors) {
        if (pinMatches(reply))
            reply->ignoreSslErrors(errors);
        else
            refuse();
    });
    connect(reply, &QNetworkReply::encrypted, this, [this, reply, refuse] {
        if (!pinMatches(reply))
            refuse();
    });
}

bool ApiClient::pinMatches(QNetworkReply *reply) const
{
    return crypto::CertificatePin::anyMatches(m_pins, reply->sslConfiguration().peerCertificate());
}

Result<ApiResponse> ApiClient::result(QNetworkReply *reply) const
{
    ApiResponse response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    const QString host = reply->url().host() + QLatin1Char(':') + QString::number(reply->url().port(8085));
    if (const QVariant error = reply->property("provstationPinError"); error.isValid())
        return makeError(ResultCode::InvalidArguments, tr("the server settings are invalid: %1").arg(error.toString()));
    if (const QVariant seen = reply->property("provstationPinMismatch"); seen.isValid())
        return makeError(ResultCode::ServerUnreachable,
            tr("server %1 presented the TLS key %2, which matches none of the pinned keys: it is not the "
               "server this station trusts")
                .arg(host, seen.toString()));
    if (response.status == 0) {
        return makeError(
            ResultCode::ServerUnreachable, tr("server %1 unreachable: %2").arg(host, reply->errorString()));
    }
    if (!response.body.isEmpty()
        && reply->header(QNetworkRequest::ContentTypeHeader).toString().contains(QLatin1String("json"))) {
        QJsonParseError parseError {};
        response.json = QJsonDocument::fromJson(response.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return makeError(ResultCode::ServerResponseInvalid,
                tr("server %1 sent invalid JSON: %2").arg(host, parseError.errorString()));
    }
    if (response.status >= 400) {
        const QJsonObject obj = response.json.object();
        QString code = obj.value(QLatin1String("error")).toString();
        if (code.isEmpty())
            code = QStringLiteral("http-%1").arg(response.status);
        QString detail = obj.value(QLatin1String("detail")).toString();
        if (detail.isEmpty())
            detail = tr("server %1 answered HTTP %2").arg(host).arg(response.status);
        return Error {ResultCode::ServerErrorResponse, detail, code};
    }
    return response;
}

void ApiClient::whenFinished(QNetworkReply *reply, QObject *context, Callback done)
{
    const bool hadToken = reply->request().hasRawHeader("Authorization");
    connect(reply, &QNetworkReply::finished, context, [this, reply, hadToken, done = std::move(done)] {
        reply->deleteLater();
        const Result<ApiResponse> r = result(reply);
        const bool reachable = r.ok() || r.error().code != ResultCode::ServerUnreachable;
        if (!m_reachabilityKnown || reachable != m_reachable) {
            m_reachabilityKnown = true;
            m_reachable = reachable;
            Q_EMIT reachabilityChanged(reachable, reachable ? QString() : r.error().message);
        }
        if (!r.ok() && hadToken && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 401)
            Q_EMIT sessionExpired();
        done(r);
    });
}

} // namespace prov::gui

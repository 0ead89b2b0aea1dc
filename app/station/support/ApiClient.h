#pragma once

#include "crypto/CertificatePin.h"
#include "domain/Result.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QHttpMultiPart;
class QNetworkReply;
class QSslError;

namespace prov::gui {

/// A finished call to server mode: the HTTP status and the JSON body, or the
/// failure as an Error whose message is the server's own "detail" sentence and
/// whose context is its machine code ("not_found"), or "http-<status>" when
/// the answer had none.
struct ApiResponse
{
    int status = 0;
    QJsonDocument json;
    QByteArray body;
};

/// Client of server mode's HTTP API (/api/v1, bearer token), shared by the
/// station and the server-mode window. Pins the server certificate when pins
/// are configured (docs/api/tls-pinning.md says which forms). Never logs tokens or passwords.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<ApiResponse> &)>;

    explicit ApiClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url);
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    [[nodiscard]] QString token() const { return m_token; }
    /// The accepted server keys or certificates, in any form
    /// crypto::CertificatePin::parse() takes. Empty: ordinary CA validation. A
    /// pin that does not parse is the error, and until good pins are set every
    /// call fails with it (never falling back to CA validation).
    Status setCertificatePins(const QStringList &pins);
    [[nodiscard]] QList<crypto::CertificatePin> certificatePins() const { return m_pins; }

    [[nodiscard]] QUrl url(const QString &path, const QUrlQuery &query = {}) const;
    [[nodiscard]] QNetworkAccessManager *network() { return &m_network; }

    QNetworkReply *get(const QString &path, const QUrlQuery &query = {}, int timeoutMs = 30000);
    QNetworkReply *postJson(const QString &path, const QJsonDocument &body, const QUrlQuery &query = {});
    /// Takes ownership of `multipart`.
    QNetworkReply *postMultipart(const QString &path, QHttpMultiPart *multipart, const QUrlQuery &query = {});
    QNetworkReply *sendCustom(const QByteArray &verb, const QString &path, const QJsonDocument &body = {});

    /// Calls `done` once when `reply` finishes, unless `context` is gone.
    void whenFinished(QNetworkReply *reply, QObject *context, Callback done);
    /// Reads a finished reply into a result.
    [[nodiscard]] Result<ApiResponse> result(QNetworkReply *reply) const;

Q_SIGNALS:
    /// The server answered 401 to a call that carried a token.
    void sessionExpired();
    /// A call could (or could not) reach the server.
    void reachabilityChanged(bool reachable, const QString &detail);

private:
    [[nodiscard]] QNetworkRequest request(const QString &path, const QUrlQuery &query, int timeoutMs) const;
    void watchTls(QNetworkReply *reply);
    [[nodiscard]] bool pinMatches(QNetworkReply *reply) const;

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QString m_token;
    QList<crypto::CertificatePin> m_pins;
    std::optional<Error> m_pinError;
    bool m_reachable = false;
    bool m_reachabilityKnown = false;
};

} // namespace prov::gui

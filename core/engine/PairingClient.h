#pragma once

#include "crypto/CertificatePin.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace prov::engine {

/// The station's half of pairing (docs/api/pairing.md): with a one-time code,
/// learns the server's key and gets a station token, sending nothing secret
/// before the server has proved, over the key the station sees, that it
/// knows the code. Used by `provstation-cli pair` and the window's
/// "Connect to server..." dialog; storing the result is the caller's.
class PairingClient : public QObject
{
    Q_OBJECT

public:
    struct Paired
    {
        QUrl url; ///< https://host:port/
        crypto::CertificatePin pin; ///< the server's key as the station saw and verified it
        QString station;
        QString token; ///< never logged
        QString tokenId;
        QDateTime expiresAt;
    };
    using Callback = std::function<void(const Result<Paired> &)>;

    explicit PairingClient(QObject *parent = nullptr);
    ~PairingClient() override;

    /// "https://HOST[:PORT]" (port default 8085; https is required). Errors are code 3.
    [[nodiscard]] static Result<QUrl> parseServerUrl(const QString &text);

    /// Pairs with the server at `url` using `code` as typed. `done` is called
    /// once, on this object's thread.
    void pair(const QUrl &url, const QString &code, Callback done);

    /// Per-request timeout (default 15 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }

private:
    struct Run;
    QNetworkReply *post(const std::shared_ptr<Run> &run, const QString &path, const QJsonObject &body);
    void learnKey(const std::shared_ptr<Run> &run);
    void sendChallenge(const std::shared_ptr<Run> &run);
    void sendProof(const std::shared_ptr<Run> &run, const QByteArray &serverNonce);
    [[nodiscard]] Error refusal(const std::shared_ptr<Run> &run, QNetworkReply *reply, const QString &step) const;

    QNetworkAccessManager *m_network = nullptr;
    int m_timeoutMs = 15000;
};

} // namespace prov::engine

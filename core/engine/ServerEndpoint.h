#pragma once

#include "crypto/CertificatePin.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace prov::engine {

/// Where server mode is and how this station talks to it.
struct ServerEndpoint
{
    QUrl baseUrl; ///< http(s)://host:8085
    QByteArray token; ///< station bearer token; never logged
    /// TLS: accepted server keys or certificates (docs/api/tls-pinning.md).
    /// Empty: the system's CA store decides.
    QList<crypto::CertificatePin> pins;
    /// Shared-folder mode (--path_trans_from/--path_trans_to): a leading path
    /// of the file paths the server hands out, and what it is on this station.
    QString pathTranslateFrom;
    QString pathTranslateTo;
    int requestTimeoutMs = 15000;

    /// "host", "host:port", "http://host:port", "https://host:port" → URL; the
    /// default port is 8085 and the default scheme http. Errors are code 3.
    [[nodiscard]] static Result<QUrl> parseServerAddress(const QString &text);
    /// The translated shared-folder path, or empty when `path` does not start
    /// with pathTranslateFrom (or no translation is set).
    [[nodiscard]] QString translatePath(const QString &path) const;
};

} // namespace prov::engine

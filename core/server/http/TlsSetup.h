#pragma once

#include "crypto/CertificatePin.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QSslConfiguration>
#include <QString>

namespace prov::server::http {

/// Loads the server's PEM certificate (with any chain after it) and its
/// unencrypted PEM private key (RSA or EC) into a server-side configuration
/// that accepts TLS 1.2 and later only.
[[nodiscard]] Result<QSslConfiguration> loadTlsConfiguration(const QString &certPath, const QString &keyPath);

/// What a station pins (docs/api/tls-pinning.md).
struct TlsPins
{
    crypto::CertificatePin spki; ///< the key's pin, printed "sha256//BASE64" as curl takes it
    crypto::CertificatePin certificate; ///< the certificate's fingerprint, printed as openssl does
    QString subject;
    QDateTime expiresAt;
};

/// The pins of the first certificate in a PEM file.
[[nodiscard]] Result<TlsPins> computeTlsPins(const QString &certPath);

} // namespace prov::server::http

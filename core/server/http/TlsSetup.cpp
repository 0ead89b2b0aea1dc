#include "server/http/TlsSetup.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace prov::server::http {

namespace {
Result<QList<QSslCertificate>> readCertificates(const QString &certPath)
{
    QFile file(certPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read the TLS certificate %1: %2").arg(certPath, file.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("%1 holds no PEM certificate").arg(certPath));
    return chain;
}

std::unique_ptr<X509, decltype(&X509_free)> toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return {d2i_X509(nullptr, &p, der.size()), &X509_free};
}

bool keyMatchesCertificate(const QSslCertificate &certificate, const QByteArray &keyPem)
{
    const auto x509 = toX509(certificate);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(keyPem.constData(), static_cast<int>(keyPem.size())), &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    const bool match = x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
    ERR_clear_error();
    return match;
}

QString subjectOf(const QSslCertificate &certificate)
{
    const QStringList cn = certificate.subjectInfo(QSslCertificate::CommonName);
    return cn.isEmpty() ? certificate.subjectDisplayName() : cn.join(QLatin1Char(','));
}
} // namespace

Result<QSslConfiguration> loadTlsConfiguration(const QString &certPath, const QString &keyPath)
{
    auto chain = readCertificates(certPath);
    if (!chain)
        return chain.error();
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read the TLS key %1: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 holds no unencrypted PEM RSA or EC private key").arg(keyPath));
    const QSslCertificate &leaf = chain->first();
    if (!keyMatchesCertificate(leaf, pem))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the key %1 does not belong to the certificate %2").arg(keyPath, certPath));

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setLocalCertificate(leaf);
    configuration.setLocalCertificateChain(*chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // stations authenticate with tokens
    return configuration;
}

Result<TlsPins> computeTlsPins(const QString &certPath)
{
    auto chain = readCertificates(certPath);
    if (!chain)
        return chain.error();
    const QSslCertificate &leaf = chain->first();
    TlsPins pins;
    pins.spki = crypto::CertificatePin::ofPublicKey(leaf);
    pins.certificate = crypto::CertificatePin::ofCertificate(leaf);
    if (pins.spki.isNull())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1: the certificate's public key cannot be decoded").arg(certPath));
    pins.subject = subjectOf(leaf);
    pins.expiresAt = leaf.expiryDate().toUTC();
    return pins;
}

} // namespace prov::server::http

#include "crypto/CertificatePin.h"

#include "crypto/Digest.h"

#include <QRegularExpression>
#include <QSslCertificate>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

namespace prov::crypto {

namespace {

constexpr qsizetype kDigestSize = 32;

Error badPin(const QString &text, const QString &why)
{
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("certificate pin \"%1\" %2; a pin is sha256//BASE64 (the server key's SHA-256, as "
                       "`provstation-server tls-pin` prints it), sha256/BASE64, the bare 44-character BASE64, or "
                       "the certificate's SHA-256 fingerprint as 64 hex digits (colons allowed)")
            .arg(text.left(120), why));
}

/// Drops a label a user may paste along with the value.
QString withoutLabel(QString text)
{
    static const QRegularExpression kLabel(
        QStringLiteral("^(?:sha256-spki:|sha256-cert:|sha-?256\\s+fingerprint\\s*=)\\s*"),
        QRegularExpression::CaseInsensitiveOption);
    return text.remove(kLabel);
}

} // namespace

QByteArray spkiSha256(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    // QSslKey::toDer() re-encodes the key; the pin is over the SPKI exactly as
    // the certificate carries it (curl and openssl hash that).
    const QByteArray der = certificate.toDer();
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    const std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &p, der.size()), &X509_free);
    if (!x509) {
        ERR_clear_error();
        return {};
    }
    unsigned char *spki = nullptr;
    const int size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x509.get()), &spki);
    if (size <= 0) {
        ERR_clear_error();
        return {};
    }
    const QByteArray hash
        = Digest::hash(QByteArrayView(reinterpret_cast<const char *>(spki), size), Digest::Algorithm::Sha256);
    OPENSSL_free(spki);
    return hash;
}

CertificatePin::CertificatePin(Kind kind, QByteArray digest)
    : m_kind(kind)
    , m_digest(std::move(digest))
{ }

Result<CertificatePin> CertificatePin::parse(const QString &original)
{
    const QString text = withoutLabel(original.trimmed());
    if (text.isEmpty())
        return badPin(original, QStringLiteral("is empty"));

    static const QRegularExpression kHex(QStringLiteral("^[0-9A-Fa-f]{2}(?::?[0-9A-Fa-f]{2}){31}$"));
    if (kHex.match(text).hasMatch()) {
        QString digits = text;
        digits.remove(QLatin1Char(':'));
        return CertificatePin(Kind::CertificateSha256, QByteArray::fromHex(digits.toLatin1()));
    }

    QString base64 = text;
    if (base64.startsWith(QLatin1String("sha256/"), Qt::CaseInsensitive)) {
        base64.remove(0, 7);
        // A BASE64 may itself begin with '/' (1 key in 64): the second slash of
        // curl's "sha256//" is the prefix's only when 45 characters follow "sha256/".
        if (base64.size() == 45 && base64.startsWith(QLatin1Char('/')))
            base64.remove(0, 1);
    }
    static const QRegularExpression kBase64(QStringLiteral("^[A-Za-z0-9+/]{43}=$"));
    if (!kBase64.match(base64).hasMatch()) {
        if (text.contains(QLatin1Char(':')) || text.size() >= 60)
            return badPin(original, QStringLiteral("is neither a key pin nor a 32-byte hex fingerprint"));
        return badPin(original,
            QStringLiteral("does not hold the 44-character BASE64 of a 32-byte SHA-256 (got %1 characters)")
                .arg(base64.size()));
    }
    const auto decoded = QByteArray::fromBase64Encoding(base64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kDigestSize)
        return badPin(original, QStringLiteral("does not decode to 32 bytes"));
    return CertificatePin(Kind::SpkiSha256, decoded.decoded);
}

Result<QList<CertificatePin>> CertificatePin::parseList(const QStringList &texts)
{
    QList<CertificatePin> pins;
    pins.reserve(texts.size());
    for (const QString &text : texts) {
        auto pin = parse(text);
        if (!pin)
            return pin.error();
        pins.append(pin.value());
    }
    return pins;
}

CertificatePin CertificatePin::ofPublicKey(const QSslCertificate &certificate)
{
    return CertificatePin(Kind::SpkiSha256, spkiSha256(certificate));
}

CertificatePin CertificatePin::ofCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return CertificatePin(Kind::CertificateSha256, Digest::hash(certificate.toDer(), Digest::Algorithm::Sha256));
}

QString CertificatePin::toString() const
{
    if (isNull())
        return {};
    if (m_kind == Kind::SpkiSha256)
        return QStringLiteral("sha256//") + QString::fromLatin1(m_digest.toBase64());
    return QString::fromLatin1(m_digest.toHex(':').toUpper());
}

bool CertificatePin::matches(const QSslCertificate &certificate) const
{
    if (isNull() || certificate.isNull())
        return false;
    const CertificatePin seen = m_kind == Kind::SpkiSha256 ? ofPublicKey(certificate) : ofCertificate(certificate);
    return seen.m_digest.size() == m_digest.size()
        && CRYPTO_memcmp(seen.m_digest.constData(), m_digest.constData(), size_t(m_digest.size())) == 0;
}

bool CertificatePin::anyMatches(const QList<CertificatePin> &pins, const QSslCertificate &certificate)
{
    return std::any_of(pins.cbegin(), pins.cend(), [&](const CertificatePin &pin) { return pin.matches(certificate); });
}

} // namespace prov::crypto

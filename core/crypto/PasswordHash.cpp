#include "crypto/PasswordHash.h"

#include "crypto/CryptoLog.h"
#include "crypto/OpenSslError.h"
#include "crypto/Random.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <QStringList>

#include <climits>

namespace prov::crypto {

namespace {

constexpr qsizetype kSaltSize = 16;
constexpr qsizetype kHashSize = 32;

const QString &scheme()
{
    static const QString s = QStringLiteral("pbkdf2-sha256");
    return s;
}

} // namespace

Result<SecretBytes> pbkdf2HmacSha256(const SecretBytes &secret, QByteArrayView salt, int iterations, qsizetype length)
{
    if (iterations < 1 || iterations > kMaxPbkdf2Iterations)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("PBKDF2 iteration count %1 is outside 1..%2").arg(iterations).arg(kMaxPbkdf2Iterations));
    if (length < 1 || length > 1024 || secret.size() > INT_MAX || salt.size() > INT_MAX)
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("PBKDF2 output length %1 is outside 1..1024").arg(length));
    SecretBytes out(length);
    // An empty secret has no buffer; OpenSSL wants a valid pointer all the same.
    static const char kEmpty = 0;
    const char *pass = secret.isEmpty() ? &kEmpty : reinterpret_cast<const char *>(secret.constData());
    if (PKCS5_PBKDF2_HMAC(pass, int(secret.size()), reinterpret_cast<const unsigned char *>(salt.data()),
            int(salt.size()), iterations, EVP_sha256(), int(length), out.data())
        != 1)
        return makeError(ResultCode::InternalError,
            QStringLiteral("PBKDF2-HMAC-SHA256 failed: %1").arg(detail::takeOpenSslErrors()));
    qCDebug(lcCrypto) << "PBKDF2-HMAC-SHA256 derived" << length << "bytes with" << iterations << "iterations, salt of"
                      << salt.size() << "bytes";
    return out;
}

Result<QString> hashPassword(const SecretBytes &password, int iterations)
{
    if (iterations < kMinPasswordIterations || iterations > kMaxPbkdf2Iterations)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("password hash iteration count %1 is outside %2..%3")
                .arg(iterations)
                .arg(kMinPasswordIterations)
                .arg(kMaxPbkdf2Iterations));
    Result<QByteArray> salt = randomBytes(kSaltSize);
    if (!salt)
        return salt.error();
    Result<SecretBytes> hash = pbkdf2HmacSha256(password, *salt, iterations, kHashSize);
    if (!hash)
        return hash.error();
    // The hash is not a secret once stored, but it is still a password oracle: it only
    // leaves here encoded, never logged.
    return scheme() + QLatin1Char('$') + QString::number(iterations) + QLatin1Char('$')
        + QString::fromLatin1(salt->toBase64()) + QLatin1Char('$')
        + QString::fromLatin1(QByteArray(hash->view().data(), hash->size()).toBase64());
}

bool verifyPassword(const SecretBytes &password, const QString &encoded)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != scheme()) {
        qCDebug(lcCrypto) << "password hash is not in the pbkdf2-sha256 format";
        return false;
    }
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1 || iterations > kMaxPbkdf2Iterations) {
        qCDebug(lcCrypto) << "password hash has an invalid iteration count";
        return false;
    }
    const auto saltResult
        = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto hashResult
        = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray &salt = saltResult.decoded;
    const QByteArray &expected = hashResult.decoded;
    if (!saltResult || !hashResult || salt.isEmpty() || expected.size() < 16 || expected.size() > 64) {
        qCDebug(lcCrypto) << "password hash has an invalid salt or hash field";
        return false;
    }
    Result<SecretBytes> actual = pbkdf2HmacSha256(password, salt, iterations, expected.size());
    if (!actual)
        return false;
    return CRYPTO_memcmp(actual->constData(), expected.constData(), size_t(expected.size())) == 0;
}

} // namespace prov::crypto

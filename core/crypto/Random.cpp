#include "crypto/Random.h"

#include "crypto/CryptoLog.h"
#include "crypto/OpenSslError.h"

#include <openssl/rand.h>

#include <climits>

namespace prov::crypto {

namespace {

Status checkSize(qsizetype size)
{
    if (size < 0 || size > INT_MAX)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("cannot generate %1 random bytes").arg(size));
    return {};
}

Error rngFailure(const char *function)
{
    // Never fall back to a weaker source: a key from a broken RNG is worse than none.
    return makeError(ResultCode::InternalError,
        QStringLiteral("the OpenSSL random generator failed (%1): %2")
            .arg(QLatin1String(function), detail::takeOpenSslErrors()));
}

} // namespace

Result<SecretBytes> randomSecret(qsizetype size)
{
    if (Status status = checkSize(size); !status)
        return status.error();
    SecretBytes secret(size);
    if (size > 0 && RAND_priv_bytes(secret.data(), int(size)) != 1)
        return rngFailure("RAND_priv_bytes");
    qCDebug(lcCrypto) << "generated a random secret of" << size << "bytes";
    return secret;
}

Result<QByteArray> randomBytes(qsizetype size)
{
    if (Status status = checkSize(size); !status)
        return status.error();
    QByteArray bytes(size, Qt::Uninitialized);
    if (size > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(size)) != 1)
        return rngFailure("RAND_bytes");
    return bytes;
}

} // namespace prov::crypto

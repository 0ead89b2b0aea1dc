#include "crypto/OpenSslEnc.h"

#include "crypto/CryptoLog.h"
#include "crypto/OpenSslError.h"
#include "crypto/PasswordHash.h"
#include "crypto/Random.h"

#include <openssl/evp.h>

#include <climits>

namespace prov::crypto {

namespace {

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

constexpr QByteArrayView kMagic("Salted__");
constexpr qsizetype kSaltSize = 8;
constexpr qsizetype kKeySize = 32;
constexpr qsizetype kIvSize = 16;
constexpr qsizetype kBlockSize = 16;

Error corrupted(const QString &why)
{
    // The format has no authentication: a wrong passphrase and a damaged file look
    // alike, so the message names both and adds what was seen.
    return makeError(
        ResultCode::ServerResponseInvalid, QStringLiteral("wrong passphrase or corrupted file (%1)").arg(why));
}

Error internal(const QString &what)
{
    return makeError(ResultCode::InternalError, QStringLiteral("%1 failed: %2").arg(what, detail::takeOpenSslErrors()));
}

} // namespace

Result<SecretBytes> openSslEncDecrypt(QByteArrayView file, const SecretBytes &passphrase, int iterations)
{
    if (file.size() < kMagic.size() + kSaltSize || !file.startsWith(kMagic))
        return corrupted(QStringLiteral("no \"Salted__\" header"));
    const QByteArrayView salt = file.sliced(kMagic.size(), kSaltSize);
    const QByteArrayView ciphertext = file.sliced(kMagic.size() + kSaltSize);
    if (ciphertext.isEmpty() || ciphertext.size() % kBlockSize != 0 || ciphertext.size() > INT_MAX - kBlockSize)
        return corrupted(QStringLiteral("%1 bytes of ciphertext are not whole AES blocks").arg(ciphertext.size()));

    Result<SecretBytes> keyIv = pbkdf2HmacSha256(passphrase, salt, iterations, kKeySize + kIvSize);
    if (!keyIv)
        return keyIv.error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx
        || EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_cbc(), keyIv->constData(), keyIv->constData() + kKeySize, nullptr)
            != 1)
        return internal(QStringLiteral("setting up AES-256-CBC decryption"));
    SecretBytes buffer(ciphertext.size() + kBlockSize);
    int length = 0;
    int finalLength = 0;
    if (EVP_DecryptUpdate(ctx.get(), buffer.data(), &length, reinterpret_cast<const unsigned char *>(ciphertext.data()),
            int(ciphertext.size()))
        != 1)
        return internal(QStringLiteral("AES-256-CBC decryption"));
    if (EVP_DecryptFinal_ex(ctx.get(), buffer.data() + length, &finalLength) != 1) {
        detail::clearOpenSslErrors();
        qCDebug(lcCrypto) << "openssl-enc file of" << file.size() << "bytes: bad padding after decryption";
        return corrupted(QStringLiteral("bad padding"));
    }
    qCDebug(lcCrypto) << "decrypted an openssl-enc file (AES-256-CBC, PBKDF2-SHA256," << iterations << "iterations) of"
                      << file.size() << "bytes into" << (length + finalLength) << "bytes";
    return SecretBytes::copyOf(QByteArrayView(buffer.constData(), length + finalLength));
}

Result<QByteArray> openSslEncEncrypt(const SecretBytes &plaintext, const SecretBytes &passphrase, int iterations)
{
    if (plaintext.size() > INT_MAX - kBlockSize)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 bytes are too many to encrypt in one piece").arg(plaintext.size()));
    Result<QByteArray> salt = randomBytes(kSaltSize);
    if (!salt)
        return salt.error();
    Result<SecretBytes> keyIv = pbkdf2HmacSha256(passphrase, *salt, iterations, kKeySize + kIvSize);
    if (!keyIv)
        return keyIv.error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx
        || EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_cbc(), keyIv->constData(), keyIv->constData() + kKeySize, nullptr)
            != 1)
        return internal(QStringLiteral("setting up AES-256-CBC encryption"));
    const qsizetype header = kMagic.size() + kSaltSize;
    QByteArray out(header + plaintext.size() + kBlockSize, Qt::Uninitialized);
    std::copy(kMagic.begin(), kMagic.end(), out.begin());
    std::copy(salt->cbegin(), salt->cend(), out.begin() + kMagic.size());
    auto *cipher = reinterpret_cast<unsigned char *>(out.data()) + header;
    int length = 0;
    int finalLength = 0;
    if ((plaintext.size() > 0
            && EVP_EncryptUpdate(ctx.get(), cipher, &length, plaintext.constData(), int(plaintext.size())) != 1)
        || EVP_EncryptFinal_ex(ctx.get(), cipher + length, &finalLength) != 1)
        return internal(QStringLiteral("AES-256-CBC encryption"));
    out.truncate(header + length + finalLength);
    qCDebug(lcCrypto) << "encrypted" << plaintext.size() << "bytes as an openssl-enc file (AES-256-CBC, PBKDF2-SHA256,"
                      << iterations << "iterations) of" << out.size() << "bytes";
    return out;
}

} // namespace prov::crypto

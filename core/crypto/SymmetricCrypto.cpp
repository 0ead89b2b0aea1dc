#include "crypto/SymmetricCrypto.h"

#include "crypto/CryptoLog.h"
#include "crypto/OpenSslError.h"
#include "crypto/Random.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <climits>

namespace prov::crypto {

namespace {

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
struct MacDeleter
{
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;
using MacPtr = std::unique_ptr<EVP_MAC, MacDeleter>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter>;

constexpr qsizetype kGcmKeySize = 32;
constexpr qsizetype kGcmNonceSize = 12;
constexpr qsizetype kGcmTagSize = 16;

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

Error internal(const QString &what)
{
    return makeError(ResultCode::InternalError, QStringLiteral("%1 failed: %2").arg(what, detail::takeOpenSslErrors()));
}

Status checkGcmInput(const SecretBytes &key, qsizetype dataSize, QByteArrayView associatedData)
{
    if (key.size() != kGcmKeySize)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("AES-256-GCM needs a 32-byte key, got %1 bytes").arg(key.size()));
    if (dataSize > INT_MAX - kGcmTagSize || associatedData.size() > INT_MAX)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 bytes are too many for one AES-GCM message").arg(dataSize));
    return {};
}

/// One EVP_MAC run: `name` ("CMAC" or "HMAC") with its one algorithm parameter.
Result<QByteArray> computeMac(
    const char *name, const char *paramName, const char *paramValue, const SecretBytes &key, QByteArrayView message)
{
    MacPtr mac(EVP_MAC_fetch(nullptr, name, nullptr));
    if (!mac)
        return internal(QStringLiteral("fetching %1").arg(QLatin1String(name)));
    MacCtxPtr ctx(EVP_MAC_CTX_new(mac.get()));
    if (!ctx)
        return internal(QStringLiteral("creating a %1 context").arg(QLatin1String(name)));
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(paramName, const_cast<char *>(paramValue), 0),
        OSSL_PARAM_construct_end(),
    };
    // An empty key still needs a non-null pointer: null means "keep the previous key".
    static const unsigned char kEmpty = 0;
    const unsigned char *keyData = key.isEmpty() ? &kEmpty : key.constData();
    if (EVP_MAC_init(ctx.get(), keyData, size_t(key.size()), params) != 1
        || EVP_MAC_update(ctx.get(), bytes(message), size_t(message.size())) != 1)
        return internal(QStringLiteral("%1 (%2)").arg(QLatin1String(name), QLatin1String(paramValue)));
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (EVP_MAC_final(ctx.get(), out, &length, sizeof out) != 1)
        return internal(QStringLiteral("%1 (%2)").arg(QLatin1String(name), QLatin1String(paramValue)));
    qCDebug(lcCrypto) << name << paramValue << "over" << message.size() << "bytes with a" << key.size() << "byte key";
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

} // namespace

Result<QByteArray> aesGcmSeal(const SecretBytes &key32, const SecretBytes &plaintext, QByteArrayView associatedData)
{
    if (Status status = checkGcmInput(key32, plaintext.size(), associatedData); !status)
        return status.error();
    Result<QByteArray> nonce = randomBytes(kGcmNonceSize);
    if (!nonce)
        return nonce.error();
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    // The default GCM IV length is the 12 bytes we use.
    if (!ctx || EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key32.constData(), bytes(*nonce), nullptr) != 1)
        return internal(QStringLiteral("setting up AES-256-GCM"));
    QByteArray out(kGcmNonceSize + plaintext.size() + kGcmTagSize, Qt::Uninitialized);
    std::copy(nonce->cbegin(), nonce->cend(), out.begin());
    auto *cipher = reinterpret_cast<unsigned char *>(out.data()) + kGcmNonceSize;
    int length = 0;
    int finalLength = 0;
    int aadLength = 0;
    if ((!associatedData.isEmpty()
            && EVP_EncryptUpdate(ctx.get(), nullptr, &aadLength, bytes(associatedData), int(associatedData.size()))
                != 1)
        || (!plaintext.isEmpty()
            && EVP_EncryptUpdate(ctx.get(), cipher, &length, plaintext.constData(), int(plaintext.size())) != 1)
        || EVP_EncryptFinal_ex(ctx.get(), cipher + length, &finalLength) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, int(kGcmTagSize), cipher + length + finalLength) != 1)
        return internal(QStringLiteral("AES-256-GCM encryption"));
    qCDebug(lcCrypto) << "AES-256-GCM sealed" << plaintext.size() << "bytes with" << associatedData.size()
                      << "bytes of associated data";
    return out;
}

Result<SecretBytes> aesGcmOpen(const SecretBytes &key32, QByteArrayView sealed, QByteArrayView associatedData)
{
    if (sealed.size() < kGcmNonceSize + kGcmTagSize)
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("an AES-GCM blob of %1 bytes is too short (at least %2)")
                .arg(sealed.size())
                .arg(kGcmNonceSize + kGcmTagSize));
    const qsizetype cipherSize = sealed.size() - kGcmNonceSize - kGcmTagSize;
    if (Status status = checkGcmInput(key32, cipherSize, associatedData); !status)
        return status.error();
    const QByteArrayView nonce = sealed.first(kGcmNonceSize);
    const QByteArrayView ciphertext = sealed.sliced(kGcmNonceSize, cipherSize);
    const QByteArrayView tag = sealed.last(kGcmTagSize);
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), key32.constData(), bytes(nonce), nullptr) != 1)
        return internal(QStringLiteral("setting up AES-256-GCM"));
    SecretBytes buffer(cipherSize + kGcmTagSize);
    int length = 0;
    int finalLength = 0;
    int aadLength = 0;
    if ((!associatedData.isEmpty()
            && EVP_DecryptUpdate(ctx.get(), nullptr, &aadLength, bytes(associatedData), int(associatedData.size()))
                != 1)
        || (cipherSize > 0
            && EVP_DecryptUpdate(ctx.get(), buffer.data(), &length, bytes(ciphertext), int(cipherSize)) != 1)
        || EVP_CIPHER_CTX_ctrl(
               ctx.get(), EVP_CTRL_AEAD_SET_TAG, int(kGcmTagSize), const_cast<unsigned char *>(bytes(tag)))
            != 1)
        return internal(QStringLiteral("AES-256-GCM decryption"));
    if (EVP_DecryptFinal_ex(ctx.get(), buffer.data() + length, &finalLength) != 1) {
        detail::clearOpenSslErrors();
        qCDebug(lcCrypto) << "AES-256-GCM blob of" << sealed.size() << "bytes failed authentication";
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("AES-256-GCM authentication failed: wrong key, wrong associated data or "
                           "tampered data (%1 bytes)")
                .arg(sealed.size()));
    }
    qCDebug(lcCrypto) << "AES-256-GCM opened" << sealed.size() << "bytes into" << (length + finalLength) << "bytes";
    return SecretBytes::copyOf(QByteArrayView(buffer.constData(), length + finalLength));
}

Result<QByteArray> aesCmac(const SecretBytes &key, QByteArrayView message)
{
    const char *cipher = nullptr;
    if (key.size() == 16)
        cipher = "AES-128-CBC";
    else if (key.size() == 32)
        cipher = "AES-256-CBC";
    else
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("AES-CMAC needs a 16- or 32-byte key, got %1 bytes").arg(key.size()));
    return computeMac("CMAC", OSSL_MAC_PARAM_CIPHER, cipher, key, message);
}

Result<QByteArray> hmacSha256(const SecretBytes &key, QByteArrayView message)
{
    return computeMac("HMAC", OSSL_MAC_PARAM_DIGEST, "SHA256", key, message);
}

} // namespace prov::crypto

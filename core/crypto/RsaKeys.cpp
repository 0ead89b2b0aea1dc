#include "crypto/RsaKeys.h"

#include "crypto/CryptoLog.h"
#include "crypto/Digest.h"
#include "crypto/OpenSslError.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <climits>

namespace prov::crypto {

namespace {

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct PKeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct PKeyCtxDeleter
{
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using PKeyPtr = std::unique_ptr<EVP_PKEY, PKeyDeleter>;
using PKeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PKeyCtxDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

constexpr int kSha256Size = 32;

BioPtr memBio(QByteArrayView bytes)
{
    if (bytes.size() > INT_MAX)
        return {};
    // BIO_new_mem_buf refuses a null pointer even for zero bytes.
    static const char kEmpty = 0;
    return BioPtr(BIO_new_mem_buf(bytes.isEmpty() ? &kEmpty : bytes.data(), int(bytes.size())));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, qsizetype(length)) : QByteArray();
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

Error opensslFailure(const QString &what)
{
    return makeError(ResultCode::InternalError, QStringLiteral("%1 failed: %2").arg(what, detail::takeOpenSslErrors()));
}

/// Only RSA of at least kMinRsaBits, everywhere: the message names what was found.
Status checkRsaKey(EVP_PKEY *key, const QString &what)
{
    if (!EVP_PKEY_is_a(key, "RSA")) {
        const char *type = EVP_PKEY_get0_type_name(key);
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("the %1 is a %2 key; only RSA keys are accepted")
                .arg(what, type ? QString::fromLatin1(type) : QStringLiteral("non-RSA")));
    }
    const int bits = EVP_PKEY_get_bits(key);
    if (bits < kMinRsaBits)
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("the %1 is a %2-bit RSA key; at least %3 bits are required")
                .arg(what)
                .arg(bits)
                .arg(kMinRsaBits));
    return {};
}

/// RSAES-OAEP with SHA-256 for both the label hash and MGF1, set explicitly
/// because some peers default MGF1 to SHA-1.
bool setOaepSha256(EVP_PKEY_CTX *ctx)
{
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) > 0
        && EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) > 0 && EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) > 0;
}

} // namespace

struct PKeyHandle
{
    PKeyPtr key;
};

// ---------------------------------------------------------------- RsaPublicKey

RsaPublicKey::RsaPublicKey() = default;
RsaPublicKey::~RsaPublicKey() = default;
RsaPublicKey::RsaPublicKey(const RsaPublicKey &) = default;
RsaPublicKey &RsaPublicKey::operator=(const RsaPublicKey &) = default;

Result<RsaPublicKey> RsaPublicKey::fromPem(QByteArrayView pem)
{
    BioPtr bio = memBio(pem);
    if (!bio)
        return opensslFailure(QStringLiteral("reading a public key"));
    PKeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        const QString why = detail::takeOpenSslErrors();
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("not a PEM public key (SubjectPublicKeyInfo): %1").arg(why));
    }
    if (Status status = checkRsaKey(key.get(), QStringLiteral("public key")); !status)
        return status.error();
    RsaPublicKey result;
    result.m_key = std::make_shared<PKeyHandle>(PKeyHandle {std::move(key)});
    qCDebug(lcCrypto) << "loaded an RSA public key of" << result.bits() << "bits," << result.fingerprint();
    return result;
}

bool RsaPublicKey::isNull() const
{
    return !m_key || !m_key->key;
}

int RsaPublicKey::bits() const
{
    return isNull() ? 0 : EVP_PKEY_get_bits(m_key->key.get());
}

QByteArray RsaPublicKey::toDer() const
{
    if (isNull())
        return {};
    const int length = i2d_PUBKEY(m_key->key.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(m_key->key.get(), &out) != length)
        return {};
    return der;
}

QByteArray RsaPublicKey::toPem() const
{
    if (isNull())
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key->key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QString RsaPublicKey::fingerprint() const
{
    const QByteArray der = toDer();
    if (der.isEmpty())
        return {};
    return QStringLiteral("sha256:") + QString::fromLatin1(Digest::hash(der, Digest::Algorithm::Sha256).toHex());
}

Result<QByteArray> RsaPublicKey::encryptOaep(const SecretBytes &plaintext) const
{
    if (isNull())
        return makeError(ResultCode::InternalError, QStringLiteral("RSA-OAEP encryption without a public key"));
    const int maxInput = bits() / 8 - 2 * kSha256Size - 2;
    if (plaintext.size() > maxInput)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 bytes are too many for RSA-OAEP-SHA256 under a %2-bit key (at most %3)")
                .arg(plaintext.size())
                .arg(bits())
                .arg(maxInput));
    PKeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key->key.get(), nullptr));
    if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) <= 0 || !setOaepSha256(ctx.get()))
        return opensslFailure(QStringLiteral("setting up RSA-OAEP encryption"));
    size_t length = 0;
    if (EVP_PKEY_encrypt(ctx.get(), nullptr, &length, plaintext.constData(), size_t(plaintext.size())) <= 0)
        return opensslFailure(QStringLiteral("RSA-OAEP encryption"));
    QByteArray out(qsizetype(length), Qt::Uninitialized);
    if (EVP_PKEY_encrypt(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length, plaintext.constData(),
            size_t(plaintext.size()))
        <= 0)
        return opensslFailure(QStringLiteral("RSA-OAEP encryption"));
    out.truncate(qsizetype(length));
    qCDebug(lcCrypto) << "RSA-OAEP-SHA256 encrypted" << plaintext.size() << "bytes into" << out.size() << "bytes under"
                      << fingerprint();
    return out;
}

Status RsaPublicKey::verifyPkcs1Sha256(QByteArrayView data, QByteArrayView signature) const
{
    if (isNull())
        return makeError(ResultCode::InternalError, QStringLiteral("signature check without a public key"));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by ctx
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, m_key->key.get()) != 1
        || EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) <= 0)
        return opensslFailure(QStringLiteral("setting up RSA-SHA256 verification"));
    const int rc
        = EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()), bytes(data), size_t(data.size()));
    // 0 is a mismatch; a negative value is a malformed signature (e.g. wrong length):
    // both mean the data is not what the key holder signed.
    detail::clearOpenSslErrors();
    if (rc != 1) {
        qCDebug(lcCrypto) << "RSA-SHA256 signature of" << signature.size() << "bytes over" << data.size()
                          << "bytes does not verify";
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("the RSA-SHA256 signature does not verify with the key %1").arg(fingerprint()));
    }
    qCDebug(lcCrypto) << "RSA-SHA256 signature verified over" << data.size() << "bytes with" << fingerprint();
    return {};
}

// ---------------------------------------------------------------- RsaPrivateKey

RsaPrivateKey::RsaPrivateKey() = default;
RsaPrivateKey::~RsaPrivateKey() = default;
RsaPrivateKey::RsaPrivateKey(RsaPrivateKey &&) noexcept = default;
RsaPrivateKey &RsaPrivateKey::operator=(RsaPrivateKey &&) noexcept = default;

Result<RsaPrivateKey> RsaPrivateKey::generate(int bits)
{
    if (bits < kMinRsaBits || bits > 16384)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot generate a %1-bit RSA key (%2 to 16384 bits)").arg(bits).arg(kMinRsaBits));
    PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
    if (!key)
        return opensslFailure(QStringLiteral("generating a %1-bit RSA key").arg(bits));
    RsaPrivateKey result;
    result.m_key = std::make_shared<PKeyHandle>(PKeyHandle {std::move(key)});
    qCDebug(lcCrypto) << "generated an RSA key of" << bits << "bits";
    return result;
}

Result<RsaPrivateKey> RsaPrivateKey::fromPem(QByteArrayView pem)
{
    BioPtr bio = memBio(pem);
    if (!bio)
        return opensslFailure(QStringLiteral("reading a private key"));
    // A callback that supplies no passphrase: the default one would prompt on the terminal.
    pem_password_cb *noPassphrase = [](char *, int, int, void *) -> int {
        return 0;
    };
    PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key) {
        const QString why = detail::takeOpenSslErrors();
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("not an unencrypted PEM private key: %1").arg(why));
    }
    if (Status status = checkRsaKey(key.get(), QStringLiteral("private key")); !status)
        return status.error();
    RsaPrivateKey result;
    result.m_key = std::make_shared<PKeyHandle>(PKeyHandle {std::move(key)});
    qCDebug(lcCrypto) << "loaded an RSA private key of" << result.bits() << "bits";
    return result;
}

SecretBytes RsaPrivateKey::toPem() const
{
    if (!m_key)
        return {};
    // The secure-memory BIO wipes its buffer when freed.
    BioPtr bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key->key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        qCCritical(lcCrypto) << "cannot write a private key as PEM:" << detail::takeOpenSslErrors();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return SecretBytes::copyOf(QByteArrayView(data, length > 0 ? qsizetype(length) : 0));
}

RsaPublicKey RsaPrivateKey::publicKey() const
{
    RsaPublicKey result;
    if (!m_key)
        return result;
    // A fresh public-only key: a RsaPublicKey never keeps private material alive.
    const int length = i2d_PUBKEY(m_key->key.get(), nullptr);
    if (length <= 0)
        return result;
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(m_key->key.get(), &out) != length)
        return result;
    const unsigned char *in = bytes(der);
    PKeyPtr pub(d2i_PUBKEY(nullptr, &in, length));
    if (pub)
        result.m_key = std::make_shared<PKeyHandle>(PKeyHandle {std::move(pub)});
    return result;
}

int RsaPrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key->key.get()) : 0;
}

Result<QByteArray> RsaPrivateKey::signPkcs1Sha256(QByteArrayView data) const
{
    if (!m_key)
        return makeError(ResultCode::InternalError, QStringLiteral("signing without a private key"));
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by ctx
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, m_key->key.get()) != 1
        || EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) <= 0)
        return opensslFailure(QStringLiteral("setting up RSA-SHA256 signing"));
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, bytes(data), size_t(data.size())) != 1)
        return opensslFailure(QStringLiteral("RSA-SHA256 signing"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(
            ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, bytes(data), size_t(data.size()))
        != 1)
        return opensslFailure(QStringLiteral("RSA-SHA256 signing"));
    signature.truncate(qsizetype(length));
    qCDebug(lcCrypto) << "RSA-SHA256 signed" << data.size() << "bytes," << signature.size() << "byte signature";
    return signature;
}

Result<SecretBytes> RsaPrivateKey::decryptOaep(QByteArrayView ciphertext) const
{
    if (!m_key)
        return makeError(ResultCode::InternalError, QStringLiteral("RSA-OAEP decryption without a private key"));
    PKeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_key->key.get(), nullptr));
    if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0 || !setOaepSha256(ctx.get()))
        return opensslFailure(QStringLiteral("setting up RSA-OAEP decryption"));
    size_t length = 0;
    if (EVP_PKEY_decrypt(ctx.get(), nullptr, &length, bytes(ciphertext), size_t(ciphertext.size())) <= 0
        || length == 0) {
        detail::clearOpenSslErrors();
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("RSA-OAEP decryption failed: %1 bytes of ciphertext do not fit a %2-bit key")
                .arg(ciphertext.size())
                .arg(bits()));
    }
    SecretBytes buffer {qsizetype(length)};
    const int rc = EVP_PKEY_decrypt(ctx.get(), buffer.data(), &length, bytes(ciphertext), size_t(ciphertext.size()));
    detail::clearOpenSslErrors();
    if (rc <= 0)
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("RSA-OAEP decryption failed: wrong key or corrupted ciphertext (%1 bytes)")
                .arg(ciphertext.size()));
    qCDebug(lcCrypto) << "RSA-OAEP-SHA256 decrypted" << ciphertext.size() << "bytes into" << length << "bytes";
    return SecretBytes::copyOf(QByteArrayView(buffer.constData(), qsizetype(length)));
}

} // namespace prov::crypto

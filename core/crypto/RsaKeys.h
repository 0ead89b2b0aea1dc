#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace prov::crypto {

struct PKeyHandle; // wraps EVP_PKEY; OpenSSL types never appear in public headers

/// Minimum RSA modulus accepted anywhere (package keys, KMS keys, app keys).
inline constexpr int kMinRsaBits = 2048;

/// An RSA public key (SubjectPublicKeyInfo). Cheap to copy (shared handle).
class RsaPublicKey
{
public:
    RsaPublicKey();
    ~RsaPublicKey();
    RsaPublicKey(const RsaPublicKey &);
    RsaPublicKey &operator=(const RsaPublicKey &);

    /// PEM `PUBLIC KEY`; refuses non-RSA keys and keys under kMinRsaBits with a
    /// message giving the size found.
    [[nodiscard]] static Result<RsaPublicKey> fromPem(QByteArrayView pem);
    [[nodiscard]] bool isNull() const;
    [[nodiscard]] int bits() const;
    [[nodiscard]] QByteArray toDer() const;
    [[nodiscard]] QByteArray toPem() const;
    /// `sha256:` + 64 lower-case hex digits of SHA-256 over the DER SubjectPublicKeyInfo.
    [[nodiscard]] QString fingerprint() const;

    /// RSAES-OAEP, SHA-256, MGF1-SHA-256, no label.
    [[nodiscard]] Result<QByteArray> encryptOaep(const SecretBytes &plaintext) const;
    /// RSASSA-PKCS1-v1_5 with SHA-256 over `data`; a mismatch is an error that says so.
    [[nodiscard]] Status verifyPkcs1Sha256(QByteArrayView data, QByteArrayView signature) const;

private:
    friend class RsaPrivateKey;
    std::shared_ptr<PKeyHandle> m_key;
};

/// An RSA private key: for provstation-pack (signing, demo keys) and tests.
/// Stations and the server never hold one.
class RsaPrivateKey
{
public:
    RsaPrivateKey();
    ~RsaPrivateKey();
    RsaPrivateKey(RsaPrivateKey &&) noexcept;
    RsaPrivateKey &operator=(RsaPrivateKey &&) noexcept;
    RsaPrivateKey(const RsaPrivateKey &) = delete;
    RsaPrivateKey &operator=(const RsaPrivateKey &) = delete;

    [[nodiscard]] static Result<RsaPrivateKey> generate(int bits = 3072);
    /// PEM `PRIVATE KEY` or `RSA PRIVATE KEY`, unencrypted.
    [[nodiscard]] static Result<RsaPrivateKey> fromPem(QByteArrayView pem);
    /// PKCS#8 PEM, unencrypted (for throwaway demo keys only).
    [[nodiscard]] SecretBytes toPem() const;
    [[nodiscard]] RsaPublicKey publicKey() const;
    [[nodiscard]] int bits() const;

    [[nodiscard]] Result<QByteArray> signPkcs1Sha256(QByteArrayView data) const;
    [[nodiscard]] Result<SecretBytes> decryptOaep(QByteArrayView ciphertext) const;

private:
    std::shared_ptr<PKeyHandle> m_key;
};

} // namespace prov::crypto

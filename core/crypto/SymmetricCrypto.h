#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

namespace prov::crypto {

/// AES-256-GCM with a random 12-byte nonce: returns nonce || ciphertext || 16-byte tag.
/// Used for data at rest under the server master key (gateway keys).
[[nodiscard]] Result<QByteArray> aesGcmSeal(
    const SecretBytes &key32, const SecretBytes &plaintext, QByteArrayView associatedData = {});
/// Inverse of aesGcmSeal; a wrong key, tampered blob or wrong AAD is an error.
[[nodiscard]] Result<SecretBytes> aesGcmOpen(
    const SecretBytes &key32, QByteArrayView sealed, QByteArrayView associatedData = {});

/// AES-CMAC (RFC 4493 for a 16-byte key; AES-256-CMAC for 32). The key check the
/// device computes over a station's challenge, so verification never reads a key back.
[[nodiscard]] Result<QByteArray> aesCmac(const SecretBytes &key, QByteArrayView message);

/// HMAC-SHA256 (tokens, audit chain where a keyed MAC is wanted).
[[nodiscard]] Result<QByteArray> hmacSha256(const SecretBytes &key, QByteArrayView message);

} // namespace prov::crypto

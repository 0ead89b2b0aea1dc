#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

namespace prov::crypto {

/// The file format of `openssl enc -aes-256-cbc -pbkdf2 -iter N -md sha256 -salt`:
/// "Salted__" + 8-byte salt + AES-256-CBC/PKCS#7 ciphertext, key and IV the first
/// 48 bytes of PBKDF2-HMAC-SHA256(passphrase, salt, N).
inline constexpr int kOpenSslEncIterations = 100000;

/// Decrypts; a missing header, bad length or padding error says "wrong
/// passphrase or corrupted file" (the format has no authentication).
[[nodiscard]] Result<SecretBytes> openSslEncDecrypt(
    QByteArrayView file, const SecretBytes &passphrase, int iterations = kOpenSslEncIterations);
/// Encrypts with a fresh random salt (provstation-pack).
[[nodiscard]] Result<QByteArray> openSslEncEncrypt(
    const SecretBytes &plaintext, const SecretBytes &passphrase, int iterations = kOpenSslEncIterations);

} // namespace prov::crypto

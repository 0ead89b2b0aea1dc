#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QString>

namespace prov::crypto {

/// PBKDF2-HMAC-SHA256 user password hashes: "pbkdf2-sha256$<iter>$<b64 salt>$<b64 hash>".
inline constexpr int kPasswordIterations = 600000;

[[nodiscard]] Result<QString> hashPassword(const SecretBytes &password, int iterations = kPasswordIterations);
/// Constant-time check; false for a malformed encoded hash as well.
[[nodiscard]] bool verifyPassword(const SecretBytes &password, const QString &encoded);

/// Fewest / most iterations hashPassword() accepts and verifyPassword() will run
/// (the upper bound stops a stored hash from pinning the CPU).
inline constexpr int kMinPasswordIterations = 1000;
inline constexpr int kMaxPbkdf2Iterations = 10000000;

/// Raw PBKDF2-HMAC-SHA256 (RFC 8018): `length` bytes derived from `secret` and
/// `salt` in `iterations` rounds. Shared by password hashes and openssl-enc files.
[[nodiscard]] Result<SecretBytes> pbkdf2HmacSha256(
    const SecretBytes &secret, QByteArrayView salt, int iterations, qsizetype length);

} // namespace prov::crypto

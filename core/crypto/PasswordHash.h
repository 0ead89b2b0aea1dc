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

} // namespace prov::crypto

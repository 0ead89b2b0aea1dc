#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

namespace prov::crypto {

/// `size` bytes from OpenSSL's CSPRNG (RAND_priv_bytes) as key material. An RNG
/// failure is an error (InternalError); there is never a weaker fallback.
[[nodiscard]] Result<SecretBytes> randomSecret(qsizetype size);
/// Public random bytes (salts, nonces, IDs) from RAND_bytes; same failure rule.
[[nodiscard]] Result<QByteArray> randomBytes(qsizetype size);

} // namespace prov::crypto

#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QString>

#include <optional>

namespace prov::server::keychain {

/// Why the keychain could not be used, or the secret (nullopt: no such entry).
struct ReadOutcome
{
    bool available = false; ///< false: no usable keychain (reason says why)
    QString reason;
    std::optional<crypto::SecretBytes> secret;
};

/// Reads `service`/`key` from the OS keychain (QtKeychain), waiting at most
/// timeoutMs. Without a D-Bus session bus it does not try (libsecret would only
/// fail after trying to autolaunch one).
[[nodiscard]] ReadOutcome read(const QString &service, const QString &key, int timeoutMs);
/// Stores a binary secret.
[[nodiscard]] Status write(
    const QString &service, const QString &key, const crypto::SecretBytes &secret, int timeoutMs);
/// Deletes an entry (one this process wrote and must not leave behind).
[[nodiscard]] Status remove(const QString &service, const QString &key, int timeoutMs);

} // namespace prov::server::keychain

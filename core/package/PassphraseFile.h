#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QString>

namespace prov::package {

/// `--passphrase-file F`: the first line, without its LF or CRLF; that is how
/// `openssl enc -pass file:F` reads it, except that openssl would keep the CR of a
/// CRLF line (a passphrase ending in CR is not plausible; a file saved on Windows
/// is). One rule for provstation-pack and provstation-server.
class PassphraseFile
{
public:
    inline static constexpr qint64 kMaxBytes = 4096;
    /// An empty first line, an unreadable or oversized file are errors naming the file.
    [[nodiscard]] static Result<crypto::SecretBytes> read(const QString &path);
};

} // namespace prov::package

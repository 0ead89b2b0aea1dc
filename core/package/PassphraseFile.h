#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QString>

namespace prov::package {

/// `--passphrase-file F` as `openssl enc -pass file:F` reads it: the first line,
/// without its LF or CRLF. One rule for provstation-pack and provstation-server,
/// so a passphrase file made for one works with the other and with openssl.
class PassphraseFile
{
public:
    inline static constexpr qint64 kMaxBytes = 4096;
    /// An empty first line, an unreadable or oversized file are errors naming the file.
    [[nodiscard]] static Result<crypto::SecretBytes> read(const QString &path);
};

} // namespace prov::package

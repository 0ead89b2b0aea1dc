#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QString>

namespace prov::server::keyfile {

/// Reads a key file of exactly `size` bytes. Refused unless it is a regular file
/// (no symlink) owned by this process's user with no group or other permission
/// bits; the checks run on the opened descriptor, so the file cannot be swapped
/// between check and read.
[[nodiscard]] Result<crypto::SecretBytes> read(const QString &path, qsizetype size);

/// Creates `path` (which must not exist) with mode 0600 and writes `key`, fsyncing
/// the file and its directory.
[[nodiscard]] Status create(const QString &path, const crypto::SecretBytes &key);

} // namespace prov::server::keyfile

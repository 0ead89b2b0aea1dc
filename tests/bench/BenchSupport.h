#pragma once

#include "server/store/ServerStore.h"

#include <QString>

#include <memory>

namespace prov::bench {

/// A field of /proc/self/status in KiB (VmHWM, VmRSS); -1 if unavailable.
[[nodiscard]] qint64 statusKiB(const char *field);
/// Resets VmHWM to the current RSS (Linux >= 4.0); false if not allowed.
bool resetPeakRss();

/// A fresh store in `dataDir` (SQLite there, or the PostgreSQL `databaseUrl`),
/// with configuration 0x45 revision 1 imported (KMS key of `kmsBits`), ready for
/// escrow rows. Errors are printed; nullptr then.
[[nodiscard]] std::unique_ptr<server::ServerStore> openBenchStore(const QString &dataDir, const QString &databaseUrl);

/// The KMS fingerprint of the bench configuration.
[[nodiscard]] QString benchKmsFingerprint(server::ServerStore &store);

} // namespace prov::bench

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
/// The same with the store's options (another master key file, e.g. one that
/// servers already running on the database share). A fresh database or schema.
[[nodiscard]] std::unique_ptr<server::ServerStore> openBenchStore(server::StoreOptions options);

/// The KMS fingerprint of the bench configuration.
[[nodiscard]] QString benchKmsFingerprint(server::ServerStore &store);

/// Writes `bytes` of firmware-like data to `path`: each 4 KiB block half random
/// (from `seed`), half repetitive, so deflate and inflate do real work.
[[nodiscard]] bool writeBenchFirmware(const QString &path, qint64 bytes, quint32 seed = 42);

/// The 1-minute, 5-minute and 15-minute load averages as /proc/loadavg shows them
/// (wall-clock figures mean little on a busy host without them).
[[nodiscard]] QString loadAverageText();

} // namespace prov::bench

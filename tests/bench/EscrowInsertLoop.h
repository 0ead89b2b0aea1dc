#pragma once

#include "server/store/ServerStore.h"

namespace prov::bench {

/// What a raw insert loop (escrow rows, run records) achieved.
struct InsertLoopResult
{
    qint64 records = 0;
    double seconds = 0;
    double recordsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    QString error;
};

/// The baseline the HTTP escrow benchmark compares against: escrow rows (a 256-byte
/// encrypted key, a 4 KiB run log) inserted with plain Qt Sql, one transaction and
/// one durable commit per record (SQLite WAL synchronous=FULL, PostgreSQL
/// synchronous_commit=on: the store's durability), single writer, for `seconds`.
/// `store` must hold configuration 0x45 revision 1 (openBenchStore()).
[[nodiscard]] InsertLoopResult runEscrowInsertLoop(server::ServerStore &store, double seconds);

/// One escrow row's payload as the benchmarks use it.
[[nodiscard]] QByteArray benchRootKeyBlob(qint64 seed); ///< 256 bytes
[[nodiscard]] QString benchRunLog(); ///< 4 KiB

} // namespace prov::bench

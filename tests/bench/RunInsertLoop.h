#pragma once

#include "EscrowInsertLoop.h"

#include "domain/RunRecord.h"
#include "server/store/ServerStore.h"

namespace prov::bench {

/// The n-th run record of the run benchmarks: a PROVISION of device n / 2 on
/// one of 64 slots, the device's first run failing (134, WaitForJoin) and its
/// retry passing, ten steps, a 4 KiB run log (benchRunLog()).
[[nodiscard]] domain::RunRecord benchRun(qint64 n, const QString &runLog);

/// The baseline the HTTP run benchmark compares against: benchRun() rows
/// stored with plain Qt Sql by exactly the statements RunStore::store runs for
/// a new run (the device's earlier runs counted for its attempt, the run
/// inserted, later runs renumbered, its log inserted), one transaction and one
/// durable commit per run (SQLite WAL synchronous=FULL, PostgreSQL
/// synchronous_commit=on), single writer, for `seconds`.
[[nodiscard]] InsertLoopResult runRunInsertLoop(server::ServerStore &store, double seconds);

} // namespace prov::bench

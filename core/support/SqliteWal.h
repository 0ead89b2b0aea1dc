#pragma once

#include <QString>

class QSqlDatabase;

namespace prov {

/// Puts an SQLite file in write-ahead-log mode. WAL is a property of the file,
/// switched once by its first connection; the switch needs the file to itself
/// for a moment, and SQLite answers SQLITE_BUSY at once (without its busy
/// handler) while another connection or process holds or switches it: several
/// servers on a new database, several CLI processes on a new station folder.
/// So it checks, switches, and retries for up to `timeoutMs`. False with
/// `why` (SQLite's words) when the file is still not in WAL mode by then.
[[nodiscard]] bool switchToWal(QSqlDatabase &db, int timeoutMs, QString *why);

} // namespace prov

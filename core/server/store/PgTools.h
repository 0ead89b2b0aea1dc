#pragma once

#include "domain/Result.h"
#include "server/store/DatabaseConfig.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace prov::server::pgtools {

/// PostgreSQL's own client programs (pg_dump, pg_restore; Debian:
/// postgresql-client), run with the server's connection settings. The password
/// travels in the child's environment (PGPASSWORD), never on its command line.

/// The program's path on PATH; empty when it is not installed.
[[nodiscard]] QString find(const QString &program);
/// --host --port --username --dbname of `config`.
[[nodiscard]] QStringList connectionArguments(const DatabaseConfig &config);
/// The command as an operator would type it (PGPASSWORD shown as a variable).
[[nodiscard]] QString displayCommand(
    const QString &program, const QStringList &arguments, const DatabaseConfig &config);
/// Runs the program to its end; fails with its stderr when it exits non-zero.
[[nodiscard]] Result<QByteArray> run(
    const QString &program, const QStringList &arguments, const DatabaseConfig &config);
/// Runs `work` on a fresh connection of its own (no schema migration, no
/// search_path), closed afterwards.
[[nodiscard]] Status withConnection(const DatabaseConfig &config, const std::function<Status(QSqlDatabase &)> &work);
/// The schema the tables live in: the URL's, else `current_schema()` of a
/// fresh connection.
[[nodiscard]] Result<QString> effectiveSchema(const DatabaseConfig &config);

} // namespace prov::server::pgtools

#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringList>

namespace prov::server {

/// The options every subcommand shares; they may stand before or after it.
struct GlobalOptions
{
    QString dataDir; ///< --data-dir (default: PROVSTATION_DATA_DIR or the user's data location)
    QString databaseUrl; ///< --db (default: PROVSTATION_DB_URL, else SQLite in the data dir)
    QString masterKeyFile; ///< --master-key-file (or PROVSTATION_MASTER_KEY_FILE)
};

/// The command line split into global options, the subcommand ("" = serve) and
/// the rest, which the subcommand parses itself.
struct CommandLine
{
    GlobalOptions global;
    QString command;
    QStringList rest;
    bool help = false;
    bool version = false;
};

/// `arguments` without the program name. The subcommand is the first word that
/// names one; global options are taken from anywhere (`--db URL` or `--db=URL`).
[[nodiscard]] Result<CommandLine> splitCommandLine(const QStringList &arguments);

/// The subcommands, for the usage text and the split.
[[nodiscard]] const QStringList &subcommandNames();

/// The usage text of `provstation-server --help`.
[[nodiscard]] QString usageText();

} // namespace prov::server

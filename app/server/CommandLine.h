#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringList>

namespace prov::server {

/// The options every subcommand shares; they may stand before or after it.
struct GlobalOptions
{
    QString configFile; ///< --config (root: /etc/provstation/server.conf when it exists, see main.cpp)
    QString dataDir; ///< --data-dir (then the config file, then defaultServerDataDir())
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
/// The data directory stays empty when not given (the config file may name it).
[[nodiscard]] Result<CommandLine> splitCommandLine(const QStringList &arguments);

/// The subcommands, for the usage text and the split.
[[nodiscard]] const QStringList &subcommandNames();

/// The usage text of `provstation-server --help`.
[[nodiscard]] QString usageText();

} // namespace prov::server

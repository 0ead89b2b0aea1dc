#pragma once

#include "CommandLine.h"

#include "domain/Result.h"

#include <QList>
#include <QString>

namespace prov::server {

/// The configuration file a service (and an admin's `sudo provstation-server
/// ...`) reads: `key = value` lines whose keys are the long option names
/// (installer/server.conf lists them all). Command-line options win over it.
/// Read by hand rather than with QSettings: an error names the line, and a
/// value is taken as written (no INI escapes, no comma lists).
struct ConfigFile
{
    struct Entry
    {
        QString key;
        QString value;
        int line = 0;
    };
    QString path;
    QList<Entry> entries;
};

/// The file root uses when no --config is given.
inline constexpr char kSystemConfigPath[] = "/etc/provstation/server.conf";

/// The keys a config file may hold.
[[nodiscard]] const QStringList &configKeys();

/// Reads and checks a config file: syntax, known keys, each value (a bad one is
/// an error naming the file, the line, the key and what is wrong). Relative
/// paths are taken from the file's folder.
[[nodiscard]] Result<ConfigFile> readConfigFile(const QString &path);

/// Fills what the command line left open: global options (data-dir, db,
/// master-key-file) and, before the command line's own, the serve options
/// (listen, tls-*, insecure-http, limits) of serve and tls-pin.
void applyConfigFile(const ConfigFile &file, CommandLine &line);

} // namespace prov::server

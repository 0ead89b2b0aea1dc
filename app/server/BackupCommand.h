#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server backup DEST`; returns the exit code.
[[nodiscard]] int runBackupCommand(const GlobalOptions &global, const QStringList &rest);

/// `provstation-server restore SRC [--force]`; returns the exit code.
[[nodiscard]] int runRestoreCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

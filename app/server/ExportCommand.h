#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server export ...`; returns the exit code.
[[nodiscard]] int runExportCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server import ...`; returns the exit code.
[[nodiscard]] int runImportCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

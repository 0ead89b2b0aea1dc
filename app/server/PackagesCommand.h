#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server packages ...`; returns the exit code.
[[nodiscard]] int runPackagesCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

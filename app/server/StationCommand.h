#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server station ...` (pair, revoke); returns the exit code.
[[nodiscard]] int runStationCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

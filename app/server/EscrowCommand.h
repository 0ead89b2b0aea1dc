#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server escrow ...`; returns the exit code.
[[nodiscard]] int runEscrowCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

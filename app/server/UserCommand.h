#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server user ...`; returns the exit code.
[[nodiscard]] int runUserCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

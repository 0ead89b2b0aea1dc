#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server user ...`; returns the exit code.
[[nodiscard]] int runUserCommand(const GlobalOptions &global, const QStringList &rest);

/// `provstation-server setup-code`: while no admin exists, prints the setup code
/// that creates the first one, alone on the last line (the same code the server
/// shows at start); fails once an admin exists.
[[nodiscard]] int runSetupCodeCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server token ...`; returns the exit code.
[[nodiscard]] int runTokenCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server audit ...`; returns the exit code.
[[nodiscard]] int runAuditCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server history ID [--json]`: a device's runs, key records'
/// states and audit entries; returns the exit code.
[[nodiscard]] int runHistoryCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

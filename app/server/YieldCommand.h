#pragma once

#include "CommandLine.h"

namespace prov::server {

/// `provstation-server yield [--from ISO] [--to ISO] [--station NAME] ... [--json]`; returns the exit code.
[[nodiscard]] int runYieldCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

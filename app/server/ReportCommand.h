#pragma once

#include "CommandLine.h"

#include <QStringList>

namespace prov::server {

/// `report`: the device report as CSV (docs/server.md, "Device reports"), to a
/// file (-o) or standard output, with a column template (--template NAME|FILE,
/// --set NAME=VALUE for its parameters).
[[nodiscard]] int runReportCommand(const GlobalOptions &global, const QStringList &rest);

} // namespace prov::server

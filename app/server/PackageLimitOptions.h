#pragma once

#include "domain/Result.h"
#include "package/PackageInfo.h"

#include <QCommandLineParser>

namespace prov::server {

/// --max-total-mb, --max-file-mb, --max-entries: the package limits
/// (docs/package-limits.md), for `import` and for the uploads a running server takes.
void addPackageLimitOptions(QCommandLineParser &parser);
/// Their names (without "--"), for the config file.
[[nodiscard]] QStringList packageLimitOptionNames();
/// The limits given (defaults for those not given); an error names a bad value.
[[nodiscard]] Result<package::PackageLimits> packageLimitsFromParser(const QCommandLineParser &parser);

} // namespace prov::server

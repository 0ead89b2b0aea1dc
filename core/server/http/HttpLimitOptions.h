#pragma once

#include "domain/Result.h"
#include "server/http/HttpLimits.h"

#include <QStringList>

QT_BEGIN_NAMESPACE
class QCommandLineParser;
QT_END_NAMESPACE

namespace prov::server::http {

/// The command-line options that set HttpLimits (--max-header-bytes, ...),
/// shared by `provstation-server` and the HTTP layer's test server.
void addHttpLimitOptions(QCommandLineParser &parser);
/// Their names (without "--"), for the config file.
[[nodiscard]] QStringList httpLimitOptionNames();
/// Reads them back over the defaults; an error names the bad option and value.
[[nodiscard]] Result<HttpLimits> httpLimitsFromParser(const QCommandLineParser &parser);

} // namespace prov::server::http

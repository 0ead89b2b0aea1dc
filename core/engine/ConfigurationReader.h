#pragma once

#include "domain/Result.h"
#include "engine/Configuration.h"

#include <QJsonObject>
#include <QUrl>

namespace prov::engine {

/// Turns the server's configuration answer (docs/api/openapi.yaml,
/// StationConfiguration) into a Configuration. Strict: a missing or malformed
/// field is result 102 (server response invalid) naming the field.
class ConfigurationReader
{
public:
    /// `base` resolves relative download URLs.
    [[nodiscard]] static Result<ConfigurationPtr> read(const QJsonObject &json, const QUrl &base);
};

} // namespace prov::engine

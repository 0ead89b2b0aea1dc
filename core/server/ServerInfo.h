#pragma once

#include <QString>

namespace prov::server {

/// Identity of the server-mode build, reported by the health endpoint.
[[nodiscard]] QString serverVersion();

} // namespace prov::server

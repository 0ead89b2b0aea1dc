#pragma once

#include "domain/Result.h"
#include "protocol/ProtocolTypes.h"

namespace prov::protocol {

/// The checks of an identify answer against what the package expects, mapped
/// to the CLI contract: another node type → 40, calibration not valid → 41.
[[nodiscard]] Status checkNodeIdentity(const NodeIdentity &identity, quint16 expectedHardwareType);

} // namespace prov::protocol

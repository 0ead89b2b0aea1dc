#pragma once

#include <QVariantMap>

namespace prov::engine {

/// The setting keys the engine understands. A plugin exposes some of them in
/// its settings schema (with its own defaults and limits); the GUI renders the
/// schema, the CLI takes `--set key=value`, and the engine applies the values.
namespace SettingKeys {
/// opt_psem: the meter's C12.18 password (20 bytes, space padded). Never logged.
inline constexpr const char *kPsemPassword = "psemPassword";
/// opt_psem: the C12.18 logon user ID.
inline constexpr const char *kPsemUserId = "psemUserId";
/// Block transfers: blocks in flight at once (1 = stop and wait).
inline constexpr const char *kBlockWindow = "blockWindow";
/// WaitForJoin: how often the gateway is asked, in milliseconds.
inline constexpr const char *kJoinPollMs = "joinPollMs";
} // namespace SettingKeys

} // namespace prov::engine

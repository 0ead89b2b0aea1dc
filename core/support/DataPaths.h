#pragma once

#include <QString>

namespace prov {

/// The data folder `provstation-server` and `provstation --server` use when no
/// --data-dir (or config file) names one: $XDG_DATA_HOME/provstation/server,
/// i.e. ~/.local/share/provstation/server. One function for both, so the window
/// and the headless server of one user always find the same store.
[[nodiscard]] QString defaultServerDataDir();

} // namespace prov

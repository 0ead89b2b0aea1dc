#pragma once

#include "domain/Result.h"

#include <QString>

namespace prov::server {

/// An admin's `sudo provstation-server ...` on the server PC: when running as
/// root and `dataDir` belongs to another user (the service's `provstation`),
/// becomes that user (its groups, then its group, then its user) so nothing the
/// command writes into the data directory ends up owned by root. Does nothing
/// when not root, or when the folder is root's or does not exist yet. Must run
/// before anything in the data directory is opened.
[[nodiscard]] Status becomeDataDirOwner(const QString &dataDir);

} // namespace prov::server

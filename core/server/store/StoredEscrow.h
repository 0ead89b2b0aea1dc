#pragma once

#include "domain/EscrowRecord.h"

#include <QList>
#include <QString>

namespace prov::server {

using domain::EscrowApp;
using domain::EscrowRecord;
using domain::EscrowState;

/// The stored form of a device's apps: one line per app, "name\tid\tkey\textra"
/// (names have no control characters, the rest is hex), cheap to read back for
/// an export of a million devices.
[[nodiscard]] QString encodeEscrowApps(const QList<EscrowApp> &apps);
[[nodiscard]] QList<EscrowApp> decodeEscrowApps(QStringView text);

/// A longer run log is cut (its end kept) when stored.
inline constexpr qsizetype kMaxRunLogBytes = 64 * 1024;
/// `log` cut to kMaxRunLogBytes of UTF-8, its end kept (where failures are) behind a marker.
[[nodiscard]] QString cutRunLog(const QString &log);
/// A larger verification object is refused.
inline constexpr qsizetype kMaxVerificationBytes = 16 * 1024;

} // namespace prov::server

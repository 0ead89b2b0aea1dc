#pragma once

#include <QDateTime>
#include <QString>

namespace prov::gui {

/// Who is logged in to the station, from POST /api/v1/session (a password or a
/// scanned badge). Operators run and retry; only a supervisor or admin changes
/// settings (and a login taken for that ends with the Settings dialog).
struct UserSession
{
    QString user;
    QString role;
    QString token; ///< bearer token; never logged
    QDateTime expiresAt;

    [[nodiscard]] bool isValid() const { return !user.isEmpty() && !token.isEmpty(); }
    [[nodiscard]] bool canRun() const
    {
        return isValid() && (canChangeSettings() || role == QLatin1String("operator"));
    }
    [[nodiscard]] bool canChangeSettings() const
    {
        return isValid() && (role == QLatin1String("admin") || role == QLatin1String("supervisor"));
    }
    /// Translated role name for the header.
    [[nodiscard]] QString roleName() const;
};

} // namespace prov::gui

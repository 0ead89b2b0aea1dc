#pragma once

#include <QStringList>

namespace prov::server::http {

/// Who may call a route, by role (the "who" column of
/// docs/contracts/server-api.md). A supervisor reads and runs the line as an
/// operator does; key export, users, tokens, pairing codes and the audit log
/// stay with the admin.
namespace roles {

/// Key export, users, tokens, pairing codes, package upload, the audit log.
[[nodiscard]] inline QStringList admin()
{
    return {QStringLiteral("admin")};
}

/// The line's records: packages, escrow records, device histories, stations.
[[nodiscard]] inline QStringList lineReaders()
{
    return {QStringLiteral("admin"), QStringLiteral("supervisor"), QStringLiteral("operator")};
}

/// Running the line: device reports, yield and shifts (no keys in them).
[[nodiscard]] inline QStringList supervisors()
{
    return {QStringLiteral("admin"), QStringLiteral("supervisor")};
}

/// Every holder of a valid token (configurations and files, ending a session).
[[nodiscard]] inline QStringList everyone()
{
    return {
        QStringLiteral("admin"), QStringLiteral("supervisor"), QStringLiteral("operator"), QStringLiteral("station")};
}

/// A station's own writes.
[[nodiscard]] inline QStringList station()
{
    return {QStringLiteral("station")};
}

/// Closing an escrow record: its station, or an admin.
[[nodiscard]] inline QStringList stationOrAdmin()
{
    return {QStringLiteral("station"), QStringLiteral("admin")};
}

} // namespace roles
} // namespace prov::server::http

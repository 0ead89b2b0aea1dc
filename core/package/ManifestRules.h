#pragma once

#include "domain/Result.h"

#include <QString>
#include <QStringView>

namespace prov::package {

/// The simple types of manifest.xsd, checked exactly as an XSD validator would
/// (patterns are anchored, no whitespace is trimmed from xs:string types), plus
/// the path rules of the package contract. Shared by the reader and the writer so
/// that provstation-pack never writes what the reader refuses.
namespace ManifestRules {

inline constexpr int kSupportedFormatVersion = 1;
inline constexpr int kMaxPathChars = 255;

/// u64: `0[xX][0-9A-Fa-f]{1,16}|[0-9]{1,20}`.
[[nodiscard]] bool isU64(QStringView text);
/// md5: 32 hexadecimal digits, either case.
[[nodiscard]] bool isMd5(QStringView text);
/// version: `[0-9]+(\.[0-9]+){0,3}`.
[[nodiscard]] bool isVersion(QStringView text);
/// name (appLabel, alias, app name): `[A-Za-z0-9._\-]{1,64}`.
[[nodiscard]] bool isName(QStringView text);
/// node type enumeration: UNODE, ENODE, DNODE.
[[nodiscard]] bool isNodeType(QStringView text);
/// path: 1 to 255 characters (Unicode code points, as XSD counts them).
[[nodiscard]] bool isPathLength(QStringView text);

/// The value of a u64 that matched isU64; an error when a 20-digit decimal
/// overflows 64 bits.
[[nodiscard]] Result<quint64> u64Value(QStringView text);

/// A path inside the archive in its one canonical form: `./` and empty components
/// dropped, no trailing slash. Absolute paths and `..` components are errors
/// (message says which). The archive root itself (`.`, `./`) normalises to "".
[[nodiscard]] Result<QString> normalisePath(const QString &path);

} // namespace ManifestRules

} // namespace prov::package

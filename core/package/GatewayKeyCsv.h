#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"
#include "package/PackageInfo.h"

namespace prov::package {

/// The plain gateway key file of package-format.md, exactly:
///   key,hex
///   gateway,<32 hex digits>
///   cdld,<32 hex digits>
/// LF or CRLF line ends, the final line end optional, the two data rows in either
/// order, each exactly once; a UTF-8 byte order mark is tolerated. Nothing else:
/// no spaces, no empty lines, no other rows. Parsing never copies the bytes out of
/// SecretBytes and errors never quote them.
class GatewayKeyCsv
{
public:
    inline static constexpr qsizetype kKeyBytes = 16;

    /// The error message says which rule was broken (line number, row name), never the content.
    [[nodiscard]] static Result<GatewayKeys> parse(const crypto::SecretBytes &plain);
    /// The canonical file (LF line ends, lower-case hex) for provstation-pack.
    [[nodiscard]] static crypto::SecretBytes format(const GatewayKeys &keys);
};

} // namespace prov::package

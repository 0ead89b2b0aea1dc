#pragma once

#include "domain/ConfigId.h"
#include "domain/IdRangeList.h"
#include "domain/Result.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace prov::server {

class PackageStore;

/// An export as asked (CLI options or HTTP query parameters), unparsed.
struct ExportRequest
{
    QString configId; ///< exactly one of configId / configAlias
    QString configAlias;
    QString batches; ///< "1000,1002-1005" (decimal)
    QString nodeIds; ///< "0x00010000-0x0001FFFF,0x00020001" (hex)
    QString from; ///< ISO 8601, inclusive
    QString to; ///< ISO 8601, exclusive
};

/// An export selection, parsed and resolved.
struct ExportSelection
{
    ConfigId configId;
    IdRangeList batches;
    IdRangeList nodeIds;
    std::optional<QDateTime> from; ///< UTC, whole seconds
    std::optional<QDateTime> to;
    QString batchesText; ///< as asked (trimmed), for the selection element
    QString nodeIdsText;

    /// Parses `request` and resolves an alias to its configuration; refuses a
    /// configuration that was never imported. Errors name the bad parameter.
    [[nodiscard]] static Result<ExportSelection> resolve(const ExportRequest &request, const PackageStore &packages);
    /// One line for the audit log.
    [[nodiscard]] QString describe() const;
};

/// Most ranges a batch or node ID list may have (each becomes an SQL condition).
inline constexpr int kMaxExportRanges = 1000;

} // namespace prov::server

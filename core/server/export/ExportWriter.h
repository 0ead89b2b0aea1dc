#pragma once

#include "domain/Result.h"
#include "server/export/ExportSelection.h"
#include "server/export/ExportStream.h"

#include <QString>

#include <memory>

namespace prov::server {

class ServerStore;

/// What an export to a file wrote.
struct ExportSummary
{
    ExportSelection selection;
    qint64 devices = 0;
    qint64 bytes = 0;
    QList<ExportLeftOut> leftOut; ///< nodes of the selection not exported (latest record not done)
};

/// The audited entry points of the export: resolve the request, record it in the
/// audit log (who, what selection, how many devices), then stream.
class ExportWriter
{
public:
    /// For the HTTP side: an ExportStream to drain with writeMore() as the client
    /// reads (any one thread at a time; the database work is on its own thread).
    [[nodiscard]] static Result<std::unique_ptr<ExportStream>> openStream(
        ServerStore &store, const ExportRequest &request, const QString &actor);
    /// For the CLI: writes `path` completely or not at all (temporary file, fsync,
    /// rename).
    [[nodiscard]] static Result<ExportSummary> writeFile(
        ServerStore &store, const ExportRequest &request, const QString &path, const QString &actor);
};

} // namespace prov::server

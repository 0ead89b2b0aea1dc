#pragma once

#include "domain/Result.h"
#include "server/export/ExportSelection.h"

#include <QString>

class QIODevice;

namespace prov::server {

class Database;
class ReportTemplate;
class ServerStore;

/// One device of a report: its last run in the selection, with the firmware
/// versions and hardware types its newest run in the selection that reported
/// them heard from the device; where none did, the configuration revision's.
struct DeviceRecord
{
    QString device;
    QString nodeId;
    QString emcmId;
    QString meterSerial;
    QString nodeVersion; ///< the node's firmware as reported, else the revision's
    QString hostVersion; ///< the eMCM's firmware as reported, else the revision's first app
    QString model; ///< the meter plugin
    QString nodeType; ///< as reported with nodeVersion, else the revision's
    QString hostType; ///< as reported with hostVersion ("" when never)
    QString nodeVersionSource; ///< "device", "configuration", or "" without a version
    QString hostVersionSource;
    QString configId;
    int revision = 0;
    qint64 batch = 0;
    QString station;
    QString slot;
    QString operatorName;
    QString operation;
    int result = 0;
    qint64 timeMs = 0; ///< when the last run finished
    QString labels; ///< JSON object: scanned field -> label

    /// The value of a template field (ReportTemplate::fieldNames(), label.NAME).
    [[nodiscard]] QString field(const QString &name) const;
};

/// What a report wrote.
struct ReportSummary
{
    ExportSelection selection;
    qint64 devices = 0;
    qint64 bytes = 0;
};

/// The device report (CSV, docs/server.md "Device reports"): one row per device
/// with a run of the selection's configuration (and batches, and start time in
/// [from, to)), from the device's last such run, ordered by device. Read in one
/// snapshot and written as read: forward-only on SQLite, a server-side cursor on
/// PostgreSQL, so a report of a million devices holds a few thousand rows at most.
class DeviceReport
{
public:
    /// The header and the rows to `out`, from the calling thread's connection.
    [[nodiscard]] static Result<ReportSummary> write(
        const Database &database, const ExportSelection &selection, const ReportTemplate &columns, QIODevice *out);
    /// Resolves the request (as the export does: the errors name the bad option),
    /// writes the report to `out` and records it in the audit log.
    [[nodiscard]] static Result<ReportSummary> writeTo(ServerStore &store, const ExportRequest &request,
        const ReportTemplate &columns, QIODevice *out, const QString &actor);
    /// writeTo() into `path`, written completely or not at all.
    [[nodiscard]] static Result<ReportSummary> writeFile(ServerStore &store, const ExportRequest &request,
        const ReportTemplate &columns, const QString &path, const QString &actor);
};

} // namespace prov::server

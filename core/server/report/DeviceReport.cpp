#include "server/report/DeviceReport.h"

#include "server/report/CsvWriter.h"
#include "server/report/ReportTemplate.h"
#include "server/store/Database.h"
#include "server/store/ServerStore.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

namespace prov::server {

namespace {

constexpr int kCursorBatch = 2000;
const QString kCursorName = QStringLiteral("provstation_report");
/// Rows gathered before one write to the output.
constexpr qsizetype kWriteBytes = 64 * 1024;

/// The runs of the selection (alias `alias`); every value is a number or the
/// canonical configuration ID, so they are written into the statement
/// (PostgreSQL cannot DECLARE a cursor over a prepared statement).
QString selected(const ExportSelection &selection, const QString &alias)
{
    QStringList where;
    where << QStringLiteral("%1.config_id = '%2'").arg(alias, selection.configId.toString())
          << QStringLiteral("%1.device <> ''").arg(alias) << QStringLiteral("%1.station_fault = 0").arg(alias);
    if (!selection.batches.isEmpty()) {
        QStringList any;
        for (const IdRangeList::Range &range : selection.batches.ranges()) {
            any << (range.first == range.last
                    ? QStringLiteral("%1.batch = %2").arg(alias).arg(range.first)
                    : QStringLiteral("%1.batch BETWEEN %2 AND %3").arg(alias).arg(range.first).arg(range.last));
        }
        where << QStringLiteral("(") + any.join(QStringLiteral(" OR ")) + QStringLiteral(")");
    }
    if (selection.from)
        where << QStringLiteral("%1.started_at >= %2").arg(alias).arg(selection.from->toMSecsSinceEpoch());
    if (selection.to)
        where << QStringLiteral("%1.started_at < %2").arg(alias).arg(selection.to->toMSecsSinceEpoch());
    return where.join(QStringLiteral(" AND "));
}

/// Separates a reported version from its hardware type: no clean text (RunRecord) has it.
constexpr char16_t kUnitSeparator = 0x1f;

/// The newest of a device's runs (alias s) that reported `version`, as
/// "version<US>type" behind 30 digits of the run's place (started_at, id):
/// the greatest such text of the device's runs. One MAX over the device's
/// runs shares the sort of the other windows; a window ordered "reported
/// runs first" would sort every run again (twice the report's time).
QString newestReported(const QString &version, const QString &type, bool postgres)
{
    return QStringLiteral("MAX(CASE WHEN s.%1 <> '' THEN %2 || s.%1 || %3 || s.%4 END) OVER (PARTITION BY s.device)")
        .arg(version,
            postgres ? QStringLiteral("lpad(s.started_at::text, 15, '0') || lpad(s.id::text, 15, '0')")
                     : QStringLiteral("printf('%015d%015d', s.started_at, s.id)"),
            postgres ? QStringLiteral("chr(31)") : QStringLiteral("char(31)"), type);
}

QString reportQuery(const ExportSelection &selection, bool passedOnly, bool postgres)
{
    // A device's last run of the selection (started_at, then id), numbered by a
    // window over its runs: one sort, where a correlated "no later run" probe
    // may be planned as a scan per row. An identity the last run did not learn
    // comes from the device's other runs of the selection; what the device
    // reported about its node and its host, from the newest run that reported each.
    return QStringLiteral(
               "SELECT r.device, r.node_id,"
               " CASE WHEN r.emcm_id <> '' THEN r.emcm_id ELSE r.any_emcm END,"
               " CASE WHEN r.meter_serial <> '' THEN r.meter_serial ELSE r.any_serial END,"
               " COALESCE(substr(r.node_said, 31), ''), COALESCE(v.node_version, ''), COALESCE(v.node_type, ''),"
               " COALESCE(substr(r.host_said, 31), ''),"
               " COALESCE((SELECT a.version FROM revision_apps a WHERE a.config_id = r.config_id"
               " AND a.revision = r.revision AND a.position = 0), ''),"
               " r.meter, r.config_id, r.revision, r.batch, r.station, r.slot,"
               " r.operator, r.operation, r.result, r.finished_at, r.labels FROM"
               " (SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.device ORDER BY s.started_at DESC, s.id DESC)"
               " AS newest, MAX(s.emcm_id) OVER (PARTITION BY s.device) AS any_emcm,"
               " MAX(s.meter_serial) OVER (PARTITION BY s.device) AS any_serial, ")
        + newestReported(QStringLiteral("node_firmware"), QStringLiteral("node_type"), postgres)
        + QStringLiteral(" AS node_said, ")
        + newestReported(QStringLiteral("host_firmware"), QStringLiteral("host_type"), postgres)
        + QStringLiteral(" AS host_said FROM runs s WHERE ") + selected(selection, QStringLiteral("s"))
        + QStringLiteral(") r LEFT JOIN revisions v ON v.config_id = r.config_id AND v.revision = r.revision"
                         " WHERE r.newest = 1")
        + (passedOnly ? QStringLiteral(" AND r.result = 0") : QString()) + QStringLiteral(" ORDER BY r.device");
}

/// The device's own value when a run reported one, else the configuration's;
/// `source` says which ("" when neither has one).
void pick(const QString &reported, const QString &configured, QString *value, QString *source)
{
    *value = reported.isEmpty() ? configured : reported;
    *source = !reported.isEmpty() ? QStringLiteral("device")
        : !configured.isEmpty()   ? QStringLiteral("configuration")
                                  : QString();
}

DeviceRecord recordFrom(const QSqlQuery &q)
{
    DeviceRecord r;
    r.device = q.value(0).toString();
    r.nodeId = q.value(1).toString();
    r.emcmId = q.value(2).toString();
    r.meterSerial = q.value(3).toString();
    const QString nodeSaid = q.value(4).toString();
    pick(nodeSaid.section(kUnitSeparator, 0, 0), q.value(5).toString(), &r.nodeVersion, &r.nodeVersionSource);
    // The type goes with the version: both from the same run, or both from the revision.
    r.nodeType = nodeSaid.isEmpty() ? q.value(6).toString() : nodeSaid.section(kUnitSeparator, 1);
    const QString hostSaid = q.value(7).toString();
    pick(hostSaid.section(kUnitSeparator, 0, 0), q.value(8).toString(), &r.hostVersion, &r.hostVersionSource);
    r.hostType = hostSaid.section(kUnitSeparator, 1);
    r.model = q.value(9).toString();
    r.configId = q.value(10).toString();
    r.revision = q.value(11).toInt();
    r.batch = q.value(12).toLongLong();
    r.station = q.value(13).toString();
    r.slot = q.value(14).toString();
    r.operatorName = q.value(15).toString();
    r.operation = q.value(16).toString();
    r.result = q.value(17).toInt();
    r.timeMs = q.value(18).toLongLong();
    r.labels = q.value(19).toString();
    return r;
}

Status writeAll(QIODevice *out, QByteArray &buffer, qint64 &bytes)
{
    if (out->write(buffer) != buffer.size())
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot write the report: %1").arg(out->errorString()));
    bytes += buffer.size();
    buffer.clear();
    return {};
}

} // namespace

QString DeviceRecord::field(const QString &name) const
{
    if (name == QLatin1String("nodeId"))
        return nodeId;
    if (name == QLatin1String("emcmId"))
        return emcmId;
    if (name == QLatin1String("meterSerial"))
        return meterSerial;
    if (name == QLatin1String("nodeVersion"))
        return nodeVersion;
    if (name == QLatin1String("hostVersion"))
        return hostVersion;
    if (name == QLatin1String("model"))
        return model;
    if (name == QLatin1String("nodeType"))
        return nodeType;
    if (name == QLatin1String("hostType"))
        return hostType;
    if (name == QLatin1String("nodeVersionSource"))
        return nodeVersionSource;
    if (name == QLatin1String("hostVersionSource"))
        return hostVersionSource;
    if (name == QLatin1String("configId"))
        return configId;
    if (name == QLatin1String("revision"))
        return QString::number(revision);
    if (name == QLatin1String("batch"))
        return QString::number(batch);
    if (name == QLatin1String("station"))
        return station;
    if (name == QLatin1String("slot"))
        return slot;
    if (name == QLatin1String("operator"))
        return operatorName;
    if (name == QLatin1String("operation"))
        return operation;
    if (name == QLatin1String("result"))
        return QString::number(result);
    if (name == QLatin1String("passed"))
        return result == 0 ? QStringLiteral("yes") : QStringLiteral("no");
    if (name == QLatin1String("time"))
        return QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODate);
    if (name.startsWith(QLatin1String("label.")))
        return QJsonDocument::fromJson(labels.toUtf8()).object().value(name.mid(6)).toString();
    return {};
}

Result<ReportSummary> DeviceReport::write(
    const Database &database, const ExportSelection &selection, const ReportTemplate &columns, QIODevice *out)
{
    ReportSummary summary;
    summary.selection = selection;
    const bool postgres = database.isPostgres();
    auto db = database.connection();
    if (!db)
        return db.error();
    auto transaction = SqlTransaction::begin(db.value(), postgres, SqlTransaction::Mode::Read);
    if (!transaction)
        return transaction.error();
    QByteArray buffer = csvRecord(columns.titles());
    const QString select = reportQuery(selection, columns.passedOnly(), postgres);
    if (postgres) {
        auto declare = runSql(db.value(), QStringLiteral("DECLARE %1 NO SCROLL CURSOR FOR ").arg(kCursorName) + select);
        if (!declare)
            return declare.error();
    }
    for (bool more = true; more;) {
        auto rows = runSql(db.value(),
            postgres ? QStringLiteral("FETCH FORWARD %1 FROM %2").arg(kCursorBatch).arg(kCursorName) : select);
        if (!rows)
            return rows.error();
        int fetched = 0;
        while (rows->next()) {
            ++fetched;
            ++summary.devices;
            buffer += csvRecord(columns.cells(recordFrom(rows.value())));
            if (buffer.size() >= kWriteBytes) {
                if (const Status written = writeAll(out, buffer, summary.bytes); !written.ok())
                    return written.error();
            }
        }
        if (rows->lastError().isValid())
            return sqlError(rows.value(), QStringLiteral("reading the report rows"));
        // SQLite: one query reads everything; PostgreSQL: until a short fetch.
        more = postgres && fetched == kCursorBatch;
    }
    if (const Status written = writeAll(out, buffer, summary.bytes); !written.ok())
        return written.error();
    return summary;
}

Result<ReportSummary> DeviceReport::writeTo(ServerStore &store, const ExportRequest &request,
    const ReportTemplate &columns, QIODevice *out, const QString &actor)
{
    auto selection = ExportSelection::resolve(request, store.packages());
    if (!selection)
        return selection.error();
    auto summary = write(store.database(), selection.value(), columns, out);
    if (!summary)
        return summary.error();
    if (auto ok = store.audit().record(actor, QStringLiteral("report"), selection->configId.toString(),
            QStringLiteral("%1; template %2; %3 devices")
                .arg(selection->describe(), columns.name())
                .arg(summary->devices));
        !ok)
        return ok.error();
    return summary;
}

Result<ReportSummary> DeviceReport::writeFile(ServerStore &store, const ExportRequest &request,
    const ReportTemplate &columns, const QString &path, const QString &actor)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot write the report file %1: %2").arg(path, file.errorString()));
    auto summary = writeTo(store, request, columns, &file, actor);
    if (!summary) {
        file.cancelWriting();
        return summary.error();
    }
    if (!file.commit())
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot finish the report file %1: %2").arg(path, file.errorString()));
    return summary;
}

} // namespace prov::server

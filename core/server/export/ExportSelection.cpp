#include "server/export/ExportSelection.h"

#include "server/store/PackageStore.h"

#include <QStringList>

namespace prov::server {

namespace {

Result<std::optional<QDateTime>> parseTime(const QString &text, const QString &name)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::optional<QDateTime>();
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("'%1' is not an ISO 8601 date and time (e.g. 2026-11-20T00:00:00Z)").arg(trimmed.left(80)),
            QStringLiteral("--") + name);
    if (time.timeSpec() == Qt::LocalTime) {
        // A bare date means midnight UTC; a time without a zone is ambiguous.
        if (trimmed.contains(u'T'))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("'%1' has no time zone: add Z or an offset").arg(trimmed.left(80)),
                QStringLiteral("--") + name);
        time.setTimeSpec(Qt::UTC);
    }
    time = time.toUTC();
    if (time.time().msec() != 0)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("'%1' has fractions of a second; export times are whole seconds").arg(trimmed.left(80)),
            QStringLiteral("--") + name);
    return std::optional<QDateTime>(time);
}

} // namespace

Result<ExportSelection> ExportSelection::resolve(const ExportRequest &request, const PackageStore &packages)
{
    ExportSelection selection;
    const QString id = request.configId.trimmed();
    const QString alias = request.configAlias.trimmed();
    if (id.isEmpty() == alias.isEmpty())
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("give exactly one of --config-id and --config-alias"));
    if (!id.isEmpty()) {
        auto parsed = ConfigId::parse(id);
        if (!parsed)
            return makeError(ResultCode::InvalidArguments, parsed.error().message, QStringLiteral("--config-id"));
        selection.configId = parsed.value();
        // An unknown ID would export nothing, which is almost always a typo.
        if (!packages.newestRevision(selection.configId))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("no configuration %1 was imported").arg(selection.configId.toString()),
                QStringLiteral("--config-id"));
    } else {
        auto resolved = packages.resolveAlias(alias);
        if (!resolved)
            return makeError(ResultCode::InvalidArguments, resolved.error().message, QStringLiteral("--config-alias"));
        selection.configId = resolved.value();
    }
    selection.batchesText = request.batches.trimmed();
    auto batches = IdRangeList::parse(selection.batchesText, IdRangeList::Radix::Decimal, 0xFFFFFFFFull);
    if (!batches)
        return makeError(ResultCode::InvalidArguments, batches.error().message, QStringLiteral("--batches"));
    selection.batches = batches.value();
    selection.nodeIdsText = request.nodeIds.trimmed();
    auto nodes = IdRangeList::parse(selection.nodeIdsText, IdRangeList::Radix::Hex, 0xFFFFFFFFull);
    if (!nodes)
        return makeError(ResultCode::InvalidArguments, nodes.error().message, QStringLiteral("--node-ids"));
    selection.nodeIds = nodes.value();
    if (selection.batches.ranges().size() > kMaxExportRanges || selection.nodeIds.ranges().size() > kMaxExportRanges)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("more than %1 ranges in --batches or --node-ids").arg(kMaxExportRanges));
    auto from = parseTime(request.from, QStringLiteral("from"));
    if (!from)
        return from.error();
    auto to = parseTime(request.to, QStringLiteral("to"));
    if (!to)
        return to.error();
    selection.from = from.value();
    selection.to = to.value();
    if (selection.from && selection.to && *selection.from >= *selection.to)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("--from %1 is not before --to %2")
                .arg(selection.from->toString(Qt::ISODate), selection.to->toString(Qt::ISODate)));
    return selection;
}

QString ExportSelection::describe() const
{
    QStringList parts {QStringLiteral("config %1").arg(configId.toString())};
    if (!batchesText.isEmpty())
        parts.append(QStringLiteral("batches %1").arg(batchesText));
    if (!nodeIdsText.isEmpty())
        parts.append(QStringLiteral("node IDs %1").arg(nodeIdsText));
    if (from)
        parts.append(QStringLiteral("from %1").arg(from->toString(Qt::ISODate)));
    if (to)
        parts.append(QStringLiteral("to %1").arg(to->toString(Qt::ISODate)));
    return parts.join(QStringLiteral(", "));
}

} // namespace prov::server

#include "HistoryCommand.h"

#include "CommandSupport.h"

#include <QDateTime>
#include <QJsonDocument>

namespace prov::server {

namespace {

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

void printText(const DeviceHistory &history)
{
    QStringList ids;
    if (!history.nodeId.isEmpty())
        ids.append(QStringLiteral("node %1").arg(history.nodeId));
    if (!history.emcmId.isEmpty())
        ids.append(QStringLiteral("eMCM %1").arg(history.emcmId));
    if (!history.meterSerial.isEmpty())
        ids.append(QStringLiteral("meter %1").arg(history.meterSerial));
    for (auto it = history.labels.constBegin(); it != history.labels.constEnd(); ++it)
        ids.append(QStringLiteral("%1 %2").arg(it.key(), it.value().toString()));
    printLine(QStringLiteral("device %1: %2")
                  .arg(history.devices.join(QStringLiteral(", ")), ids.join(QStringLiteral(", "))));
    printLine(QStringLiteral("runs: %1").arg(history.runs.size()));
    for (const RunSummary &run : history.runs) {
        const QString result = run.result == 0 ? QStringLiteral("passed")
            : run.stationFault                 ? QStringLiteral("station fault %1").arg(run.result)
                                               : QStringLiteral("failed %1").arg(run.result);
        QStringList fields {isoMs(run.startedAtMs), run.operation, result,
            QStringLiteral("attempt %1").arg(run.attempt), run.station, run.slot,
            run.operatorName.isEmpty() ? QStringLiteral("-") : run.operatorName,
            QStringLiteral("batch %1").arg(run.batch),
            QStringLiteral("%1 s").arg(double(run.durationMs) / 1000.0, 0, 'f', 1),
            run.failedStep.isEmpty() ? QStringLiteral("-") : run.failedStep,
            QStringLiteral("node %1 host %2")
                .arg(run.nodeFirmware.isEmpty() ? QStringLiteral("-") : run.nodeFirmware,
                    run.hostFirmware.isEmpty() ? QStringLiteral("-") : run.hostFirmware),
            run.uuid.toString(QUuid::WithoutBraces)};
        if (run.rejectedAtMs != 0)
            fields.append(QStringLiteral("rejected by %1 at %2").arg(run.rejectedBy, isoMs(run.rejectedAtMs)));
        printLine(QStringLiteral("  ") + fields.join(u'\t'));
    }
    printLine(QStringLiteral("key records: %1").arg(history.keys.size()));
    for (const EscrowSummary &key : history.keys)
        printLine(QStringLiteral("  #%1\t%2\t%3\t%4")
                      .arg(key.id)
                      .arg(domain::escrowStateName(key.state), key.station, key.provisionedAt.toString(Qt::ISODate)));
    printLine(QStringLiteral("audit entries: %1").arg(history.audit.size()));
    for (const AuditEntry &entry : history.audit)
        printLine(QStringLiteral("  %1\t%2\t%3\t%4").arg(isoMs(entry.atMs), entry.actor, entry.action, entry.detail));
}

} // namespace

int runHistoryCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print one JSON object"));
    parser.addOption(jsonOption);
    auto positional = parseSubcommand(parser, QStringLiteral("history"), rest);
    if (!positional)
        return fail(positional.error());
    if (positional->size() != 1)
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: history ID [--json]  (node ID, eMCM ID or its last 8 hex digits, meter serial, "
                           "scanned label)")));
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    auto history = store.value()->runs().history(positional->first());
    if (!history)
        return fail(history.error());
    if (history->isEmpty())
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("no run and no key record names the device %1").arg(positional->first())));
    if (parser.isSet(jsonOption))
        printLine(QString::fromUtf8(QJsonDocument(history->toJson()).toJson(QJsonDocument::Indented)).trimmed());
    else
        printText(history.value());
    return 0;
}

} // namespace prov::server

#include "YieldCommand.h"

#include "CommandSupport.h"
#include "server/store/YieldQuery.h"
#include "support/LogSafe.h"

#include <QJsonDocument>
#include <QTextStream>

namespace prov::server {

namespace {

QString percent(const std::optional<double> &ratio)
{
    return ratio ? QStringLiteral("%1 %").arg(*ratio * 100.0, 0, 'f', 1) : QStringLiteral("-");
}

QString perHour(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 1) : QStringLiteral("-");
}

void printCounts(const QString &indent, const YieldCounts &c)
{
    printLine(QStringLiteral("%1runs %2 (passed %3, failed %4, station faults %5), devices %6")
                  .arg(indent)
                  .arg(c.runs)
                  .arg(c.passed)
                  .arg(c.failed)
                  .arg(c.stationFaults)
                  .arg(c.devices));
    printLine(QStringLiteral("%1first-pass yield %2, final yield %3, %4 units/h")
                  .arg(indent, percent(c.firstPassYield()), percent(c.finalYield()), perHour(c.unitsPerHour())));
}

void printReport(const YieldReport &report)
{
    printCounts(QString(), report.total);
    if (!report.byStation.isEmpty()) {
        printLine(QStringLiteral("by station:"));
        for (auto it = report.byStation.cbegin(); it != report.byStation.cend(); ++it) {
            printLine(QStringLiteral("  %1").arg(logSafe(it.key())));
            printCounts(QStringLiteral("    "), it.value());
        }
    }
    if (!report.byResult.isEmpty()) {
        printLine(QStringLiteral("failures by result code:"));
        for (auto it = report.byResult.cbegin(); it != report.byResult.cend(); ++it)
            printLine(QStringLiteral("  %1\t%2").arg(it.key()).arg(it.value()));
    }
    if (!report.byStep.isEmpty()) {
        printLine(QStringLiteral("failures by step:"));
        for (auto it = report.byStep.cbegin(); it != report.byStep.cend(); ++it)
            printLine(QStringLiteral("  %1\t%2")
                          .arg(it.key().isEmpty() ? QStringLiteral("-") : logSafe(it.key()))
                          .arg(it.value()));
    }
    if (!report.cycleTimes.isEmpty()) {
        printLine(QStringLiteral("cycle time of passed runs (s): meter operation count median p90 max"));
        for (const FlowCycleTime &flow : report.cycleTimes) {
            printLine(QStringLiteral("  %1\t%2\t%3\t%4\t%5\t%6")
                          .arg(logSafe(flow.meter), flow.operation)
                          .arg(flow.count)
                          .arg(flow.medianMs / 1000.0, 0, 'f', 1)
                          .arg(flow.p90Ms / 1000.0, 0, 'f', 1)
                          .arg(flow.maxMs / 1000.0, 0, 'f', 1));
        }
    }
}

} // namespace

int runYieldCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QHash<QString, QString> help {{QStringLiteral("from"), QStringLiteral("runs started at or after (ISO 8601)")},
        {QStringLiteral("to"), QStringLiteral("runs started before (ISO 8601)")},
        {QStringLiteral("station"), QStringLiteral("one station")},
        {QStringLiteral("slot"), QStringLiteral("one slot")},
        {QStringLiteral("operator"), QStringLiteral("one operator")},
        {QStringLiteral("configuration"), QStringLiteral("one configuration (ID or alias)")},
        {QStringLiteral("operation"), QStringLiteral("PRETEST, CHECKCONFIG, POSTTEST or PROVISION")},
        {QStringLiteral("meter"), QStringLiteral("one meter plugin")},
        {QStringLiteral("batch"), QStringLiteral("one batch number")},
        {QStringLiteral("shift"), QStringLiteral("one shift (its ID)")}};
    QList<QCommandLineOption> filterOptions;
    for (const QString &key : yieldFilterKeys())
        filterOptions.append(QCommandLineOption(key, help.value(key), QStringLiteral("VALUE")));
    parser.addOptions(filterOptions);
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("print one JSON object"));
    parser.addOption(jsonOption);
    auto positional = parseSubcommand(parser, QStringLiteral("yield"), rest);
    if (!positional)
        return fail(positional.error());
    if (!positional->isEmpty())
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("yield takes no arguments, only options (got '%1')").arg(positional->first())));
    QHash<QString, QString> values;
    for (const QCommandLineOption &option : filterOptions)
        values.insert(option.names().first(), parser.value(option));
    auto filter = parseYieldFilter(values);
    if (!filter)
        return fail(filter.error());

    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    auto report = YieldQuery(store.value()->database()).run(*filter);
    if (!report)
        return fail(report.error());
    if (parser.isSet(jsonOption))
        QTextStream(stdout) << QJsonDocument(YieldQuery::toJson(*report)).toJson(QJsonDocument::Compact) << '\n';
    else
        printReport(*report);
    return 0;
}

} // namespace prov::server

#include "ReportCommand.h"

#include "CommandSupport.h"

#include "server/report/DeviceReport.h"
#include "server/report/ReportTemplate.h"

#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace prov::server {

int runReportCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption idOption(
        QStringLiteral("config-id"), QStringLiteral("configuration ID"), QStringLiteral("ID"));
    const QCommandLineOption aliasOption(
        QStringLiteral("config-alias"), QStringLiteral("configuration alias"), QStringLiteral("NAME"));
    const QCommandLineOption batchOption(QStringList {QStringLiteral("batch"), QStringLiteral("batches")},
        QStringLiteral("batch number or list, e.g. 1000,1002-1005"), QStringLiteral("LIST"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QStringLiteral("runs started at or after (ISO 8601)"), QStringLiteral("ISO8601"));
    const QCommandLineOption toOption(
        QStringLiteral("to"), QStringLiteral("runs started before (ISO 8601)"), QStringLiteral("ISO8601"));
    const QCommandLineOption templateOption(QStringLiteral("template"),
        QStringLiteral("column template: a name of the server's templates or a file"), QStringLiteral("NAME|FILE"));
    const QCommandLineOption setOption(
        QStringLiteral("set"), QStringLiteral("a template parameter's value"), QStringLiteral("NAME=VALUE"));
    const QCommandLineOption listOption(
        QStringLiteral("list-templates"), QStringLiteral("print the server's template names and where they are"));
    const QCommandLineOption outputOption(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("CSV file to write (default: standard output)"), QStringLiteral("FILE"));
    parser.addOptions({idOption, aliasOption, batchOption, fromOption, toOption, templateOption, setOption, listOption,
        outputOption});
    auto positional = parseSubcommand(parser, QStringLiteral("report"), rest);
    if (!positional)
        return fail(positional.error());
    const QString directory = ReportTemplate::defaultDirectory();
    if (parser.isSet(listOption)) {
        printLine(QStringLiteral("templates in %1:").arg(directory));
        for (const QString &name : ReportTemplate::available(directory))
            printLine(name);
        return 0;
    }
    if (!positional->isEmpty())
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: report (--config-id ID | --config-alias NAME) [--batch LIST] [--from ISO8601] "
                           "[--to ISO8601] [--template NAME|FILE] [--set NAME=VALUE]... [-o FILE]")));
    ReportTemplate columns = ReportTemplate::allFields();
    if (parser.isSet(templateOption)) {
        auto loaded = ReportTemplate::load(parser.value(templateOption), directory);
        if (!loaded)
            return fail(loaded.error());
        columns = std::move(loaded.value());
    }
    QMap<QString, QString> values;
    for (const QString &assignment : parser.values(setOption)) {
        const qsizetype equals = assignment.indexOf(u'=');
        if (equals <= 0)
            return fail(makeError(
                ResultCode::InvalidArguments, QStringLiteral("--set %1 is not NAME=VALUE").arg(assignment.left(60))));
        values.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    if (const Status bound = columns.bind(values); !bound.ok())
        return fail(bound.error());
    const ExportRequest request {parser.value(idOption), parser.value(aliasOption), parser.value(batchOption), {},
        parser.value(fromOption), parser.value(toOption)};
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    Result<ReportSummary> summary = makeError(ResultCode::InternalError, QStringLiteral("no report"));
    const QString path = parser.value(outputOption);
    if (path.isEmpty() || path == u"-") {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly))
            return fail(makeError(ResultCode::InternalError, QStringLiteral("cannot write to standard output")));
        summary = DeviceReport::writeTo(*store.value(), request, columns, &out, cliActor());
    } else {
        summary = DeviceReport::writeFile(*store.value(), request, columns, path, cliActor());
    }
    if (!summary)
        return fail(summary.error());
    // On standard error, so a report on standard output stays a clean CSV file.
    QTextStream(stderr) << QStringLiteral("wrote %1 devices of configuration %2 (template %3)%4")
                               .arg(summary->devices)
                               .arg(summary->selection.configId.toString(), columns.name(),
                                   path.isEmpty() || path == u"-" ? QString() : QStringLiteral(" to ") + path)
                        << Qt::endl;
    return 0;
}

} // namespace prov::server

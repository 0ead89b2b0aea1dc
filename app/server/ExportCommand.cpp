#include "ExportCommand.h"

#include "CommandSupport.h"

#include "domain/DeviceIds.h"
#include "server/export/ExportWriter.h"

#include <QTextStream>

namespace prov::server {

int runExportCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption idOption(
        QStringLiteral("config-id"), QStringLiteral("configuration ID"), QStringLiteral("ID"));
    const QCommandLineOption aliasOption(
        QStringLiteral("config-alias"), QStringLiteral("configuration alias"), QStringLiteral("NAME"));
    const QCommandLineOption batchesOption(
        QStringLiteral("batches"), QStringLiteral("e.g. 1000,1002-1005"), QStringLiteral("LIST"));
    const QCommandLineOption nodesOption(
        QStringLiteral("node-ids"), QStringLiteral("e.g. 0x00010000-0x0001FFFF"), QStringLiteral("LIST"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QStringLiteral("provisioned at or after (ISO 8601)"), QStringLiteral("ISO8601"));
    const QCommandLineOption toOption(
        QStringLiteral("to"), QStringLiteral("provisioned before (ISO 8601)"), QStringLiteral("ISO8601"));
    const QCommandLineOption outputOption(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("device_keys.xml to write"), QStringLiteral("FILE"));
    parser.addOptions({idOption, aliasOption, batchesOption, nodesOption, fromOption, toOption, outputOption});
    auto positional = parseSubcommand(parser, QStringLiteral("export"), rest);
    if (!positional)
        return fail(positional.error());
    if (!positional->isEmpty() || !parser.isSet(outputOption))
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: export (--config-id ID | --config-alias NAME) [--batches LIST] "
                           "[--node-ids LIST] [--from ISO8601] [--to ISO8601] -o device_keys.xml")));
    const ExportRequest request {parser.value(idOption), parser.value(aliasOption), parser.value(batchesOption),
        parser.value(nodesOption), parser.value(fromOption), parser.value(toOption)};
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    const QString path = parser.value(outputOption);
    auto summary = ExportWriter::writeFile(*store.value(), request, path, cliActor());
    if (!summary)
        return fail(summary.error());
    printLine(QStringLiteral("wrote %1 devices of configuration %2 to %3")
                  .arg(summary->devices)
                  .arg(summary->selection.configId.toString(), path));
    // The file is correct without them, so the export succeeds (exit 0); the
    // nodes left out are a warning that must reach whoever runs it.
    if (!summary->leftOut.isEmpty()) {
        QTextStream err(stderr);
        err << "warning: " << summary->leftOut.size()
            << " node(s) left out: their latest record is not done (provision them again):" << Qt::endl;
        for (const ExportLeftOut &node : std::as_const(summary->leftOut))
            err << NodeId(node.nodeId).toString() << '\t' << node.state << '\t' << node.station << '\t'
                << ExportStream::formatUtcSeconds(node.provisionedAtMs) << '\t' << node.sequence << Qt::endl;
    }
    return 0;
}

} // namespace prov::server

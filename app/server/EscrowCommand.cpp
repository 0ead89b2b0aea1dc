#include "EscrowCommand.h"

#include "CommandSupport.h"

namespace prov::server {

int runEscrowCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption idOption(
        QStringLiteral("config-id"), QStringLiteral("only this configuration"), QStringLiteral("ID"));
    parser.addOption(idOption);
    auto positional = parseSubcommand(parser, QStringLiteral("escrow"), rest);
    if (!positional)
        return fail(positional.error());
    const QStringList args = positional.value();
    const bool incomplete = args == QStringList {QStringLiteral("incomplete")};
    const bool history = args.size() == 2 && args.at(0) == u"history" && !parser.isSet(idOption);
    if (!incomplete && !history)
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: escrow incomplete [--config-id ID] | escrow history NODE-ID")));
    std::optional<ConfigId> config;
    if (parser.isSet(idOption)) {
        auto parsed = ConfigId::parse(parser.value(idOption));
        if (!parsed)
            return fail(makeError(ResultCode::InvalidArguments, parsed.error().message, QStringLiteral("--config-id")));
        config = parsed.value();
    }
    std::optional<NodeId> node;
    if (history) {
        auto parsed = NodeId::parse(args.at(1));
        if (!parsed)
            return fail(parsed.error());
        node = parsed.value();
    }
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    auto list = incomplete ? store.value()->escrow().incomplete(config) : store.value()->escrow().history(*node);
    if (!list)
        return fail(list.error());
    for (const EscrowSummary &entry : list.value()) {
        printLine(QStringList {entry.nodeId.toString(), entry.configId.toString(),
            QStringLiteral("rev %1").arg(entry.revision), QStringLiteral("batch %1").arg(entry.batch.value()),
            entry.station, entry.provisionedAt.toString(Qt::ISODate), domain::escrowStateName(entry.state),
            entry.uuid.toString(QUuid::WithoutBraces)}
                      .join(u'\t'));
    }
    return 0;
}

} // namespace prov::server

#include "StationCommand.h"

#include "CommandSupport.h"

namespace prov::server {

int runStationCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption nameOption(QStringLiteral("name"), QStringLiteral("station name"), QStringLiteral("NAME"));
    parser.addOption(nameOption);
    auto positional = parseSubcommand(parser, QStringLiteral("station"), rest);
    if (!positional)
        return fail(positional.error());
    const QStringList args = positional.value();
    const QString action = args.value(0);
    const bool pair = action == u"pair" && args.size() == 1 && parser.isSet(nameOption);
    const bool revoke = action == u"revoke" && args.size() == 1 && parser.isSet(nameOption);
    if (!pair && !revoke)
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: station pair --name NAME | station revoke --name NAME")));
    const QString name = parser.value(nameOption);

    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    if (revoke) {
        auto count = store.value()->tokens().revokeStationTokens(name, cliActor());
        if (!count)
            return fail(count.error());
        printLine(QStringLiteral("revoked %1 token(s) of station %2").arg(count.value()).arg(name));
        return 0;
    }
    auto issued = store.value()->pairing().createCode(name, cliActor());
    if (!issued)
        return fail(issued.error());
    const qint64 minutes = store.value()->pairing().policy().codeLifetimeMs / 60000;
    printLine(QStringLiteral("pairing code for station %1, valid for %2 minutes (until %3), once:")
                  .arg(issued->station)
                  .arg(minutes)
                  .arg(issued->expiresAt.toString(Qt::ISODate)));
    printLine(QStringLiteral("on the station: provstation-cli pair https://THIS-SERVER:8085 CODE, or Connect to "
                             "server... in the station window"));
    // The last line is the code alone, so scripts can take it.
    printLine(issued->code);
    return 0;
}

} // namespace prov::server

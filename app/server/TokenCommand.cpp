#include "TokenCommand.h"

#include "CommandSupport.h"

#include <QTextStream>

namespace prov::server {

int runTokenCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption stationOption(
        QStringLiteral("station"), QStringLiteral("station name"), QStringLiteral("NAME"));
    const QCommandLineOption daysOption(
        QStringLiteral("valid-days"), QStringLiteral("lifetime in days (default 365)"), QStringLiteral("N"));
    parser.addOption(stationOption);
    parser.addOption(daysOption);
    auto positional = parseSubcommand(parser, QStringLiteral("token"), rest);
    if (!positional)
        return fail(positional.error());
    const QStringList args = positional.value();
    const QString action = args.value(0);
    const bool issue = action == u"issue" && args.size() == 1 && parser.isSet(stationOption);
    const bool revoke = action == u"revoke" && args.size() == 2 && !parser.isSet(stationOption);
    const bool list = action == u"list" && args.size() == 1 && !parser.isSet(stationOption);
    if (!issue && !revoke && !list)
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: token issue --station NAME [--valid-days N] | token revoke TOKEN-ID | "
                           "token list")));
    qint64 lifetimeMs = 0;
    if (parser.isSet(daysOption)) {
        bool ok = false;
        const int days = parser.value(daysOption).toInt(&ok);
        if (!ok || days < 1 || days > 3650)
            return fail(makeError(ResultCode::InvalidArguments,
                QStringLiteral("--valid-days '%1' is not a number of days from 1 to 3650")
                    .arg(parser.value(daysOption))));
        lifetimeMs = qint64(days) * 24 * 3600 * 1000;
    }

    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    TokenStore &tokenStore = store.value()->tokens();
    if (issue) {
        auto token = tokenStore.issueStationToken(parser.value(stationOption), cliActor(), lifetimeMs);
        if (!token)
            return fail(token.error());
        // stdout carries only the token, so scripts can capture it.
        printLine(token->token);
        QTextStream(stderr) << "token " << token->tokenId << " for station " << token->station << " expires "
                            << token->expiresAt.toString(Qt::ISODate) << " (revoke: token revoke " << token->tokenId
                            << ")" << Qt::endl;
        return 0;
    }
    if (revoke) {
        if (auto ok = tokenStore.revokeToken(args.at(1), cliActor()); !ok)
            return fail(ok.error());
        printLine(QStringLiteral("revoked token %1").arg(args.at(1)));
        return 0;
    }
    auto tokens = tokenStore.list();
    if (!tokens)
        return fail(tokens.error());
    for (const TokenInfo &token : tokens.value()) {
        printLine(
            QStringLiteral("%1\t%2\t%3\t%4\texpires %5%6")
                .arg(token.tokenId, token.kind, token.owner, roleName(token.role),
                    token.expiresAt.toString(Qt::ISODate), token.revoked ? QStringLiteral("\trevoked") : QString()));
    }
    return 0;
}

} // namespace prov::server

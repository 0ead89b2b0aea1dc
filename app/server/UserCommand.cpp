#include "UserCommand.h"

#include "CommandSupport.h"

namespace prov::server {

int runUserCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption roleOption(
        QStringLiteral("role"), QStringLiteral("admin, supervisor, operator or station"), QStringLiteral("ROLE"));
    const QCommandLineOption badgeOption(QStringLiteral("badge"),
        QStringLiteral("user add: also read a badge code (the line after the password) for station logins"));
    const QCommandLineOption clearOption(QStringLiteral("clear"), QStringLiteral("user badge: remove the badge"));
    parser.addOptions({roleOption, badgeOption, clearOption});
    auto positional = parseSubcommand(parser, QStringLiteral("user"), rest);
    if (!positional)
        return fail(positional.error());
    const QStringList args = positional.value();
    const QString action = args.value(0);
    const auto usage = [] {
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: user add NAME --role admin|supervisor|operator|station [--badge] | "
                           "user passwd NAME | user badge NAME [--clear] | user remove NAME | user list")));
    };
    const qsizetype wanted = action == u"list" ? 1 : 2;
    if (action.isEmpty() || args.size() != wanted || (action != u"add" && parser.isSet(roleOption))
        || (action != u"add" && parser.isSet(badgeOption)) || (action != u"badge" && parser.isSet(clearOption)))
        return usage();
    if (action == u"add" && !parser.isSet(roleOption))
        return fail(makeError(
            ResultCode::InvalidArguments, QStringLiteral("user add needs --role admin|supervisor|operator|station")));

    Result<Role> role = Role::Station;
    if (action == u"add") {
        role = parseRole(parser.value(roleOption));
        if (!role)
            return fail(role.error());
        if (parser.isSet(badgeOption) && !mayHaveBadge(role.value()))
            return fail(makeError(ResultCode::InvalidArguments,
                QStringLiteral("--badge is for operators and supervisors, not for the role %1")
                    .arg(roleName(role.value()))));
    } else if (action != u"passwd" && action != u"remove" && action != u"list" && action != u"badge") {
        return usage();
    }

    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    AccountStore &accounts = store.value()->accounts();
    const QString name = args.value(1);
    if (action == u"list") {
        auto list = accounts.users();
        if (!list)
            return fail(list.error());
        for (const UserInfo &user : list.value())
            printLine(QStringLiteral("%1\t%2\t%3%4")
                          .arg(user.name, roleName(user.role), user.createdAt.toString(Qt::ISODate),
                              user.hasBadge ? QStringLiteral("\tbadge") : QString()));
        return 0;
    }
    if (action == u"remove") {
        if (auto ok = accounts.removeUser(name, cliActor()); !ok)
            return fail(ok.error());
        printLine(QStringLiteral("removed user %1").arg(name));
        return 0;
    }
    if (action == u"badge") {
        Result<crypto::SecretBytes> badge = crypto::SecretBytes();
        if (!parser.isSet(clearOption))
            badge = readSecret(QStringLiteral("badge code"));
        if (!badge)
            return fail(badge.error());
        if (auto ok = accounts.setBadge(name, badge.value(), cliActor()); !ok)
            return fail(ok.error());
        printLine(parser.isSet(clearOption) ? QStringLiteral("removed the badge of %1").arg(name)
                                            : QStringLiteral("set the badge of %1").arg(name));
        return 0;
    }
    auto password = readSecret();
    if (!password)
        return fail(password.error());
    if (action == u"add") {
        Result<crypto::SecretBytes> badge = crypto::SecretBytes();
        if (parser.isSet(badgeOption))
            badge = readSecret(QStringLiteral("badge code"));
        if (!badge)
            return fail(badge.error());
        if (auto ok = accounts.addUser(name, role.value(), password.value(), cliActor()); !ok)
            return fail(ok.error());
        if (!badge->isEmpty()) {
            if (auto ok = accounts.setBadge(name, badge.value(), cliActor()); !ok)
                return fail(makeError(ok.error().code,
                    QStringLiteral("added user %1, but not the badge: %2 (set it with user badge %1)")
                        .arg(name, ok.error().message)));
        }
        printLine(QStringLiteral("added user %1 (%2%3)")
                      .arg(name, roleName(role.value()), badge->isEmpty() ? QString() : QStringLiteral(", badge")));
        return 0;
    }
    if (auto ok = accounts.setPassword(name, password.value(), cliActor()); !ok)
        return fail(ok.error());
    printLine(QStringLiteral("changed the password of %1; their sessions are closed").arg(name));
    return 0;
}

int runSetupCodeCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    auto positional = parseSubcommand(parser, QStringLiteral("setup-code"), rest);
    if (!positional)
        return fail(positional.error());
    if (!positional->isEmpty())
        return fail(makeError(ResultCode::InvalidArguments, QStringLiteral("usage: setup-code")));
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    const auto masterKey = store.value()->masterKey();
    if (!masterKey)
        return fail(masterKey.error());
    const auto code = store.value()->tokens().ensureSetupCode(masterKey.value()->key());
    if (!code)
        return fail(code.error());
    if (!code->has_value())
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("an admin exists, so there is no setup code: an admin adds users "
                           "(provstation-server user add NAME --role ROLE)")));
    printLine(QStringLiteral("Create the first admin with this code in server mode's window or POST /api/v1/setup "
                             "(valid until used):"));
    printLine(**code);
    return 0;
}

} // namespace prov::server

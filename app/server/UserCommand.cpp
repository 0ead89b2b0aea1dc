#include "UserCommand.h"

#include "CommandSupport.h"

namespace prov::server {

int runUserCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption roleOption(
        QStringLiteral("role"), QStringLiteral("admin, operator or station"), QStringLiteral("ROLE"));
    parser.addOption(roleOption);
    auto positional = parseSubcommand(parser, QStringLiteral("user"), rest);
    if (!positional)
        return fail(positional.error());
    const QStringList args = positional.value();
    const QString action = args.value(0);
    const auto usage = [] {
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: user add NAME --role admin|operator|station | user passwd NAME | "
                           "user remove NAME | user list")));
    };
    const qsizetype wanted = action == u"list" ? 1 : 2;
    if (action.isEmpty() || args.size() != wanted || (action != u"add" && parser.isSet(roleOption)))
        return usage();
    if (action == u"add" && !parser.isSet(roleOption))
        return fail(
            makeError(ResultCode::InvalidArguments, QStringLiteral("user add needs --role admin|operator|station")));

    Result<Role> role = Role::Station;
    if (action == u"add") {
        role = parseRole(parser.value(roleOption));
        if (!role)
            return fail(role.error());
    } else if (action != u"passwd" && action != u"remove" && action != u"list") {
        return usage();
    }

    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    UserStore &users = store.value()->users();
    const QString name = args.value(1);
    if (action == u"list") {
        auto list = users.users();
        if (!list)
            return fail(list.error());
        for (const UserInfo &user : list.value())
            printLine(
                QStringLiteral("%1\t%2\t%3").arg(user.name, roleName(user.role), user.createdAt.toString(Qt::ISODate)));
        return 0;
    }
    if (action == u"remove") {
        if (auto ok = users.removeUser(name, cliActor()); !ok)
            return fail(ok.error());
        printLine(QStringLiteral("removed user %1").arg(name));
        return 0;
    }
    auto password = readPassword();
    if (!password)
        return fail(password.error());
    if (action == u"add") {
        if (auto ok = users.addUser(name, role.value(), password.value(), cliActor()); !ok)
            return fail(ok.error());
        printLine(QStringLiteral("added user %1 (%2)").arg(name, roleName(role.value())));
        return 0;
    }
    if (auto ok = users.setPassword(name, password.value(), cliActor()); !ok)
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
    const auto code = store.value()->users().ensureSetupCode(masterKey.value()->key());
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

#include "AuditCommand.h"

#include "CommandSupport.h"
#include "support/LogSafe.h"

#include <QDateTime>

namespace prov::server {

int runAuditCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption limitOption(QStringLiteral("limit"), QStringLiteral("rows to show (default 50)"),
        QStringLiteral("N"), QStringLiteral("50"));
    parser.addOption(limitOption);
    auto positional = parseSubcommand(parser, QStringLiteral("audit"), rest);
    if (!positional)
        return fail(positional.error());
    const QStringList args = positional.value();
    const bool verify = args == QStringList {QStringLiteral("verify")} && !parser.isSet(limitOption);
    const bool show = args == QStringList {QStringLiteral("show")};
    if (!verify && !show)
        return fail(
            makeError(ResultCode::InvalidArguments, QStringLiteral("usage: audit verify | audit show [--limit N]")));
    bool limitOk = false;
    const int limit = parser.value(limitOption).toInt(&limitOk);
    if (!limitOk || limit < 1)
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("--limit '%1' is not a positive number").arg(parser.value(limitOption))));

    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    AuditLog &audit = store.value()->audit();
    if (verify) {
        auto result = audit.verify();
        if (!result)
            return fail(result.error());
        if (!result->intact)
            return fail(
                makeError(ResultCode::InternalError, QStringLiteral("audit log NOT intact: %1").arg(result->problem)));
        // The count, time and head let an operator compare with a note or a
        // backup manifest: a store rolled back as a whole verifies too.
        printLine(QStringLiteral("audit log intact: %1 rows checked, hash chain verified").arg(result->rows));
        if (result->rows > 0)
            printLine(QStringLiteral("last row: #%1 at %2 (%3), head hash %4")
                          .arg(result->rows)
                          .arg(QDateTime::fromMSecsSinceEpoch(result->lastAtMs, Qt::UTC).toString(Qt::ISODate),
                              result->lastAction, result->headHash));
        return 0;
    }
    auto entries = audit.latest(limit);
    if (!entries)
        return fail(entries.error());
    for (const AuditEntry &entry : entries.value()) {
        printLine(
            QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                .arg(entry.seq)
                .arg(QDateTime::fromMSecsSinceEpoch(entry.atMs, Qt::UTC).toString(Qt::ISODate), logSafe(entry.actor),
                    logSafe(entry.action), logSafe(entry.subject), logSafe(entry.detail, 1024)));
    }
    return 0;
}

} // namespace prov::server

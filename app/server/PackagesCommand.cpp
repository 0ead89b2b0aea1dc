#include "PackagesCommand.h"

#include "CommandSupport.h"
#include "support/LogSafe.h"

namespace prov::server {

int runPackagesCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    auto positional = parseSubcommand(parser, QStringLiteral("packages"), rest);
    if (!positional)
        return fail(positional.error());
    if (!positional->isEmpty())
        return fail(makeError(ResultCode::InvalidArguments, QStringLiteral("usage: packages")));
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    auto list = store.value()->packages().configurations();
    if (!list)
        return fail(list.error());
    // One tab-separated line per configuration and revision, newest first:
    // config, revision, imported at, app label, node type, node version, apps,
    // aliases, KMS key, imported by, comment.
    for (const ConfigurationRecord &config : list.value()) {
        for (const RevisionRecord &revision : config.revisions) {
            QStringList apps;
            for (const StoredApp &app : revision.apps)
                apps.append(app.name + u' ' + app.version);
            // Fields come from packages and uploaders: escaped, each row stays one line of tab-separated columns.
            QStringList fields {config.configId.toString(), QStringLiteral("rev %1").arg(revision.revision),
                revision.importedAt.toString(Qt::ISODate), revision.appLabel, revision.nodeType, revision.nodeVersion,
                apps.isEmpty() ? QStringLiteral("-") : apps.join(QStringLiteral(", ")),
                config.aliases.isEmpty() ? QStringLiteral("-") : config.aliases.join(u','), revision.kmsFingerprint,
                revision.importedBy, revision.comment};
            for (QString &field : fields)
                field = logSafe(field, 1024);
            printLine(fields.join(u'\t'));
        }
    }
    return 0;
}

} // namespace prov::server

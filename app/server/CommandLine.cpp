#include "CommandLine.h"

namespace prov::server {

const QStringList &subcommandNames()
{
    static const QStringList names = {QStringLiteral("import"), QStringLiteral("export"), QStringLiteral("report"),
        QStringLiteral("packages"), QStringLiteral("user"), QStringLiteral("token"), QStringLiteral("audit"),
        QStringLiteral("escrow"), QStringLiteral("history"), QStringLiteral("tls-pin"), QStringLiteral("backup"),
        QStringLiteral("restore"), QStringLiteral("station"), QStringLiteral("setup-code"), QStringLiteral("yield")};
    return names;
}

Result<CommandLine> splitCommandLine(const QStringList &arguments)
{
    CommandLine line;
    line.global.databaseUrl = qEnvironmentVariable("PROVSTATION_DB_URL");
    line.global.masterKeyFile = qEnvironmentVariable("PROVSTATION_MASTER_KEY_FILE");
    struct Global
    {
        QString name;
        QString *target;
    };
    const Global globals[] = {{QStringLiteral("--config"), &line.global.configFile},
        {QStringLiteral("--data-dir"), &line.global.dataDir}, {QStringLiteral("--db"), &line.global.databaseUrl},
        {QStringLiteral("--master-key-file"), &line.global.masterKeyFile}};
    bool afterDoubleDash = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (afterDoubleDash) {
            line.rest.append(arg);
            continue;
        }
        if (arg == u"--") {
            afterDoubleDash = true;
            line.rest.append(arg);
            continue;
        }
        bool consumed = false;
        for (const Global &global : globals) {
            if (arg == global.name) {
                if (i + 1 >= arguments.size())
                    return makeError(ResultCode::InvalidArguments, QStringLiteral("option %1 needs a value").arg(arg));
                *global.target = arguments.at(++i);
                consumed = true;
            } else if (arg.startsWith(global.name + u'=')) {
                *global.target = arg.mid(global.name.size() + 1);
                consumed = true;
            }
            if (consumed)
                break;
        }
        if (consumed)
            continue;
        if (line.command.isEmpty() && subcommandNames().contains(arg)) {
            line.command = arg;
            continue;
        }
        if (line.command.isEmpty() && (arg == u"--help" || arg == u"-h" || arg == u"help")) {
            line.help = true;
            continue;
        }
        if (line.command.isEmpty() && arg == u"--version") {
            line.version = true;
            continue;
        }
        line.rest.append(arg);
    }
    // Without a subcommand everything left belongs to serve; a bare word that is not
    // the value of the option before it is a mistyped subcommand.
    if (line.command.isEmpty() && !line.help && !line.version) {
        for (qsizetype i = 0; i < line.rest.size(); ++i) {
            const QString &arg = line.rest.at(i);
            if (arg == u"--")
                break;
            const bool isValue
                = i > 0 && line.rest.at(i - 1).startsWith(QLatin1String("--")) && !line.rest.at(i - 1).contains(u'=');
            if (!arg.startsWith(u'-') && !isValue)
                return makeError(ResultCode::InvalidArguments,
                    QStringLiteral("unknown subcommand '%1' (one of: %2)")
                        .arg(arg, subcommandNames().join(QStringLiteral(", "))));
        }
    }
    return line;
}

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  provstation-server [--data-dir DIR] [--db URL] [--listen ADDR:PORT] [--tls-cert F --tls-key F | "
        "--insecure-http]\n"
        "  provstation-server import  --passphrase-file F [--comment TEXT] [--dry-run] [--allow-kms-change] "
        "PACKAGE.tar.gz\n"
        "  provstation-server export  (--config-id ID | --config-alias NAME) [--batches LIST] [--node-ids LIST]\n"
        "                             [--from ISO8601] [--to ISO8601] -o device_keys.xml\n"
        "  provstation-server report  (--config-id ID | --config-alias NAME) [--batch LIST] [--from ISO8601]\n"
        "                             [--to ISO8601] [--template NAME|FILE] [--set NAME=VALUE]... [-o FILE.csv]\n"
        "  provstation-server report --list-templates\n"
        "  provstation-server packages\n"
        "  provstation-server user add NAME --role admin|supervisor|operator|station [--badge]\n"
        "                    (password, then badge code, from stdin)\n"
        "  provstation-server user passwd NAME | user badge NAME [--clear] | user remove NAME | user list\n"
        "  provstation-server setup-code                 (while no admin exists: the code that creates the first)\n"
        "  provstation-server token issue --station NAME [--valid-days N]\n"
        "  provstation-server token revoke TOKEN-ID | token list\n"
        "  provstation-server station pair --name NAME   (one-time pairing code, alone on the last line)\n"
        "  provstation-server station revoke --name NAME (revokes every token of the station)\n"
        "  provstation-server audit verify | audit show [--limit N]\n"
        "  provstation-server escrow incomplete [--config-id ID] | escrow history NODE-ID\n"
        "  provstation-server history ID [--json]       a device's runs, key states and audit entries by node ID,\n"
        "                                               eMCM ID (or its last 8 hex digits), meter serial or label\n"
        "  provstation-server yield [--from ISO] [--to ISO] [--station NAME] [--slot S] [--operator NAME]\n"
        "                           [--configuration ID] [--operation OP] [--meter ID] [--batch N] [--shift ID]\n"
        "                           [--json]   first-pass and final yield, failures by code and step, cycle times\n"
        "  provstation-server tls-pin [--tls-cert F]     (default: the data directory's own certificate)\n"
        "  provstation-server backup DEST                  consistent copy while the server runs (no master key)\n"
        "  provstation-server restore SRC [--force]        into --data-dir/--db; refuses a store in use\n"
        "\n"
        "Serving: HTTPS with DATA-DIR/tls/server.crt and server.key (made at the first start) unless\n"
        "--tls-cert/--tls-key name another pair; --insecure-http serves plain HTTP.\n"
        "--shared-folder DIR also publishes every package file as DIR/ab/<sha256> for an SMB or NFS share\n"
        "(stations read it with --path_trans_from/--path_trans_to); --max-clock-skew S refuses escrows\n"
        "from stations whose clock is off by more than S seconds (default 300).\n"
        "\n"
        "Options for every subcommand (before or after it):\n"
        "  --config FILE           read options from FILE (key = value, keys as the long options); the command\n"
        "                          line wins. As root without --config and --data-dir: /etc/provstation/server.conf\n"
        "                          when it exists\n"
        "  --data-dir DIR          data directory (default: ~/.local/share/provstation/server)\n"
        "  --db URL                postgresql://user@host:port/db (password from $PROVSTATION_DB_PASSWORD or\n"
        "                          $PGPASSWORD); default SQLite in the data directory\n"
        "  --master-key-file F     use this master key file instead of the OS keychain\n"
        "                          (also $PROVSTATION_MASTER_KEY_FILE)\n"
        "Run as root in a data directory owned by another user, it runs as that user.\n"
        "See docs/server.md.\n");
}

} // namespace prov::server

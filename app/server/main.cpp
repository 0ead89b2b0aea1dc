// provstation-server: server mode without a GUI. Parses the shared options,
// reads the config file, dispatches to one subcommand (or serves HTTP when none is given).
#include "AuditCommand.h"
#include "BackupCommand.h"
#include "CommandLine.h"
#include "CommandSupport.h"
#include "ConfigFile.h"
#include "EscrowCommand.h"
#include "ExportCommand.h"
#include "HistoryCommand.h"
#include "ImportCommand.h"
#include "PackagesCommand.h"
#include "Privileges.h"
#include "ReportCommand.h"
#include "ServeCommand.h"
#include "StationCommand.h"
#include "TokenCommand.h"
#include "UserCommand.h"
#include "YieldCommand.h"

#include "server/ServerInfo.h"
#include "support/DataPaths.h"
#include "support/LogSink.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <unistd.h>

using namespace prov;
using namespace prov::server;

namespace {

/// The config file to read: --config, or for root (an admin's sudo on the
/// server PC) the system one when it exists and no --data-dir names another
/// store. Other users never read it unasked, so their runs stay their own.
QString configFilePath(const GlobalOptions &global)
{
    if (!global.configFile.isEmpty())
        return global.configFile;
    const QString system = QString::fromLatin1(kSystemConfigPath);
    if (::geteuid() == 0 && global.dataDir.isEmpty() && QFileInfo::exists(system))
        return system;
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("provstation-server"));
    QCoreApplication::setApplicationVersion(serverVersion());
    // Categories decide what is logged (the access log is on by default); under
    // systemd each line carries its priority for the journal.
    LogSink::Options sinkOptions;
    sinkOptions.stderrMinimum = QtDebugMsg;
    sinkOptions.journal = LogSink::stderrIsJournal();
    LogSink sink(sinkOptions);

    auto line = splitCommandLine(app.arguments().mid(1));
    if (!line)
        return fail(line.error());
    if (line->help) {
        QTextStream(stdout) << usageText();
        return 0;
    }
    if (line->version) {
        printLine(QStringLiteral("provstation-server %1").arg(serverVersion()));
        return 0;
    }
    if (const QString path = configFilePath(line->global); !path.isEmpty()) {
        const auto config = readConfigFile(path);
        if (!config)
            return fail(config.error());
        applyConfigFile(config.value(), line.value());
    }
    if (line->global.dataDir.isEmpty())
        line->global.dataDir = defaultServerDataDir();
    if (auto ok = becomeDataDirOwner(line->global.dataDir); !ok)
        return fail(ok.error());

    const GlobalOptions &global = line->global;
    const QString &command = line->command;
    if (command == u"user")
        return runUserCommand(global, line->rest);
    if (command == u"setup-code")
        return runSetupCodeCommand(global, line->rest);
    if (command == u"token")
        return runTokenCommand(global, line->rest);
    if (command == u"station")
        return runStationCommand(global, line->rest);
    if (command == u"audit")
        return runAuditCommand(global, line->rest);
    if (command == u"import")
        return runImportCommand(global, line->rest);
    if (command == u"export")
        return runExportCommand(global, line->rest);
    if (command == u"report")
        return runReportCommand(global, line->rest);
    if (command == u"packages")
        return runPackagesCommand(global, line->rest);
    if (command == u"escrow")
        return runEscrowCommand(global, line->rest);
    if (command == u"history")
        return runHistoryCommand(global, line->rest);
    if (command == u"backup")
        return runBackupCommand(global, line->rest);
    if (command == u"restore")
        return runRestoreCommand(global, line->rest);
    if (command == u"yield")
        return runYieldCommand(global, line->rest);

    // Serve (no subcommand) and tls-pin belong to the HTTP side (ServeCommand.h).
    // The master key file reaches it the same way as every other process: the environment.
    if (!global.masterKeyFile.isEmpty())
        qputenv("PROVSTATION_MASTER_KEY_FILE", QFile::encodeName(global.masterKeyFile));
    const ServeOptions serve {global.dataDir, global.databaseUrl, line->rest};
    if (command == u"tls-pin")
        return runTlsPin(serve);
    if (command.isEmpty())
        return runServe(serve);
    return fail(makeError(ResultCode::InvalidArguments,
        QStringLiteral("unknown subcommand '%1': provstation-server --help lists them").arg(command)));
}

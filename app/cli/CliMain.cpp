#include "CliMain.h"

#include "CliOptions.h"
#include "CliRunner.h"
#include "PairCommand.h"
#include "StdoutLog.h"

#include "engine/PluginRegistry.h"
#include "support/LogSink.h"
#include "transport/Message.h"

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>

namespace {

// Which operation runs on which port of which family, from the plugins
// themselves: the help stays true when a plugin changes or is added.
QString operationsByPort(const QString &pluginDir)
{
    using namespace prov::engine;
    PluginRegistry plugins;
    plugins.loadDirectory(pluginDir.isEmpty() ? PluginRegistry::defaultDirectory() : pluginDir);
    QString text = QStringLiteral("\nOperations by meter and port (--meter, the port -d names):\n");
    for (const QString &id : plugins.ids()) {
        QStringList ports; // in the plugin's order
        QHash<QString, QStringList> operations;
        for (const OperationSpec &op : plugins.find(id)->operations) {
            const QString port = QStringLiteral("the %1 port (%2 baud, %3)")
                                     .arg(portRoleName(op.role))
                                     .arg(op.defaultBaud)
                                     .arg(prov::transport::wrapperName(op.wrapper));
            if (!operations.contains(port))
                ports.append(port);
            operations[port].append(operationName(op.operation));
        }
        QStringList groups;
        for (const QString &port : std::as_const(ports))
            groups.append(operations.value(port).join(QStringLiteral(", ")) + QStringLiteral(" on ") + port);
        text += QStringLiteral("  %1: %2\n").arg(id, groups.join(QStringLiteral("; ")));
    }
    return text;
}

} // namespace

int cliMain(int argc, char *argv[], const std::function<void(const QString &)> &stepBoundary)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ProvStation"));
    QCoreApplication::setApplicationName(QStringLiteral("provstation-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROVSTATION_VERSION));

    // A first word of its own: the legacy options below never start with "pair".
    if (app.arguments().size() > 1 && app.arguments().at(1) == u"pair") {
        PairCommand pair(app.arguments().mid(2));
        QObject::connect(&pair, &PairCommand::finished, &app, [](int code) { QCoreApplication::exit(code); });
        QMetaObject::invokeMethod(&pair, &PairCommand::start, Qt::QueuedConnection);
        return app.exec();
    }
    prov::Result<CliOptions> options = CliOptions::parse(app.arguments());
    if (!options.ok()) {
        std::fprintf(stderr, "%s\n",
            qPrintable(prov::ResultCatalogue::errorLine(options.error().code, options.error().message)));
        return int(options.error().code);
    }
    if (options->mode == CliOptions::Mode::Help) {
        std::fputs(qPrintable(options->helpText + operationsByPort(options->pluginDir)), stdout);
        return 0;
    }
    if (options->mode == CliOptions::Mode::Version) {
        std::printf("provstation-cli %s\n", PROVSTATION_VERSION);
        return 0;
    }

    prov::LogSink::Options sinkOptions;
    // With several ports each has its own file; lines that name no port go to all.
    if (options->portLogFiles.isEmpty())
        sinkOptions.filePath = options->logFile;
    sinkOptions.taggedFiles = options->portLogFiles;
    sinkOptions.toStderr = false;
    prov::LogSink::applyVerbosity(options->verbosity, &sinkOptions);
    // --verbosity is for stdout only (StdoutLog filters by it): the file gets
    // the whole diagnostic log, debug level included.
    if (!options->logFile.isEmpty())
        QLoggingCategory::setFilterRules(QStringLiteral("provstation.*=true"));
    prov::LogSink sink(sinkOptions);
    if (!options->logFile.isEmpty() && !sink.isOpen()) {
        std::fprintf(stderr, "%s\n",
            qPrintable(prov::ResultCatalogue::errorLine(prov::ResultCode::InvalidArguments,
                QStringLiteral("--logfile cannot be written: %1").arg(sink.error()))));
        return int(prov::ResultCode::InvalidArguments);
    }
    StdoutLog stdoutLog(sinkOptions.stderrMinimum);

    CliRunner runner(std::move(options).value());
    runner.setStepBoundary(stepBoundary);
    QObject::connect(&runner, &CliRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QMetaObject::invokeMethod(&runner, &CliRunner::start, Qt::QueuedConnection);
    return app.exec();
}

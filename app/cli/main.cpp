// provstation-cli: the command-line station (docs/contracts/cli.md). Parses
// the options, wires the services and runs the event loop; the work is in
// core/engine and CliRunner.
#include "CliOptions.h"
#include "CliRunner.h"
#include "PairCommand.h"
#include "StdoutLog.h"

#include "support/LogSink.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
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
        std::fputs(qPrintable(options->helpText), stdout);
        return 0;
    }
    if (options->mode == CliOptions::Mode::Version) {
        std::printf("provstation-cli %s\n", PROVSTATION_VERSION);
        return 0;
    }

    prov::LogSink::Options sinkOptions;
    sinkOptions.filePath = options->logFile;
    sinkOptions.toStderr = false;
    prov::LogSink::applyVerbosity(options->verbosity, &sinkOptions);
    prov::LogSink sink(sinkOptions);
    if (!options->logFile.isEmpty() && !sink.isOpen()) {
        std::fprintf(stderr, "%s\n",
            qPrintable(prov::ResultCatalogue::errorLine(prov::ResultCode::InvalidArguments,
                QStringLiteral("--logfile %1 cannot be written: %2").arg(options->logFile, sink.error()))));
        return int(prov::ResultCode::InvalidArguments);
    }
    StdoutLog stdoutLog(sinkOptions.stderrMinimum);

    CliRunner runner(std::move(options).value());
    QObject::connect(&runner, &CliRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QMetaObject::invokeMethod(&runner, &CliRunner::start, Qt::QueuedConnection);
    return app.exec();
}

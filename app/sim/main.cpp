// provstation-sim: simulated meters, radio nodes and the factory gateway on
// pseudo-terminals (docs/sim.md). The logic lives in the provsim library.
#include "SimOptions.h"
#include "Simulator.h"
#include "support/ShutdownSignals.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("provstation-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROVSTATION_VERSION));

    prov::Result<prov::sim::SimOptions> options = prov::sim::SimOptions::parse(app.arguments());
    if (!options.ok()) {
        if (options.error().code == prov::ResultCode::Success) {
            std::fputs(qPrintable(options.error().message), stdout);
            return 0;
        }
        std::fprintf(stderr, "%s\n",
            qPrintable(prov::ResultCatalogue::errorLine(options.error().code, options.error().message)));
        return static_cast<int>(options.error().code);
    }

    prov::ShutdownSignals shutdownSignals;
    QObject::connect(
        &shutdownSignals, &prov::ShutdownSignals::shutdownRequested, &app, [](int) { QCoreApplication::quit(); });

    prov::sim::Simulator simulator(std::move(options).value());
    const prov::Status started = simulator.start([](const QJsonObject &line) {
        std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).constData(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    });
    if (!started.ok()) {
        std::fprintf(stderr, "%s\n",
            qPrintable(prov::ResultCatalogue::errorLine(started.error().code, started.error().message)));
        return static_cast<int>(started.error().code);
    }
    return app.exec();
}

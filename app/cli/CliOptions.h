#pragma once

#include "domain/Result.h"
#include "engine/RunOptions.h"
#include "engine/ServerEndpoint.h"

#include <QString>
#include <QStringList>

#include <utility>

/// Everything provstation-cli was told (docs/contracts/cli.md), checked.
/// Parse errors are code 3 with a message naming the option and the value.
struct CliOptions
{
    enum class Mode { Run, FlushOutbox, Help, Version, ListMeters, DescribeMeter };

    Mode mode = Mode::Run;
    QString helpText;
    prov::engine::RunOptions run; ///< per-port fields (port) are filled per device
    QStringList devices;
    QString meter; ///< --meter; empty: each port's device says what it is (MeterDetector)
    /// The station's default meter (station/defaultMeter in its settings): the
    /// plugin when the device's answer matches no plugin or several.
    QString defaultMeter;
    QUrl serverUrl;
    QList<prov::crypto::CertificatePin> pins;
    QString pathTranslateFrom;
    QString pathTranslateTo;
    int verbosity = 1;
    QString logFile;
    /// With several -d and --logfile: each port's own file (port, path).
    QList<std::pair<QString, QString>> portLogFiles;
    QString tokenFile;
    QString dataDir;
    QString pluginDir;
    int threads = 0;

    [[nodiscard]] static prov::Result<CliOptions> parse(const QStringList &arguments);
    /// --logfile FILE for one of several ports: the port's name, without a
    /// leading /dev/ or \\.\, other characters than letters, digits, '.', '_'
    /// and '-' made '_', joins the file's base name before its extension
    /// (emcm_factory_s1.log, /dev/ttyUSB0 -> emcm_factory_s1-ttyUSB0.log).
    [[nodiscard]] static QString portLogFile(const QString &logFile, const QString &port);
};

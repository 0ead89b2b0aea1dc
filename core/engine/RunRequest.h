#pragma once

#include "engine/PluginDescription.h"
#include "engine/RunOptions.h"

#include <QHash>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace prov::engine {

/// A scan a plugin asks for that is missing or does not fit its pattern, for
/// the caller to word (the window does, in the operator's language).
struct ScanProblem
{
    enum class Kind { Missing, Mismatch };

    Kind kind = Kind::Missing;
    ScanField field;
    QString value; ///< Mismatch: the value as checked against the field's pattern
};

/// One run as the command line or a window slot asks for it, before the
/// meter's plugin has checked it: StationRuntime::runOptions() makes the
/// engine's RunOptions of it, the same way for both.
struct RunRequest
{
    int slot = -1; ///< the engine's slot: the window's slot, the CLI's -d in order
    QString meter; ///< the plugin's id: --meter, the slot's family
    /// Operation, port, configuration, batch, link and flags as asked.
    /// `options.settings` are ignored (see `settings`); the station-wide
    /// fields (station name, gateway, join timeout unless `joinTimeoutS`,
    /// run log folder) are the runtime's.
    RunOptions options;
    /// Settings asked for this run by name (`--set`, text or typed): a key
    /// the plugin does not have is an error.
    QVariantMap settings;
    /// The station's defaults for this meter (the window's Settings), under
    /// `settings`; keys this plugin version does not have are skipped.
    QVariantMap stationSettings;
    /// The plugin's own defaults under both (the window runs what its
    /// Settings show); without, a setting nobody gave is the engine's default.
    bool pluginDefaults = false;
    bool retry = false; ///< the operator's Retry of a failed run
    /// The gateway join's limit for this run (the window's slot group);
    /// without, the runtime's (the command line's --timeout).
    std::optional<int> joinTimeoutS;

    /// The configuration an operator picked from the server's list: its
    /// alias, or its ID where it has none.
    [[nodiscard]] static ConfigSelector configFromPick(const QString &text);

    /// Takes the plugin's scan fields from `scanned` (scan key -> text as
    /// scanned) into options: partialMcmId as the last 8 digits of a scanned
    /// eMCM ID, the others into options.scans. The first field that is
    /// required and missing, or does not fit its pattern, is returned and
    /// nothing is taken.
    [[nodiscard]] std::optional<ScanProblem> takeScans(
        const PluginDescription &plugin, const QHash<QString, QString> &scanned);
};

} // namespace prov::engine

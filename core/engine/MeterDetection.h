#pragma once

#include "domain/Result.h"
#include "engine/PluginTypes.h"
#include "transport/Message.h"
#include "transport/MeterIdentification.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace prov::engine {

class PluginRegistry;
struct PluginDescription;
struct RunOptions;

/// What a device said about itself when the station asked before a run
/// (MeterDetector): a node without a host, an eMCM that passed on its meter's
/// identification, or a meter's own identification read on its optical port.
struct DeviceReport
{
    enum class Source { BareNode, Emcm, OpticalPort };

    QString port;
    Source source = Source::BareNode;
    QString link; ///< "orw at 115200 baud"
    /// The meter's C12.19 table 1; none for a bare node, or when the device
    /// could not give it (then `note` says why).
    std::optional<transport::MeterIdentification> meter;
    QString note;

    [[nodiscard]] bool hasHost() const { return source != Source::BareNode; }
    /// "the eMCM on port /dev/pts/3 (orw at 115200 baud) reports meter manufacturer "GE", model "KV2C""
    [[nodiscard]] QString describe() const;
};

/// One entry of a plugin's "Detect" list (its JSON metadata file): the plugin
/// matches a device when every field the entry gives matches what the device
/// reported. Text is compared without regard to case; "EdModel" may hold the
/// wildcards * and ?.
struct DetectRule
{
    QString model; ///< "Model": which of the plugin's Models this is
    std::optional<bool> host; ///< "Host": false matches a node without a host
    QString manufacturer; ///< "Manufacturer": table 1 MANUFACTURER
    QString edModel; ///< "EdModel": table 1 ED_MODEL

    [[nodiscard]] bool matches(const DeviceReport &report) const;
    /// An error names the plugin file and the entry.
    [[nodiscard]] static Result<DetectRule> fromJson(const QJsonObject &json, const QString &where);
    [[nodiscard]] QJsonObject toJson() const;
};

/// A (baud, wrapper) the station tries when it asks a device what it is.
struct LinkSetting
{
    qint32 baud = 115200;
    transport::WrapperKind wrapper = transport::WrapperKind::Orw;

    [[nodiscard]] QString toString() const;
    friend bool operator==(const LinkSetting &a, const LinkSetting &b)
    {
        return a.baud == b.baud && a.wrapper == b.wrapper;
    }
};

/// The plugin chosen for a device, and how it was chosen (for the logs).
struct MeterChoice
{
    const PluginDescription *plugin = nullptr;
    QString reason; ///< "detected: ... matches kv2c (kV2c)"
};

/// The link settings to ask a device on, for `options.operation`: those of
/// the plugins that can detect their devices and have that operation, in the
/// registry's order, with `options.baud` and `options.wrapper` in place of the
/// plugins' when given.
[[nodiscard]] QList<LinkSetting> detectionLinks(const PluginRegistry &plugins, const RunOptions &options);

/// The plugin for `report`: the one plugin whose rules match; else
/// `fallbackMeter` (the station's default meter; when several matched, only
/// if it is one of them); else error 3 naming what the device reported, the
/// plugins that matched, and --meter.
[[nodiscard]] Result<MeterChoice> chooseMeter(
    const DeviceReport &report, const PluginRegistry &plugins, const QString &fallbackMeter = {});

} // namespace prov::engine

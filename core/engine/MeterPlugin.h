#pragma once

#include "engine/PluginDescription.h"

#include <QtPlugin>

namespace prov::engine {

/// Version of the plugin interface. The major number is in the IID; a plugin
/// JSON's ApiVersion must have the same major (read before loading).
inline constexpr int kMeterPluginApiMajor = 1;
inline constexpr int kMeterPluginApiMinor = 0;

/// A meter family. A plugin only describes (PluginDescription): the engine
/// runs the steps, owns ports, threads, the outbox and the server client.
/// Plugins never throw, never show UI and never block.
class MeterPlugin
{
public:
    virtual ~MeterPlugin() = default;
    [[nodiscard]] virtual PluginDescription description() const = 0;
};

} // namespace prov::engine

#define ProvStation_MeterPlugin_iid "org.provstation.MeterPlugin/1"
Q_DECLARE_INTERFACE(prov::engine::MeterPlugin, ProvStation_MeterPlugin_iid)

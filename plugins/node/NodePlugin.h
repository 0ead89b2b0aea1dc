#pragma once

#include "engine/MeterPlugin.h"

#include <QObject>

/// A bare radio node on its own serial line (no wrapper framing beyond
/// `none`, no host): one PROVISION run to the final configuration.
class NodePlugin : public QObject, public prov::engine::MeterPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.provstation.MeterPlugin/1" FILE "node.json")
    Q_INTERFACES(prov::engine::MeterPlugin)

public:
    [[nodiscard]] prov::engine::PluginDescription description() const override;
};

#pragma once

#include "engine/MeterPlugin.h"

#include <QObject>

/// i210+ family: PRETEST and POSTTEST at one station over the eMCM's direct
/// serial line (115200, orw), meter calibration in between; PROVISION for a
/// single-stage run on the same line.
class I210PlusPlugin : public QObject, public prov::engine::MeterPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.provstation.MeterPlugin/1" FILE "i210plus.json")
    Q_INTERFACES(prov::engine::MeterPlugin)

public:
    [[nodiscard]] prov::engine::PluginDescription description() const override;
};

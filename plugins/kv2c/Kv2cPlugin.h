#pragma once

#include "engine/MeterPlugin.h"

#include <QObject>

/// kV2c: the message-heavy PRETEST (firmware) on the board fixture at 115200
/// with orw; after assembly only the optical port is left, 9600 baud with the
/// C12.18 wrapper, for the quick CHECKCONFIG and the POSTTEST.
class Kv2cPlugin : public QObject, public prov::engine::MeterPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.provstation.MeterPlugin/1" FILE "kv2c.json")
    Q_INTERFACES(prov::engine::MeterPlugin)

public:
    [[nodiscard]] prov::engine::PluginDescription description() const override;
};

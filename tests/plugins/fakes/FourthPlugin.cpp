// A fourth meter family, known to nobody but this file: proves that a new
// family is a new plugin folder and nothing else. Minor API 1.3 is accepted.
#include "engine/MeterPlugin.h"

#include <QObject>

class FourthPlugin : public QObject, public prov::engine::MeterPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.provstation.MeterPlugin/1" FILE "fourth.json")
    Q_INTERFACES(prov::engine::MeterPlugin)

public:
    prov::engine::PluginDescription description() const override
    {
        using namespace prov::engine;
        PluginDescription d;
        d.id = QStringLiteral("fourth");
        d.family = QStringLiteral("Fourth family");
        d.models = {QStringLiteral("F4-100"), QStringLiteral("F4-200")};
        d.hasHost = false;
        d.operations = {{Operation::Provision, PortRole::Direct, 57600, prov::transport::WrapperKind::Reliable,
            {{StepKind::IdentifyNode}, {StepKind::WriteFieldConfig, Targets::Node}}}};
        return d;
    }
};

#include "FourthPlugin.moc"

#include "NodePlugin.h"

#include "engine/SettingKeys.h"

using namespace prov::engine;
using prov::transport::WrapperKind;

PluginDescription NodePlugin::description() const
{
    using K = StepKind;
    const QList<StepSpec> provision = {{K::IdentifyNode}, {K::CheckNodeCompatibility}, {K::UpdateNodeFirmware},
        {K::WriteFieldConfig, Targets::Node}, {K::GenerateAndEscrowKeys}, {K::WriteKeys, Targets::Node},
        {K::VerifyKeys, Targets::Node}, {K::VerifyConfiguration, Targets::Node}, {K::Lock, Targets::Node},
        {K::ConfirmEscrow}};

    PluginDescription d;
    d.id = QStringLiteral("node");
    d.family = QStringLiteral("Radio node");
    d.models = {QStringLiteral("node")};
    d.hasHost = false;
    d.operations = {{Operation::Provision, PortRole::Direct, 115200, WrapperKind::None, provision}};
    d.settings = {{QLatin1String(SettingKeys::kBlockWindow), QStringLiteral("Blocks in flight"), SettingSpec::Type::Int,
        {}, 1, 16, 4}};
    return d;
}

#include "I210PlusPlugin.h"

#include "engine/SettingKeys.h"

using namespace prov::engine;
using prov::transport::WrapperKind;

PluginDescription I210PlusPlugin::description() const
{
    using K = StepKind;
    const QList<StepSpec> identify
        = {{K::IdentifyNode}, {K::CheckNodeCompatibility}, {K::IdentifyHost}, {K::CheckPartialMcmId}};

    QList<StepSpec> pretest = identify;
    pretest += {{K::UpdateNodeFirmware}, {K::UpdateHostFirmware}, {K::WriteFactoryConfig, Targets::Both},
        {K::VerifyConfiguration}, {K::ClearGatewayStatus}};

    // Before the meter is calibrated: the eMCM answers and both processors
    // hold this configuration's factory configuration. No calibration check
    // (not yet calibrated) and nothing written.
    const QList<StepSpec> checkConfig
        = {{K::IdentifyNode}, {K::IdentifyHost}, {K::CheckPartialMcmId}, {K::CheckFactoryConfigPresent, Targets::Both}};

    QList<StepSpec> posttest = identify;
    posttest += {{K::CheckFactoryConfigPresent}, {K::WaitForJoin}, {K::WriteFieldConfig, Targets::Both},
        {K::CheckMeterLink}, {K::GenerateAndEscrowKeys}, {K::WriteKeys}, {K::VerifyKeys}, {K::VerifyConfiguration},
        {K::Lock}, {K::ConfirmEscrow}};

    QList<StepSpec> provision = identify;
    provision += {{K::UpdateNodeFirmware}, {K::UpdateHostFirmware}, {K::WriteFieldConfig, Targets::Both},
        {K::CheckMeterLink}, {K::GenerateAndEscrowKeys}, {K::WriteKeys}, {K::VerifyKeys}, {K::VerifyConfiguration},
        {K::Lock}, {K::ConfirmEscrow}};

    PluginDescription d;
    d.id = QStringLiteral("i210plus");
    d.family = QStringLiteral("i210+ / i210+c / SGM3xxx");
    d.models = {QStringLiteral("i210+"), QStringLiteral("i210+c"), QStringLiteral("SGM3xxx")};
    d.hasHost = true;
    d.operations = {
        {Operation::Pretest, PortRole::Direct, 115200, WrapperKind::Orw, pretest},
        {Operation::CheckConfig, PortRole::Direct, 115200, WrapperKind::Orw, checkConfig},
        {Operation::Posttest, PortRole::Direct, 115200, WrapperKind::Orw, posttest},
        {Operation::Provision, PortRole::Direct, 115200, WrapperKind::Orw, provision},
    };
    // The module's label: its whole eMCM ID (16 hex digits) or the last 8, "MCM:" in front or not.
    d.scans = {{QStringLiteral("partialMcmId"), QStringLiteral("eMCM ID (last 8 hex digits)"),
        QStringLiteral("(?i)(?:MCM[:-]?)?(?<value>[0-9A-F]{8}(?:[0-9A-F]{8})?)"), false}};
    d.settings = {{QLatin1String(SettingKeys::kBlockWindow), QStringLiteral("Blocks in flight"), SettingSpec::Type::Int,
                      {}, 1, 16, 4},
        {QLatin1String(SettingKeys::kJoinPollMs), QStringLiteral("Gateway query interval (ms)"), SettingSpec::Type::Int,
            {}, 50, 60000, 500}};
    return d;
}

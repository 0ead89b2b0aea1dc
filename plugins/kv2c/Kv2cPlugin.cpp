#include "Kv2cPlugin.h"

#include "engine/SettingKeys.h"

using namespace prov::engine;
using prov::transport::WrapperKind;

namespace {
// The optical port is slow (a 1 KiB block is over a second at 9600 baud) and
// noisier: longer exchanges, more resends than the defaults.
constexpr int kOpticalTimeoutMs = 8000;
constexpr int kOpticalRetries = 4;

StepSpec optical(StepKind kind, Targets targets = Targets::Both)
{
    return StepSpec {kind, targets, kOpticalTimeoutMs, kOpticalRetries};
}
} // namespace

PluginDescription Kv2cPlugin::description() const
{
    using K = StepKind;
    const QList<StepSpec> pretest = {{K::IdentifyNode}, {K::CheckNodeCompatibility}, {K::IdentifyHost},
        {K::CheckPartialMcmId}, {K::UpdateNodeFirmware}, {K::UpdateHostFirmware},
        {K::WriteFactoryConfig, Targets::Both}, {K::VerifyConfiguration}, {K::ClearGatewayStatus}};

    // Single stage on the board fixture: PRETEST's work, then the field
    // configuration and the keys, at the fixture's speed. The board is not in
    // its meter there, so there is no meter link to check (POSTTEST on the
    // optical port checks it).
    QList<StepSpec> provision = pretest.mid(0, 6);
    provision += {{K::WriteFieldConfig, Targets::Both}, {K::GenerateAndEscrowKeys}, {K::WriteKeys}, {K::VerifyKeys},
        {K::VerifyConfiguration}, {K::Lock}, {K::ConfirmEscrow}};

    const QList<StepSpec> checkConfig = {optical(K::IdentifyNode), {K::CheckNodeCompatibility},
        optical(K::IdentifyHost), {K::CheckPartialMcmId}, {K::CheckFactoryConfigPresent}};

    const QList<StepSpec> posttest = {optical(K::IdentifyNode), {K::CheckNodeCompatibility}, optical(K::IdentifyHost),
        {K::CheckPartialMcmId}, {K::CheckFactoryConfigPresent}, {K::WaitForJoin}, optical(K::WriteFieldConfig),
        optical(K::CheckMeterLink), {K::GenerateAndEscrowKeys}, optical(K::WriteKeys), optical(K::VerifyKeys),
        optical(K::VerifyConfiguration), optical(K::Lock), {K::ConfirmEscrow}};

    PluginDescription d;
    d.id = QStringLiteral("kv2c");
    d.family = QStringLiteral("kV2c");
    d.models = {QStringLiteral("kV2c")};
    d.hasHost = true;
    d.operations = {
        {Operation::Pretest, PortRole::Fixture, 115200, WrapperKind::Orw, pretest},
        {Operation::CheckConfig, PortRole::Optical, 9600, WrapperKind::OptPsem, checkConfig},
        {Operation::Posttest, PortRole::Optical, 9600, WrapperKind::OptPsem, posttest},
        {Operation::Provision, PortRole::Fixture, 115200, WrapperKind::Orw, provision},
    };
    // Labels as printed: the whole eMCM ID (16 hex digits) or its last 8, "MCM:" in
    // front or not; the meter serial as the meter reports it ("M591374131"), "SN:"
    // in front or not. A serial of 8 digits alone would read as an eMCM ID.
    d.scans = {{QStringLiteral("partialMcmId"), QStringLiteral("eMCM ID (last 8 hex digits)"),
                   QStringLiteral("(?i)(?:MCM[:-]?)?(?<value>[0-9A-F]{8}(?:[0-9A-F]{8})?)"), false},
        {QStringLiteral("meterSerial"), QStringLiteral("Meter serial number"),
            QStringLiteral("(?:SN[:-]?)?(?<value>[A-Z]{0,2}\\d{6,12})"), false}};
    d.settings = {
        {QLatin1String(SettingKeys::kPsemPassword), QStringLiteral("Optical port password"),
            SettingSpec::Type::Password, {}, 0, 0, {}},
        {QLatin1String(SettingKeys::kPsemUserId), QStringLiteral("Optical port user ID"), SettingSpec::Type::Int, {}, 0,
            65535, 2},
        {QLatin1String(SettingKeys::kBlockWindow), QStringLiteral("Blocks in flight"), SettingSpec::Type::Int, {}, 1,
            16, 4},
        {QLatin1String(SettingKeys::kJoinPollMs), QStringLiteral("Gateway query interval (ms)"), SettingSpec::Type::Int,
            {}, 50, 60000, 500},
    };
    return d;
}

#include "engine/StepFactory.h"

#include "engine/DeviceSteps.h"
#include "engine/GatewaySteps.h"
#include "engine/KeySteps.h"
#include "engine/TransferSteps.h"

namespace prov::engine {

Step *StepFactory::create(const StepSpec &spec, StepContext &ctx, QObject *parent)
{
    switch (spec.kind) {
    case StepKind::IdentifyNode:
        return new IdentifyNodeStep(ctx, spec, parent);
    case StepKind::CheckNodeCompatibility:
        return new CheckNodeCompatibilityStep(ctx, spec, parent);
    case StepKind::IdentifyHost:
        return new IdentifyHostStep(ctx, spec, parent);
    case StepKind::CheckPartialMcmId:
        return new CheckPartialMcmIdStep(ctx, spec, parent);
    case StepKind::UpdateNodeFirmware:
        return new UpdateNodeFirmwareStep(ctx, spec, parent);
    case StepKind::UpdateHostFirmware:
        return new UpdateHostFirmwareStep(ctx, spec, parent);
    case StepKind::WriteFactoryConfig:
    case StepKind::WriteFieldConfig:
        return new WriteConfigStep(ctx, spec, parent);
    case StepKind::ClearGatewayStatus:
        return new ClearGatewayStatusStep(ctx, spec, parent);
    case StepKind::CheckFactoryConfigPresent:
        return new CheckFactoryConfigPresentStep(ctx, spec, parent);
    case StepKind::WaitForJoin:
        return new WaitForJoinStep(ctx, spec, parent);
    case StepKind::GenerateAndEscrowKeys:
        return new GenerateAndEscrowKeysStep(ctx, spec, parent);
    case StepKind::WriteKeys:
        return new WriteKeysStep(ctx, spec, parent);
    case StepKind::VerifyKeys:
        return new VerifyKeysStep(ctx, spec, parent);
    case StepKind::ConfirmEscrow:
        return new ConfirmEscrowStep(ctx, spec, parent);
    case StepKind::VerifyConfiguration:
        return new VerifyConfigurationStep(ctx, spec, parent);
    case StepKind::Lock:
        return new LockStep(ctx, spec, parent);
    case StepKind::CheckMeterLink:
        return new CheckMeterLinkStep(ctx, spec, parent);
    }
    return nullptr;
}

bool StepFactory::skipped(const StepSpec &spec, const StepContext &ctx, QString *why)
{
    switch (spec.kind) {
    case StepKind::GenerateAndEscrowKeys:
    case StepKind::WriteKeys:
    case StepKind::VerifyKeys:
    case StepKind::ConfirmEscrow:
        if (ctx.options->skipKeys) {
            *why = QStringLiteral("--skip-keys");
            return true;
        }
        break;
    case StepKind::Lock:
        if (ctx.options->skipLock) {
            *why = QStringLiteral("--skip_lock");
            return true;
        }
        break;
    case StepKind::IdentifyHost:
    case StepKind::CheckPartialMcmId:
    case StepKind::UpdateHostFirmware:
    case StepKind::CheckMeterLink:
        if (!ctx.hasHost()) {
            *why = QStringLiteral("no host on this family");
            return true;
        }
        break;
    default:
        break;
    }
    return false;
}

} // namespace prov::engine

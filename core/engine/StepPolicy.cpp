#include "engine/StepPolicy.h"

#include "engine/SettingKeys.h"
#include "engine/StepContext.h"

namespace prov::engine {

namespace {

bool isTransfer(StepKind kind)
{
    return kind == StepKind::UpdateNodeFirmware || kind == StepKind::UpdateHostFirmware
        || kind == StepKind::WriteFactoryConfig || kind == StepKind::WriteFieldConfig;
}

} // namespace

protocol::ClientOptions StepPolicy::clientOptions(const StepSpec &spec, const StepContext &ctx)
{
    protocol::ClientOptions o;
    o.baudRate = ctx.baud;
    // A slow line (optical, 9600) gets more turnaround allowance by default.
    o.responseTimeoutMs = spec.timeoutMs > 0 ? spec.timeoutMs : (ctx.baud < 38400 ? 3000 : 1000);
    o.retries = spec.retries >= 0 ? spec.retries : 3;
    const QVariant window = ctx.options->settings.value(QLatin1String(SettingKeys::kBlockWindow));
    if (window.isValid())
        o.transferWindow = qBound(1, window.toInt(), 16);
    return o;
}

int StepPolicy::stepTimeoutMs(const StepSpec &spec, const StepContext &ctx)
{
    switch (spec.kind) {
    case StepKind::WaitForJoin:
        return ctx.options->joinTimeoutS * 1000 + 30000;
    case StepKind::GenerateAndEscrowKeys:
    case StepKind::ConfirmEscrow:
    case StepKind::ClearGatewayStatus:
        return 120000;
    default:
        break;
    }
    if (isTransfer(spec.kind)) {
        // Line time of the largest object at 10 bits a byte, four times over,
        // plus flash time and slack; objects are at most a few MiB.
        qint64 size = 0;
        if (ctx.config) {
            for (const ConfigFile &f : ctx.config->allFiles())
                size = qMax(size, f.size);
        }
        return int(qMin<qint64>(3600000, 120000 + size * 10 * 1000 * 4 / qMax(1, ctx.baud)));
    }
    return 120000;
}

ResultCode StepPolicy::timeoutCode(const StepSpec &spec)
{
    switch (spec.kind) {
    case StepKind::WaitForJoin:
        return ResultCode::DeviceDidNotJoin;
    case StepKind::ClearGatewayStatus:
        return ResultCode::GatewayUnreachable;
    case StepKind::GenerateAndEscrowKeys:
    case StepKind::ConfirmEscrow:
        return ResultCode::ServerUnreachable;
    case StepKind::IdentifyHost:
    case StepKind::UpdateHostFirmware:
    case StepKind::CheckMeterLink:
        return ResultCode::HostUnreachable;
    default:
        break;
    }
    return spec.targets == Targets::Host ? ResultCode::HostUnreachable : ResultCode::NodeMessageFailed;
}

} // namespace prov::engine

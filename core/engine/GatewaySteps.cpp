#include "engine/GatewaySteps.h"

#include "engine/SettingKeys.h"
#include "engine/StepPolicy.h"

namespace prov::engine {

namespace {
constexpr int kDefaultJoinPollMs = 500;
}

void ClearGatewayStatusStep::run()
{
    m_gateway = new GatewayClient(m_ctx.options->gatewayHost, m_ctx.options->gatewayPort, this);
    attempt(StepPolicy::kNetworkAttempts);
}

void ClearGatewayStatusStep::attempt(int left)
{
    m_gateway->clear(NodeId(m_ctx.node->nodeId), [this, left](const Result<bool> &r) {
        if (r.ok()) {
            log(QStringLiteral("gateway %1 cleared node %2")
                    .arg(m_gateway->address(), NodeId(m_ctx.node->nodeId).toString()));
            return finish({});
        }
        if (r.error().code == ResultCode::GatewayUnreachable && left > 1) {
            log(QStringLiteral("retrying: %1").arg(r.error().message));
            return later(StepPolicy::kNetworkRetryDelayMs, [this, left] { attempt(left - 1); });
        }
        finish(r.error());
    });
}

void WaitForJoinStep::run()
{
    m_gateway = new GatewayClient(m_ctx.options->gatewayHost, m_ctx.options->gatewayPort, this);
    m_deadline = QDeadlineTimer(qint64(m_ctx.options->joinTimeoutS) * 1000);
    poll();
}

void WaitForJoinStep::poll()
{
    ++m_polls;
    m_gateway->status(NodeId(m_ctx.node->nodeId), [this](const Result<GatewayClient::JoinState> &r) {
        if (r.ok()) {
            m_failuresInARow = 0;
            if (r.value() == GatewayClient::JoinState::Joined) {
                log(QStringLiteral("node %1 joined (after %2 queries)")
                        .arg(NodeId(m_ctx.node->nodeId).toString())
                        .arg(m_polls));
                return finish({});
            }
        } else {
            if (r.error().code != ResultCode::GatewayUnreachable || ++m_failuresInARow >= StepPolicy::kNetworkAttempts)
                return finish(r.error());
            log(QStringLiteral("retrying: %1").arg(r.error().message));
        }
        if (m_deadline.hasExpired())
            return finish(makeCausedError(ResultCode::DeviceDidNotJoin, FailureCause::DidNotJoin,
                {QString::number(m_ctx.options->joinTimeoutS)},
                QStringLiteral("node %1 did not join gateway %2 within %3 s")
                    .arg(NodeId(m_ctx.node->nodeId).toString(), m_gateway->address())
                    .arg(m_ctx.options->joinTimeoutS)));
        const int interval
            = m_ctx.options->settings.value(QLatin1String(SettingKeys::kJoinPollMs), kDefaultJoinPollMs).toInt();
        later(int(qMin<qint64>(qMax(50, interval), qMax<qint64>(0, m_deadline.remainingTime()))), [this] { poll(); });
    });
}

} // namespace prov::engine

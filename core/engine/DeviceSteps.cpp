#include "engine/DeviceSteps.h"

#include "domain/DeviceIds.h"
#include "protocol/DeviceClient.h"
#include "protocol/IdentityChecks.h"

namespace prov::engine {

using namespace protocol;

namespace {

QString nodeText(const StepContext &ctx)
{
    return ctx.node ? NodeId(ctx.node->nodeId).toString() : QStringLiteral("(unidentified)");
}

bool hostWanted(const StepContext &ctx, Targets targets)
{
    return ctx.hasHost() && includesHost(targets);
}

} // namespace

void IdentifyNodeStep::run()
{
    await(
        node()->identify(),
        [this](ProtocolJob *job) {
            m_ctx.node = job->nodeIdentity();
            m_ctx.firstNodeAnswer = true;
            const NodeIdentity &n = *m_ctx.node;
            log(QStringLiteral("node %1 %2 firmware %3 calibration %4 config %5 0x%6%7")
                    .arg(NodeId(n.nodeId).toString(), hardwareTypeName(n.hardwareType), n.firmwareVersion.toString(),
                        calibrationName(n.calibration), configKindName(n.configKind))
                    .arg(n.configId, 16, 16, QLatin1Char('0'))
                    .arg(n.locked ? QStringLiteral(" locked") : QString()));
            finish({});
        },
        [this](const Error &error) {
            // Silence from a device that never answered means no device: code 4.
            if (error.code == ResultCode::NodeMessageFailed && !m_ctx.firstNodeAnswer)
                return finish(makeError(ResultCode::DeviceUnreachable,
                    QStringLiteral("no answer from a device on port %1 (%2)").arg(m_ctx.options->port, error.message)));
            finish(error);
        });
}

void CheckNodeCompatibilityStep::run()
{
    if (!m_ctx.node)
        return finish(makeError(ResultCode::InternalError, QStringLiteral("the node was not identified first")));
    finish(checkNodeIdentity(*m_ctx.node, m_ctx.config->nodeHardwareType));
}

void IdentifyHostStep::run()
{
    await(host()->identify(), [this](ProtocolJob *job) {
        m_ctx.host = job->hostIdentity();
        const HostIdentity &h = *m_ctx.host;
        log(QStringLiteral("eMCM %1 %2 hardware status 0x%3 firmware %4 config %5")
                .arg(h.emcmIdHex(), hardwareTypeName(h.hardwareType))
                .arg(h.hardwareStatus, 2, 16, QLatin1Char('0'))
                .arg(h.firmwareVersion.toString(), configKindName(h.configKind)));
        if (const Status hw = HostClient::hardwareStatusError(h); !hw.ok())
            return finish(hw);
        if (h.hardwareType != HardwareType::Emcm)
            return finish(makeError(ResultCode::HostHardwareFailure,
                QStringLiteral("the host on port %1 reports hardware type %2, not an eMCM")
                    .arg(m_ctx.options->port, hardwareTypeName(h.hardwareType))));
        finish({});
    });
}

void CheckPartialMcmIdStep::run()
{
    const QString partial = m_ctx.options->partialMcmId;
    if (partial.isEmpty()) {
        log(QStringLiteral("no partial MCM ID given"));
        return finish({});
    }
    Result<EmcmId> id = EmcmId::parse(m_ctx.host ? m_ctx.host->emcmIdHex() : QString());
    if (!id.ok())
        return finish(makeError(ResultCode::HostHardwareFailure,
            QStringLiteral("the eMCM on port %1 reports no usable ID").arg(m_ctx.options->port)));
    if (!id->matchesPartial(partial))
        return finish(makeError(ResultCode::HostHardwareFailure,
            QStringLiteral("partial MCM ID mismatch: the eMCM on port %1 is %2, which does not end in %3 (the label)")
                .arg(m_ctx.options->port, id->toString(), partial.toUpper())));
    finish({});
}

void CheckFactoryConfigPresentStep::run()
{
    const quint64 want = m_ctx.config->configId.value();
    const auto holds = [want](ConfigKind kind, quint64 id) {
        return (kind == ConfigKind::Factory || kind == ConfigKind::Field) && id == want;
    };
    if (includesNode(m_spec.targets) && m_ctx.node && !holds(m_ctx.node->configKind, m_ctx.node->configId)) {
        return finish(makeError(ResultCode::NodeConfigurationIncompatible,
            m_ctx.node->configKind == ConfigKind::None
                ? QStringLiteral("node %1 holds no configuration: run PRETEST first").arg(nodeText(m_ctx))
                : QStringLiteral("node %1 holds configuration 0x%2, not %3: run PRETEST for this configuration")
                      .arg(nodeText(m_ctx))
                      .arg(m_ctx.node->configId, 16, 16, QLatin1Char('0'))
                      .arg(m_ctx.config->configId.toString())));
    }
    if (hostWanted(m_ctx, m_spec.targets) && m_ctx.config->hostApp() && m_ctx.host
        && !holds(m_ctx.host->configKind, m_ctx.host->configId)) {
        return finish(makeError(ResultCode::HostVerificationFailed,
            QStringLiteral("eMCM %1 holds no configuration of %2: run PRETEST first")
                .arg(m_ctx.host->emcmIdHex(), m_ctx.config->configId.toString())));
    }
    finish({});
}

void VerifyConfigurationStep::run()
{
    if (!includesNode(m_spec.targets))
        return verifyHost();
    await(node()->identify(), [this](ProtocolJob *job) {
        const NodeIdentity n = job->nodeIdentity();
        m_ctx.node = n;
        const auto failed = [this](const QString &what) {
            finish(
                makeError(ResultCode::NodeVerificationFailed, QStringLiteral("node %1 %2").arg(nodeText(m_ctx), what)));
        };
        if (n.firmwareVersion != m_ctx.config->nodeVersion)
            return failed(QStringLiteral("runs firmware %1, the configuration wants %2")
                              .arg(n.firmwareVersion.toString(), m_ctx.config->nodeVersionText));
        if (m_ctx.nodeConfigWritten
            && (n.configKind != *m_ctx.nodeConfigWritten || n.configId != m_ctx.config->configId.value()))
            return failed(QStringLiteral("holds %1 configuration 0x%2 after %3 configuration %4 was written")
                              .arg(configKindName(n.configKind))
                              .arg(n.configId, 16, 16, QLatin1Char('0'))
                              .arg(configKindName(*m_ctx.nodeConfigWritten), m_ctx.config->configId.toString()));
        verifyHost();
    });
}

void VerifyConfigurationStep::verifyHost()
{
    const ConfigApp *app = m_ctx.config->hostApp();
    if (!hostWanted(m_ctx, m_spec.targets) || !app)
        return finish({});
    await(host()->identify(), [this, app](ProtocolJob *job) {
        const HostIdentity h = job->hostIdentity();
        m_ctx.host = h;
        const auto failed = [this, &h](const QString &what) {
            finish(
                makeError(ResultCode::HostVerificationFailed, QStringLiteral("eMCM %1 %2").arg(h.emcmIdHex(), what)));
        };
        if (app->firmware && h.firmwareVersion != app->version)
            return failed(QStringLiteral("runs firmware %1, the configuration wants %2")
                              .arg(h.firmwareVersion.toString(), app->versionText));
        if (m_ctx.hostConfigWritten
            && (h.configKind != *m_ctx.hostConfigWritten || h.configId != m_ctx.config->configId.value()))
            return failed(QStringLiteral("holds %1 configuration 0x%2 after %3 configuration %4 was written")
                              .arg(configKindName(h.configKind))
                              .arg(h.configId, 16, 16, QLatin1Char('0'))
                              .arg(configKindName(*m_ctx.hostConfigWritten), m_ctx.config->configId.toString()));
        finish({});
    });
}

void LockStep::run()
{
    if (!includesNode(m_spec.targets))
        return lockHost();
    await(node()->lock(), [this](ProtocolJob *) {
        await(node()->identify(), [this](ProtocolJob *job) {
            m_ctx.node = job->nodeIdentity();
            if (!m_ctx.node->locked)
                return finish(makeError(ResultCode::NodeVerificationFailed,
                    QStringLiteral("node %1 still reports unlocked interfaces after Lock").arg(nodeText(m_ctx))));
            lockHost();
        });
    });
}

void LockStep::lockHost()
{
    if (!hostWanted(m_ctx, m_spec.targets)) {
        m_ctx.locked = true;
        return finish({});
    }
    await(host()->lock(), [this](ProtocolJob *) {
        await(host()->identify(), [this](ProtocolJob *job) {
            m_ctx.host = job->hostIdentity();
            if (!m_ctx.host->locked)
                return finish(makeError(ResultCode::HostVerificationFailed,
                    QStringLiteral("eMCM %1 still reports unlocked interfaces after Lock")
                        .arg(m_ctx.host->emcmIdHex())));
            m_ctx.locked = true;
            finish({});
        });
    });
}

void CheckMeterLinkStep::run()
{
    await(host()->checkMeterLink(), [this](ProtocolJob *job) {
        m_ctx.meterId = job->meterId();
        log(QStringLiteral("meter %1 answers through the eMCM").arg(m_ctx.meterId));
        const QString scanned = m_ctx.options->scans.value(QStringLiteral("meterSerial")).toString();
        if (!scanned.isEmpty() && scanned != m_ctx.meterId)
            return finish(makeError(ResultCode::ApplicationLinkFailure,
                QStringLiteral("the eMCM on port %1 reaches meter \"%2\", the label says \"%3\"")
                    .arg(m_ctx.options->port, m_ctx.meterId, scanned)));
        finish({});
    });
}

} // namespace prov::engine

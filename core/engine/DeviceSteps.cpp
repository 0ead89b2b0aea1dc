#include "engine/DeviceSteps.h"

#include "domain/DeviceIds.h"
#include "domain/RunRecord.h"
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

void recordReportedDevice(const StepContext &ctx, domain::RunRecord &run)
{
    if (ctx.node) {
        run.nodeFirmware = ctx.node->firmwareVersion.toString();
        run.nodeType = hardwareTypeName(ctx.node->hardwareType);
    }
    if (ctx.host) {
        run.hostFirmware = ctx.host->firmwareVersion.toString();
        run.hostType = hardwareTypeName(ctx.host->hardwareType);
    }
    // The eMCM's firmware is its application's, as the configuration's own
    // version (its first app) is, when the device listed it.
    const int app = ctx.config && !ctx.config->apps.isEmpty() ? ctx.deviceAppNumber(ctx.config->apps.first().name) : -1;
    if (app >= 0)
        run.hostFirmware = ctx.hostApps.at(app).firmware.version.toString();
}

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
            if (n.locked && m_ctx.makesKeys())
                return finish(checkReprovision());
            finish({});
        },
        [this](const Error &error) {
            // Silence from a device that never answered means no device: code 4.
            if (error.code == ResultCode::NodeMessageFailed && !m_ctx.firstNodeAnswer)
                return finish(makeCausedError(ResultCode::DeviceUnreachable, FailureCause::NoAnswer,
                    {m_ctx.options->port},
                    QStringLiteral("no answer from a device on port %1 (%2)").arg(m_ctx.options->port, error.message)));
            finish(error);
        });
}

Status IdentifyNodeStep::checkReprovision()
{
    // A locked node finished a provisioning before: a new root key would
    // replace the escrowed one without anyone deciding so.
    const QString node = nodeText(m_ctx);
    if (!m_ctx.options->reprovisionLocked)
        return makeCausedError(ResultCode::NodeConfigurationIncompatible, FailureCause::AlreadyProvisioned, {node},
            QStringLiteral("node %1 on port %2 reports itself locked: it was provisioned before, and provisioning it "
                           "again would replace its escrowed key (a supervisor may confirm that: Provision again)")
                .arg(node, m_ctx.options->port));
    m_ctx.reprovisioning = true;
    const QString who = m_ctx.options->reprovisionConfirmedBy;
    log(who.isEmpty() ? QStringLiteral("node %1 is locked (provisioned before): provisioned again, its new key "
                                       "replaces the escrowed one (no confirmation asked)")
                            .arg(node)
                      : QStringLiteral("node %1 is locked (provisioned before): provisioned again, its new key "
                                       "replaces the escrowed one, confirmed by %2")
                            .arg(node, who));
    return {};
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
            return finish(makeCausedError(ResultCode::HostHardwareFailure, FailureCause::HostNotEmcm,
                {hardwareTypeName(h.hardwareType)},
                QStringLiteral("the host on port %1 reports hardware type %2, not an eMCM")
                    .arg(m_ctx.options->port, hardwareTypeName(h.hardwareType))));
        if (m_ctx.config->apps.isEmpty())
            return finish({});
        listApps();
    });
}

void IdentifyHostStep::listApps()
{
    await(host()->listApps(), [this](ProtocolJob *job) {
        m_ctx.hostApps = job->hostApps();
        QStringList held;
        for (const HostApp &a : std::as_const(m_ctx.hostApps)) {
            held.append(a.name);
            log(QStringLiteral("eMCM application %1 (ID %2) firmware %3 config %4 0x%5")
                    .arg(a.name, a.idHex(), a.firmware.version.toString(), configKindName(a.configKind))
                    .arg(a.configId, 16, 16, QLatin1Char('0')));
        }
        QStringList missing;
        for (const ConfigApp &app : m_ctx.config->apps) {
            if (m_ctx.deviceAppNumber(app.name) < 0)
                missing.append(app.name);
        }
        // Checked before anything is written: the configuration does not fit
        // this eMCM, which is the meaning of 75 (host firmware does not match the host).
        if (!missing.isEmpty())
            return finish(makeCausedError(ResultCode::HostFirmwareUnavailable, FailureCause::HostLacksApplication,
                {missing.join(QStringLiteral(", ")),
                    held.isEmpty() ? QStringLiteral("-") : held.join(QStringLiteral(", "))},
                QStringLiteral("the eMCM %1 on port %2 has no application %3 of configuration %4 (it holds %5)")
                    .arg(m_ctx.host->emcmIdHex(), m_ctx.options->port, missing.join(QStringLiteral(", ")),
                        m_ctx.config->configId.toString(),
                        held.isEmpty() ? QStringLiteral("none") : held.join(QStringLiteral(", ")))));
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
    if (!id->matchesPartial(partial)) {
        // 72 stays for the scripts, but the hardware is not at fault: the label
        // names another board, so the operator's remedy is the label or the unit.
        const QString full = id->toString();
        return finish(makeCausedError(ResultCode::HostHardwareFailure, FailureCause::PartialMcmIdMismatch,
            {partial.toUpper(), full.right(8), full},
            QStringLiteral("partial MCM ID mismatch: the label does not match the device: the label (--partial_mcm_id) "
                           "reads %1, the eMCM on port %2 reports %3 (ID %4)")
                .arg(partial.toUpper(), m_ctx.options->port, full.right(8), full)));
    }
    finish({});
}

void CheckFactoryConfigPresentStep::run()
{
    const quint64 want = m_ctx.config->configId.value();
    const auto holds = [want](ConfigKind kind, quint64 id) {
        return (kind == ConfigKind::Factory || kind == ConfigKind::Field) && id == want;
    };
    if (includesNode(m_spec.targets) && m_ctx.node && !holds(m_ctx.node->configKind, m_ctx.node->configId)) {
        return finish(makeCausedError(ResultCode::NodeConfigurationIncompatible, FailureCause::NotPretested, {},
            m_ctx.node->configKind == ConfigKind::None
                ? QStringLiteral("node %1 holds no configuration: run PRETEST first").arg(nodeText(m_ctx))
                : QStringLiteral("node %1 holds configuration 0x%2, not %3: run PRETEST for this configuration")
                      .arg(nodeText(m_ctx))
                      .arg(m_ctx.node->configId, 16, 16, QLatin1Char('0'))
                      .arg(m_ctx.config->configId.toString())));
    }
    if (!hostWanted(m_ctx, m_spec.targets) || !m_ctx.host)
        return finish({});
    for (const ConfigApp &app : m_ctx.config->apps) {
        const int number = m_ctx.deviceAppNumber(app.name);
        if (number < 0 || !holds(m_ctx.hostApps.at(number).configKind, m_ctx.hostApps.at(number).configId))
            return finish(makeCausedError(ResultCode::HostVerificationFailed, FailureCause::NotPretested, {},
                QStringLiteral("application %1 of eMCM %2 holds no configuration of %3: run PRETEST first")
                    .arg(app.name, m_ctx.host->emcmIdHex(), m_ctx.config->configId.toString())));
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
            if (readAgain())
                return run();
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
    if (!hostWanted(m_ctx, m_spec.targets) || m_ctx.config->apps.isEmpty())
        return finish({});
    await(host()->listApps(), [this](ProtocolJob *job) {
        m_ctx.hostApps = job->hostApps();
        const QString emcm = m_ctx.host ? m_ctx.host->emcmIdHex() : QStringLiteral("(unidentified)");
        for (const ConfigApp &app : m_ctx.config->apps) {
            const auto failed = [&](const QString &what) {
                if (readAgain())
                    return verifyHost();
                finish(makeError(ResultCode::HostVerificationFailed,
                    QStringLiteral("application %1 of eMCM %2 %3").arg(app.name, emcm, what)));
            };
            const int number = m_ctx.deviceAppNumber(app.name);
            if (number < 0)
                return failed(QStringLiteral("is no longer reported"));
            const HostApp &a = m_ctx.hostApps.at(number);
            if (app.firmware && a.firmware.version != app.version)
                return failed(QStringLiteral("runs firmware %1, the configuration wants %2")
                                  .arg(a.firmware.version.toString(), app.versionText));
            if (app.firmware && a.firmware.sha256 != app.firmware->sha256)
                return failed(QStringLiteral("runs an image other than the configuration's %1").arg(app.versionText));
            if (m_ctx.hostConfigWritten
                && (a.configKind != *m_ctx.hostConfigWritten || a.configId != m_ctx.config->configId.value()))
                return failed(QStringLiteral("holds %1 configuration 0x%2 after %3 configuration %4 was written")
                                  .arg(configKindName(a.configKind))
                                  .arg(a.configId, 16, 16, QLatin1Char('0'))
                                  .arg(configKindName(*m_ctx.hostConfigWritten), m_ctx.config->configId.toString()));
        }
        finish({});
    });
}

void LockStep::run()
{
    if (!includesNode(m_spec.targets))
        return lockHost();
    await(node()->lock(), [this](ProtocolJob *) { checkNodeLock(); });
}

void LockStep::checkNodeLock()
{
    await(node()->identify(), [this](ProtocolJob *job) {
        m_ctx.node = job->nodeIdentity();
        if (!m_ctx.node->locked) {
            if (readAgain())
                return checkNodeLock();
            return finish(makeCausedError(ResultCode::NodeVerificationFailed, FailureCause::LockIncomplete, {},
                QStringLiteral("node %1 still reports unlocked interfaces after Lock").arg(nodeText(m_ctx))));
        }
        lockHost();
    });
}

void LockStep::lockHost()
{
    if (!hostWanted(m_ctx, m_spec.targets)) {
        m_ctx.locked = true;
        return finish({});
    }
    await(host()->lock(), [this](ProtocolJob *) { checkHostLock(); });
}

void LockStep::checkHostLock()
{
    await(host()->identify(), [this](ProtocolJob *job) {
        m_ctx.host = job->hostIdentity();
        if (!m_ctx.host->locked) {
            if (readAgain())
                return checkHostLock();
            return finish(makeCausedError(ResultCode::HostVerificationFailed, FailureCause::LockIncomplete, {},
                QStringLiteral("eMCM %1 still reports unlocked interfaces after Lock").arg(m_ctx.host->emcmIdHex())));
        }
        m_ctx.locked = true;
        finish({});
    });
}

void CheckMeterLinkStep::run()
{
    await(host()->checkMeterLink(), [this](ProtocolJob *job) {
        m_ctx.meterId = job->meterId();
        log(QStringLiteral("meter %1 answers through the eMCM").arg(m_ctx.meterId));
        const QString scanned = m_ctx.options->scans.value(QStringLiteral("meterSerial")).toString();
        if (!scanned.isEmpty() && scanned != m_ctx.meterId)
            return finish(makeCausedError(ResultCode::ApplicationLinkFailure, FailureCause::MeterSerialMismatch,
                {m_ctx.meterId, scanned},
                QStringLiteral("the eMCM on port %1 reaches meter \"%2\", the label says \"%3\"")
                    .arg(m_ctx.options->port, m_ctx.meterId, scanned)));
        finish({});
    });
}

} // namespace prov::engine

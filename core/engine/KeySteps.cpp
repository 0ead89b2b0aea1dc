#include "engine/KeySteps.h"

#include "crypto/Random.h"
#include "engine/ServerClient.h"
#include "engine/StepPolicy.h"
#include "protocol/DeviceClient.h"

#include <QHostInfo>
#include <QJsonArray>

namespace prov::engine {

using namespace protocol;

namespace {
constexpr qsizetype kKeyBytes = 16;
}

QList<std::pair<KeySlot, const crypto::SecretBytes *>> keySlotsOf(const StepContext &ctx, Targets targets)
{
    QList<std::pair<KeySlot, const crypto::SecretBytes *>> out;
    if (includesNode(targets)) {
        if (!ctx.config->gatewayKey.isEmpty())
            out.append({KeySlot::Gateway, &ctx.config->gatewayKey});
        if (!ctx.config->codeDownloadKey.isEmpty())
            out.append({KeySlot::CodeDownload, &ctx.config->codeDownloadKey});
        out.append({KeySlot::NodeRoot, &ctx.nodeRootKey});
    }
    if (includesHost(targets) && ctx.hasHost()) {
        // Each app's key goes to that app's slot on the eMCM, in manifest order.
        for (std::size_t i = 0; i < ctx.appKeys.size() && qsizetype(i) < ctx.config->apps.size(); ++i) {
            const int number = ctx.deviceAppNumber(ctx.config->apps.at(qsizetype(i)).name);
            if (!ctx.appKeys[i].isEmpty() && number >= 0)
                out.append({appKeySlot(number), &ctx.appKeys[i]});
        }
    }
    return out;
}

void GenerateAndEscrowKeysStep::run()
{
    const Configuration &c = *m_ctx.config;
    if (!m_ctx.node)
        return finish(makeError(ResultCode::InternalError, QStringLiteral("the node was not identified first")));
    // The server would refuse this key's record: make none.
    if (const Status clock = c.clock.check(); !clock.ok())
        return finish(clock);
    // A node without the network keys would not work in the field: no keys at all then.
    if (c.gatewayKey.isEmpty() || c.codeDownloadKey.isEmpty())
        return finish(makeError(ResultCode::ServerErrorResponse,
            QStringLiteral("the server sent configuration %1 without its gateway keys%2")
                .arg(c.configId.toString(),
                    c.gatewayKeysWithheld.isEmpty() ? QString() : QStringLiteral(": ") + c.gatewayKeysWithheld)));
    Result<crypto::SecretBytes> root = crypto::randomSecret(kKeyBytes);
    if (!root.ok())
        return finish(root.error());
    m_ctx.nodeRootKey = std::move(root).value();

    OutboxEntry entry;
    domain::EscrowRecord &r = entry.record;
    r.uuid = QUuid::createUuid();
    r.nodeId = NodeId(m_ctx.node->nodeId);
    r.configId = c.configId;
    r.revision = c.revision;
    r.batch = m_ctx.options->batch;
    // The server accepts only records under the name of the station's token.
    r.station = c.stationName.isEmpty() ? m_ctx.options->stationName : c.stationName;
    r.nodeType = c.nodeType;
    r.nodeVersion = c.nodeVersionText;
    r.provisionedAt = QDateTime::currentDateTimeUtc();
    r.kmsFingerprint = c.kmsFingerprint;
    Result<QByteArray> sealed = c.kmsKey.encryptOaep(m_ctx.nodeRootKey);
    if (!sealed.ok())
        return finish(sealed.error());
    r.nodeRootKey = sealed.value();

    // A bare node carries no host application: its record names none. Each
    // app of the eMCM (matched by name) gets its own key under its own public key.
    m_ctx.appKeys.clear();
    m_ctx.appKeys.resize(m_ctx.hasHost() ? std::size_t(c.apps.size()) : 0);
    for (int i = 0; m_ctx.hasHost() && i < c.apps.size(); ++i) {
        const ConfigApp &app = c.apps.at(i);
        domain::EscrowApp escrowApp {app.name, {}, {}, {}};
        const int number = m_ctx.deviceAppNumber(app.name);
        if (number >= 0 && !m_ctx.hostApps.at(number).id.isEmpty())
            escrowApp.id = m_ctx.hostApps.at(number).idHex();
        else if (m_ctx.host)
            escrowApp.id = m_ctx.host->emcmIdHex();
        if (!app.publicKey.isNull()) {
            Result<crypto::SecretBytes> key = crypto::randomSecret(kKeyBytes);
            if (!key.ok())
                return finish(key.error());
            crypto::SecretBytes &appKey = m_ctx.appKeys[std::size_t(i)];
            appKey = std::move(key).value();
            Result<QByteArray> appSealed = app.publicKey.encryptOaep(appKey);
            if (!appSealed.ok())
                return finish(appSealed.error());
            escrowApp.key = QString::fromLatin1(appSealed->toHex().toUpper());
        }
        r.apps.append(escrowApp);
    }
    entry.run = QJsonObject {
        {QStringLiteral("runId"), m_ctx.runId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("operation"), operationName(m_ctx.operation->operation)},
        {QStringLiteral("meter"), m_ctx.plugin->id},
        {QStringLiteral("port"), m_ctx.options->port},
        {QStringLiteral("host"), QHostInfo::localHostName()},
        {QStringLiteral("software"), QStringLiteral("ProvStation " PROVSTATION_VERSION)},
    };
    if (m_ctx.host)
        entry.run.insert(QStringLiteral("emcmId"), m_ctx.host->emcmIdHex());
    if (m_ctx.reprovisioning) {
        entry.run.insert(QStringLiteral("reprovision"), true);
        if (!m_ctx.options->reprovisionConfirmedBy.isEmpty())
            entry.run.insert(QStringLiteral("reprovisionConfirmedBy"), m_ctx.options->reprovisionConfirmedBy);
    }

    // Durable before anything else: from here on the key may reach the device.
    if (const Status stored = m_ctx.keys.seal(entry); !stored.ok())
        return finish(stored.error());
    log(QStringLiteral("escrow record %1 stored in the outbox (KMS key %2)")
            .arg(r.uuid.toString(QUuid::WithoutBraces), r.kmsFingerprint));

    m_ctx.server->submitEscrow(entry, ServerState::Pending, this, [this](const Status &s) {
        if (s.ok()) {
            if (const Status held = m_ctx.keys.serverHolds(ServerState::Pending); !held.ok())
                return finish(held);
            log(QStringLiteral("server holds the record as pending"));
            return finish({});
        }
        if (s.error().code == ResultCode::ServerUnreachable) {
            log(QStringLiteral("server unreachable (%1); the outbox holds the record").arg(s.error().message));
            return finish({});
        }
        finish(s.error());
    });
}

void WriteKeysStep::run()
{
    m_queue = keySlotsOf(m_ctx, m_spec.targets);
    m_ctx.keys.sendingToDevice();
    writeNext();
}

void WriteKeysStep::writeNext()
{
    if (m_queue.isEmpty())
        return finish({});
    const auto [slot, key] = m_queue.takeFirst();
    DeviceClient *client
        = isAppKeySlot(slot) ? static_cast<DeviceClient *>(host()) : static_cast<DeviceClient *>(node());
    await(client->writeKey(slot, *key), [this, slot = slot](ProtocolJob *) {
        log(QStringLiteral("%1 written").arg(keySlotName(slot)));
        writeNext();
    });
}

void VerifyKeysStep::run()
{
    m_queue = keySlotsOf(m_ctx, m_spec.targets);
    verifyNext();
}

void VerifyKeysStep::verifyNext()
{
    if (m_queue.isEmpty()) {
        if (!m_ctx.keys.entry())
            return finish({});
        // Still Escrowed: only a run that passes every step makes it Verified (ConfirmEscrow).
        return finish(m_ctx.keys.verify(QJsonObject {
            {QStringLiteral("method"), QStringLiteral("AES-CMAC key check over a random challenge")},
            {QStringLiteral("slots"), QJsonArray::fromStringList(m_verified)},
            {QStringLiteral("verifiedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        }));
    }
    const auto [slot, key] = m_queue.takeFirst();
    DeviceClient *client
        = isAppKeySlot(slot) ? static_cast<DeviceClient *>(host()) : static_cast<DeviceClient *>(node());
    await(client->verifyKey(slot, *key), [this, slot = slot](ProtocolJob *) {
        m_verified.append(keySlotName(slot));
        log(QStringLiteral("%1 verified").arg(keySlotName(slot)));
        verifyNext();
    });
}

void ConfirmEscrowStep::run()
{
    // The last step: every step before it passed, so the key is good to export.
    if (const Status passed = m_ctx.keys.runPassed(m_ctx.log->text()); !passed.ok())
        return finish(passed);
    attempt(StepPolicy::kNetworkAttempts);
}

void ConfirmEscrowStep::attempt(int left)
{
    m_ctx.server->submitEscrow(*m_ctx.keys.entry(), ServerState::Done, this, [this, left](const Status &s) {
        if (!s.ok()) {
            if (s.error().code == ResultCode::ServerUnreachable && left > 1) {
                log(QStringLiteral("retrying: %1").arg(s.error().message));
                return later(StepPolicy::kNetworkRetryDelayMs, [this, left] { attempt(left - 1); });
            }
            Error e = s.error();
            e.message += QStringLiteral("; ") + m_ctx.keys.safeNote();
            return finish(e);
        }
        log(QStringLiteral("server committed escrow record %1 (done)")
                .arg(m_ctx.keys.entry()->record.uuid.toString(QUuid::WithoutBraces)));
        finish(m_ctx.keys.committed(ServerState::Done));
    });
}

} // namespace prov::engine

#pragma once

#include "engine/Step.h"

namespace prov::engine {

// The keys of one device, exactly once: generated and escrowed (outbox, then
// server as pending), written, verified by key check value, confirmed (done).

/// CSPRNG node root key (and a key for every host app that has a public
/// key, each in its own slot of the eMCM), encrypted at once with the KMS (app) public key, stored durably in
/// the outbox, then offered to the server as pending (unreachable is fine:
/// the outbox keeps it). The plaintext stays in the run's SecretBytes.
class GenerateAndEscrowKeysStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;
};

/// Network keys and the node root key to the node, each app's key to its app on the host.
class WriteKeysStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void writeNext();
    QList<std::pair<protocol::KeySlot, const crypto::SecretBytes *>> m_queue;
};

/// AES-CMAC over a fresh challenge per written slot (38 node, 70 host);
/// success records the verification; the record becomes Verified only when
/// the whole run passed (ConfirmEscrowStep).
class VerifyKeysStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void verifyNext();
    QList<std::pair<protocol::KeySlot, const crypto::SecretBytes *>> m_queue;
    QStringList m_verified;
};

/// The last step of a flow: every step before it passed, so the record is
/// Verified and the server marks it done (with the verification and run log);
/// the outbox forgets it only then. Unreachable: 100, and the record waits safely.
class ConfirmEscrowStep : public Step
{
    Q_OBJECT
public:
    using Step::Step;

protected:
    void run() override;

private:
    void attempt(int left);
};

/// The slots a run writes, in order, with their keys (node first).
[[nodiscard]] QList<std::pair<protocol::KeySlot, const crypto::SecretBytes *>> keySlotsOf(
    const StepContext &ctx, Targets targets);

} // namespace prov::engine

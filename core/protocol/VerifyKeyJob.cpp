#include "protocol/VerifyKeyJob.h"

#include "crypto/Random.h"
#include "crypto/SymmetricCrypto.h"
#include "protocol/Exchanger.h"

namespace prov::protocol {

VerifyKeyJob::VerifyKeyJob(Exchanger *exchanger, KeySlot slot, const crypto::SecretBytes &expectedKey, QObject *parent)
    : ProtocolJob(exchanger, QStringLiteral("verification of the %1 key").arg(keySlotName(slot)), parent)
    , m_slot(slot)
    , m_key(expectedKey.clone())
{ }

void VerifyKeyJob::run()
{
    if (m_key.size() != kKeySize) {
        fail(makeError(ResultCode::InternalError,
            QStringLiteral("a %1-byte key cannot be verified (keys have %2 bytes)").arg(m_key.size()).arg(kKeySize)));
        return;
    }
    Result<QByteArray> challenge = crypto::randomBytes(kChallengeSize);
    if (!challenge.ok()) {
        fail(challenge.error());
        return;
    }
    m_challenge = *challenge;
    send(Request::verifyKey(0, m_slot, m_challenge), [this](const Result<Response> &r) {
        if (!r.ok()) {
            fail(r.error());
            return;
        }
        if (!r->ok()) {
            fail(statusFailure(*r));
            return;
        }
        const Result<QByteArray> expected = crypto::aesCmac(m_key, m_challenge);
        m_key.clear();
        if (!expected.ok()) {
            fail(expected.error());
            return;
        }
        // Constant-time comparison through SecretBytes.
        if (!crypto::SecretBytes::copyOf(*expected).equals(crypto::SecretBytes::copyOf(r->cmac))) {
            const transport::Channel channel = m_exchanger ? m_exchanger->channel() : transport::Channel::Node;
            fail(makeError(resultCodeFor(ExchangeFailure::VerificationFailed, channel),
                QStringLiteral("the %1 key check value differs: the %2 holds another key")
                    .arg(keySlotName(m_slot), processorName(channel))));
            return;
        }
        succeed(*r);
    });
}

} // namespace prov::protocol

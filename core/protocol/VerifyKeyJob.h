#pragma once

#include "crypto/SecretBytes.h"
#include "protocol/ProtocolJob.h"

namespace prov::protocol {

/// Verifies a key without reading it back: sends a fresh random challenge,
/// expects AES-CMAC(key, challenge) and compares in constant time. A
/// difference or an empty slot is a verification failure (38 node, 70 host).
class VerifyKeyJob : public ProtocolJob
{
    Q_OBJECT

public:
    VerifyKeyJob(Exchanger *exchanger, KeySlot slot, const crypto::SecretBytes &expectedKey, QObject *parent);

protected:
    void run() override;

private:
    KeySlot m_slot;
    crypto::SecretBytes m_key;
    QByteArray m_challenge;
};

} // namespace prov::protocol

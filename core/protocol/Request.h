#pragma once

#include "crypto/SecretBytes.h"
#include "protocol/ProtocolTypes.h"

#include <QByteArray>

namespace prov::protocol {

/// One decoded request (device side) or a request to encode (station side).
/// Flat rather than a variant: only the fields of `opcode` are meaningful
/// (docs/protocol/node-host-protocol.md lists them). Move-only because a
/// WriteKey carries the key as SecretBytes.
struct Request
{
    Opcode opcode = Opcode::NodeIdentify;
    quint16 tag = 0;
    TransferInfo transfer; ///< TransferBegin
    TransferTarget target = TransferTarget::Firmware; ///< TransferBlock, TransferEnd
    quint8 app = 0; ///< TransferBlock, TransferEnd: the host application number (0 on the node)
    quint32 offset = 0; ///< TransferBlock
    QByteArray data; ///< TransferBlock
    KeySlot slot = KeySlot::Gateway; ///< WriteKey, VerifyKey
    crypto::SecretBytes key; ///< WriteKey (16 bytes)
    QByteArray challenge; ///< VerifyKey (16 bytes)

    [[nodiscard]] static Request simple(Opcode opcode, quint16 tag);
    [[nodiscard]] static Request transferBegin(quint16 tag, const TransferInfo &info);
    [[nodiscard]] static Request transferBlock(
        quint16 tag, TransferTarget target, quint32 offset, QByteArray data, quint8 app = 0);
    [[nodiscard]] static Request transferEnd(quint16 tag, TransferTarget target, quint8 app = 0);
    [[nodiscard]] static Request writeKey(quint16 tag, KeySlot slot, const crypto::SecretBytes &key);
    [[nodiscard]] static Request verifyKey(quint16 tag, KeySlot slot, QByteArray challenge);
};

} // namespace prov::protocol

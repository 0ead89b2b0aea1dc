// Requests: the header peek, the answer rule, request encoding and decoding.
#include "protocol/NodeHostCodec.h"
#include "protocol/NodeHostWire.h"

namespace prov::protocol {

using namespace wire;

bool NodeHostCodec::peekRequestHeader(QByteArrayView bytes, quint8 *version, quint8 *opcode, quint16 *tag)
{
    if (bytes.size() < kRequestHeaderSize)
        return false;
    *version = static_cast<quint8>(bytes[0]);
    *opcode = static_cast<quint8>(bytes[1]);
    *tag = qFromLittleEndian<quint16>(bytes.data() + 2);
    return true;
}

bool NodeHostCodec::isResponseTo(QByteArrayView request, QByteArrayView response)
{
    // The response header is version, opcode | 0x80, tag: the same 4 bytes as a request's.
    if (request.size() < kRequestHeaderSize || response.size() < kRequestHeaderSize)
        return false;
    return quint8(response[1]) == (quint8(request[1]) | 0x80) && response[2] == request[2] && response[3] == request[3];
}

QByteArray NodeHostCodec::encodeRequest(const Request &r)
{
    Writer w(kRequestHeaderSize + r.data.size() + 32);
    w.u8(kProtocolVersion);
    w.u8(static_cast<quint8>(r.opcode));
    w.u16(r.tag);
    switch (r.opcode) {
    case Opcode::NodeIdentify:
    case Opcode::HostIdentify:
    case Opcode::MeterLinkCheck:
    case Opcode::HostApps:
    case Opcode::NodeImage:
    case Opcode::MeterIdentify:
    case Opcode::Lock:
    case Opcode::Reset:
        break;
    case Opcode::TransferBegin:
        w.u8(targetByte(r.transfer.target, r.transfer.app));
        w.u16(r.transfer.hardwareType);
        w.u32(r.transfer.size);
        w.u32(r.transfer.crc32);
        w.version(r.transfer.version);
        w.u64(r.transfer.configId);
        break;
    case Opcode::TransferBlock:
        w.u8(targetByte(r.target, r.app));
        w.u32(r.offset);
        w.bytes(r.data);
        break;
    case Opcode::TransferEnd:
        w.u8(targetByte(r.target, r.app));
        break;
    case Opcode::WriteKey:
        w.u8(static_cast<quint8>(r.slot));
        w.bytes(r.key.view());
        break;
    case Opcode::VerifyKey:
        w.u8(static_cast<quint8>(r.slot));
        w.bytes(r.challenge);
        break;
    }
    return w.take();
}

Result<Request> NodeHostCodec::decodeRequest(QByteArrayView bytes)
{
    if (bytes.size() < kRequestHeaderSize)
        return decodeError(QStringLiteral("request of %1 bytes is shorter than its header").arg(bytes.size()));
    if (bytes.size() > kMaxMessageSize)
        return decodeError(
            QStringLiteral("request of %1 bytes exceeds the maximum of %2").arg(bytes.size()).arg(kMaxMessageSize));
    Reader r(bytes);
    const quint8 version = r.u8();
    const quint8 op = r.u8();
    Request req;
    req.tag = r.u16();
    if (version != kProtocolVersion)
        return decodeError(QStringLiteral("unsupported protocol version %1").arg(version));
    if (!isKnownOpcode(op))
        return decodeError(QStringLiteral("unknown request opcode %1").arg(hexByte(op)));
    req.opcode = static_cast<Opcode>(op);
    const qsizetype body = r.remaining();
    const QString name = opcodeName(req.opcode);

    switch (req.opcode) {
    case Opcode::NodeIdentify:
    case Opcode::HostIdentify:
    case Opcode::MeterLinkCheck:
    case Opcode::HostApps:
    case Opcode::NodeImage:
    case Opcode::MeterIdentify:
    case Opcode::Lock:
    case Opcode::Reset:
        if (body != 0)
            return lengthError(name, body, 0);
        break;
    case Opcode::TransferBegin: {
        if (body != kTransferBeginBody)
            return lengthError(name, body, kTransferBeginBody);
        const quint8 target = r.u8();
        if (!validTarget(target))
            return decodeError(QStringLiteral("%1: unknown target %2").arg(name, hexByte(target)));
        req.transfer.target = static_cast<TransferTarget>(target & 0x0F);
        req.transfer.app = target >> 4;
        req.transfer.hardwareType = r.u16();
        req.transfer.size = r.u32();
        req.transfer.crc32 = r.u32();
        req.transfer.version = r.version();
        req.transfer.configId = r.u64();
        if (req.transfer.size == 0)
            return decodeError(QStringLiteral("%1: size 0").arg(name));
        break;
    }
    case Opcode::TransferBlock: {
        if (body < 5 + 1 || body > 5 + kMaxBlockSize)
            return decodeError(
                QStringLiteral("%1 has %2 body bytes, expected 6 to %3").arg(name).arg(body).arg(5 + kMaxBlockSize));
        const quint8 target = r.u8();
        if (!validTarget(target))
            return decodeError(QStringLiteral("%1: unknown target %2").arg(name, hexByte(target)));
        req.target = static_cast<TransferTarget>(target & 0x0F);
        req.app = target >> 4;
        req.offset = r.u32();
        req.data = r.bytes(r.remaining()).toByteArray();
        break;
    }
    case Opcode::TransferEnd: {
        if (body != 1)
            return lengthError(name, body, 1);
        const quint8 target = r.u8();
        if (!validTarget(target))
            return decodeError(QStringLiteral("%1: unknown target %2").arg(name, hexByte(target)));
        req.target = static_cast<TransferTarget>(target & 0x0F);
        req.app = target >> 4;
        break;
    }
    case Opcode::WriteKey:
    case Opcode::VerifyKey: {
        if (body != 1 + kKeySize)
            return lengthError(name, body, 1 + kKeySize);
        const quint8 slot = r.u8();
        if (!isKnownKeySlot(slot))
            return decodeError(QStringLiteral("%1: unknown key slot %2").arg(name, hexByte(slot)));
        req.slot = static_cast<KeySlot>(slot);
        if (req.opcode == Opcode::WriteKey)
            req.key = crypto::SecretBytes::copyOf(r.bytes(kKeySize));
        else
            req.challenge = r.bytes(kChallengeSize).toByteArray();
        break;
    }
    }
    if (!r.ok())
        return decodeError(QStringLiteral("%1 truncated").arg(name));
    return req;
}

} // namespace prov::protocol

// Responses: encoding and the strict decoding of every answer body.
#include "protocol/NodeHostCodec.h"
#include "protocol/NodeHostWire.h"

#include "transport/MeterIdentification.h"

namespace prov::protocol {

using namespace wire;

QByteArray NodeHostCodec::encodeResponse(const Response &resp)
{
    Writer w(kResponseHeaderSize + 64 + resp.apps.size() * kHostAppFixed);
    w.u8(resp.version);
    w.u8(static_cast<quint8>(static_cast<quint8>(resp.opcode) | kResponseFlag));
    w.u16(resp.tag);
    w.u8(static_cast<quint8>(resp.status));
    if (resp.status == DeviceStatus::OffsetMismatch || resp.status == DeviceStatus::TransferIncomplete) {
        w.u32(resp.offset);
        return w.take();
    }
    if (resp.status != DeviceStatus::Ok)
        return w.take();
    switch (resp.opcode) {
    case Opcode::NodeIdentify:
        w.u32(resp.node.nodeId);
        w.u16(resp.node.hardwareType);
        w.version(resp.node.firmwareVersion);
        w.u8(static_cast<quint8>(resp.node.calibration));
        w.u8(static_cast<quint8>(resp.node.configKind));
        w.u64(resp.node.configId);
        w.u8(resp.node.locked ? 1 : 0);
        break;
    case Opcode::HostIdentify:
        w.u8(static_cast<quint8>(resp.host.emcmId.size()));
        w.bytes(resp.host.emcmId);
        w.u16(resp.host.hardwareType);
        w.u8(resp.host.hardwareStatus);
        w.version(resp.host.firmwareVersion);
        w.u8(static_cast<quint8>(resp.host.configKind));
        w.u64(resp.host.configId);
        w.u8(resp.host.locked ? 1 : 0);
        break;
    case Opcode::MeterLinkCheck: {
        const QByteArray id = resp.meterId.toLatin1();
        w.u8(static_cast<quint8>(id.size()));
        w.bytes(id);
        break;
    }
    case Opcode::MeterIdentify:
        w.u8(static_cast<quint8>(resp.meterTable.size()));
        w.bytes(resp.meterTable);
        break;
    case Opcode::HostApps:
        w.u8(static_cast<quint8>(resp.apps.size()));
        for (const HostApp &app : resp.apps) {
            const QByteArray name = app.name.toLatin1();
            w.u8(static_cast<quint8>(name.size()));
            w.bytes(name);
            w.u8(static_cast<quint8>(app.id.size()));
            w.bytes(app.id);
            writeImage(w, app.firmware);
            w.u8(static_cast<quint8>(app.configKind));
            w.u64(app.configId);
        }
        break;
    case Opcode::NodeImage:
        writeImage(w, resp.image);
        break;
    case Opcode::TransferBegin:
        w.u32(resp.offset);
        w.u16(resp.maxBlock);
        break;
    case Opcode::TransferBlock:
        w.u32(resp.offset);
        break;
    case Opcode::VerifyKey:
        w.bytes(resp.cmac);
        break;
    case Opcode::TransferEnd:
    case Opcode::WriteKey:
    case Opcode::Lock:
    case Opcode::Reset:
        break;
    }
    return w.take();
}

Result<Response> NodeHostCodec::decodeResponse(QByteArrayView bytes)
{
    if (bytes.size() < kResponseHeaderSize)
        return decodeError(QStringLiteral("response of %1 bytes is shorter than its header").arg(bytes.size()));
    if (bytes.size() > kResponseHeaderSize + kMaxResponseBody)
        return decodeError(QStringLiteral("response of %1 bytes is longer than any response").arg(bytes.size()));
    Reader r(bytes);
    Response resp;
    resp.version = r.u8();
    const quint8 op = r.u8();
    resp.tag = r.u16();
    const quint8 status = r.u8();
    if ((op & kResponseFlag) == 0)
        return decodeError(QStringLiteral("opcode %1 is not a response").arg(hexByte(op)));
    const quint8 requestOp = static_cast<quint8>(op & ~kResponseFlag);
    if (!isKnownOpcode(requestOp))
        return decodeError(QStringLiteral("unknown response opcode %1").arg(hexByte(op)));
    resp.opcode = static_cast<Opcode>(requestOp);
    resp.status = static_cast<DeviceStatus>(status);
    const QString name = opcodeName(resp.opcode) + QStringLiteral(" response");
    const qsizetype body = r.remaining();

    // A device of another protocol version can only tell us so; nothing else of
    // its answer is trusted.
    if (resp.version != kProtocolVersion) {
        if (resp.status == DeviceStatus::UnsupportedVersion && body == 0)
            return resp;
        return decodeError(QStringLiteral("%1 has unsupported protocol version %2").arg(name).arg(resp.version));
    }
    if (resp.status == DeviceStatus::OffsetMismatch || resp.status == DeviceStatus::TransferIncomplete) {
        if (body != 4)
            return lengthError(name, body, 4);
        resp.offset = r.u32();
        return resp;
    }
    if (resp.status != DeviceStatus::Ok) {
        if (body != 0)
            return lengthError(name, body, 0);
        return resp;
    }

    switch (resp.opcode) {
    case Opcode::NodeIdentify: {
        if (body != kNodeIdentityBody)
            return lengthError(name, body, kNodeIdentityBody);
        resp.node.nodeId = r.u32();
        resp.node.hardwareType = r.u16();
        resp.node.firmwareVersion = r.version();
        const quint8 calibration = r.u8();
        const quint8 kind = r.u8();
        resp.node.configId = r.u64();
        const quint8 lock = r.u8();
        if (!validCalibration(calibration) || !validConfigKind(kind) || lock > 1)
            return decodeError(QStringLiteral("%1: calibration %2, configuration kind %3 or lock state %4 out of range")
                                   .arg(name, hexByte(calibration), hexByte(kind), hexByte(lock)));
        resp.node.calibration = static_cast<CalibrationState>(calibration);
        resp.node.configKind = static_cast<ConfigKind>(kind);
        resp.node.locked = lock == 1;
        break;
    }
    case Opcode::HostIdentify: {
        const quint8 idLen = r.u8();
        if (idLen < kMinEmcmIdBytes || idLen > kMaxEmcmIdBytes)
            return decodeError(QStringLiteral("%1: eMCM ID length %2 out of range %3..%4")
                                   .arg(name)
                                   .arg(idLen)
                                   .arg(kMinEmcmIdBytes)
                                   .arg(kMaxEmcmIdBytes));
        if (body != kHostIdentityFixed + idLen)
            return lengthError(name, body, kHostIdentityFixed + idLen);
        resp.host.emcmId = r.bytes(idLen).toByteArray();
        resp.host.hardwareType = r.u16();
        resp.host.hardwareStatus = r.u8();
        resp.host.firmwareVersion = r.version();
        const quint8 kind = r.u8();
        resp.host.configId = r.u64();
        const quint8 lock = r.u8();
        if (!validConfigKind(kind) || lock > 1)
            return decodeError(QStringLiteral("%1: configuration kind %2 or lock state %3 out of range")
                                   .arg(name, hexByte(kind), hexByte(lock)));
        resp.host.configKind = static_cast<ConfigKind>(kind);
        resp.host.locked = lock == 1;
        break;
    }
    case Opcode::MeterLinkCheck: {
        const quint8 len = r.u8();
        if (len > kMaxMeterIdLength || body != 1 + len)
            return lengthError(name, body, 1 + qMin<qsizetype>(len, kMaxMeterIdLength));
        const QByteArrayView id = r.bytes(len);
        if (!printableAscii(id))
            return decodeError(QStringLiteral("%1: meter ID is not printable ASCII").arg(name));
        resp.meterId = QString::fromLatin1(id);
        break;
    }
    case Opcode::MeterIdentify: {
        const quint8 len = r.u8();
        if (len < transport::MeterIdentification::kMinTableSize || len > transport::MeterIdentification::kMaxTableSize
            || body != 1 + len)
            return decodeError(QStringLiteral("%1: %2 bytes with a table of %3, expected 1 + %4..%5")
                                   .arg(name)
                                   .arg(body)
                                   .arg(len)
                                   .arg(transport::MeterIdentification::kMinTableSize)
                                   .arg(transport::MeterIdentification::kMaxTableSize));
        resp.meterTable = r.bytes(len).toByteArray();
        break;
    }
    case Opcode::HostApps: {
        const quint8 count = r.u8();
        if (count < 1 || count > kMaxHostApps)
            return decodeError(
                QStringLiteral("%1: %2 applications, expected 1..%3").arg(name).arg(count).arg(kMaxHostApps));
        for (int i = 0; i < count && r.ok(); ++i) {
            HostApp app;
            const QByteArrayView appName = r.bytes(r.u8());
            if (appName.isEmpty() || appName.size() > kMaxAppNameLength || !printableAscii(appName))
                return decodeError(QStringLiteral("%1: application %2 has no printable name of 1..%3 characters")
                                       .arg(name)
                                       .arg(i)
                                       .arg(kMaxAppNameLength));
            app.name = QString::fromLatin1(appName);
            const quint8 idLen = r.u8();
            if (idLen > kMaxAppIdBytes)
                return decodeError(QStringLiteral("%1: application %2 has an ID of %3 bytes, at most %4")
                                       .arg(name, app.name)
                                       .arg(idLen)
                                       .arg(kMaxAppIdBytes));
            app.id = r.bytes(idLen).toByteArray();
            app.firmware = readImage(r);
            const quint8 kind = r.u8();
            app.configId = r.u64();
            if (!validConfigKind(kind))
                return decodeError(QStringLiteral("%1: application %2 configuration kind %3 out of range")
                                       .arg(name, app.name, hexByte(kind)));
            app.configKind = static_cast<ConfigKind>(kind);
            resp.apps.append(app);
        }
        if (r.ok() && r.remaining() != 0)
            return decodeError(
                QStringLiteral("%1 has %2 bytes after the last application").arg(name).arg(r.remaining()));
        break;
    }
    case Opcode::NodeImage:
        if (body != kImageInfoBody)
            return lengthError(name, body, kImageInfoBody);
        resp.image = readImage(r);
        break;
    case Opcode::TransferBegin:
        if (body != 6)
            return lengthError(name, body, 6);
        resp.offset = r.u32();
        resp.maxBlock = r.u16();
        if (resp.maxBlock == 0 || resp.maxBlock > kMaxBlockSize)
            return decodeError(
                QStringLiteral("%1: block size %2 out of range 1..%3").arg(name).arg(resp.maxBlock).arg(kMaxBlockSize));
        break;
    case Opcode::TransferBlock:
        if (body != 4)
            return lengthError(name, body, 4);
        resp.offset = r.u32();
        break;
    case Opcode::VerifyKey:
        if (body != kCmacSize)
            return lengthError(name, body, kCmacSize);
        resp.cmac = r.bytes(kCmacSize).toByteArray();
        break;
    case Opcode::TransferEnd:
    case Opcode::WriteKey:
    case Opcode::Lock:
    case Opcode::Reset:
        if (body != 0)
            return lengthError(name, body, 0);
        break;
    }
    if (!r.ok())
        return decodeError(QStringLiteral("%1 truncated").arg(name));
    return resp;
}

} // namespace prov::protocol

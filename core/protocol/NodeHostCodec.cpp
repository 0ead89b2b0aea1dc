#include "protocol/NodeHostCodec.h"

#include "transport/MeterIdentification.h"

#include <QtEndian>

namespace prov::protocol {

namespace {

// Decoding errors carry NodeUnexpectedError; clients remap them per channel
// through resultCodeFor(ExchangeFailure::InvalidResponse, channel).
Error decodeError(const QString &what)
{
    return makeError(ResultCode::NodeUnexpectedError, what, QStringLiteral("node/host protocol"));
}

class Writer
{
public:
    explicit Writer(qsizetype reserve) { m_out.reserve(reserve); }
    void u8(quint8 v) { m_out.append(static_cast<char>(v)); }
    void u16(quint16 v)
    {
        u8(static_cast<quint8>(v & 0xFF));
        u8(static_cast<quint8>(v >> 8));
    }
    void u32(quint32 v)
    {
        u16(static_cast<quint16>(v & 0xFFFF));
        u16(static_cast<quint16>(v >> 16));
    }
    void u64(quint64 v)
    {
        u32(static_cast<quint32>(v & 0xFFFFFFFFu));
        u32(static_cast<quint32>(v >> 32));
    }
    void version(const FirmwareVersion &v)
    {
        for (int i = 0; i < 4; ++i)
            u16(v.part(i));
    }
    void bytes(QByteArrayView b) { m_out.append(b.data(), b.size()); }
    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
};

/// Bounds-checked little-endian reader; after any short read ok() stays false.
class Reader
{
public:
    explicit Reader(QByteArrayView in)
        : m_in(in)
    { }
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] qsizetype remaining() const { return m_in.size() - m_pos; }
    quint8 u8()
    {
        if (!need(1))
            return 0;
        return static_cast<quint8>(m_in[m_pos++]);
    }
    quint16 u16()
    {
        if (!need(2))
            return 0;
        const quint16 v = qFromLittleEndian<quint16>(m_in.data() + m_pos);
        m_pos += 2;
        return v;
    }
    quint32 u32()
    {
        if (!need(4))
            return 0;
        const quint32 v = qFromLittleEndian<quint32>(m_in.data() + m_pos);
        m_pos += 4;
        return v;
    }
    quint64 u64()
    {
        if (!need(8))
            return 0;
        const quint64 v = qFromLittleEndian<quint64>(m_in.data() + m_pos);
        m_pos += 8;
        return v;
    }
    FirmwareVersion version()
    {
        const quint16 a = u16();
        const quint16 b = u16();
        const quint16 c = u16();
        const quint16 d = u16();
        return FirmwareVersion(a, b, c, d);
    }
    QByteArrayView bytes(qsizetype n)
    {
        if (n < 0 || !need(n))
            return {};
        const QByteArrayView v = m_in.sliced(m_pos, n);
        m_pos += n;
        return v;
    }

private:
    bool need(qsizetype n)
    {
        if (!m_ok || remaining() < n) {
            m_ok = false;
            return false;
        }
        return true;
    }

    QByteArrayView m_in;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

// Exact body sizes of fixed-size messages.
constexpr qsizetype kTransferBeginBody = 1 + 2 + 4 + 4 + 8 + 8;
constexpr qsizetype kNodeIdentityBody = 4 + 2 + 8 + 1 + 1 + 8 + 1;
constexpr qsizetype kHostIdentityFixed = 1 + 2 + 1 + 8 + 1 + 8 + 1; // without the ID bytes
constexpr qsizetype kImageInfoBody = 8 + 4 + kSha256Size;
// One HostApps entry without its name and ID bytes: both lengths, image, kind, configuration ID.
constexpr qsizetype kHostAppFixed = 1 + 1 + kImageInfoBody + 1 + 8;
constexpr qsizetype kMaxResponseBody = 1 + kMaxHostApps * (kHostAppFixed + kMaxAppNameLength + kMaxAppIdBytes);

// The target byte: the target in the low nibble, the host application number in the high one.
quint8 targetByte(TransferTarget target, quint8 app)
{
    return static_cast<quint8>(static_cast<quint8>(target) | (app << 4));
}

bool validTarget(quint8 v)
{
    v &= 0x0F;
    return v >= static_cast<quint8>(TransferTarget::Firmware) && v <= static_cast<quint8>(TransferTarget::FieldConfig);
}

void writeImage(Writer &w, const ImageInfo &image)
{
    w.version(image.version);
    w.u32(image.size);
    QByteArray sha = image.sha256.left(kSha256Size);
    sha.append(QByteArray(kSha256Size - sha.size(), '\0'));
    w.bytes(sha);
}

ImageInfo readImage(Reader &r)
{
    ImageInfo image;
    image.version = r.version();
    image.size = r.u32();
    image.sha256 = r.bytes(kSha256Size).toByteArray();
    return image;
}

bool validConfigKind(quint8 v)
{
    return v <= static_cast<quint8>(ConfigKind::Field);
}

bool validCalibration(quint8 v)
{
    return v <= static_cast<quint8>(CalibrationState::Invalid);
}

bool printableAscii(QByteArrayView b)
{
    for (char c : b) {
        if (c < 0x20 || c > 0x7E)
            return false;
    }
    return true;
}

QString hexByte(quint8 v)
{
    return QStringLiteral("0x%1").arg(v, 2, 16, QLatin1Char('0'));
}

Error lengthError(const QString &what, qsizetype got, qsizetype expected)
{
    return decodeError(QStringLiteral("%1 has %2 body bytes, expected %3").arg(what).arg(got).arg(expected));
}

} // namespace

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

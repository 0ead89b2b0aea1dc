#include "transport/PsemPacket.h"

#include "transport/Crc16.h"

namespace prov::transport {

QByteArray PsemPacket::encode() const
{
    Q_ASSERT(data.size() <= psem::kMaxPacketData);
    QByteArray out;
    out.reserve(data.size() + psem::kPacketOverhead);
    out.append(char(psem::kStart));
    out.append(char(identity));
    out.append(char(ctrl));
    out.append(char(seq));
    psem::appendBe16(out, quint16(data.size()));
    out.append(data);
    const quint16 crc = Crc16::x25(out);
    out.append(char(crc & 0xFF));
    out.append(char(crc >> 8));
    return out;
}

PsemPacket PsemPacket::decode(QByteArrayView bytes)
{
    PsemPacket packet;
    packet.identity = quint8(bytes[1]);
    packet.ctrl = quint8(bytes[2]);
    packet.seq = quint8(bytes[3]);
    packet.data = bytes.sliced(6, bytes.size() - psem::kPacketOverhead).toByteArray();
    return packet;
}

quint16 PsemPacket::crcOf(QByteArrayView bytes)
{
    return quint16(quint8(bytes[bytes.size() - 2]) | (quint8(bytes[bytes.size() - 1]) << 8));
}

PsemPacketScanner::PsemPacketScanner(qsizetype maxData)
    : FrameScanner(qBound(qsizetype(0), maxData, psem::kMaxPacketData) + psem::kPacketOverhead)
    , m_maxData(qBound(qsizetype(0), maxData, psem::kMaxPacketData))
{ }

qsizetype PsemPacketScanner::findStart(QByteArrayView data) const
{
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto byte = quint8(data[i]);
        if (byte == psem::kStart || byte == psem::kAck || byte == psem::kNak)
            return i;
    }
    return data.size();
}

FrameScanner::Check PsemPacketScanner::check(QByteArrayView data) const
{
    const auto first = quint8(data[0]);
    if (first == psem::kAck || first == psem::kNak)
        return {Verdict::Frame, 1};
    if (data.size() < 6)
        return {Verdict::NeedMore, 0};
    const qsizetype length = psem::be16(data, 4);
    if (length > m_maxData)
        return {Verdict::BadHeader, 0};
    const qsizetype total = length + psem::kPacketOverhead;
    if (data.size() < total)
        return {Verdict::NeedMore, 0};
    const quint16 crc = Crc16::x25(data.first(total - 2));
    if (crc != PsemPacket::crcOf(data.first(total)))
        return {Verdict::BadChecksum, total};
    return {Verdict::Frame, total};
}

} // namespace prov::transport

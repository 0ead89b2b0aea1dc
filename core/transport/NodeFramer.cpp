#include "transport/NodeFramer.h"

#include "transport/Crc16.h"

namespace prov::transport {

NodeFramer::NodeFramer()
    : FrameScanner(kMaxPayload + kOverhead)
{ }

QByteArray NodeFramer::encode(const Message &message)
{
    Q_ASSERT(message.payload.size() <= kMaxPayload);
    const auto length = quint16(message.payload.size());
    QByteArray frame;
    frame.reserve(message.payload.size() + kOverhead);
    frame.append(char(kStart));
    frame.append(char(message.channel));
    frame.append(char(length & 0xFF));
    frame.append(char(length >> 8));
    frame.append(message.payload);
    const quint16 crc = Crc16::ccittFalse(QByteArrayView(frame).sliced(1));
    frame.append(char(crc >> 8));
    frame.append(char(crc & 0xFF));
    return frame;
}

Message NodeFramer::decode(QByteArrayView frame)
{
    Message message;
    message.channel = Channel(quint8(frame[1]));
    message.payload = frame.sliced(4, frame.size() - kOverhead).toByteArray();
    return message;
}

qsizetype NodeFramer::findStart(QByteArrayView data) const
{
    const qsizetype at = data.indexOf(char(kStart));
    return at < 0 ? data.size() : at;
}

FrameScanner::Check NodeFramer::check(QByteArrayView data) const
{
    if (data.size() < 4)
        return {Verdict::NeedMore, 0};
    if (!channelFromByte(quint8(data[1]), nullptr))
        return {Verdict::BadHeader, 0};
    const qsizetype length = quint8(data[2]) | (qsizetype(quint8(data[3])) << 8);
    if (length > kMaxPayload)
        return {Verdict::BadHeader, 0};
    const qsizetype total = length + kOverhead;
    if (data.size() < total)
        return {Verdict::NeedMore, 0};
    const quint16 crc = Crc16::ccittFalse(data.sliced(1, length + 3));
    const quint16 sent = quint16((quint8(data[total - 2]) << 8) | quint8(data[total - 1]));
    if (crc != sent)
        return {Verdict::BadChecksum, 0};
    return {Verdict::Frame, total};
}

} // namespace prov::transport

#include "transport/OrwFramer.h"

namespace prov::transport {

namespace {

quint8 sum8(QByteArrayView data)
{
    unsigned sum = 0;
    for (char c : data)
        sum += quint8(c);
    return quint8(sum & 0xFF);
}

} // namespace

OrwFramer::OrwFramer()
    : FrameScanner(kMaxPayload + kOverhead)
{ }

QByteArray OrwFramer::encode(const Message &message)
{
    Q_ASSERT(message.payload.size() <= kMaxPayload);
    const auto total = quint16(message.payload.size() + kOverhead);
    QByteArray frame;
    frame.reserve(total);
    frame.append(char(total & 0xFF));
    frame.append(char(total >> 8));
    frame.append(char(message.channel));
    frame.append(message.payload);
    frame.append(char(sum8(frame)));
    return frame;
}

Message OrwFramer::decode(QByteArrayView frame)
{
    Message message;
    message.channel = Channel(quint8(frame[2]));
    message.payload = frame.sliced(3, frame.size() - kOverhead).toByteArray();
    return message;
}

qsizetype OrwFramer::findStart(QByteArrayView data) const
{
    // No start byte: every position is a candidate; check() judges plausibility.
    Q_UNUSED(data);
    return 0;
}

FrameScanner::Check OrwFramer::check(QByteArrayView data) const
{
    if (data.size() >= 2) {
        const qsizetype total = quint8(data[0]) | (qsizetype(quint8(data[1])) << 8);
        if (total < kOverhead || total > kMaxPayload + kOverhead)
            return {Verdict::NotAStart, 0};
        if (data.size() < 3)
            return {Verdict::NeedMore, 0};
        if (!channelFromByte(quint8(data[2]), nullptr))
            return {Verdict::NotAStart, 0};
        if (data.size() < total)
            return {Verdict::NeedMore, 0};
        if (sum8(data.first(total - 1)) != quint8(data[total - 1]))
            return {Verdict::BadChecksum, 0};
        return {Verdict::Frame, total};
    }
    return {Verdict::NeedMore, 0};
}

} // namespace prov::transport

#include "transport/ReliableFramer.h"

#include "transport/Crc16.h"

namespace prov::transport {

namespace {

void appendBe16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xFF));
}

quint16 be16(QByteArrayView data, qsizetype at)
{
    return quint16((quint8(data[at]) << 8) | quint8(data[at + 1]));
}

bool knownType(quint8 type)
{
    return type >= quint8(ReliableFramer::Type::Data) && type <= quint8(ReliableFramer::Type::ResetRequest);
}

} // namespace

ReliableFramer::ReliableFramer()
    : FrameScanner(kHeaderSize + kMaxBody + 2)
{ }

QByteArray ReliableFramer::encode(const Frame &frame)
{
    Q_ASSERT(frame.body.size() <= kMaxBody);
    const auto length = quint16(frame.body.size());
    QByteArray out;
    out.reserve(kHeaderSize + frame.body.size() + 2);
    out.append(char(kStart));
    out.append(char(frame.type));
    out.append(char(frame.seq));
    out.append(char(frame.aux));
    out.append(char(length & 0xFF));
    out.append(char(length >> 8));
    appendBe16(out, Crc16::ccittFalse(QByteArrayView(out).sliced(1, 5)));
    if (length > 0) {
        out.append(frame.body);
        appendBe16(out, Crc16::ccittFalse(frame.body));
    }
    return out;
}

ReliableFramer::Frame ReliableFramer::decode(QByteArrayView frame)
{
    Frame f;
    f.type = Type(quint8(frame[1]));
    f.seq = quint8(frame[2]);
    f.aux = quint8(frame[3]);
    const qsizetype length = quint8(frame[4]) | (qsizetype(quint8(frame[5])) << 8);
    if (length > 0 && frame.size() >= kHeaderSize + length)
        f.body = frame.sliced(kHeaderSize, length).toByteArray();
    return f;
}

qsizetype ReliableFramer::findStart(QByteArrayView data) const
{
    const qsizetype at = data.indexOf(char(kStart));
    return at < 0 ? data.size() : at;
}

FrameScanner::Check ReliableFramer::check(QByteArrayView data) const
{
    if (data.size() < kHeaderSize)
        return {Verdict::NeedMore, 0};
    if (Crc16::ccittFalse(data.sliced(1, 5)) != be16(data, 6))
        return {Verdict::BadHeader, 0};
    const qsizetype length = quint8(data[4]) | (qsizetype(quint8(data[5])) << 8);
    if (!knownType(quint8(data[1])) || length > kMaxBody)
        return {Verdict::BadHeader, 0};
    if (length == 0)
        return {Verdict::Frame, kHeaderSize};
    const qsizetype total = kHeaderSize + length + 2;
    if (data.size() < total)
        return {Verdict::NeedMore, 0};
    if (Crc16::ccittFalse(data.sliced(kHeaderSize, length)) != be16(data, total - 2))
        return {Verdict::BadChecksum, total};
    return {Verdict::Frame, total};
}

} // namespace prov::transport

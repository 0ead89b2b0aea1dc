#pragma once

// The node/host protocol's wire primitives, shared by the request and the
// response halves of NodeHostCodec (internal to core/protocol).

#include "domain/Result.h"
#include "protocol/Request.h"
#include "protocol/Response.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QtEndian>

namespace prov::protocol::wire {

// Decoding errors carry NodeUnexpectedError; clients remap them per channel
// through resultCodeFor(ExchangeFailure::InvalidResponse, channel).
inline Error decodeError(const QString &what)
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
inline quint8 targetByte(TransferTarget target, quint8 app)
{
    return static_cast<quint8>(static_cast<quint8>(target) | (app << 4));
}

inline bool validTarget(quint8 v)
{
    v &= 0x0F;
    return v >= static_cast<quint8>(TransferTarget::Firmware) && v <= static_cast<quint8>(TransferTarget::FieldConfig);
}

inline void writeImage(Writer &w, const ImageInfo &image)
{
    w.version(image.version);
    w.u32(image.size);
    QByteArray sha = image.sha256.left(kSha256Size);
    sha.append(QByteArray(kSha256Size - sha.size(), '\0'));
    w.bytes(sha);
}

inline ImageInfo readImage(Reader &r)
{
    ImageInfo image;
    image.version = r.version();
    image.size = r.u32();
    image.sha256 = r.bytes(kSha256Size).toByteArray();
    return image;
}

inline bool validConfigKind(quint8 v)
{
    return v <= static_cast<quint8>(ConfigKind::Field);
}

inline bool validCalibration(quint8 v)
{
    return v <= static_cast<quint8>(CalibrationState::Invalid);
}

inline bool printableAscii(QByteArrayView b)
{
    for (char c : b) {
        if (c < 0x20 || c > 0x7E)
            return false;
    }
    return true;
}

inline QString hexByte(quint8 v)
{
    return QStringLiteral("0x%1").arg(v, 2, 16, QLatin1Char('0'));
}

inline Error lengthError(const QString &what, qsizetype got, qsizetype expected)
{
    return decodeError(QStringLiteral("%1 has %2 body bytes, expected %3").arg(what).arg(got).arg(expected));
}

} // namespace prov::protocol::wire

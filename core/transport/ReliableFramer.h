#pragma once

#include "transport/FrameScanner.h"

#include <QByteArray>

namespace prov::transport {

/// Frames of the `reliable` wrapper (docs/protocol/reliable.md):
/// `7E | type | seq | aux | length u16 LE | header CRC u16 BE | body | body CRC u16 BE`,
/// the body and its CRC only when length > 0. Both CRCs are CRC-16/CCITT-FALSE;
/// the header's own CRC means a corrupted length is caught at once.
class ReliableFramer : public FrameScanner
{
public:
    enum class Type : quint8 {
        Data = 0x01,
        Ack = 0x02,
        Nak = 0x03,
        Reset = 0x04,
        ResetAck = 0x05,
        ResetRequest = 0x06,
    };
    /// aux bits of a Data frame.
    static constexpr quint8 kMoreSegments = 0x01;
    static constexpr quint8 kHostChannel = 0x02;

    static constexpr quint8 kStart = 0x7E;
    static constexpr qsizetype kHeaderSize = 8;
    static constexpr qsizetype kMaxBody = 4096;

    struct Frame
    {
        Type type = Type::Data;
        quint8 seq = 0;
        quint8 aux = 0;
        QByteArray body;
    };

    ReliableFramer();

    [[nodiscard]] static QByteArray encode(const Frame &frame);
    /// A frame as handed to the frame handler (or the BadChecksum problem
    /// handler: then only the header is sound) → fields.
    [[nodiscard]] static Frame decode(QByteArrayView frame);

protected:
    [[nodiscard]] qsizetype findStart(QByteArrayView data) const override;
    [[nodiscard]] Check check(QByteArrayView data) const override;
};

} // namespace prov::transport

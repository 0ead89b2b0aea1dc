#pragma once

#include "transport/FrameScanner.h"
#include "transport/Message.h"

namespace prov::transport {

/// The node protocol's own framing (wrapper `none`):
/// `7E | channel (47 node, 00 host) | length u16 LE | payload | CRC-16/CCITT-FALSE BE`,
/// the CRC over channel..payload. Resynchronises on the next 0x7E.
class NodeFramer : public FrameScanner
{
public:
    static constexpr quint8 kStart = 0x7E;
    static constexpr qsizetype kMaxPayload = 4096;
    static constexpr qsizetype kOverhead = 6;

    NodeFramer();

    [[nodiscard]] static QByteArray encode(const Message &message);
    /// A frame as handed to the frame handler → message.
    [[nodiscard]] static Message decode(QByteArrayView frame);

protected:
    [[nodiscard]] qsizetype findStart(QByteArrayView data) const override;
    [[nodiscard]] Check check(QByteArrayView data) const override;
};

} // namespace prov::transport

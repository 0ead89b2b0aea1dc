#pragma once

#include "transport/FrameScanner.h"
#include "transport/Message.h"

namespace prov::transport {

/// The `orw` framing of the legacy system:
/// `length u16 LE (whole frame) | channel (47 node, 00 host) | message | sum`,
/// the last byte being the sum of all previous bytes mod 256. Unlike the legacy
/// code it bounds the frame size and, after garbage or a bad checksum, skips
/// one byte and rescans for a plausible header (length in range, channel byte).
class OrwFramer : public FrameScanner
{
public:
    static constexpr qsizetype kMaxPayload = 4096;
    static constexpr qsizetype kOverhead = 4;

    OrwFramer();

    [[nodiscard]] static QByteArray encode(const Message &message);
    [[nodiscard]] static Message decode(QByteArrayView frame);

protected:
    [[nodiscard]] qsizetype findStart(QByteArrayView data) const override;
    [[nodiscard]] Check check(QByteArrayView data) const override;
};

} // namespace prov::transport

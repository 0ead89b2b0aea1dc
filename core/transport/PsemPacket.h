#pragma once

#include "transport/FrameScanner.h"
#include "transport/Psem.h"

#include <QByteArray>

namespace prov::transport {

/// One ANSI C12.18 packet:
/// `EE | identity | ctrl | seq | length u16 BE | data | CRC-16/X-25, low byte first`.
struct PsemPacket
{
    quint8 identity = 0;
    quint8 ctrl = 0;
    quint8 seq = 0;
    QByteArray data;

    [[nodiscard]] bool toggle() const { return ctrl & psem::kCtrlToggle; }
    [[nodiscard]] QByteArray encode() const;
    /// A whole packet as the scanner hands it over → fields.
    [[nodiscard]] static PsemPacket decode(QByteArrayView bytes);
    /// The CRC field of an encoded packet (for duplicate detection).
    [[nodiscard]] static quint16 crcOf(QByteArrayView bytes);
};

/// Cuts a C12.18 byte stream into packets and the single ACK/NAK bytes that
/// travel between them. Packets longer than `maxData` data bytes are refused
/// at their header.
class PsemPacketScanner : public FrameScanner
{
public:
    explicit PsemPacketScanner(qsizetype maxData = psem::kMaxPacketData);
    /// A one-byte frame is an ACK or NAK; anything longer is a packet.
    [[nodiscard]] static bool isControlByte(QByteArrayView frame) { return frame.size() == 1; }

protected:
    [[nodiscard]] qsizetype findStart(QByteArrayView data) const override;
    [[nodiscard]] Check check(QByteArrayView data) const override;

private:
    qsizetype m_maxData;
};

} // namespace prov::transport

#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace prov::transport {

/// The two CRC-16 variants the wrappers use.
class Crc16
{
public:
    /// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, not reflected, no final XOR
    /// (check "123456789" = 0x29B1). Used by `none` and `reliable`. Hand-written
    /// (table driven) because Qt's qChecksum only offers the reflected variants.
    [[nodiscard]] static quint16 ccittFalse(QByteArrayView data, quint16 crc = 0xFFFF);
    /// CRC-16/X-25 (the HDLC FCS-16 that ANSI C12.18 uses): check 0x906E.
    /// This is Qt's qChecksum(…, Qt::ChecksumIso3309).
    [[nodiscard]] static quint16 x25(QByteArrayView data);
};

} // namespace prov::transport

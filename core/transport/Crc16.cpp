#include "transport/Crc16.h"

#include <array>

namespace prov::transport {

namespace {

constexpr std::array<quint16, 256> makeCcittTable()
{
    std::array<quint16, 256> table {};
    for (int i = 0; i < 256; ++i) {
        quint16 crc = quint16(i << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
        table[std::size_t(i)] = crc;
    }
    return table;
}

constexpr std::array<quint16, 256> kCcittTable = makeCcittTable();

} // namespace

quint16 Crc16::ccittFalse(QByteArrayView data, quint16 crc)
{
    for (char c : data)
        crc = quint16((crc << 8) ^ kCcittTable[((crc >> 8) ^ quint8(c)) & 0xFF]);
    return crc;
}

quint16 Crc16::x25(QByteArrayView data)
{
    return qChecksum(data, Qt::ChecksumIso3309);
}

} // namespace prov::transport

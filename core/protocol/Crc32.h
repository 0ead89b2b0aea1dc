#pragma once

#include <QByteArrayView>

namespace prov::protocol {

/// CRC-32 (ISO-HDLC, the zlib/PNG one; check value of "123456789" 0xCBF43926)
/// over whole images, from zlib. Pass the previous result to continue a running
/// CRC over consecutive blocks.
[[nodiscard]] quint32 crc32Of(QByteArrayView bytes, quint32 running = 0);

} // namespace prov::protocol

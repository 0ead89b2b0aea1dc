#include "protocol/Crc32.h"

#include <zlib.h>

namespace prov::protocol {

quint32 crc32Of(QByteArrayView bytes, quint32 running)
{
    return static_cast<quint32>(
        crc32_z(running, reinterpret_cast<const Bytef *>(bytes.data()), static_cast<size_t>(bytes.size())));
}

} // namespace prov::protocol

// The node/host response decoder, as the station runs it on whatever a device
// (or a noisy line) answers. A response that decodes must re-encode to exactly
// the input, carry only in-range fields, and its status must map to a result
// code the way the station uses it: never Success unless the device said Ok.
#include "FuzzSupport.h"

#include "protocol/NodeHostCodec.h"

using namespace prov::protocol;
using prov::ResultCode;
using prov::fuzz::require;
using prov::transport::Channel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const prov::Result<Response> decoded = NodeHostCodec::decodeResponse(bytes);
    if (!decoded) {
        require(!decoded.error().message.isEmpty());
        return 0;
    }
    const Response &response = *decoded;
    require(NodeHostCodec::encodeResponse(response) == bytes);
    require(response.version == kProtocolVersion || response.status == DeviceStatus::UnsupportedVersion);

    for (const Channel channel : {Channel::Node, Channel::Host}) {
        const ResultCode code = resultCodeFor(response.status, channel);
        require((code == ResultCode::Success) == response.ok());
        if (!response.ok())
            require(!statusError(response.status, channel, opcodeName(response.opcode)).message.isEmpty());
    }
    if (!response.ok())
        return 0;

    switch (response.opcode) {
    case Opcode::HostIdentify:
        require(response.host.emcmId.size() >= kMinEmcmIdBytes && response.host.emcmId.size() <= kMaxEmcmIdBytes);
        require(response.host.emcmIdHex().size() == 2 * response.host.emcmId.size());
        break;
    case Opcode::MeterLinkCheck:
        require(response.meterId.size() <= kMaxMeterIdLength);
        for (const QChar c : response.meterId)
            require(c.unicode() >= 0x20 && c.unicode() <= 0x7E);
        break;
    case Opcode::MeterIdentify:
        require(response.meterTable.size() >= 16 && response.meterTable.size() <= 64);
        break;
    case Opcode::TransferBegin:
        require(response.maxBlock >= 1 && response.maxBlock <= kMaxBlockSize);
        break;
    case Opcode::VerifyKey:
        require(response.cmac.size() == kCmacSize);
        break;
    default:
        break;
    }
    return 0;
}

// The simulated device's request handling (app/sim DeviceLogic: decoding,
// block transfers, keys, repeat detection) on any sequence of requests. Input:
// a flags byte (bits 0-3 pick faults, bit 4 a bare node), then requests, each
// `<channel bit + length high bits><length low byte><bytes>`. Invariants: an
// answer carries the request's opcode and tag and decodes at the station; the
// device state stays bounded and serialisable.
#include "FuzzSupport.h"

#include "DeviceLogic.h"
#include "protocol/NodeHostCodec.h"

using namespace prov;
using namespace prov::protocol;
using namespace prov::sim;
using prov::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    prov::fuzz::ensureApplication();
    if (size == 0)
        return 0;
    const quint8 flags = data[0];
    DeviceState state;
    state.model = QStringLiteral("i210plus");
    state.nodeId = 0x1A2B3C4D;
    if (!(flags & 0x10))
        state.emcmId = QByteArray::fromHex("0011223344556677");
    state.meterId = QStringLiteral("M000000042");
    state.node.hardwareType = HardwareType::Unode;
    state.host.hardwareType = HardwareType::Emcm;
    state.appNames = QStringList {QStringLiteral("emcm"), QStringLiteral("zigbee")};
    state.otherApps.resize(1);
    state.otherApps[0].hardwareType = HardwareType::Emcm;
    DeviceFaults faults;
    faults.wrongHardware = flags & 0x01;
    faults.hardwareFailure = flags & 0x02;
    faults.flashCorrupt = flags & 0x04;
    if (flags & 0x08)
        faults.resetDuringFirmware = 0.5;
    DeviceLogic logic(&state, faults, 64);

    size_t at = 1;
    while (at + 2 <= size) {
        const transport::Channel channel = (data[at] & 0x80) ? transport::Channel::Host : transport::Channel::Node;
        const size_t length = (size_t(data[at] & 0x7F) << 8) | data[at + 1];
        at += 2;
        const size_t n = at + length <= size ? length : size - at;
        const QByteArrayView request(reinterpret_cast<const char *>(data + at), qsizetype(n));
        at += n;
        const DeviceOutcome out = logic.handle(channel, request);
        if (out.powerFail)
            logic.powerCycle();
        if (!out.response)
            continue;
        quint8 version = 0;
        quint8 opcode = 0;
        quint16 tag = 0;
        if (NodeHostCodec::peekRequestHeader(request, &version, &opcode, &tag)) {
            require(NodeHostCodec::isResponseTo(request, *out.response));
            // An answer to an opcode the station knows must decode at the station
            // (to an unknown one it is UnknownCommand, which the station never asks).
            if (isKnownOpcode(opcode))
                require(NodeHostCodec::decodeResponse(*out.response).ok());
        } else {
            require(out.response->size() >= 5);
        }
        require(out.flashBytes >= 0 && out.flashBytes <= 4096);
    }
    (void)state.toJson();
    return 0;
}

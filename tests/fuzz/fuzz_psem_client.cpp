// The station side of opt_psem (the PSEM client): what it does with any answer
// a meter gives. The input is a flags byte, then responses, each prefixed by
// its length byte; the harness ACKs the station's request packet and hands
// each response over in a valid C12.18 packet (right CRC, alternating toggle),
// so the fuzzer spends its time on the session steps and the tunnel-read
// parser (table 2050 counts and checksums, channel bytes), not on CRCs. With
// flag bit 0 a valid session setup comes first, so the tunnel is reached at
// once; with bit 1 the whole input also goes in as raw bytes afterwards.
#include "FuzzSupport.h"

#include "transport/OptPsemWrapper.h"
#include "transport/Psem.h"
#include "transport/PsemPacket.h"

using namespace prov::transport;

namespace {

struct MeterSide
{
    OptPsemWrapper *station;
    bool toggle = false;

    void respond(const QByteArray &response)
    {
        station->feed(QByteArray(1, char(psem::kAck))); // the station's request arrived
        PsemPacket p;
        p.ctrl = toggle ? psem::kCtrlToggle : 0;
        p.data = response.isEmpty() ? QByteArray(1, char(psem::kOk)) : response;
        toggle = !toggle;
        station->feed(p.encode());
        // Something to send keeps the station writing and reading the tunnel.
        station->sendMessage(Message {toggle ? Channel::Node : Channel::Host, QByteArrayLiteral("\x01\x01\x00\x00")});
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    prov::fuzz::ensureApplication();
    if (size == 0)
        return 0;
    WrapperOptions options;
    options.psemPassword = "fuzz";
    OptPsemWrapper station(Wrapper::Role::Station, options);
    qint64 delivered = 0;
    QObject::connect(&station, &Wrapper::messageReceived, &station, [&delivered](const Message &m) {
        prov::fuzz::require(m.payload.size() <= PsemLinkLayer::kMaxMessage);
        delivered += m.payload.size();
    });
    station.start();
    MeterSide meter {&station};
    if (data[0] & 1) {
        for (const char *hex : {"0000010000", "0004000806", "00", "00"}) // Identify, Negotiate, Logon, Security
            meter.respond(QByteArray::fromHex(hex));
    }
    size_t at = 1;
    while (at < size) {
        const size_t length = data[at++];
        const size_t n = at + length <= size ? length : size - at;
        meter.respond(QByteArray(reinterpret_cast<const char *>(data + at), qsizetype(n)));
        at += n;
    }
    if (data[0] & 2)
        prov::fuzz::feedInChunks(data, size, [&station](QByteArrayView chunk) { station.feed(chunk); });
    prov::fuzz::require(delivered <= qint64(size) * 2 + 64);
    station.stop();
    return 0;
}

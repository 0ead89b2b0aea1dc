// The C12.18 packet decoder and data link layer (ACK/NAK handling, duplicate
// detection, multi-packet reassembly) on arbitrary bytes.
#include "FuzzSupport.h"

#include "transport/PsemLinkLayer.h"
#include "transport/PsemPacket.h"

using namespace prov::transport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    prov::fuzz::ensureApplication();
    PsemPacketScanner scanner(1016);
    scanner.setFrameHandler([](QByteArrayView frame) {
        if (PsemPacketScanner::isControlByte(frame))
            return;
        const PsemPacket packet = PsemPacket::decode(frame);
        prov::fuzz::require(packet.data.size() <= 1016);
        prov::fuzz::require(packet.encode() == frame);
    });
    scanner.setProblemHandler([](FrameScanner::Problem, QByteArrayView) {});

    LinkCounters counters;
    PsemLinkLayer link(PsemLinkLayer::Settings {}, &counters);
    link.setPacketLimits(1024, 8);
    QObject::connect(&link, &PsemLinkLayer::messageReceived, &link,
        [](const QByteArray &message) { prov::fuzz::require(message.size() <= PsemLinkLayer::kMaxMessage); });
    // Something in flight, so ACK/NAK bytes in the input have an effect.
    (void)link.sendMessage(QByteArray(3000, 'm'));

    prov::fuzz::feedInChunks(data, size, [&](QByteArrayView chunk) {
        scanner.feed(chunk);
        link.feed(chunk);
        prov::fuzz::require(scanner.bufferedBytes() < scanner.maxFrameSize());
    });
    return 0;
}

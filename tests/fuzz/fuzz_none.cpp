// The `none` framing's decoder: any bytes, any split. Every delivered frame
// must re-encode to itself, and the buffer must stay under one frame.
#include "FuzzSupport.h"

#include "transport/NodeFramer.h"

using namespace prov::transport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    NodeFramer framer;
    framer.setFrameHandler([](QByteArrayView frame) {
        const Message message = NodeFramer::decode(frame);
        prov::fuzz::require(message.payload.size() <= NodeFramer::kMaxPayload);
        prov::fuzz::require(NodeFramer::encode(message) == frame);
    });
    framer.setProblemHandler([](FrameScanner::Problem, QByteArrayView) {});
    prov::fuzz::feedInChunks(data, size, [&framer](QByteArrayView chunk) {
        framer.feed(chunk);
        prov::fuzz::require(framer.bufferedBytes() < framer.maxFrameSize());
    });
    while (framer.bufferedBytes() > 0)
        framer.abandonPartialFrame();
    return 0;
}

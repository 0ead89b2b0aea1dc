// The meter side of PSEM: a sequence of arbitrary requests (each prefixed by
// its length byte), optionally after a valid logon with security, then the
// same bytes as a raw stream into the meter-side wrapper (packets, link,
// responder together).
#include "FuzzSupport.h"

#include "transport/OptPsemWrapper.h"
#include "transport/PsemResponder.h"

using namespace prov::transport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    prov::fuzz::ensureApplication();
    if (size == 0)
        return 0;

    PsemResponder::Settings settings;
    settings.password = "fuzz";
    PsemResponder meter(settings);
    meter.setMaxResponseSize(1016);
    meter.onTunnelMessage = [&meter](const Message &m) {
        meter.queueTunnelMessage(m);
    };
    meter.setTable(23, QByteArray(100, 't'));
    if (data[0] & 1) {
        (void)meter.handle(QByteArray::fromHex("20"));
        (void)meter.handle(QByteArray::fromHex("500002") + QByteArray("FUZZ      "));
        if (data[0] & 2)
            (void)meter.handle(QByteArray::fromHex("51") + PsemResponder::padPassword("fuzz"));
    }
    size_t at = 1;
    while (at < size) {
        const size_t length = data[at++];
        const size_t n = at + length <= size ? length : size - at;
        const QByteArray response
            = meter.handle(QByteArrayView(reinterpret_cast<const char *>(data + at), qsizetype(n)));
        prov::fuzz::require(!response.isEmpty() && response.size() <= 1016 + 4);
        prov::fuzz::require(meter.queuedTunnelMessages() <= PsemResponder::kMaxQueuedResponses);
        at += n;
    }

    WrapperOptions options;
    options.psemPassword = "fuzz";
    OptPsemWrapper device(Wrapper::Role::Device, options);
    device.start();
    prov::fuzz::feedInChunks(data, size, [&device](QByteArrayView chunk) { device.feed(chunk); });
    return 0;
}

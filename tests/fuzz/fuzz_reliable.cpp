// The `reliable` wrapper's receive path: its frame decoder and the protocol
// state behind it (device role, so it answers, reassembles and tracks
// windows), fed arbitrary bytes. Also a station in session, which has the
// sending state (ACK/NAK handling) to confuse.
#include "FuzzSupport.h"

#include "transport/ReliableFramer.h"
#include "transport/ReliableWrapper.h"

using namespace prov::transport;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    prov::fuzz::ensureApplication();
    WrapperOptions options;
    options.segmentSize = 64;
    options.windowSize = 8;

    ReliableFramer framer;
    framer.setFrameHandler([](QByteArrayView frame) {
        const ReliableFramer::Frame f = ReliableFramer::decode(frame);
        prov::fuzz::require(ReliableFramer::encode(f) == frame);
    });
    framer.setProblemHandler([](FrameScanner::Problem, QByteArrayView) {});

    ReliableWrapper device(Wrapper::Role::Device, options);
    qint64 delivered = 0;
    QObject::connect(&device, &Wrapper::messageReceived, &device, [&delivered](const Message &m) {
        prov::fuzz::require(m.payload.size() <= ReliableWrapper::kMaxMessage);
        delivered += m.payload.size();
    });
    device.start();

    // A station that believes its session is up: sends a few messages, then
    // receives the input as the device's answers.
    ReliableWrapper station(Wrapper::Role::Station, options);
    QByteArray resetFrame;
    QObject::connect(&station, &Wrapper::bytesToWrite, &station, [&resetFrame](const QByteArray &b) {
        if (resetFrame.isEmpty())
            resetFrame = b;
    });
    station.start();
    if (resetFrame.size() >= ReliableFramer::kHeaderSize + 4) {
        ReliableFramer::Frame ack {
            ReliableFramer::Type::ResetAck, 0, 0, resetFrame.mid(ReliableFramer::kHeaderSize, 4)};
        station.feed(ReliableFramer::encode(ack));
    }
    station.sendMessage(Message {Channel::Node, QByteArray(300, 'x')});

    prov::fuzz::feedInChunks(data, size, [&](QByteArrayView chunk) {
        framer.feed(chunk);
        device.feed(chunk);
        station.feed(chunk);
    });
    return 0;
}

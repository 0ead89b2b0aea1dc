// The request-body decoder (chunked, or Content-Length) on arbitrary bytes.
// Byte 0 picks the read size (FuzzSupport.h), byte 1 the framing and the
// payload limit. Invariants: the payload delivered never exceeds the limit,
// payloadBytes() counts exactly what was delivered, and the outcome, the
// payload and what is left after the body do not depend on how the input was
// split.
#include "FuzzSupport.h"

#include "server/http/HttpBodyDecoder.h"

using namespace prov::server::http;
using prov::fuzz::require;

namespace {

struct Run
{
    HttpBodyDecoder::Status status = HttpBodyDecoder::Status::NeedMore;
    QByteArray payload;
    QByteArray rest; ///< input left after a complete body
    HttpError error;
};

Run decode(const HttpBodyFraming &framing, qint64 limit, const QByteArray &input, qsizetype chunk)
{
    HttpBodyDecoder decoder(framing, limit);
    Run run;
    const HttpBodyDecoder::Sink sink = [&run](QByteArrayView data) {
        run.payload.append(data);
        return true;
    };
    QByteArray buffer;
    qsizetype fed = 0;
    while (fed < input.size() && run.status == HttpBodyDecoder::Status::NeedMore) {
        buffer.append(input.mid(fed, chunk));
        fed = qMin(input.size(), fed + chunk);
        run.status = decoder.decode(buffer, sink, run.error);
    }
    require(decoder.payloadBytes() == run.payload.size());
    require(run.payload.size() <= limit);
    if (run.status == HttpBodyDecoder::Status::Complete) {
        require(decoder.isComplete());
        // What the connection keeps for the next request: the unconsumed buffer and the unread input.
        run.rest = buffer + input.mid(fed);
    }
    if (run.status == HttpBodyDecoder::Status::Failed)
        require(run.error.status >= 400 && run.error.status < 600 && !run.error.detail.isEmpty());
    return run;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    prov::fuzz::ensureApplication();
    const qsizetype chunk = qsizetype(data[0]) + 1;
    HttpBodyFraming framing;
    const qint64 limit = qint64(data[1] & 0x7f) * 8;
    if (data[1] & 0x80) {
        framing.kind = HttpBodyFraming::Kind::Length;
        framing.length = qint64(data[2]) * 2;
    } else {
        framing.kind = HttpBodyFraming::Kind::Chunked;
    }
    const QByteArray input(reinterpret_cast<const char *>(data + 3), qsizetype(size - 3));
    const Run pieces = decode(framing, limit, input, chunk);
    const Run once = decode(framing, limit, input, qMax<qsizetype>(1, input.size()));
    require(pieces.status == once.status);
    if (pieces.status == HttpBodyDecoder::Status::Complete) {
        require(pieces.payload == once.payload);
        require(pieces.rest == once.rest);
    }
    if (pieces.status == HttpBodyDecoder::Status::Failed)
        require(pieces.error.status == once.error.status);
    return 0;
}

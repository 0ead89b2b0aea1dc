#pragma once

#include "server/http/HttpError.h"
#include "server/http/HttpRequestParser.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace prov::server::http {

/// Takes a request body off the connection's input, Content-Length or chunked,
/// and hands the payload on in slices as it arrives (nothing is accumulated
/// here). `maxPayload` is enforced while decoding: the slice that would cross
/// it is not delivered and the decoder fails with 413.
class HttpBodyDecoder
{
public:
    enum class Status { NeedMore, Complete, Failed };
    /// Receives payload slices; returning false stops decoding (the sink failed).
    using Sink = std::function<bool(QByteArrayView)>;

    HttpBodyDecoder() = default;
    HttpBodyDecoder(const HttpBodyFraming &framing, qint64 maxPayload);

    /// Consumes what it can from the front of `input`.
    [[nodiscard]] Status decode(QByteArray &input, const Sink &sink, HttpError &error);
    [[nodiscard]] qint64 payloadBytes() const { return m_payload; }
    [[nodiscard]] bool isComplete() const { return m_state == State::Done; }

private:
    enum class State { Length, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done };

    [[nodiscard]] bool deliver(QByteArrayView data, const Sink &sink, HttpError &error);

    State m_state = State::Done;
    qint64 m_remaining = 0; ///< of the Content-Length body or of the current chunk
    qint64 m_payload = 0;
    qint64 m_maxPayload = 0;
    qint64 m_trailerBytes = 0;
};

} // namespace prov::server::http

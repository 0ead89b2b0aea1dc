#include "server/http/HttpBodyDecoder.h"

namespace prov::server::http {

namespace {
constexpr qsizetype kMaxChunkLine = 1024;
constexpr qint64 kMaxTrailerBytes = 8 * 1024;

HttpError badChunk(const QString &detail)
{
    return makeHttpError(400, QStringLiteral("bad_request"), detail);
}
} // namespace

HttpBodyDecoder::HttpBodyDecoder(const HttpBodyFraming &framing, qint64 maxPayload)
    : m_maxPayload(maxPayload)
{
    switch (framing.kind) {
    case HttpBodyFraming::Kind::None:
        m_state = State::Done;
        break;
    case HttpBodyFraming::Kind::Length:
        m_state = State::Length;
        m_remaining = framing.length;
        break;
    case HttpBodyFraming::Kind::Chunked:
        m_state = State::ChunkSize;
        break;
    }
}

bool HttpBodyDecoder::deliver(QByteArrayView data, const Sink &sink, HttpError &error)
{
    if (m_payload + data.size() > m_maxPayload) {
        error = makeHttpError(413, QStringLiteral("payload_too_large"),
            QStringLiteral("The request body is larger than %1 bytes.").arg(m_maxPayload));
        return false;
    }
    m_payload += data.size();
    if (!data.isEmpty() && !sink(data)) {
        error = makeHttpError(
            500, QStringLiteral("body_sink_failed"), QStringLiteral("The request body could not be stored."));
        return false;
    }
    return true;
}

HttpBodyDecoder::Status HttpBodyDecoder::decode(QByteArray &input, const Sink &sink, HttpError &error)
{
    qsizetype pos = 0;
    Status status = Status::NeedMore;
    auto fail = [&] {
        input.remove(0, pos);
        return Status::Failed;
    };
    while (status == Status::NeedMore) {
        switch (m_state) {
        case State::Done:
            status = Status::Complete;
            break;
        case State::Length:
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, input.size() - pos);
            if (take == 0 && m_remaining > 0) {
                input.remove(0, pos);
                return Status::NeedMore;
            }
            if (!deliver(QByteArrayView(input).sliced(pos, take), sink, error))
                return fail();
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = m_state == State::Length ? State::Done : State::ChunkDataEnd;
            break;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailer: {
            const qsizetype nl = input.indexOf('\n', pos);
            if (nl < 0) {
                const qsizetype pending = input.size() - pos;
                if (pending > kMaxChunkLine
                    || (m_state == State::Trailer && m_trailerBytes + pending > kMaxTrailerBytes)) {
                    error = badChunk(QStringLiteral("A chunk-size or trailer line is too long."));
                    return fail();
                }
                input.remove(0, pos);
                return Status::NeedMore;
            }
            // The same limit as for a line still arriving: a long line is refused
            // whether it comes in one read or in many.
            if (nl - pos > kMaxChunkLine) {
                error = badChunk(QStringLiteral("A chunk-size or trailer line is too long."));
                return fail();
            }
            QByteArrayView line = QByteArrayView(input).sliced(pos, nl - pos);
            if (line.endsWith('\r'))
                line.chop(1);
            pos = nl + 1;
            if (m_state == State::ChunkDataEnd) {
                if (!line.isEmpty()) {
                    error = badChunk(QStringLiteral("A chunk is longer than its size says."));
                    return fail();
                }
                m_state = State::ChunkSize;
            } else if (m_state == State::Trailer) {
                m_trailerBytes += line.size() + 2;
                if (m_trailerBytes > kMaxTrailerBytes) {
                    error = badChunk(QStringLiteral("The chunked trailer is too large."));
                    return fail();
                }
                if (line.isEmpty())
                    m_state = State::Done; // trailer fields are read and ignored
            } else {
                const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
                QByteArrayView hex = semicolon < 0 ? line : line.first(semicolon);
                while (!hex.isEmpty() && (hex.back() == ' ' || hex.back() == '\t'))
                    hex.chop(1);
                if (hex.isEmpty() || hex.size() > 15) {
                    error = badChunk(QStringLiteral("A chunk size is not a hexadecimal number."));
                    return fail();
                }
                qint64 size = 0;
                for (char c : hex) {
                    int digit = -1;
                    if (c >= '0' && c <= '9')
                        digit = c - '0';
                    else if (c >= 'a' && c <= 'f')
                        digit = c - 'a' + 10;
                    else if (c >= 'A' && c <= 'F')
                        digit = c - 'A' + 10;
                    if (digit < 0) {
                        error = badChunk(QStringLiteral("A chunk size is not a hexadecimal number."));
                        return fail();
                    }
                    size = size * 16 + digit;
                }
                if (m_payload + size > m_maxPayload) {
                    error = makeHttpError(413, QStringLiteral("payload_too_large"),
                        QStringLiteral("The request body is larger than %1 bytes.").arg(m_maxPayload));
                    return fail();
                }
                m_remaining = size;
                m_state = size == 0 ? State::Trailer : State::ChunkData;
            }
            break;
        }
        }
    }
    input.remove(0, pos);
    return status;
}

} // namespace prov::server::http

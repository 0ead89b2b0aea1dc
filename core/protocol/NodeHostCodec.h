#pragma once

#include "domain/Result.h"
#include "protocol/Request.h"
#include "protocol/Response.h"

#include <QByteArray>
#include <QByteArrayView>

namespace prov::protocol {

/// The pure codec of the node/host protocol: no state, no I/O. Decoding is
/// strict (exact lengths, known enumerations, the protocol version) and never
/// crashes or allocates more than the input's size, whatever the bytes; the
/// decode functions are what a fuzzer calls.
class NodeHostCodec
{
public:
    [[nodiscard]] static QByteArray encodeRequest(const Request &request);
    [[nodiscard]] static Result<Request> decodeRequest(QByteArrayView bytes);

    [[nodiscard]] static QByteArray encodeResponse(const Response &response);
    [[nodiscard]] static Result<Response> decodeResponse(QByteArrayView bytes);

    /// Header fields without decoding the body, e.g. so a device can answer
    /// MalformedRequest to the right tag. False when `bytes` is too short.
    [[nodiscard]] static bool peekRequestHeader(QByteArrayView bytes, quint8 *version, quint8 *opcode, quint16 *tag);
    /// True when `response` carries the opcode (with bit 7) and the tag of
    /// `request`, whatever its status and body; the header is all it looks at.
    /// The rule Exchanger matches answers by, for checks outside it (the
    /// simulator's fuzz target holds every device answer to it).
    [[nodiscard]] static bool isResponseTo(QByteArrayView request, QByteArrayView response);
};

} // namespace prov::protocol

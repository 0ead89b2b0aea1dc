// The node/host request decoder, as the device simulator runs it on whatever a
// station sends. The codec is strict (exact lengths, known values only), so a
// request that decodes must re-encode to exactly the input, and the header peek
// the device uses to answer MalformedRequest must agree with the decoder.
#include "FuzzSupport.h"

#include "protocol/NodeHostCodec.h"

using namespace prov::protocol;
using prov::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    quint8 version = 0;
    quint8 opcode = 0;
    quint16 tag = 0;
    const bool peeked = NodeHostCodec::peekRequestHeader(bytes, &version, &opcode, &tag);
    require(peeked == (bytes.size() >= kRequestHeaderSize));

    const prov::Result<Request> request = NodeHostCodec::decodeRequest(bytes);
    if (!request) {
        require(!request.error().message.isEmpty());
        return 0;
    }
    require(peeked && version == kProtocolVersion);
    require(opcode == static_cast<quint8>(request->opcode) && tag == request->tag);
    require(request->data.size() <= kMaxBlockSize);
    if (request->opcode == Opcode::WriteKey)
        require(request->key.size() == kKeySize);
    if (request->opcode == Opcode::VerifyKey)
        require(request->challenge.size() == kChallengeSize);
    require(NodeHostCodec::encodeRequest(*request) == bytes);
    return 0;
}

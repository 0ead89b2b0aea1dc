// The HTTP/1.1 request-head parser on arbitrary bytes (any client on the
// network can send them). The input is fed as a connection would: in chunks
// (first byte, FuzzSupport.h), never more than one byte past the head limit,
// and pipelined heads one after another. Invariants: a head's outcome does not
// depend on how it was split, a complete head has a method, a target and at
// most the allowed header fields, a refusal is a 4xx/5xx with a detail, and
// the body framing is decided without crashing.
#include "FuzzSupport.h"

#include "server/http/HttpRequest.h"
#include "server/http/HttpRequestParser.h"

using namespace prov::server::http;
using prov::fuzz::require;

namespace {

HttpLimits limits()
{
    HttpLimits limits;
    limits.maxRequestLineBytes = 512;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaderCount = 16;
    return limits;
}

struct Outcome
{
    HttpRequestParser::Status status = HttpRequestParser::Status::NeedMore;
    qsizetype consumed = 0;
    HttpRequest request;
    HttpError error;
};

void check(const Outcome &outcome, qsizetype buffered)
{
    const HttpLimits rules = limits();
    if (outcome.status == HttpRequestParser::Status::Complete) {
        require(outcome.consumed > 0 && outcome.consumed <= buffered);
        require(outcome.consumed <= rules.maxHeaderBytes);
        require(!outcome.request.method.isEmpty() && !outcome.request.target.isEmpty());
        require(outcome.request.headers.count() <= rules.maxHeaderCount);
        HttpBodyFraming framing;
        HttpError error;
        if (!HttpRequestParser::bodyFraming(outcome.request, framing, error))
            require(error.status >= 400 && error.status < 600 && !error.detail.isEmpty());
        else
            require(framing.kind != HttpBodyFraming::Kind::Length || framing.length >= 0);
        (void)outcome.request.rawPath();
    } else if (outcome.status == HttpRequestParser::Status::Failed) {
        require(outcome.error.status >= 400 && outcome.error.status < 600);
        require(!outcome.error.code.isEmpty() && !outcome.error.detail.isEmpty());
    }
}

bool same(const Outcome &a, const Outcome &b)
{
    if (a.status != b.status)
        return false;
    if (a.status == HttpRequestParser::Status::Failed)
        return a.error.status == b.error.status;
    if (a.status == HttpRequestParser::Status::NeedMore)
        return true;
    return a.consumed == b.consumed && a.request.method == b.request.method && a.request.target == b.request.target
        && a.request.minorVersion == b.request.minorVersion && a.request.headers.fields() == b.request.headers.fields();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    prov::fuzz::ensureApplication();
    const HttpLimits rules = limits();
    const QByteArray stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype chunk = qsizetype(data[0]) + 1;
    qsizetype offset = 0; // start of the current head in `stream`
    for (int head = 0; head < 8 && offset < stream.size(); ++head) {
        // In chunks, as the connection reads (it keeps at most maxHeaderBytes + 1).
        HttpRequestParser parser(rules);
        Outcome pieces;
        QByteArray buffer;
        qsizetype at = offset;
        while (at < stream.size()) {
            const qsizetype room = rules.maxHeaderBytes + 1 - buffer.size();
            const qsizetype take = qMin(qMin(chunk, room), stream.size() - at);
            if (take <= 0)
                break;
            buffer.append(stream.mid(at, take));
            at += take;
            pieces.status = parser.parse(buffer, pieces.request, pieces.consumed, pieces.error);
            if (pieces.status != HttpRequestParser::Status::NeedMore)
                break;
        }
        check(pieces, buffer.size());
        // All at once: the same outcome.
        HttpRequestParser whole(rules);
        Outcome once;
        const QByteArray all = stream.mid(offset, buffer.size());
        once.status = whole.parse(all, once.request, once.consumed, once.error);
        check(once, all.size());
        require(same(pieces, once));
        if (pieces.status != HttpRequestParser::Status::Complete)
            break;
        offset += pieces.consumed;
    }
    return 0;
}

// The decrypted gateway key file (key,hex / gateway,... / cdld,...) on
// arbitrary bytes. Accepted files give two 16-byte keys that survive
// format() and parse() again; rejected ones get an error that never quotes
// the file's hex (a half-valid file is still key material).
#include "FuzzSupport.h"

#include "package/GatewayKeyCsv.h"

using namespace prov::package;
using prov::crypto::SecretBytes;
using prov::fuzz::require;

namespace {

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// No run of 6 or more hex digits of the input shows up in `text`.
void requireNoHexRunOf(QByteArrayView input, const QString &text)
{
    const QByteArray printed = text.toUtf8();
    qsizetype start = 0;
    while (start < input.size()) {
        if (!isHex(input[start])) {
            ++start;
            continue;
        }
        qsizetype end = start;
        while (end < input.size() && isHex(input[end]))
            ++end;
        if (end - start >= 6) {
            for (qsizetype at = start; at + 6 <= end; ++at)
                require(!printed.contains(input.sliced(at, 6)));
        }
        start = end;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const SecretBytes plain = SecretBytes::copyOf(input);
    const prov::Result<GatewayKeys> keys = GatewayKeyCsv::parse(plain);
    if (!keys) {
        require(!keys.error().message.isEmpty());
        requireNoHexRunOf(input, keys.error().toString());
        return 0;
    }
    require(keys->gateway.size() == GatewayKeyCsv::kKeyBytes);
    require(keys->codeDownload.size() == GatewayKeyCsv::kKeyBytes);
    const prov::Result<GatewayKeys> again = GatewayKeyCsv::parse(GatewayKeyCsv::format(*keys));
    require(again.ok());
    require(again->gateway.equals(keys->gateway) && again->codeDownload.equals(keys->codeDownload));
    return 0;
}

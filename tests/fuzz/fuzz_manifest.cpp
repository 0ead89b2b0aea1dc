// The manifest.xml parser on arbitrary bytes (a package comes from outside the
// factory). A manifest it accepts must survive the writer: ManifestWriter's
// output of the parsed values parses again to the same values, so what the
// server stores and re-exports is what the package said.
#include "FuzzSupport.h"

#include "package/ManifestParser.h"
#include "package/ManifestWriter.h"

using namespace prov::package;
using prov::fuzz::require;

namespace {

bool sameRef(const ManifestFileRef &a, const ManifestFileRef &b)
{
    return a.role == b.role && a.path == b.path && a.md5 == b.md5;
}

bool sameApp(const ManifestApp &a, const ManifestApp &b)
{
    return a.name == b.name && a.version == b.version && a.publicKey.has_value() == b.publicKey.has_value()
        && (!a.publicKey || sameRef(*a.publicKey, *b.publicKey)) && sameRef(a.firmware, b.firmware)
        && sameRef(a.fieldConfig, b.fieldConfig) && sameRef(a.factoryConfig, b.factoryConfig);
}

bool sameManifest(const Manifest &a, const Manifest &b)
{
    if (a.apps.size() != b.apps.size())
        return false;
    for (qsizetype i = 0; i < a.apps.size(); ++i) {
        if (!sameApp(a.apps.at(i), b.apps.at(i)))
            return false;
    }
    return a.formatVersion == b.formatVersion && a.configId == b.configId && a.appLabel == b.appLabel
        && a.aliases == b.aliases && sameRef(a.kmsPublicKey, b.kmsPublicKey) && sameRef(a.gatewayKeys, b.gatewayKeys)
        && sameRef(a.gatewayKeysSignature, b.gatewayKeysSignature) && a.nodeType == b.nodeType
        && a.nodeVersion == b.nodeVersion && sameRef(a.nodeFirmware, b.nodeFirmware)
        && sameRef(a.nodeFieldConfig, b.nodeFieldConfig) && sameRef(a.nodeFactoryConfig, b.nodeFactoryConfig);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray xml(reinterpret_cast<const char *>(data), qsizetype(size));
    const prov::Result<Manifest> parsed = ManifestParser::parse(xml);
    if (!parsed) {
        require(!parsed.error().message.isEmpty());
        return 0;
    }
    const Manifest &manifest = *parsed;
    for (const ManifestFileRef &ref : manifest.allFiles()) {
        require(!ref.path.isEmpty() && !ref.role.isEmpty());
        require(ref.md5.isEmpty() || ref.md5.size() == 32);
    }
    const prov::Result<Manifest> again = ManifestParser::parse(ManifestWriter::write(manifest));
    require(again.ok());
    require(sameManifest(manifest, *again));
    return 0;
}

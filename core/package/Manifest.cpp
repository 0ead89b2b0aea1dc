#include "package/Manifest.h"

namespace prov::package {

QList<ManifestFileRef> Manifest::allFiles() const
{
    QList<ManifestFileRef> files {
        kmsPublicKey, gatewayKeys, gatewayKeysSignature, nodeFirmware, nodeFieldConfig, nodeFactoryConfig};
    for (const ManifestApp &app : apps) {
        if (app.publicKey)
            files.append(*app.publicKey);
        files.append(app.firmware);
        files.append(app.fieldConfig);
        files.append(app.factoryConfig);
    }
    return files;
}

} // namespace prov::package

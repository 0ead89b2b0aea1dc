#pragma once

#include "domain/ConfigId.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace prov::package {

/// One `file` reference of the manifest, with the role it plays.
struct ManifestFileRef
{
    QString role; ///< "node/firmware", "app/emcm/publicKey", "kmsPublicKey", "gatewayKeys", ...
    QString path; ///< as written in the manifest
    QString md5; ///< 32 hex digits as written; empty for key files (no md5 in the schema)
};

struct ManifestApp
{
    QString name;
    QString version;
    std::optional<ManifestFileRef> publicKey;
    ManifestFileRef firmware;
    ManifestFileRef fieldConfig;
    ManifestFileRef factoryConfig;
};

/// manifest.xml as the schema describes it, after validation (schemas/manifest.xsd).
struct Manifest
{
    int formatVersion = 1;
    ConfigId configId;
    QString appLabel;
    QStringList aliases;
    ManifestFileRef kmsPublicKey;
    ManifestFileRef gatewayKeys;
    ManifestFileRef gatewayKeysSignature;
    QString nodeType;
    QString nodeVersion;
    ManifestFileRef nodeFirmware;
    ManifestFileRef nodeFieldConfig;
    ManifestFileRef nodeFactoryConfig;
    QList<ManifestApp> apps;
    QStringList warnings; ///< not errors: e.g. an alias listed twice

    /// Every file reference in document order (a path may appear several times).
    [[nodiscard]] QList<ManifestFileRef> allFiles() const;
};

} // namespace prov::package

#pragma once

#include "package/PackageInfo.h"

#include <QJsonObject>
#include <QString>

namespace prov::package {

/// The "Uploaded Package Information" the legacy import form showed before the
/// import button: config ID, app label, aliases, node type and version, apps with
/// versions, KMS key fingerprint (plus package digest and warnings). Used by
/// provstation-server import (dry run and real) and provstation-pack. Never
/// shows key material: only public-key fingerprints.
class PackageInfoFormatter
{
public:
    /// Aligned "Label: value" lines, ending with a newline.
    [[nodiscard]] static QString toText(const PackageInfo &info);
    /// The same facts for the HTTP API: configId, appLabel, aliases, nodeType,
    /// nodeVersion, apps[{name, version, publicKeyFingerprint}], kmsFingerprint,
    /// packageSha256 (hex), packageSize, files[{path, roles, size, md5, sha256}], warnings.
    [[nodiscard]] static QJsonObject toJson(const PackageInfo &info);
};

} // namespace prov::package

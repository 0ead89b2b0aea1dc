#pragma once

#include "package/Manifest.h"

#include <QByteArray>

namespace prov::package {

/// Writes manifest.xml (QXmlStreamWriter, UTF-8, indented) in the element order of
/// manifest.xsd. The caller validates the values (ManifestRules); PackageWriter does.
class ManifestWriter
{
public:
    [[nodiscard]] static QByteArray write(const Manifest &manifest);
};

} // namespace prov::package

#pragma once

#include "domain/Result.h"
#include "package/Manifest.h"

#include <QByteArray>
#include <QString>

namespace prov::package {

/// Reads manifest.xml with QXmlStreamReader and validates it to the letter of
/// schemas/manifest.xsd: element order and multiplicity, required and
/// unknown attributes, every simple-type pattern, empty elements really empty.
/// Any DOCTYPE (and so any DTD or entity declaration) is rejected before it can
/// be used. Rules beyond the schema, each from package-format.md: formatVersion 1
/// only, provConfigId fits 64 bits, file paths relative without `..`, app names
/// unique. Errors name the file, the line and the rule broken.
class ManifestParser
{
public:
    [[nodiscard]] static Result<Manifest> parse(
        const QByteArray &xml, const QString &fileName = QStringLiteral("manifest.xml"));
};

} // namespace prov::package

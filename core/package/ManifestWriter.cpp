#include "package/ManifestWriter.h"

#include <QXmlStreamWriter>

namespace prov::package {

namespace {

void writeFile(QXmlStreamWriter &xml, const QString &element, const ManifestFileRef &ref)
{
    xml.writeEmptyElement(element);
    xml.writeAttribute(QStringLiteral("file"), ref.path);
    if (!ref.md5.isEmpty())
        xml.writeAttribute(QStringLiteral("md5"), ref.md5);
}

} // namespace

QByteArray ManifestWriter::write(const Manifest &manifest)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("provisioningPackage"));
    xml.writeAttribute(QStringLiteral("formatVersion"), QString::number(manifest.formatVersion));
    xml.writeTextElement(QStringLiteral("provConfigId"), manifest.configId.toString());
    xml.writeTextElement(QStringLiteral("appLabel"), manifest.appLabel);
    for (const QString &alias : manifest.aliases)
        xml.writeTextElement(QStringLiteral("alias"), alias);
    writeFile(xml, QStringLiteral("kmsPublicKey"), manifest.kmsPublicKey);
    xml.writeEmptyElement(QStringLiteral("gatewayKeys"));
    xml.writeAttribute(QStringLiteral("file"), manifest.gatewayKeys.path);
    xml.writeAttribute(QStringLiteral("signature"), manifest.gatewayKeysSignature.path);
    xml.writeStartElement(QStringLiteral("node"));
    xml.writeAttribute(QStringLiteral("type"), manifest.nodeType);
    xml.writeAttribute(QStringLiteral("version"), manifest.nodeVersion);
    writeFile(xml, QStringLiteral("firmware"), manifest.nodeFirmware);
    writeFile(xml, QStringLiteral("fieldConfig"), manifest.nodeFieldConfig);
    writeFile(xml, QStringLiteral("factoryConfig"), manifest.nodeFactoryConfig);
    xml.writeEndElement();
    for (const ManifestApp &app : manifest.apps) {
        xml.writeStartElement(QStringLiteral("app"));
        xml.writeAttribute(QStringLiteral("name"), app.name);
        xml.writeAttribute(QStringLiteral("version"), app.version);
        if (app.publicKey)
            writeFile(xml, QStringLiteral("publicKey"), *app.publicKey);
        writeFile(xml, QStringLiteral("firmware"), app.firmware);
        writeFile(xml, QStringLiteral("fieldConfig"), app.fieldConfig);
        writeFile(xml, QStringLiteral("factoryConfig"), app.factoryConfig);
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace prov::package

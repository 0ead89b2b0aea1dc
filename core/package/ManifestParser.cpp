#include "package/ManifestParser.h"

#include "package/ManifestRules.h"

#include <QXmlStreamReader>

#include <functional>
#include <optional>

namespace prov::package {

namespace {

using Token = QXmlStreamReader::TokenType;

const QString kXsiNamespace = QStringLiteral("http://www.w3.org/2001/XMLSchema-instance");

/// One element of an xs:sequence: name, minOccurs, maxOccurs (-1 = unbounded).
struct Particle
{
    QString name;
    int min = 1;
    int max = 1;
};

QString quoted(QStringView text)
{
    return u'"' + text.toString() + u'"';
}

class Parser
{
public:
    Parser(const QByteArray &xml, const QString &fileName)
        : m_xml(xml)
        , m_file(fileName)
    { }

    Result<Manifest> run()
    {
        if (!parseDocument())
            return *m_error;
        return std::move(m_manifest);
    }

private:
    bool fail(const QString &what)
    {
        if (!m_error) {
            m_error = makeError(ResultCode::InvalidArguments,
                QStringLiteral("%1 line %2: %3").arg(m_file).arg(m_xml.lineNumber()).arg(what));
        }
        return false;
    }

    bool failToken(Token token)
    {
        switch (token) {
        case QXmlStreamReader::DTD:
            return fail(QStringLiteral("a DOCTYPE is not allowed in a package manifest (no DTD, no entities)"));
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("entity reference &%1; is not allowed in a package manifest").arg(m_xml.name()));
        case QXmlStreamReader::Invalid: {
            const QString why = m_xml.errorString();
            // Qt reports an undeclared entity as a well-formedness error; say what it is.
            if (why.contains(QLatin1String("ntity")))
                return fail(QStringLiteral("entity references are not allowed in a package manifest (%1)").arg(why));
            return fail(QStringLiteral("not well-formed XML: %1").arg(why));
        }
        default:
            return fail(QStringLiteral("unexpected XML token %1").arg(m_xml.tokenString()));
        }
    }

    bool checkElementNamespace()
    {
        if (!m_xml.namespaceUri().isEmpty()) {
            return fail(QStringLiteral("element <%1> is in namespace %2; manifest elements have no namespace")
                            .arg(m_xml.qualifiedName(), m_xml.namespaceUri()));
        }
        return true;
    }

    /// Every attribute is known; only xsi:schemaLocation/noNamespaceSchemaLocation
    /// are allowed besides (XSD allows them on any element).
    bool checkAttributes(const QString &element, const QStringList &allowed)
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        for (const QXmlStreamAttribute &attribute : attributes) {
            if (!attribute.namespaceUri().isEmpty()) {
                if (attribute.namespaceUri() == kXsiNamespace
                    && (attribute.name() == u"schemaLocation" || attribute.name() == u"noNamespaceSchemaLocation"))
                    continue;
                return fail(
                    QStringLiteral("attribute %1 is not allowed on <%2>").arg(attribute.qualifiedName(), element));
            }
            if (!allowed.contains(attribute.name().toString()))
                return fail(QStringLiteral("unknown attribute %1 on <%2>").arg(attribute.name(), element));
        }
        return true;
    }

    std::optional<QString> requiredAttribute(const QString &element, const QString &name)
    {
        const QXmlStreamAttributes attributes = m_xml.attributes();
        for (const QXmlStreamAttribute &attribute : attributes) {
            if (attribute.namespaceUri().isEmpty() && attribute.name() == name)
                return attribute.value().toString();
        }
        fail(QStringLiteral("<%1> lacks the required attribute %2").arg(element, name));
        return std::nullopt;
    }

    /// Next start or end tag inside element-only content: whitespace, comments and
    /// processing instructions are skipped, anything else is an error.
    Token nextTag(const QString &parent)
    {
        for (;;) {
            const Token token = m_xml.readNext();
            switch (token) {
            case QXmlStreamReader::StartElement:
                return checkElementNamespace() ? token : QXmlStreamReader::Invalid;
            case QXmlStreamReader::EndElement:
                return token;
            case QXmlStreamReader::Characters:
                if (m_xml.isWhitespace())
                    continue;
                fail(QStringLiteral("text %1 is not allowed in <%2>").arg(quoted(m_xml.text().trimmed()), parent));
                return QXmlStreamReader::Invalid;
            case QXmlStreamReader::Comment:
            case QXmlStreamReader::ProcessingInstruction:
                continue;
            default:
                failToken(token);
                return QXmlStreamReader::Invalid;
            }
        }
    }

    /// An element of simple type: its text (comments and PIs may interleave).
    std::optional<QString> readText(const QString &element)
    {
        if (!checkAttributes(element, {}))
            return std::nullopt;
        QString text;
        for (;;) {
            const Token token = m_xml.readNext();
            switch (token) {
            case QXmlStreamReader::Characters:
                text += m_xml.text();
                continue;
            case QXmlStreamReader::Comment:
            case QXmlStreamReader::ProcessingInstruction:
                continue;
            case QXmlStreamReader::EndElement:
                return text;
            case QXmlStreamReader::StartElement:
                fail(QStringLiteral("<%1> may hold only text, not the element <%2>").arg(element, m_xml.name()));
                return std::nullopt;
            default:
                failToken(token);
                return std::nullopt;
            }
        }
    }

    /// An element whose type has attributes only: no text at all, not even
    /// whitespace (XSD "empty" content), no child elements.
    bool readEmpty(const QString &element)
    {
        for (;;) {
            const Token token = m_xml.readNext();
            switch (token) {
            case QXmlStreamReader::EndElement:
                return true;
            case QXmlStreamReader::Comment:
            case QXmlStreamReader::ProcessingInstruction:
                continue;
            case QXmlStreamReader::Characters:
                return fail(QStringLiteral("<%1> must be empty but holds text").arg(element));
            case QXmlStreamReader::StartElement:
                return fail(QStringLiteral("<%1> must be empty but holds the element <%2>").arg(element, m_xml.name()));
            default:
                return failToken(token);
            }
        }
    }

    /// Children of `parent` in the order and numbers `particles` allow; `handle`
    /// is called on each start tag with the index of its particle.
    bool parseSequence(const QString &parent, const QList<Particle> &particles, const std::function<bool(int)> &handle)
    {
        int current = 0;
        int count = 0;
        for (;;) {
            const Token token = nextTag(parent);
            if (token == QXmlStreamReader::Invalid)
                return false;
            if (token == QXmlStreamReader::EndElement)
                break;
            const QString name = m_xml.name().toString();
            int index = -1;
            for (int i = 0; i < particles.size(); ++i) {
                if (particles[i].name == name)
                    index = i;
            }
            if (index < 0)
                return fail(QStringLiteral("unknown element <%1> in <%2>").arg(name, parent));
            if (index < current) {
                return fail(QStringLiteral("element <%1> is out of order in <%2>: it must come before <%3>")
                                .arg(name, parent, particles[current].name));
            }
            if (index == current && particles[index].max >= 0 && count >= particles[index].max)
                return fail(QStringLiteral("element <%1> appears more than once in <%2>").arg(name, parent));
            while (current < index) {
                if (count < particles[current].min) {
                    return fail(QStringLiteral("<%1> lacks the required element <%2> before <%3>")
                                    .arg(parent, particles[current].name, name));
                }
                ++current;
                count = 0;
            }
            ++count;
            if (!handle(index))
                return false;
        }
        for (; current < particles.size(); ++current, count = 0) {
            if (count < particles[current].min)
                return fail(
                    QStringLiteral("<%1> lacks the required element <%2>").arg(parent, particles[current].name));
        }
        return true;
    }

    bool checkPath(const QString &element, const QString &attribute, const QString &path)
    {
        if (!ManifestRules::isPathLength(path)) {
            return fail(QStringLiteral("%1 of <%2> must be 1 to %3 characters long")
                            .arg(attribute, element)
                            .arg(ManifestRules::kMaxPathChars));
        }
        const Result<QString> normalised = ManifestRules::normalisePath(path);
        if (!normalised)
            return fail(QStringLiteral("%1 of <%2>: %3; package paths are relative to the archive root, without \"..\"")
                            .arg(attribute, element, normalised.error().message));
        if (normalised->isEmpty())
            return fail(QStringLiteral("%1 of <%2> names the archive root, not a file").arg(attribute, element));
        return true;
    }

    /// fileRef (file) or hashedFile (file + md5).
    std::optional<ManifestFileRef> readFileRef(const QString &element, const QString &role, bool hashed)
    {
        QStringList allowed {QStringLiteral("file")};
        if (hashed)
            allowed.append(QStringLiteral("md5"));
        if (!checkAttributes(element, allowed))
            return std::nullopt;
        ManifestFileRef ref;
        ref.role = role;
        const std::optional<QString> file = requiredAttribute(element, QStringLiteral("file"));
        if (!file || !checkPath(element, QStringLiteral("file"), *file))
            return std::nullopt;
        ref.path = *file;
        if (hashed) {
            const std::optional<QString> md5 = requiredAttribute(element, QStringLiteral("md5"));
            if (!md5)
                return std::nullopt;
            if (!ManifestRules::isMd5(*md5)) {
                fail(QStringLiteral("md5 %1 of <%2 file=\"%3\"> is not 32 hexadecimal digits")
                         .arg(quoted(*md5), element, *file));
                return std::nullopt;
            }
            ref.md5 = *md5;
        }
        if (!readEmpty(element))
            return std::nullopt;
        return ref;
    }

    bool readVersion(const QString &element, QString *version)
    {
        const std::optional<QString> value = requiredAttribute(element, QStringLiteral("version"));
        if (!value)
            return false;
        if (!ManifestRules::isVersion(*value)) {
            return fail(QStringLiteral("version %1 of <%2> is not dotted decimal with 1 to 4 parts (e.g. 1.2.3.4)")
                            .arg(quoted(*value), element));
        }
        *version = *value;
        return true;
    }

    bool parseNode()
    {
        const QString element = QStringLiteral("node");
        if (!checkAttributes(element, {QStringLiteral("type"), QStringLiteral("version")}))
            return false;
        const std::optional<QString> type = requiredAttribute(element, QStringLiteral("type"));
        if (!type)
            return false;
        if (!ManifestRules::isNodeType(*type))
            return fail(QStringLiteral("node type %1 is not one of UNODE, ENODE, DNODE").arg(quoted(*type)));
        m_manifest.nodeType = *type;
        if (!readVersion(element, &m_manifest.nodeVersion))
            return false;
        const QList<Particle> particles {
            {QStringLiteral("firmware")}, {QStringLiteral("fieldConfig")}, {QStringLiteral("factoryConfig")}};
        ManifestFileRef *targets[]
            = {&m_manifest.nodeFirmware, &m_manifest.nodeFieldConfig, &m_manifest.nodeFactoryConfig};
        return parseSequence(element, particles, [&](int index) {
            const QString &name = particles[index].name;
            std::optional<ManifestFileRef> ref = readFileRef(name, QStringLiteral("node/") + name, true);
            if (!ref)
                return false;
            *targets[index] = *ref;
            return true;
        });
    }

    bool parseApp()
    {
        const QString element = QStringLiteral("app");
        if (!checkAttributes(element, {QStringLiteral("name"), QStringLiteral("version")}))
            return false;
        ManifestApp app;
        const std::optional<QString> name = requiredAttribute(element, QStringLiteral("name"));
        if (!name)
            return false;
        if (!ManifestRules::isName(*name))
            return fail(
                QStringLiteral("app name %1 is not 1 to 64 characters of A-Z a-z 0-9 . _ -").arg(quoted(*name)));
        for (const ManifestApp &other : std::as_const(m_manifest.apps)) {
            if (other.name == *name)
                return fail(QStringLiteral("app %1 appears more than once").arg(quoted(*name)));
        }
        app.name = *name;
        if (!readVersion(QStringLiteral("app name=\"%1\"").arg(app.name), &app.version))
            return false;
        const QList<Particle> particles {{QStringLiteral("publicKey"), 0, 1}, {QStringLiteral("firmware")},
            {QStringLiteral("fieldConfig")}, {QStringLiteral("factoryConfig")}};
        const QString rolePrefix = QStringLiteral("app/") + app.name + u'/';
        const bool ok = parseSequence(element, particles, [&](int index) {
            const QString &child = particles[index].name;
            std::optional<ManifestFileRef> ref = readFileRef(child, rolePrefix + child, index != 0);
            if (!ref)
                return false;
            switch (index) {
            case 0:
                app.publicKey = *ref;
                break;
            case 1:
                app.firmware = *ref;
                break;
            case 2:
                app.fieldConfig = *ref;
                break;
            default:
                app.factoryConfig = *ref;
                break;
            }
            return true;
        });
        if (ok)
            m_manifest.apps.append(app);
        return ok;
    }

    bool parseGatewayKeys()
    {
        const QString element = QStringLiteral("gatewayKeys");
        if (!checkAttributes(element, {QStringLiteral("file"), QStringLiteral("signature")}))
            return false;
        const std::optional<QString> file = requiredAttribute(element, QStringLiteral("file"));
        if (!file || !checkPath(element, QStringLiteral("file"), *file))
            return false;
        const std::optional<QString> signature = requiredAttribute(element, QStringLiteral("signature"));
        if (!signature || !checkPath(element, QStringLiteral("signature"), *signature))
            return false;
        m_manifest.gatewayKeys = {QStringLiteral("gatewayKeys"), *file, {}};
        m_manifest.gatewayKeysSignature = {QStringLiteral("gatewayKeysSignature"), *signature, {}};
        return readEmpty(element);
    }

    bool parseChildOfRoot(int index)
    {
        switch (index) {
        case 0: { // provConfigId
            const std::optional<QString> text = readText(QStringLiteral("provConfigId"));
            if (!text)
                return false;
            if (!ManifestRules::isU64(*text)) {
                return fail(QStringLiteral("provConfigId %1 is not an unsigned 64-bit number (0x-prefixed hex or "
                                           "decimal, no spaces)")
                                .arg(quoted(*text)));
            }
            const Result<quint64> value = ManifestRules::u64Value(*text);
            if (!value)
                return fail(QStringLiteral("provConfigId %1 does not fit in 64 bits").arg(quoted(*text)));
            m_manifest.configId = ConfigId(*value);
            return true;
        }
        case 1:
        case 2: { // appLabel, alias
            const QString element = index == 1 ? QStringLiteral("appLabel") : QStringLiteral("alias");
            const std::optional<QString> text = readText(element);
            if (!text)
                return false;
            if (!ManifestRules::isName(*text)) {
                return fail(
                    QStringLiteral("%1 %2 is not 1 to 64 characters of A-Z a-z 0-9 . _ -").arg(element, quoted(*text)));
            }
            if (index == 1) {
                m_manifest.appLabel = *text;
            } else if (m_manifest.aliases.contains(*text)) {
                m_warnings.append(QStringLiteral("alias %1 is listed twice").arg(*text));
            } else {
                m_manifest.aliases.append(*text);
            }
            return true;
        }
        case 3: {
            const std::optional<ManifestFileRef> ref
                = readFileRef(QStringLiteral("kmsPublicKey"), QStringLiteral("kmsPublicKey"), false);
            if (ref)
                m_manifest.kmsPublicKey = *ref;
            return ref.has_value();
        }
        case 4:
            return parseGatewayKeys();
        case 5:
            return parseNode();
        default:
            return parseApp();
        }
    }

    bool parseFormatVersion()
    {
        const std::optional<QString> raw
            = requiredAttribute(QStringLiteral("provisioningPackage"), QStringLiteral("formatVersion"));
        if (!raw)
            return false;
        // xs:positiveInteger collapses whitespace and allows a leading '+' and zeros.
        QString text = raw->trimmed();
        if (text.startsWith(u'+'))
            text.remove(0, 1);
        bool digits = !text.isEmpty();
        for (const QChar c : std::as_const(text))
            digits = digits && c >= u'0' && c <= u'9';
        while (text.size() > 1 && text.startsWith(u'0'))
            text.remove(0, 1);
        if (!digits || text == u"0")
            return fail(QStringLiteral("formatVersion %1 is not a positive integer").arg(quoted(*raw)));
        if (text != QString::number(ManifestRules::kSupportedFormatVersion)) {
            return fail(QStringLiteral("formatVersion %1 is not supported (this reader supports %2)")
                            .arg(*raw)
                            .arg(ManifestRules::kSupportedFormatVersion));
        }
        m_manifest.formatVersion = ManifestRules::kSupportedFormatVersion;
        return true;
    }

    bool parseDocument()
    {
        // Prolog: XML declaration, comments, PIs, whitespace; a DOCTYPE is refused here,
        // before any entity it declares could be used.
        for (;;) {
            const Token token = m_xml.readNext();
            if (token == QXmlStreamReader::StartElement)
                break;
            if (token == QXmlStreamReader::StartDocument || token == QXmlStreamReader::Comment
                || token == QXmlStreamReader::ProcessingInstruction
                || (token == QXmlStreamReader::Characters && m_xml.isWhitespace()))
                continue;
            if (token == QXmlStreamReader::EndDocument)
                return fail(QStringLiteral("no root element"));
            return failToken(token);
        }
        if (!checkElementNamespace())
            return false;
        if (m_xml.name() != u"provisioningPackage") {
            return fail(
                QStringLiteral("root element is <%1>, expected <provisioningPackage>").arg(m_xml.qualifiedName()));
        }
        if (!checkAttributes(QStringLiteral("provisioningPackage"), {QStringLiteral("formatVersion")})
            || !parseFormatVersion())
            return false;
        const QList<Particle> particles {{QStringLiteral("provConfigId")}, {QStringLiteral("appLabel")},
            {QStringLiteral("alias"), 0, -1}, {QStringLiteral("kmsPublicKey")}, {QStringLiteral("gatewayKeys")},
            {QStringLiteral("node")}, {QStringLiteral("app"), 0, -1}};
        if (!parseSequence(QStringLiteral("provisioningPackage"), particles,
                [this](int index) { return parseChildOfRoot(index); }))
            return false;
        // Epilog: only comments, PIs and whitespace may follow the root element.
        for (;;) {
            const Token token = m_xml.readNext();
            if (token == QXmlStreamReader::EndDocument)
                break;
            if (token == QXmlStreamReader::Comment || token == QXmlStreamReader::ProcessingInstruction
                || (token == QXmlStreamReader::Characters && m_xml.isWhitespace()))
                continue;
            return failToken(token);
        }
        m_manifest.warnings = m_warnings;
        return true;
    }

    QXmlStreamReader m_xml;
    QString m_file;
    Manifest m_manifest;
    QStringList m_warnings;
    std::optional<Error> m_error;
};

} // namespace

Result<Manifest> ManifestParser::parse(const QByteArray &xml, const QString &fileName)
{
    return Parser(xml, fileName).run();
}

} // namespace prov::package

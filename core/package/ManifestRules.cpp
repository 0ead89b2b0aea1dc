#include "package/ManifestRules.h"

#include <QRegularExpression>
#include <QStringList>

namespace prov::package::ManifestRules {

namespace {

// XSD patterns are implicitly anchored at both ends; anchoredPattern() gives the
// same meaning (\A...\z, so a trailing newline never slips through as with `$`).
bool matches(const QRegularExpression &re, QStringView text)
{
    return re.match(text).hasMatch();
}

QRegularExpression anchored(const QString &pattern)
{
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

} // namespace

bool isU64(QStringView text)
{
    static const QRegularExpression re = anchored(QStringLiteral("0[xX][0-9A-Fa-f]{1,16}|[0-9]{1,20}"));
    return matches(re, text);
}

bool isMd5(QStringView text)
{
    static const QRegularExpression re = anchored(QStringLiteral("[0-9A-Fa-f]{32}"));
    return matches(re, text);
}

bool isVersion(QStringView text)
{
    static const QRegularExpression re = anchored(QStringLiteral("[0-9]+(\\.[0-9]+){0,3}"));
    return matches(re, text);
}

bool isName(QStringView text)
{
    static const QRegularExpression re = anchored(QStringLiteral("[A-Za-z0-9._\\-]{1,64}"));
    return matches(re, text);
}

bool isNodeType(QStringView text)
{
    return text == u"UNODE" || text == u"ENODE" || text == u"DNODE";
}

bool isPathLength(QStringView text)
{
    // XSD lengths count characters (code points), not UTF-16 units.
    const qsizetype chars = text.toUcs4().size();
    return chars >= 1 && chars <= kMaxPathChars;
}

Result<quint64> u64Value(QStringView text)
{
    bool ok = false;
    quint64 value = 0;
    if (text.size() > 2 && text[0] == u'0' && (text[1] == u'x' || text[1] == u'X'))
        value = text.mid(2).toULongLong(&ok, 16);
    else
        value = text.toULongLong(&ok, 10);
    if (!ok)
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("%1 is not an unsigned 64-bit number").arg(text.toString()));
    return value;
}

Result<QString> normalisePath(const QString &path)
{
    if (path.startsWith(u'/'))
        return makeError(ResultCode::InvalidArguments, QStringLiteral("\"%1\" is an absolute path").arg(path));
    QStringList parts;
    const QStringList raw = path.split(u'/');
    for (const QString &part : raw) {
        if (part.isEmpty() || part == u".")
            continue;
        if (part == u"..")
            return makeError(ResultCode::InvalidArguments, QStringLiteral("\"%1\" has a \"..\" component").arg(path));
        parts.append(part);
    }
    return parts.join(u'/');
}

} // namespace prov::package::ManifestRules

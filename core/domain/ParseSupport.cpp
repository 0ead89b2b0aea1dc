#include "domain/ParseSupport.h"

namespace prov::parsesupport {

std::string asciiOrInvalid(QStringView text)
{
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(text.size()));
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        bytes.push_back(u < 0x80 ? static_cast<char>(u) : '\x7F');
    }
    return bytes;
}

QString quoted(QStringView text)
{
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), kMaxQuotedChars) + 8);
    out += u'"';
    qsizetype count = 0;
    for (const QChar c : text) {
        if (count++ == kMaxQuotedChars) {
            out += QLatin1String("...");
            break;
        }
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7F || (u >= 0x80 && !c.isPrint()))
            out += QStringLiteral("\\u%1").arg(static_cast<uint>(u), 4, 16, QLatin1Char('0'));
        else if (u == u'"' || u == u'\\')
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    out += u'"';
    return out;
}

} // namespace prov::parsesupport

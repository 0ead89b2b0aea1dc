#include "support/LogSafe.h"

namespace prov {

namespace {

bool isInvisibleFormatting(char16_t c)
{
    // Line and paragraph separators, and the bidirectional embeddings,
    // overrides and isolates that reorder how a line reads.
    return c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E
        || c == 0x200F || c == 0x061C;
}

} // namespace

QString logSafe(QStringView text, qsizetype maxChars)
{
    const QStringView shown = text.left(maxChars);
    QString out;
    out.reserve(shown.size() + 16);
    for (const QChar qc : shown) {
        const char16_t c = qc.unicode();
        switch (c) {
        case u'\n':
            out += QStringLiteral("\\n");
            continue;
        case u'\r':
            out += QStringLiteral("\\r");
            continue;
        case u'\t':
            out += QStringLiteral("\\t");
            continue;
        case u'\\':
            out += QStringLiteral("\\\\");
            continue;
        default:
            break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else if (isInvisibleFormatting(c))
            out += QStringLiteral("\\u{%1}").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            out += qc;
    }
    if (text.size() > shown.size())
        out += QStringLiteral("...(%1 more characters)").arg(text.size() - shown.size());
    return out;
}

QString logSafe(QByteArrayView bytes, qsizetype maxChars)
{
    // Decode no more than can be shown (a character is at most 4 bytes of UTF-8).
    const qsizetype take = qMin(bytes.size(), maxChars * 4);
    const QString text = QString::fromUtf8(bytes.first(take));
    if (take == bytes.size() && text.size() <= maxChars)
        return logSafe(QStringView(text), maxChars);
    return logSafe(QStringView(text).left(maxChars), maxChars)
        + QStringLiteral("...(%1 bytes in all)").arg(bytes.size());
}

} // namespace prov

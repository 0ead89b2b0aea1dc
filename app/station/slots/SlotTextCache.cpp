#include "slots/SlotTextCache.h"

#include <QFontMetrics>
#include <QTransform>

namespace prov::gui {

namespace {
QString keyOf(const QFont &font, int width, const QString &text)
{
    return font.key() + QChar(0x1f) + QString::number(width) + QChar(0x1f) + text;
}
} // namespace

const QStaticText &SlotTextCache::text(const QFont &font, const QString &text, int width)
{
    const QString key = keyOf(font, width, text);
    auto it = m_texts.find(key);
    if (it != m_texts.end())
        return *it;
    if (m_texts.size() >= kMaxEntries)
        m_texts.clear();
    QStaticText laidOut(width > 0 ? QFontMetrics(font).elidedText(text, Qt::ElideRight, width) : text);
    laidOut.setTextFormat(Qt::PlainText);
    laidOut.prepare(QTransform(), font);
    return *m_texts.insert(key, laidOut);
}

int SlotTextCache::width(const QFont &font, const QString &text)
{
    const QString key = keyOf(font, 0, text);
    auto it = m_widths.find(key);
    if (it != m_widths.end())
        return *it;
    if (m_widths.size() >= kMaxEntries)
        m_widths.clear();
    return *m_widths.insert(key, QFontMetrics(font).horizontalAdvance(text));
}

} // namespace prov::gui

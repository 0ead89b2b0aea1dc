#pragma once

// Text helpers shared by the slot widget's layout and painting (internal).

#include <QFont>
#include <QFontMetrics>
#include <QString>
#include <QTextLayout>

namespace prov::gui::slottext {

/// Space between the card's parts and the slot's edge.
constexpr int kMargin = 4;

inline QFont pixelFont(const QFont &base, int px, bool bold = false)
{
    QFont font(base);
    font.setPixelSize(qMax(8, px));
    font.setBold(bold);
    return font;
}

/// How many lines `text` takes word-wrapped to `width` in `font` (at most
/// `maxLines`; a word longer than the width breaks where it must).
inline int lineCount(const QFont &font, const QString &text, int width, int maxLines)
{
    if (text.isEmpty())
        return 0;
    if (!text.contains(QChar::LineSeparator) && QFontMetrics(font).horizontalAdvance(text) <= width)
        return 1;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    int lines = 0;
    while (lines < maxLines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        ++lines;
    }
    layout.endLayout();
    return qMax(1, lines);
}

} // namespace prov::gui::slottext

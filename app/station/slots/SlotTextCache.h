#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>

namespace prov::gui {

/// Texts laid out once (QStaticText) and drawn many times: the slots of a
/// grid draw the same elapsed times, percentages and step names on every
/// progress tick, and shaping them again each time (HarfBuzz, in drawText,
/// horizontalAdvance and elidedText) was the largest part of a tick's paint
/// (bench_gui, perf). Shared by the slots of one grid; it dies with the last
/// of them, so before the application's fonts.
class SlotTextCache
{
public:
    /// `text` in `font`, elided at the right to `width` pixels (<= 0: whole).
    /// Draw it with the painter's font set to `font`.
    const QStaticText &text(const QFont &font, const QString &text, int width = 0);
    /// Its width in pixels, as drawText() would advance.
    int width(const QFont &font, const QString &text);

    /// Entries above this are dropped all at once (a long run adds a time a second).
    static constexpr int kMaxEntries = 2048;
    [[nodiscard]] int size() const { return int(m_texts.size()); }

private:
    QHash<QString, QStaticText> m_texts; ///< key: font key, width, text
    QHash<QString, int> m_widths;
};

} // namespace prov::gui

// SlotWidget: its geometry, and where each of its texts goes.
#include "slots/SlotTextCache.h"
#include "slots/SlotWidget.h"
#include "slots/SlotWidgetText.h"
#include "slots/StatusStyle.h"

#include <QToolButton>

namespace prov::gui {

using slottext::kMargin;
using slottext::lineCount;
using slottext::pixelFont;

namespace {

/// A text that needs more lines than this is cut whatever the room.
constexpr int kMaxLines = 12;
/// What a tool button puts between its icon and its word.
constexpr int kTextSpacing = 4;

/// `text` with the spaces inside its parts made unbreakable: a line breaks
/// between "port 1" and the next part, never inside "port 1".
QString keepPartsTogether(QString text, const QString &separator)
{
    text.replace(separator, QStringLiteral("\x01"));
    text.replace(QLatin1Char(' '), QChar::Nbsp);
    text.replace(QStringLiteral("\x01"), separator);
    return text;
}

} // namespace

SlotWidget::StepFit SlotWidget::stepFit(const QString &step) const
{
    // A long step ("Paso 5 de 14: esperando a que el nodo ...") shrinks, then takes a second line.
    const int px = basePixelSize();
    const int width = this->width() - 3 - 16;
    QFont font = pixelFont(this->font(), px);
    const int smallest = qMax(9, int(px * 0.85)); // no smaller than the slot's other texts
    while (font.pixelSize() > smallest && m_textCache->width(font, step) > width)
        font.setPixelSize(font.pixelSize() - 1);
    if (m_textCache->width(font, step) <= width)
        return {font, 1};
    font.setPixelSize(qMax(smallest, px * 5 / 6));
    return {font, 2};
}

int SlotWidget::basePixelSize() const
{
    // As large as the slot's height allows, but no larger than its width
    // lets a line of IDs or a button row stand (a wide grid of tall slots cut them).
    return qBound(10, qMin(height() / 13, width() / 20), 26);
}

int SlotWidget::bandHeight() const
{
    // Large enough to read from two metres, but a tall card's room goes to
    // its texts (a failure's cause and action) rather than to the band.
    return qMax(28, qMin(int(height() * 0.26), basePixelSize() * 4));
}

void SlotWidget::layoutChildren()
{
    const int px = basePixelSize();
    const int buttonHeight = int(px * 1.9);
    int x = kMargin + 2;
    const int y = height() - kMargin - buttonHeight - 1;
    m_buttonsTop = y;
    // Long translations ("Reintentar", "Rechazar", "Registro") make the row
    // smaller rather than push a button past the card's edge.
    const QList<QToolButton *> buttons = rowButtons();
    const int room = width() - 2 * (kMargin + 2);
    const auto needed = [&](int buttonPx, bool logIconOnly) {
        const QFontMetrics fm(pixelFont(font(), buttonPx, true));
        int sum = 0;
        for (const QToolButton *button : buttons) {
            if (button->isHidden())
                continue;
            // The style's frame around the text and icon, as the button has them now
            // (a word beside the icon adds a few pixels of spacing).
            const bool hasText = button->toolButtonStyle() != Qt::ToolButtonIconOnly;
            const bool showsText = !(button == m_log && logIconOnly);
            const int frame = button->sizeHint().width()
                - (hasText ? button->fontMetrics().horizontalAdvance(button->text()) + kTextSpacing : 0)
                - button->iconSize().width();
            sum += (showsText ? fm.horizontalAdvance(button->text()) + kTextSpacing : 0) + int(buttonPx * 1.1) + frame
                + kMargin;
        }
        return sum;
    };
    // The Log button gives up its word first (its tooltip says it): the buttons
    // for the unit keep a size a finger finds.
    const bool logIconOnly = needed(px, false) > room;
    m_log->setToolButtonStyle(logIconOnly ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    int buttonPx = px;
    while (buttonPx > 9 && needed(buttonPx, logIconOnly) > room)
        --buttonPx;
    const QFont buttonFont = pixelFont(font(), buttonPx, true);
    const int iconSize = int(buttonPx * 1.1);
    for (QToolButton *button : buttons) {
        if (button->isHidden())
            continue;
        // Setting an equal font or icon size still repaints the button: with
        // 64 slots that was most of the window's paint events (bench_gui).
        if (button->font() != buttonFont)
            button->setFont(buttonFont);
        if (button->iconSize() != QSize(iconSize, iconSize))
            button->setIconSize(QSize(iconSize, iconSize));
        const int width = button->sizeHint().width();
        button->setGeometry(x, y, width, buttonHeight);
        x += width + kMargin;
    }
}

/// How much the texts that are not the point of the slot's state give up for
/// room: each choice gives up a little more than the one before it.
struct SlotWidget::Room
{
    int familyLines = 2; ///< meter, operation, port, attempt: wrapped, or one line without the port
    int runOptionLines = 2; ///< the last one elided
    int idLines = 2; ///< whole or not at all: a label is checked against an ID
    bool countsLine = true; ///< the counters above the buttons when they have no room beside them
    int essentialPx = 0; ///< the failure's, the action's and the instruction's size
};

SlotWidget::Layout SlotWidget::computeLayout() const
{
    const Texts &t = m_texts;
    const QRect card = rect().adjusted(1, 1, -2, -2);
    const int px = basePixelSize();
    const int left = card.left() + 8;
    const int width = card.width() - 16;
    const int top = card.top() + 2 + bandHeight() + 4;
    const int buttonRowTop = height() - kMargin - int(px * 1.9) - 2;
    const QFont small = pixelFont(font(), int(px * 0.85));
    const int smallHeight = QFontMetrics(small).height();
    const bool running = m_snapshot.status == SlotStatus::Running;

    // The counters beside the buttons, or on a line of their own above them.
    int buttonsRight = kMargin;
    for (const QToolButton *button : rowButtons()) {
        if (!button->isHidden())
            buttonsRight = qMax(buttonsRight, button->geometry().right());
    }
    const QRect beside(
        buttonsRight + 8, buttonRowTop, card.right() - buttonsRight - 14, height() - buttonRowTop - kMargin);
    const bool countsBeside = QFontMetrics(small).horizontalAdvance(t.counts) <= beside.width();

    // The natural line counts of the texts in the small font (the same for every choice).
    const int runOptionsNeed = lineCount(small, t.runOptions, width, kMaxLines);
    const QString family = keepPartsTogether(t.familyOperation, QStringLiteral(" \u00b7 "));
    const QString ids = keepPartsTogether(t.ids, QStringLiteral("   "));
    const int idsNeed = lineCount(small, ids, width, kMaxLines);
    QStringList warnings {t.attention, t.notice};
    warnings.removeAll(QString());
    const QString warning = warnings.join(QChar::LineSeparator);
    const int warningNeed = lineCount(small, warning, width - 4, kMaxLines);
    const StepFit step = stepFit(t.step);

    const auto layoutFor = [&](const Room &room) {
        Layout l;
        int y = top;
        const auto place = [&](Block &block, int lines, int gap = 0) {
            block.lines = lines;
            if (lines <= 0)
                return;
            y += gap;
            block.rect = QRect(left, y, width, lines * QFontMetrics(block.font).height());
            y += block.rect.height();
        };
        // Meter, operation, port and attempt, with the run's time at the right.
        const QFont familyFont = pixelFont(font(), qMin(px, room.essentialPx), true);
        const QFontMetrics familyMetrics(familyFont);
        l.elapsedFont = familyFont;
        const int elapsedWidth = t.elapsed.isEmpty()
            ? 0
            : qMax(familyMetrics.horizontalAdvance(t.elapsed), familyMetrics.horizontalAdvance(QStringLiteral("88:88")))
                + 4;
        l.family = {family, familyFont, {}, 0, palette().text().color()};
        const int familyNeed = lineCount(familyFont, family, width - elapsedWidth, kMaxLines);
        int familyLines = familyNeed;
        if (familyNeed > room.familyLines) {
            familyLines = 1;
            l.family.text = familyMetrics.elidedText(
                t.familyShorter.value(t.familyShorter.size() - 1), Qt::ElideRight, width - elapsedWidth);
            for (const QString &form : t.familyShorter) {
                if (familyMetrics.horizontalAdvance(form) <= width - elapsedWidth) {
                    l.family.text = form;
                    break;
                }
            }
            l.dropped << t.familyOperation;
        }
        l.elapsed
            = elapsedWidth > 0 ? QRect(left + width - elapsedWidth, y, elapsedWidth, familyMetrics.height()) : QRect();
        place(l.family, familyLines);
        l.family.rect.setWidth(width - elapsedWidth);
        if (familyLines == 0 && elapsedWidth > 0)
            y += familyMetrics.height();

        // The slot group's run options, in the attention colour: a unit left
        // unlocked or without keys on purpose must not pass unnoticed.
        l.runOptions = {t.runOptions, small, {}, 0, StatusStyle::background(SlotStatus::Attention).darker(170)};
        place(l.runOptions, qMin(runOptionsNeed, room.runOptionLines));
        if (l.runOptions.lines < runOptionsNeed)
            l.dropped << t.runOptions;

        // The step and its bar (the progress pass draws them; their room is kept here).
        if (!t.step.isEmpty()) {
            l.step = {t.step, step.font, {}, 0, palette().text().color()};
            place(l.step, step.lines);
            if (step.lines == 1) // the same height whatever the step's name: a tick repaints it in place
                l.step.rect.setHeight(QFontMetrics(pixelFont(font(), px)).height());
            y = l.step.rect.bottom() + 1;
        }
        if (running) {
            l.bar = QRect(left, y + 2, width, int(px * 1.2));
            y = l.bar.bottom() + 4;
        }

        // The failure: what happened, then what to do, the same size.
        const QFont essential = pixelFont(font(), room.essentialPx);
        l.result = {t.result, pixelFont(font(), room.essentialPx, true), {}, 0,
            StatusStyle::background(SlotStatus::Fail).darker(130)};
        place(l.result, lineCount(l.result.font, t.result, width, kMaxLines), 2);
        const QString action = t.action.isEmpty() ? QString() : QStringLiteral("\u2192 ") + t.action;
        l.action = {action, essential, {}, 0, palette().text().color()};
        place(l.action, lineCount(essential, action, width, kMaxLines));
        // What to do next on an idle or passed slot.
        l.instruction = {t.instruction, essential, {}, 0, palette().text().color()};
        place(l.instruction, lineCount(essential, t.instruction, width, kMaxLines));
        // Attention and notices in an orange box.
        l.warning = {warning, small, {}, 0, Qt::black};
        if (warningNeed > 0) {
            place(l.warning, warningNeed, 4);
            l.warningBox = l.warning.rect.adjusted(-2, -2, 2, 2);
            l.warning.rect.adjust(2, 0, -2, 0);
            y += 2;
        }
        // Device IDs, whole or in the tooltip.
        l.ids = {ids, small, {}, 0, palette().text().color()};
        place(l.ids, idsNeed <= room.idLines ? idsNeed : 0);
        if (l.ids.lines < idsNeed)
            l.dropped << t.ids;

        l.counts = {t.counts, small, beside, 1, palette().placeholderText().color()};
        if (!countsBeside) {
            if (room.countsLine) {
                l.counts.rect = QRect(left, buttonRowTop - smallHeight, width, smallHeight);
            } else {
                l.counts.rect = QRect();
                l.counts.lines = 0;
                l.dropped << t.counts;
            }
        }
        return std::pair {l, y};
    };

    // The first choice that leaves everything room; else the last, cut where it must be.
    QList<Room> rooms;
    Room room;
    room.essentialPx = px;
    rooms << room;
    room.countsLine = false;
    rooms << room;
    room.idLines = 1;
    rooms << room;
    room.runOptionLines = 1;
    rooms << room;
    room.familyLines = 1;
    rooms << room;
    room.idLines = 0;
    rooms << room;
    room.runOptionLines = 0;
    rooms << room;
    for (int essentialPx = px - 1; essentialPx >= small.pixelSize(); --essentialPx) {
        room.essentialPx = essentialPx;
        rooms << room;
    }
    Layout layout;
    for (const Room &r : rooms) {
        auto [l, bottom] = layoutFor(r);
        layout = std::move(l);
        const int limit = layout.counts.rect.isValid() && layout.counts.rect.top() < buttonRowTop
            ? layout.counts.rect.top()
            : buttonRowTop;
        if (bottom <= limit)
            return layout;
    }

    // Not even the least room left for the rest is enough: show what fits, and say what did not.
    const int limit = layout.counts.rect.isValid() && layout.counts.rect.top() < buttonRowTop ? layout.counts.rect.top()
                                                                                              : buttonRowTop;
    const auto clip = [&](Block &block, bool mustShow, const QString &text) {
        if (block.lines == 0 || block.rect.bottom() < limit)
            return;
        const int lineHeight = QFontMetrics(block.font).height();
        const int lines = qMax(0, (limit - block.rect.top()) / lineHeight);
        if (lines < block.lines)
            (mustShow ? layout.cut : layout.dropped) << text;
        block.lines = lines;
        block.rect
            = lines > 0 ? QRect(block.rect.left(), block.rect.top(), block.rect.width(), lines * lineHeight) : QRect();
    };
    clip(layout.family, false, t.familyOperation);
    clip(layout.step, true, t.step);
    if (layout.bar.isValid() && layout.bar.bottom() >= limit) {
        layout.bar = QRect();
        layout.cut << t.percent;
    }
    clip(layout.result, true, t.result);
    clip(layout.action, true, t.action);
    clip(layout.instruction, true, t.instruction);
    clip(layout.warning, true, layout.warning.text);
    if (layout.warning.lines == 0)
        layout.warningBox = QRect();
    else
        layout.warningBox.setBottom(layout.warning.rect.bottom() + 2);
    clip(layout.ids, false, t.ids);
    return layout;
}

} // namespace prov::gui

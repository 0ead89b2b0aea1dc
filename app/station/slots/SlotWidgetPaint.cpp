// SlotWidget: its geometry, its painting and its input.
#include "slots/SlotWidget.h"

#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "slots/SlotTextCache.h"
#include "slots/StatusStyle.h"
#include "slots/StepNames.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QTextLayout>
#include <QToolButton>

namespace prov::gui {

namespace {

constexpr int kMargin = 4;

QFont pixelFont(const QFont &base, int px, bool bold = false)
{
    QFont font(base);
    font.setPixelSize(qMax(8, px));
    font.setBold(bold);
    return font;
}

/// Draws a laid-out text in `rect`: left, right or centred, centred vertically.
void drawStatic(QPainter &painter, const QRect &rect, Qt::Alignment horizontal, const QStaticText &text)
{
    const QSizeF size = text.size();
    qreal x = rect.left();
    if (horizontal & Qt::AlignRight)
        x = rect.right() + 1 - size.width();
    else if (horizontal & Qt::AlignHCenter)
        x = rect.left() + (rect.width() - size.width()) / 2;
    const qreal y = rect.top() + (rect.height() - size.height()) / 2;
    painter.drawStaticText(QPointF(qRound(x), qRound(y)), text);
}

/// Draws `text` word-wrapped into `rect` (at most `maxLines`, the last elided);
/// returns the height used. `cut` (when given) tells whether part of it did not fit.
int drawWrapped(QPainter &painter, const QRect &rect, const QString &text, int maxLines, bool *cut = nullptr)
{
    if (cut)
        *cut = !text.isEmpty();
    if (text.isEmpty() || rect.height() <= 0)
        return 0;
    const QFontMetrics fm(painter.font());
    QTextLayout layout(text, painter.font());
    layout.beginLayout();
    int y = 0;
    int lines = 0;
    QStringList shown;
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(rect.width());
        if (y + fm.height() > rect.height() || lines == maxLines)
            break;
        const bool last = lines + 1 == maxLines || y + 2 * fm.height() > rect.height();
        QString part = text.mid(line.textStart(), last ? -1 : line.textLength());
        if (last) {
            const QString whole = part.simplified();
            part = fm.elidedText(whole, Qt::ElideRight, rect.width());
            if (cut)
                *cut = part != whole;
        } else if (cut && line.textStart() + line.textLength() >= text.size()) {
            *cut = false;
        }
        painter.drawText(QRect(rect.left(), rect.top() + y, rect.width(), fm.height()),
            Qt::AlignLeft | Qt::AlignVCenter, part.trimmed());
        y += fm.height();
        ++lines;
        if (last)
            break;
    }
    layout.endLayout();
    return y;
}

/// How many lines `text` takes word-wrapped to `width` in `font` (at most `maxLines`).
int lineCount(const QFont &font, const QString &text, int width, int maxLines)
{
    if (text.isEmpty())
        return 0;
    if (QFontMetrics(font).horizontalAdvance(text) <= width)
        return 1;
    QTextLayout layout(text, font);
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

} // namespace

SlotWidget::StepFit SlotWidget::stepFit(const QString &step) const
{
    // A long step ("Paso 5 de 14: esperando a que el nodo ...") shrinks, then takes a second line.
    const int px = basePixelSize();
    const int width = this->width() - 3 - 16;
    QFont font = pixelFont(this->font(), px);
    const int smallest = qMax(9, px * 2 / 3);
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
    return qMax(28, int(height() * 0.26));
}

QRegion SlotWidget::progressRegion() const
{
    // A run's own news changes nothing in the button row (the buttons and the
    // counters change with the status, painted at once): repainting it would
    // repaint the buttons too.
    if (m_layerDirty || m_progressRegion.isEmpty())
        return QRegion(0, 0, width(), m_buttonsTop > 0 ? m_buttonsTop : height());
    return m_progressRegion;
}

QList<QToolButton *> SlotWidget::rowButtons() const
{
    return {m_start, m_retry, m_reject, m_provisionAgain, m_stop, m_log, m_clearWaiting};
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
    int buttonPx = px;
    for (; buttonPx > 9; --buttonPx) {
        const QFontMetrics fm(pixelFont(font(), buttonPx, true));
        int needed = 0;
        for (const QToolButton *button : buttons) {
            if (button->isHidden())
                continue;
            // The style's frame and spacing around the text and icon, as the button has them now.
            const int frame = button->sizeHint().width() - button->fontMetrics().horizontalAdvance(button->text())
                - button->iconSize().width();
            needed += fm.horizontalAdvance(button->text()) + int(buttonPx * 1.1) + frame + kMargin;
        }
        if (needed <= room)
            break;
    }
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

void SlotWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_layerDirty = true;
    layoutChildren();
}

void SlotWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateButtons();
        refresh(true);
    } else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange) {
        m_layerDirty = true;
    }
    QWidget::changeEvent(event);
}

void SlotWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT armRequested(m_slot);
    QWidget::mousePressEvent(event);
}

QPixmap SlotWidget::statusIcon(int side) const
{
    // A QIcon made for each paint decoded and scaled its PNG each time: half
    // of the slots' paint time with 64 slots running (perf, bench_gui). All
    // slots of a grid share one pixmap per status and size.
    const qreal ratio = devicePixelRatioF();
    const QString key = QStringLiteral("provstation-status-%1-%2-%3").arg(int(m_snapshot.status)).arg(side).arg(ratio);
    QPixmap pixmap;
    if (!QPixmapCache::find(key, &pixmap)) {
        pixmap = StatusStyle::icon(m_snapshot.status).pixmap(QSize(side, side), ratio);
        QPixmapCache::insert(key, pixmap);
    }
    return pixmap;
}

void SlotWidget::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    // Everything but the progress comes from a pixmap drawn only when it
    // changes: a progress tick then blits a few rectangles and draws the step,
    // the bar and the time, instead of the whole card's text and shapes.
    const qreal ratio = devicePixelRatioF();
    if (m_layerDirty || m_layer.size() != size() * ratio || m_layer.devicePixelRatio() != ratio) {
        m_layer = QPixmap(size() * ratio);
        m_layer.setDevicePixelRatio(ratio);
        QPainter layer(&m_layer);
        paintParts(layer, Part::Static);
        m_layerDirty = false;
        m_paintedArmed = m_snapshot.armed;
    }
    QPainter p(this);
    p.drawPixmap(0, 0, m_layer);
    paintParts(p, Part::Progress);
}

void SlotWidget::paintParts(QPainter &p, Part part)
{
    const bool still = part == Part::Static;
    const bool moving = part == Part::Progress;
    p.setRenderHint(QPainter::Antialiasing, true);
    const SlotStatus status = m_snapshot.status;
    const QColor statusColour = StatusStyle::background(status);
    const QRect all = rect();
    const QRect card = all.adjusted(1, 1, -2, -2);
    const int px = basePixelSize();
    const int bandHeight = this->bandHeight();
    const QRect band(card.left() + 2, card.top() + 2, card.width() - 3, bandHeight);
    if (still) {
        p.fillRect(all, palette().window());
        QPen border(m_snapshot.armed ? QColor(0x56, 0xb4, 0xe9) : statusColour.darker(115), m_snapshot.armed ? 5 : 2);
        if (m_snapshot.armed)
            border.setStyle(Qt::DashLine);
        p.setPen(border);
        p.setBrush(palette().base());
        p.drawRoundedRect(card, 6, 6);

        QPainterPath path;
        path.addRoundedRect(band, 5, 5);
        p.fillPath(path, statusColour);
        const int iconSide = bandHeight - 8;
        p.drawPixmap(band.left() + 4, band.top() + 4, statusIcon(iconSide));

        // Status word, then the slot label at the right, both large.
        p.setPen(StatusStyle::foreground(status));
        const QFont big = pixelFont(font(), int(bandHeight * 0.50), true);
        p.setFont(big);
        const QFontMetrics bigFm(big);
        const int titleWidth = bigFm.horizontalAdvance(m_snapshot.label) + 8;
        const QRect titleRect(band.right() - titleWidth - 4, band.top(), titleWidth, band.height());
        p.drawText(titleRect, Qt::AlignRight | Qt::AlignVCenter, m_snapshot.label);
        const QRect statusRect(
            band.left() + iconSide + 12, band.top(), titleRect.left() - band.left() - iconSide - 16, band.height());
        QFont statusFont = big;
        // Long translations (e.g. "NECESITA ATENCIÓN") shrink rather than clip.
        while (QFontMetrics(statusFont).horizontalAdvance(m_texts.status) > statusRect.width()
            && statusFont.pixelSize() > 9)
            statusFont.setPixelSize(statusFont.pixelSize() - 1);
        p.setFont(statusFont);
        p.drawText(statusRect, Qt::AlignLeft | Qt::AlignVCenter, m_texts.status);
    }

    const int left = card.left() + 8;
    const int width = card.width() - 16;
    int y = band.bottom() + 4;
    const int buttonRowTop = height() - kMargin - int(px * 1.9) - 2;
    const QColor text = palette().text().color();
    const QColor dim = palette().placeholderText().color();
    QRegion progress; // what a progress tick repaints

    // Family and operation, elapsed at the right (room kept for the time to grow).
    const QFont bold = pixelFont(font(), px, true);
    const QFont small = pixelFont(font(), int(px * 0.85));
    // The counters beside the buttons, or on a line of their own above them when the buttons need the row.
    int buttonsRight = kMargin;
    for (const QToolButton *button : rowButtons()) {
        if (!button->isHidden())
            buttonsRight = qMax(buttonsRight, button->geometry().right());
    }
    const QFontMetrics smallMetrics(small);
    QRect countsRect(
        buttonsRight + 8, buttonRowTop, card.right() - buttonsRight - 14, height() - buttonRowTop - kMargin);
    if (smallMetrics.horizontalAdvance(m_texts.counts) > countsRect.width())
        countsRect = QRect(left, buttonRowTop - smallMetrics.height(), width, smallMetrics.height());
    const int buttonTop = qMin(buttonRowTop, countsRect.top());
    p.setFont(bold);
    QFontMetrics fm(bold);
    p.setPen(text);
    SlotTextCache &cache = *m_textCache;
    const int elapsedWidth = m_texts.elapsed.isEmpty()
        ? 0
        : qMax(cache.width(bold, m_texts.elapsed), cache.width(bold, QStringLiteral("88:88"))) + 4;
    // Meter, operation, port and attempt take a second line rather than lose the port.
    const int familyLines = qMax(1, lineCount(bold, m_texts.familyOperation, width - elapsedWidth, 2));
    bool familyOperationCut = false;
    if (still)
        drawWrapped(p, QRect(left, y, width - elapsedWidth, familyLines * fm.height()), m_texts.familyOperation,
            familyLines, &familyOperationCut);
    const QRect elapsedRect(left + width - elapsedWidth, y, elapsedWidth, fm.height());
    progress += elapsedRect;
    if (moving && !m_texts.elapsed.isEmpty())
        drawStatic(p, elapsedRect, Qt::AlignRight, cache.text(bold, m_texts.elapsed));
    y += familyLines * fm.height();

    // The slot group's run options, in the attention colour: a unit left
    // unlocked or without keys on purpose must not pass unnoticed.
    bool runOptionsCut = false;
    if (!m_texts.runOptions.isEmpty() && y + fm.height() < buttonTop) {
        const QFontMetrics smallFm(small);
        const int lines = lineCount(small, m_texts.runOptions, width, 2);
        if (still) {
            p.setFont(small);
            p.setPen(StatusStyle::background(SlotStatus::Attention).darker(170));
            drawWrapped(p, QRect(left, y, width, lines * smallFm.height()), m_texts.runOptions, lines, &runOptionsCut);
            p.setFont(bold);
            p.setPen(text);
        }
        y += lines * smallFm.height();
    } else if (!m_texts.runOptions.isEmpty()) {
        runOptionsCut = true;
    }

    // Step and progress.
    if (moving)
        m_stepCut = !m_texts.step.isEmpty(); // until it is drawn whole
    if (!m_texts.step.isEmpty() && y + fm.height() < buttonTop) {
        const StepFit fit = stepFit(m_texts.step);
        const int lineHeight = QFontMetrics(fit.font).height();
        const QRect stepRect(left, y, width, fit.lines * lineHeight);
        progress += stepRect;
        if (moving) {
            p.setFont(fit.font);
            if (fit.lines == 1) {
                drawStatic(p, stepRect, Qt::AlignLeft, cache.text(fit.font, m_texts.step, width));
                m_stepCut = false;
            } else {
                drawWrapped(p, stepRect, m_texts.step, fit.lines, &m_stepCut);
            }
        }
        y += stepRect.height();
    }
    if (status == SlotStatus::Running && y + px < buttonTop) {
        const QRect bar(left, y + 2, width, int(px * 0.9));
        progress += bar.adjusted(-1, -1, 1, 1);
        if (moving) {
            p.setPen(Qt::NoPen);
            p.setBrush(palette().alternateBase());
            p.drawRoundedRect(bar, 3, 3);
            if (m_snapshot.percent >= 0) {
                QRect fill = bar;
                fill.setWidth(bar.width() * qBound(0, m_snapshot.percent, 100) / 100);
                p.setBrush(statusColour);
                p.drawRoundedRect(fill, 3, 3);
                p.setPen(text);
                const QFont percentFont = pixelFont(font(), int(px * 0.75), true);
                p.setFont(percentFont);
                if (!m_texts.percent.isEmpty())
                    drawStatic(p, bar, Qt::AlignHCenter, cache.text(percentFont, m_texts.percent, bar.width()));
            }
        }
        y = bar.bottom() + 4;
    }
    if (still)
        m_progressRegion = progress;
    if (moving)
        return;
    m_cutTexts.clear();
    if (familyOperationCut)
        m_cutTexts << m_texts.familyOperation;
    if (runOptionsCut)
        m_cutTexts << m_texts.runOptions;

    // Device IDs.
    if (!m_texts.ids.isEmpty() && y + px < buttonTop) {
        p.setFont(small);
        fm = QFontMetrics(small);
        p.setPen(text);
        // A full eMCM ID is read whole (a label is checked against it): IDs wrap, never elide.
        bool cut = false;
        y += drawWrapped(p, QRect(left, y, width, qMin(2 * fm.height(), buttonTop - y)), m_texts.ids, 2, &cut);
        if (cut)
            m_cutTexts << m_texts.ids;
    } else if (!m_texts.ids.isEmpty()) {
        m_cutTexts << m_texts.ids;
    }

    // The failure: code and meaning, then what to do.
    if (!m_texts.result.isEmpty() && y + px < buttonTop) {
        // The cause and the action are read whole: they shrink rather than clip.
        const QString action = QStringLiteral("\u2192 ") + m_texts.action;
        int size = px;
        QFont causeFont = bold;
        QFont actionFont = small;
        const auto heightOf = [width](const QFont &font, const QString &line) {
            return QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), Qt::TextWordWrap, line).height();
        };
        // Room kept for the attention box below (a fixture fault must be seen with the failure).
        const QString below = QStringList({m_texts.attention, m_texts.notice}).join(QLatin1Char('\n')).trimmed();
        const auto boxOf = [&](const QFont &font) {
            return below.isEmpty() ? 0 : heightOf(font, below) + 10;
        };
        while (size > 9
            && heightOf(causeFont, m_texts.result) + heightOf(actionFont, action) + boxOf(actionFont)
                > buttonTop - y - 2) {
            --size;
            causeFont = pixelFont(font(), size, true);
            actionFont = pixelFont(font(), int(size * 0.85));
        }
        bool cut = false;
        p.setFont(causeFont);
        p.setPen(StatusStyle::background(SlotStatus::Fail).darker(130));
        y += drawWrapped(p, QRect(left, y, width, buttonTop - y), m_texts.result, 6, &cut);
        if (cut)
            m_cutTexts << m_texts.result;
        p.setFont(actionFont);
        p.setPen(text);
        y += drawWrapped(p, QRect(left, y, width, buttonTop - y), action, 6, &cut);
        if (cut)
            m_cutTexts << m_texts.action;
    } else if (!m_texts.result.isEmpty()) {
        m_cutTexts << m_texts.result << m_texts.action;
    }

    // What to do next on an idle or passed slot.
    if (!m_texts.instruction.isEmpty() && y + px < buttonTop) {
        p.setFont(small);
        p.setPen(text);
        bool cut = false;
        y += drawWrapped(p, QRect(left, y, width, buttonTop - y), m_texts.instruction, 3, &cut);
        if (cut)
            m_cutTexts << m_texts.instruction;
    }

    // Attention and notices in an orange box.
    const QString warning = QStringList({m_texts.attention, m_texts.notice}).join(QLatin1Char('\n')).trimmed();
    if (!warning.isEmpty() && y + px < buttonTop) {
        p.setFont(small);
        fm = QFontMetrics(small);
        const int lines = qMin(3, (buttonTop - y - 4) / fm.height());
        if (lines > 0) {
            const QRect box(left - 2, y + 2, width + 4, lines * fm.height() + 4);
            p.setPen(Qt::NoPen);
            p.setBrush(StatusStyle::background(SlotStatus::Attention).lighter(150));
            p.drawRoundedRect(box, 3, 3);
            p.setPen(Qt::black);
            bool cut = false;
            drawWrapped(p, box.adjusted(4, 2, -4, -2), warning, lines, &cut);
            if (cut)
                m_cutTexts << warning;
        } else {
            m_cutTexts << warning;
        }
    } else if (!warning.isEmpty()) {
        m_cutTexts << warning;
    }

    // Counters at the bottom right.
    p.setFont(small);
    fm = QFontMetrics(small);
    p.setPen(dim);
    p.drawText(countsRect, Qt::AlignRight | Qt::AlignVCenter,
        fm.elidedText(m_texts.counts, Qt::ElideLeft, countsRect.width()));
    if (fm.horizontalAdvance(m_texts.counts) > countsRect.width())
        m_cutTexts << m_texts.counts;
    // A button pushed past the card's edge (long translations) is cut too.
    for (const QToolButton *button : rowButtons()) {
        if (!button->isHidden() && button->geometry().right() > card.right())
            m_cutTexts << button->text();
    }
}

} // namespace prov::gui

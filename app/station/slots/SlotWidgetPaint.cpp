// SlotWidget: its painting and its input.
#include "slots/SlotWidget.h"

#include "slots/SlotTextCache.h"
#include "slots/SlotWidgetText.h"
#include "slots/StatusStyle.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QTextLayout>
#include <QToolButton>

namespace prov::gui {

using slottext::pixelFont;

namespace {

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

/// Draws `text` word-wrapped into `lines` lines of `rect` (the last elided),
/// breaking lines as slottext::lineCount counts them.
void drawWrapped(QPainter &painter, const QRect &rect, const QString &text, int lines)
{
    if (text.isEmpty() || lines <= 0)
        return;
    const QFontMetrics fm(painter.font());
    QTextLayout layout(text, painter.font());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    for (int i = 0; i < lines; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(rect.width());
        const bool last = i + 1 == lines;
        QString part = text.mid(line.textStart(), last ? -1 : line.textLength());
        if (last)
            part = fm.elidedText(part.simplified(), Qt::ElideRight, rect.width());
        painter.drawText(QRect(rect.left(), rect.top() + i * fm.height(), rect.width(), fm.height()),
            Qt::AlignLeft | Qt::AlignVCenter, part.trimmed());
    }
    layout.endLayout();
}

} // namespace

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
    p.setRenderHint(QPainter::Antialiasing, true);
    const SlotStatus status = m_snapshot.status;
    const QColor statusColour = StatusStyle::background(status);
    const QRect all = rect();
    const QRect card = all.adjusted(1, 1, -2, -2);
    const int px = basePixelSize();
    const int bandHeight = this->bandHeight();
    const QRect band(card.left() + 2, card.top() + 2, card.width() - 3, bandHeight);
    const auto draw = [&p](const Block &block) {
        if (block.lines <= 0 || !block.rect.isValid())
            return;
        p.setFont(block.font);
        p.setPen(block.colour);
        drawWrapped(p, block.rect, block.text, block.lines);
    };
    SlotTextCache &cache = *m_textCache;

    if (!still) {
        // The step, the bar with its percentage or countdown, and the run's time, where the layout keeps them.
        const Layout &l = m_layout;
        m_progressCut.clear();
        p.setPen(palette().text().color());
        if (!m_texts.elapsed.isEmpty() && l.elapsed.isValid()) {
            p.setFont(l.elapsedFont);
            drawStatic(p, l.elapsed, Qt::AlignRight, cache.text(l.elapsedFont, m_texts.elapsed));
        }
        if (!m_texts.step.isEmpty() && l.step.lines > 0) {
            const StepFit fit = stepFit(m_texts.step);
            p.setFont(fit.font);
            if (fit.lines == 1 || l.step.lines == 1) {
                const QStaticText &step = cache.text(fit.font, m_texts.step, l.step.rect.width());
                drawStatic(p, l.step.rect, Qt::AlignLeft, step);
                if (step.text() != m_texts.step)
                    m_progressCut << m_texts.step;
            } else {
                drawWrapped(p, l.step.rect, m_texts.step, l.step.lines);
                if (slottext::lineCount(fit.font, m_texts.step, l.step.rect.width(), 3) > l.step.lines)
                    m_progressCut << m_texts.step;
            }
        }
        if (l.bar.isValid()) {
            p.setPen(Qt::NoPen);
            p.setBrush(palette().alternateBase());
            p.drawRoundedRect(l.bar, 3, 3);
            if (m_snapshot.percent >= 0) {
                QRect fill = l.bar;
                fill.setWidth(l.bar.width() * qBound(0, m_snapshot.percent, 100) / 100);
                p.setBrush(statusColour);
                p.drawRoundedRect(fill, 3, 3);
                p.setPen(palette().text().color());
                // The countdown is read from afar too: the size of the slot's small texts.
                const QFont percentFont = pixelFont(font(), int(px * 0.85), true);
                p.setFont(percentFont);
                if (!m_texts.percent.isEmpty()) {
                    const QStaticText &percent = cache.text(percentFont, m_texts.percent, l.bar.width());
                    drawStatic(p, l.bar, Qt::AlignHCenter, percent);
                    if (percent.text() != m_texts.percent)
                        m_progressCut << m_texts.percent;
                }
            }
        }
        return;
    }

    m_layout = computeLayout();
    const Layout &l = m_layout;
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
    while (
        QFontMetrics(statusFont).horizontalAdvance(m_texts.status) > statusRect.width() && statusFont.pixelSize() > 9)
        statusFont.setPixelSize(statusFont.pixelSize() - 1);
    p.setFont(statusFont);
    p.drawText(statusRect, Qt::AlignLeft | Qt::AlignVCenter, m_texts.status);

    draw(l.family);
    draw(l.runOptions);
    draw(l.result);
    draw(l.action);
    draw(l.instruction);
    if (l.warningBox.isValid()) {
        p.setPen(Qt::NoPen);
        p.setBrush(StatusStyle::background(SlotStatus::Attention).lighter(150));
        p.drawRoundedRect(l.warningBox, 3, 3);
        draw(l.warning);
    }
    draw(l.ids);
    if (l.counts.lines > 0) {
        p.setFont(l.counts.font);
        p.setPen(l.counts.colour);
        p.drawText(l.counts.rect, Qt::AlignRight | Qt::AlignVCenter, l.counts.text);
    }
    // A button pushed past the card's edge (long translations) is cut too.
    for (const QToolButton *button : rowButtons()) {
        if (!button->isHidden() && button->geometry().right() > card.right())
            m_layout.cut << button->text();
    }
    // What a progress tick repaints.
    QRegion progress;
    if (l.elapsed.isValid())
        progress += l.elapsed;
    if (l.step.rect.isValid())
        progress += l.step.rect;
    if (l.bar.isValid())
        progress += l.bar.adjusted(-1, -1, 1, 1);
    m_progressRegion = progress;
}

} // namespace prov::gui

#include "slots/SlotGrid.h"

#include "slots/SlotTextCache.h"
#include "slots/SlotWidget.h"

#include <cmath>

namespace prov::gui {

namespace {
constexpr int kSpacing = 6;
constexpr double kCardAspect = 1.5;
constexpr double kEmptyCellWeight = 2.0;
} // namespace

SlotGrid::SlotGrid(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("slotGrid"));
}

void SlotGrid::setSlotWidgets(const QList<SlotWidget *> &widgets)
{
    qDeleteAll(m_widgets);
    m_widgets = widgets;
    // One layout of each time, percentage and step for all the slots.
    const auto texts = std::make_shared<SlotTextCache>();
    for (SlotWidget *w : m_widgets) {
        w->shareTextCache(texts);
        w->setParent(this);
        w->show();
    }
    relayout();
}

int SlotGrid::bestColumns(int count, int width, int height)
{
    if (count <= 0 || width <= 0 || height <= 0)
        return 1;
    int best = 1;
    double bestScore = 1e18;
    for (int cols = 1; cols <= count; ++cols) {
        const int rows = (count + cols - 1) / cols;
        const double w = double(width) / cols;
        const double h = double(height) / rows;
        // Distance from the ideal card shape, in log scale so "too wide" and
        // "too tall" weigh the same; an empty cell is room no slot gets and
        // weighs more (8 slots at 1280x800: 4 x 2 cards of 310 x 300 px show
        // a failure's cause and action where 3 x 3 cards of 415 x 200 px
        // could not, with or without a message line in the header).
        const double empty = double(cols * rows - count) / (cols * rows);
        const double score = std::abs(std::log((w / h) / kCardAspect)) + kEmptyCellWeight * empty;
        if (score < bestScore - 1e-9) {
            bestScore = score;
            best = cols;
        }
    }
    return best;
}

void SlotGrid::relayout()
{
    const int count = int(m_widgets.size());
    if (count == 0)
        return;
    const int cols = bestColumns(count, width(), height());
    const int rows = (count + cols - 1) / cols;
    const int cellW = (width() - kSpacing * (cols + 1)) / cols;
    const int cellH = (height() - kSpacing * (rows + 1)) / rows;
    for (int i = 0; i < count; ++i) {
        const int r = i / cols;
        const int c = i % cols;
        m_widgets.at(i)->setGeometry(
            kSpacing + c * (cellW + kSpacing), kSpacing + r * (cellH + kSpacing), cellW, cellH);
    }
}

void SlotGrid::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

} // namespace prov::gui

#pragma once

#include <QList>
#include <QWidget>

namespace prov::gui {

class SlotWidget;

/// Lays out 1 to 64 slot widgets in a grid that fills the space, choosing the
/// column count that keeps each slot closest to a 3:2 card with the fewest
/// empty cells.
class SlotGrid : public QWidget
{
    Q_OBJECT

public:
    explicit SlotGrid(QWidget *parent = nullptr);

    /// Takes ownership; replaces the current slots.
    void setSlotWidgets(const QList<SlotWidget *> &widgets);
    [[nodiscard]] const QList<SlotWidget *> &slotWidgets() const { return m_widgets; }
    [[nodiscard]] static int bestColumns(int count, int width, int height);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout();

    QList<SlotWidget *> m_widgets;
};

} // namespace prov::gui

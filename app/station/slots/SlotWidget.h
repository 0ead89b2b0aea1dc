#pragma once

#include "slots/ShiftCounters.h"
#include "slots/SlotSnapshot.h"

#include <QDeadlineTimer>
#include <QPixmap>
#include <QWidget>

#include <functional>
#include <memory>

class QPainter;
class QToolButton;

namespace prov::gui {

class SlotTextCache;

/// One slot of the station grid, painted by hand so 64 of them repaint cheaply
/// and scale their text to the space they get (readable from two metres when
/// there are few, still legible at 64). It repaints only when what it shows
/// changes, and progress alone (step, percent, elapsed time) at most
/// kProgressRepaintMs apart: with 64 slots running, progress repaints were
/// most of the window's CPU (bench_gui). A running slot's time moves on by
/// itself on that tick, between the run's snapshots (once a second, and none
/// while a step waits). Shows: label and port, a status band (colour + icon + word),
/// family and operation, step, progress, elapsed time, device IDs, on failure
/// the result code with its corrective action (translated), notices, counters,
/// and Start / Stop / Retry / Reject / Provision again / Log / Clear label buttons. What a
/// small card has no room for goes to its tooltip (computeLayout).
class SlotWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SlotWidget(int slot, QWidget *parent = nullptr);
    ~SlotWidget() override;

    [[nodiscard]] int slot() const { return m_slot; }
    void setSnapshot(const SlotSnapshot &snapshot);
    [[nodiscard]] const SlotSnapshot &snapshot() const { return m_snapshot; }
    void setCounts(const RunCounts &counts);
    /// Operators may run; without a login nothing may start.
    void setRunAllowed(bool allowed);
    /// Lays out the progress texts in `cache`, shared with the other slots of a
    /// grid (the same times and percentages on every tick); else its own.
    void shareTextCache(std::shared_ptr<SlotTextCache> cache);

    // What the widget shows (also its accessible description), for tests.
    [[nodiscard]] QString statusText() const { return m_texts.status; }
    [[nodiscard]] QString resultText() const { return m_texts.result; }
    [[nodiscard]] QString actionText() const { return m_texts.action; }
    [[nodiscard]] QString instructionText() const { return m_texts.instruction; }
    [[nodiscard]] QString runOptionsText() const { return m_texts.runOptions; }
    [[nodiscard]] QStringList shownTexts() const;
    /// The texts the last paint could not show whole though it should have
    /// (the failure, the action, the step and its countdown, the instruction,
    /// a warning), for tests.
    [[nodiscard]] QStringList cutTexts() const { return m_layout.cut + m_progressCut; }
    /// The texts the last paint shortened or left out to make room for those
    /// (meter line, run options, IDs, counters); each is whole in the tooltip.
    [[nodiscard]] QStringList droppedTexts() const { return m_layout.dropped; }
    [[nodiscard]] int paintCount() const { return m_paintCount; }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

    [[nodiscard]] static QString formatElapsed(qint64 ms);
    /// Where the slot's run clock reads the time (milliseconds, monotonic);
    /// tests stop it to compare pixels.
    void setClock(std::function<qint64()> nowMs);

    /// Progress-only changes are painted at most this often, on a tick that
    /// all slots share (status, IDs, results and anything else at once).
    static constexpr int kProgressRepaintMs = 1000; // the elapsed time shows seconds

Q_SIGNALS:
    void startRequested(int slot);
    void stopRequested(int slot);
    void retryRequested(int slot);
    void logRequested(int slot);
    void armRequested(int slot);
    /// The operator rejects the failed unit: it leaves the line as a reject.
    void rejectRequested(int slot);
    /// Provision the unit that reported itself provisioned and locked again (a supervisor confirms).
    void provisionAgainRequested(int slot);
    /// Take the labels waiting for Start off the slot (the window's Undo puts them back).
    void clearWaitingRequested(int slot);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    struct Texts
    {
        QString title;
        QString status;
        QString familyOperation;
        QStringList familyShorter; ///< familyOperation without the port, then without the operation
        QString runOptions; ///< the slot group's run options ("skip lock")
        QString step;
        QString elapsed;
        QString percent;
        QString ids;
        QString result;
        QString action;
        QString instruction;
        QString attention;
        QString notice;
        QString counts;

        bool operator==(const Texts &o) const;
    };

    [[nodiscard]] Texts computeTexts() const;
    void refresh(bool force);
    void setProgressTexts(Texts &texts) const;
    void applyTexts(Texts texts, bool force);
    /// Paints the progress on the next shared tick.
    void waitForProgressTick();
    void progressTick();
    void followTicker(bool follow);
    /// The run's time now: the last snapshot's, moved on by this widget's clock while running.
    [[nodiscard]] qint64 runElapsedMs() const;
    void retranslateButtons();
    void updateButtons();
    void layoutChildren();
    /// The buttons of the bottom row, in their order.
    [[nodiscard]] QList<QToolButton *> rowButtons() const;
    [[nodiscard]] int basePixelSize() const;
    struct StepFit
    {
        QFont font;
        int lines = 1;
    };
    /// The font and the lines (one or two) the step is drawn in at this size.
    [[nodiscard]] StepFit stepFit(const QString &step) const;
    [[nodiscard]] int bandHeight() const;
    /// One text of the card: where it goes, in which font, on how many lines.
    struct Block
    {
        QString text; ///< what is drawn: the text, or a shorter form of it
        QFont font;
        QRect rect; ///< empty: not shown
        int lines = 0;
        QColor colour;
    };
    /// Where the texts of the card go at its size. What an operator must read
    /// (the failure and its action, the step and its countdown, the
    /// instruction, a warning) gets the room first, never in a smaller font
    /// than the rest; the meter line, run options, IDs and counters are
    /// shortened or left out when there is no room for both (SlotWidgetLayout.cpp).
    struct Layout
    {
        Block family, runOptions, step, result, action, instruction, warning, ids, counts;
        QRect elapsed;
        QFont elapsedFont;
        QRect bar;
        QRect warningBox;
        QStringList dropped;
        QStringList cut;
    };
    struct Room; ///< what one layout choice takes (SlotWidgetLayout.cpp)
    [[nodiscard]] Layout computeLayout() const;
    /// What a progress tick repaints: the step, the bar and the time.
    [[nodiscard]] QRegion progressRegion() const;
    enum class Part { Static, Progress };
    /// Paints the part of the slot that changes with its progress, or the rest.
    void paintParts(QPainter &p, Part part);
    [[nodiscard]] QPixmap statusIcon(int side) const;

    int m_slot;
    SlotSnapshot m_snapshot;
    RunCounts m_counts;
    Texts m_texts;
    bool m_runAllowed = false;
    int m_paintCount = 0;
    QMetaObject::Connection m_tickConnection; ///< following the shared progress tick
    bool m_progressDue = false; ///< the progress changed since it was painted
    std::function<qint64()> m_clock = [] {
        return QDeadlineTimer::current().deadline();
    };
    qint64 m_runElapsedBaseMs = 0; ///< the run's time at m_runElapsedSinceMs
    qint64 m_runElapsedSinceMs = 0;
    QPixmap m_layer; ///< everything but the progress, painted when it changes
    bool m_layerDirty = true;
    bool m_paintedArmed = false; ///< the layer shows the slot armed
    int m_buttonsTop = 0; ///< y of the button row (layoutChildren)
    QRegion m_progressRegion; ///< where the progress was drawn (the last static paint)
    std::shared_ptr<SlotTextCache> m_textCache;
    QToolButton *m_start;
    QToolButton *m_stop;
    QToolButton *m_retry;
    QToolButton *m_log;
    QToolButton *m_reject;
    QToolButton *m_provisionAgain;
    QToolButton *m_clearWaiting; ///< on a slot with labels waiting for Start
    Layout m_layout; ///< the last static paint's
    QStringList m_progressCut; ///< what the last progress paint elided (the step, the countdown)
};

} // namespace prov::gui

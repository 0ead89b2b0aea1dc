#include "slots/SlotWidget.h"

#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "slots/SlotTextCache.h"
#include "slots/StatusStyle.h"
#include "slots/StepNames.h"

#include <QCoreApplication>
#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QPointer>
#include <QTextLayout>
#include <QTimer>
#include <QToolButton>

#include <tuple>

namespace prov::gui {

namespace {

constexpr int kMargin = 4;

/// One timer for every slot of the process: running slots move their clocks
/// and paint their progress on its tick, so 64 running slots make one window
/// update (one repaint pass, one flush to the window system) instead of 64
/// at scattered times. It runs only while a slot follows it.
QTimer *progressTicker()
{
    static QPointer<QTimer> timer;
    if (!timer) {
        timer = new QTimer(QCoreApplication::instance());
        timer->setInterval(SlotWidget::kProgressRepaintMs);
    }
    return timer;
}
int g_followingTicker = 0;

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

} // namespace

bool SlotWidget::Texts::operator==(const Texts &o) const
{
    auto tie = [](const Texts &t) {
        return std::tie(t.title, t.status, t.familyOperation, t.step, t.elapsed, t.percent, t.ids, t.result, t.action,
            t.instruction, t.attention, t.notice, t.counts);
    };
    return tie(*this) == tie(o);
}

SlotWidget::SlotWidget(int slot, QWidget *parent)
    : QWidget(parent)
    , m_slot(slot)
    , m_textCache(std::make_shared<SlotTextCache>())
    , m_start(new QToolButton(this))
    , m_stop(new QToolButton(this))
    , m_retry(new QToolButton(this))
    , m_log(new QToolButton(this))
    , m_reject(new QToolButton(this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setObjectName(QStringLiteral("slot%1").arg(slot + 1));
    m_start->setObjectName(QStringLiteral("start"));
    m_stop->setObjectName(QStringLiteral("stop"));
    m_retry->setObjectName(QStringLiteral("retry"));
    m_log->setObjectName(QStringLiteral("log"));
    m_reject->setObjectName(QStringLiteral("reject"));
    m_start->setIcon(QIcon(QStringLiteral(":/provstation/icons/start.png")));
    m_stop->setIcon(QIcon(QStringLiteral(":/provstation/icons/stop.png")));
    m_retry->setIcon(QIcon(QStringLiteral(":/provstation/icons/retry.png")));
    m_log->setIcon(QIcon(QStringLiteral(":/provstation/icons/log.png")));
    m_reject->setIcon(QIcon(QStringLiteral(":/provstation/icons/stop.png")));
    for (QToolButton *button : {m_start, m_stop, m_retry, m_reject, m_log}) {
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setFocusPolicy(Qt::NoFocus); // scanner keys must never "click" a slot button
        button->setAutoRaise(false);
    }
    connect(m_start, &QToolButton::clicked, this, [this] { Q_EMIT startRequested(m_slot); });
    connect(m_stop, &QToolButton::clicked, this, [this] { Q_EMIT stopRequested(m_slot); });
    connect(m_retry, &QToolButton::clicked, this, [this] { Q_EMIT retryRequested(m_slot); });
    connect(m_log, &QToolButton::clicked, this, [this] { Q_EMIT logRequested(m_slot); });
    connect(m_reject, &QToolButton::clicked, this, [this] { Q_EMIT rejectRequested(m_slot); });
    m_snapshot.label = QString::number(slot + 1);
    retranslateButtons();
    refresh(true);
}

QSize SlotWidget::sizeHint() const
{
    return {320, 220};
}

QSize SlotWidget::minimumSizeHint() const
{
    return {150, 110};
}

void SlotWidget::setSnapshot(const SlotSnapshot &snapshot)
{
    if (snapshot == m_snapshot)
        return;
    // A running slot's progress alone (once a second from the slot model, for
    // each of up to 64 slots): only its three texts are made again, not the card's.
    SlotSnapshot sameProgress = snapshot;
    sameProgress.step = m_snapshot.step;
    sameProgress.percent = m_snapshot.percent;
    sameProgress.elapsedMs = m_snapshot.elapsedMs;
    const bool progressOnly = snapshot.status == SlotStatus::Running && sameProgress == m_snapshot;
    if (snapshot.status == SlotStatus::Running) {
        // The run's clock goes on between snapshots from here; it never goes
        // back to an older snapshot's time (they are made before they arrive).
        const qint64 shown = m_snapshot.status == SlotStatus::Running ? runElapsedMs() : -1;
        m_runElapsedBaseMs = qMax(snapshot.elapsedMs, shown);
        m_runElapsedSinceMs = m_clock();
    }
    m_snapshot = snapshot;
    if (progressOnly) {
        Texts texts = m_texts;
        setProgressTexts(texts);
        applyTexts(std::move(texts), false);
        return;
    }
    refresh(false);
}

void SlotWidget::setCounts(const RunCounts &counts)
{
    if (counts.passed == m_counts.passed && counts.failed == m_counts.failed && counts.rejected == m_counts.rejected
        && counts.firstAttempts == m_counts.firstAttempts && counts.firstAttemptPasses == m_counts.firstAttemptPasses)
        return;
    m_counts = counts;
    refresh(false);
}

void SlotWidget::shareTextCache(std::shared_ptr<SlotTextCache> cache)
{
    m_textCache = std::move(cache);
}

void SlotWidget::setRunAllowed(bool allowed)
{
    if (m_runAllowed == allowed)
        return;
    m_runAllowed = allowed;
    updateButtons();
}

void SlotWidget::setClock(std::function<qint64()> nowMs)
{
    const qint64 elapsed = runElapsedMs();
    m_clock = std::move(nowMs);
    m_runElapsedBaseMs = elapsed;
    m_runElapsedSinceMs = m_clock();
}

qint64 SlotWidget::runElapsedMs() const
{
    if (m_snapshot.status != SlotStatus::Running || m_snapshot.elapsedMs < 0)
        return m_snapshot.elapsedMs;
    return m_runElapsedBaseMs + qMax<qint64>(0, m_clock() - m_runElapsedSinceMs);
}

QString SlotWidget::formatElapsed(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = ms / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

SlotWidget::Texts SlotWidget::computeTexts() const
{
    const SlotSnapshot &s = m_snapshot;
    Texts t;
    t.title = tr("Slot %1").arg(s.label);
    t.status = StatusStyle::text(s.status);
    QStringList fo;
    if (!s.family.isEmpty())
        fo << s.family;
    if (!s.operation.isEmpty())
        fo << s.operation;
    // A bare "8" read as anything but the port the slot is bound to.
    const QString port = s.port.isEmpty() ? QString() : s.port.section(QLatin1Char('/'), -1);
    if (!port.isEmpty())
        fo << tr("port %1").arg(port);
    // The first run of a unit needs no number; a retry does ("attempt 2").
    if (s.attempt >= 2)
        fo << tr("attempt %1").arg(s.attempt);
    t.familyOperation = fo.join(QStringLiteral(" \u00b7 "));
    setProgressTexts(t);
    QStringList ids;
    if (!s.nodeId.isEmpty())
        ids << tr("Node %1").arg(s.nodeId);
    if (!s.emcmId.isEmpty())
        ids << tr("eMCM %1").arg(s.emcmId);
    if (!s.meterSerial.isEmpty())
        ids << tr("SN %1").arg(s.meterSerial);
    t.ids = ids.join(QStringLiteral("   "));
    if (s.status == SlotStatus::Fail && s.resultCode > 0) {
        // The cause the engine found, in the operator's words, and its one
        // action; the code's catalogue meaning only when no cause is known.
        const auto code = static_cast<ResultCode>(s.resultCode);
        const FailureCause cause = CauseCatalogue::fromId(s.cause);
        const QString what
            = cause == FailureCause::None ? ResultCatalogue::message(code) : CauseCatalogue::text(cause, s.causeFacts);
        t.result = tr("Error %1: %2").arg(s.resultCode).arg(what);
        if (s.rejected)
            t.action = tr("rejected: put the unit in the reject bin");
        else if (s.retryLimitReached)
            t.action = tr("failed %1 times: reject the unit").arg(s.attempt);
        else
            t.action = CauseCatalogue::actionText(CauseCatalogue::actionFor(cause, code));
    }
    if (s.status == SlotStatus::Idle || s.status == SlotStatus::Pass)
        t.instruction = s.instruction;
    QStringList attention;
    if (s.fixtureSuspect)
        attention << tr("Likely fixture fault: failed %1 times in a row").arg(ShiftCounters::kFixtureFaultStreak);
    if (!s.attention.isEmpty())
        attention << s.attention;
    t.attention = attention.join(QStringLiteral("; "));
    t.notice = s.notice;
    const double fpy = m_counts.firstPassYield();
    t.counts = tr("\u2713%1  \u2717%2  FPY %3")
                   .arg(m_counts.passed)
                   .arg(m_counts.failed)
                   .arg(fpy < 0 ? QStringLiteral("\u2013") : QStringLiteral("%1%").arg(fpy, 0, 'f', 0));
    if (m_counts.rejected > 0)
        t.counts += tr("  rejected %1").arg(m_counts.rejected);
    return t;
}

void SlotWidget::setProgressTexts(Texts &t) const
{
    const SlotSnapshot &s = m_snapshot;
    // On failure the code and its action need the room; the step is in the log.
    t.step.clear();
    const bool running = s.status == SlotStatus::Running;
    if (running || (s.status != SlotStatus::Fail && !s.step.isEmpty())) {
        const QString name
            = StepNames::text(s.stepKind.isEmpty() ? s.step.section(QLatin1Char('('), 0, 0) : s.stepKind);
        t.step = s.stepIndex > 0 && s.stepCount > 0
            ? tr("Step %1 of %2: %3").arg(s.stepIndex).arg(s.stepCount).arg(name)
            : name;
    }
    const qint64 elapsed = runElapsedMs();
    t.elapsed = formatElapsed(elapsed);
    t.percent.clear();
    if (!running || s.percent < 0)
        return;
    t.percent = tr("%1 %").arg(s.percent);
    // A wait with a limit counts down; otherwise the time this flow usually takes here.
    if (s.waitLimitMs > 0 && s.stepStartedMs >= 0 && StepNames::waits(s.stepKind))
        t.percent = tr("%1 \u00b7 %2 left to wait")
                        .arg(t.percent, formatElapsed(qMax<qint64>(0, s.stepStartedMs + s.waitLimitMs - elapsed)));
    else if (s.expectedMs > elapsed)
        t.percent = tr("%1 \u00b7 about %2 left").arg(t.percent, formatElapsed(s.expectedMs - elapsed));
}

QStringList SlotWidget::shownTexts() const
{
    QStringList all {m_texts.title, m_texts.status, m_texts.familyOperation, m_texts.step, m_texts.elapsed,
        m_texts.percent, m_texts.ids, m_texts.result, m_texts.action, m_texts.instruction, m_texts.attention,
        m_texts.notice, m_texts.counts};
    all.removeAll(QString());
    return all;
}

void SlotWidget::refresh(bool force)
{
    applyTexts(computeTexts(), force);
}

void SlotWidget::applyTexts(Texts texts, bool force)
{
    const bool changed = force || !(texts == m_texts);
    // Only the running progress moved: paint it with the next progress tick.
    Texts withOldProgress = texts;
    withOldProgress.step = m_texts.step;
    withOldProgress.percent = m_texts.percent;
    withOldProgress.elapsed = m_texts.elapsed;
    // A step appearing or going, or the time growing a digit, moves the layout.
    const bool progressOnly = changed && !force && withOldProgress == m_texts
        && texts.step.isEmpty() == m_texts.step.isEmpty() && texts.elapsed.size() == m_texts.elapsed.size();
    // While a run goes on, what it learns (IDs, a step appearing) waits for
    // the progress tick too; its start and its end, a notice or an armed slot
    // are painted at once. (Each whole-slot repaint also repaints its buttons:
    // with 64 slots they were a third of the paint events, bench_gui.)
    const bool duringRun = changed && !force && m_snapshot.status == SlotStatus::Running
        && texts.status == m_texts.status && texts.notice == m_texts.notice && texts.title == m_texts.title
        && m_paintedArmed == m_snapshot.armed;
    m_texts = std::move(texts);
    if (progressOnly) {
        // Status, buttons and tooltip are as they were.
        setAccessibleDescription(shownTexts().join(QStringLiteral("\n")));
        waitForProgressTick();
        return;
    }
    updateButtons();
    if (!changed)
        return;
    setAccessibleName(m_texts.title);
    setAccessibleDescription(shownTexts().join(QStringLiteral("\n")));
    setToolTip(
        m_snapshot.detail.isEmpty() ? m_snapshot.binding : m_snapshot.detail + QLatin1Char('\n') + m_snapshot.binding);
    m_layerDirty = true;
    if (duringRun) {
        waitForProgressTick(); // progressRegion() is the whole slot now
        return;
    }
    m_progressDue = false;
    followTicker(m_snapshot.status == SlotStatus::Running);
    update();
}

SlotWidget::~SlotWidget()
{
    followTicker(false);
}

void SlotWidget::waitForProgressTick()
{
    m_progressDue = true;
    followTicker(true);
}

void SlotWidget::progressTick()
{
    // A running slot's clock moves without news from the run (a step may wait
    // a minute for the gateway without a snapshot).
    if (m_snapshot.status == SlotStatus::Running) {
        Texts texts = m_texts;
        setProgressTexts(texts);
        if (!(texts == m_texts))
            applyTexts(std::move(texts), false); // the time alone: due on this tick
    }
    if (m_progressDue) {
        m_progressDue = false;
        update(progressRegion());
    }
    followTicker(m_snapshot.status == SlotStatus::Running);
}

void SlotWidget::followTicker(bool follow)
{
    if (follow == bool(m_tickConnection))
        return;
    QTimer *ticker = progressTicker();
    if (follow) {
        m_tickConnection = connect(ticker, &QTimer::timeout, this, &SlotWidget::progressTick);
        if (g_followingTicker++ == 0)
            ticker->start();
        return;
    }
    disconnect(m_tickConnection);
    m_tickConnection = {};
    if (--g_followingTicker == 0)
        ticker->stop();
}

void SlotWidget::retranslateButtons()
{
    m_start->setText(tr("Start"));
    m_stop->setText(tr("Stop"));
    m_retry->setText(tr("Retry"));
    m_log->setText(tr("Log"));
    m_reject->setText(tr("Reject"));
    m_reject->setToolTip(tr("Record the unit as rejected: it leaves the line"));
    m_log->setToolTip(tr("Open the run log"));
}

void SlotWidget::updateButtons()
{
    const SlotStatus status = m_snapshot.status;
    const bool running = status == SlotStatus::Running;
    const bool failed = status == SlotStatus::Fail && !m_snapshot.rejected;
    m_start->setVisible(!running && !failed);
    // Past the retry limit only Reject is left for the unit.
    m_retry->setVisible(failed && !m_snapshot.retryLimitReached);
    m_reject->setVisible(failed);
    m_stop->setVisible(running);
    m_log->setVisible(!m_snapshot.logPath.isEmpty());
    m_start->setEnabled(m_runAllowed && !m_snapshot.startBlocked);
    m_retry->setEnabled(m_runAllowed && !m_snapshot.startBlocked);
    m_stop->setEnabled(m_runAllowed);
    m_reject->setEnabled(m_runAllowed);
    layoutChildren();
}

int SlotWidget::basePixelSize() const
{
    return qBound(10, height() / 13, 26);
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

void SlotWidget::layoutChildren()
{
    const int px = basePixelSize();
    const int buttonHeight = int(px * 1.9);
    const int iconSize = int(px * 1.1);
    int x = kMargin + 2;
    const int y = height() - kMargin - buttonHeight - 1;
    m_buttonsTop = y;
    const QFont buttonFont = pixelFont(font(), px, true);
    for (QToolButton *button : {m_start, m_retry, m_reject, m_stop, m_log}) {
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
    const int buttonTop = height() - kMargin - int(px * 1.9) - 2;
    const QColor text = palette().text().color();
    const QColor dim = palette().placeholderText().color();
    QRegion progress; // what a progress tick repaints

    // Family and operation, elapsed at the right (room kept for the time to grow).
    const QFont bold = pixelFont(font(), px, true);
    const QFont normal = pixelFont(font(), px);
    const QFont small = pixelFont(font(), int(px * 0.85));
    p.setFont(bold);
    QFontMetrics fm(bold);
    p.setPen(text);
    SlotTextCache &cache = *m_textCache;
    const int elapsedWidth = m_texts.elapsed.isEmpty()
        ? 0
        : qMax(cache.width(bold, m_texts.elapsed), cache.width(bold, QStringLiteral("88:88"))) + 4;
    if (still)
        p.drawText(QRect(left, y, width - elapsedWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(m_texts.familyOperation, Qt::ElideRight, width - elapsedWidth));
    const QRect elapsedRect(left + width - elapsedWidth, y, elapsedWidth, fm.height());
    progress += elapsedRect;
    if (moving && !m_texts.elapsed.isEmpty())
        drawStatic(p, elapsedRect, Qt::AlignRight, cache.text(bold, m_texts.elapsed));
    y += fm.height();

    // Step and progress.
    if (!m_texts.step.isEmpty() && y + fm.height() < buttonTop) {
        p.setFont(normal);
        fm = QFontMetrics(normal);
        const QRect stepRect(left, y, width, fm.height());
        progress += stepRect;
        if (moving) {
            // A long step name ("Paso 5 de 14: esperando a que el nodo ...") shrinks before it is elided.
            QFont stepFont = normal;
            while (stepFont.pixelSize() > qMax(9, px * 2 / 3) && cache.width(stepFont, m_texts.step) > width)
                stepFont.setPixelSize(stepFont.pixelSize() - 1);
            p.setFont(stepFont);
            drawStatic(p, stepRect, Qt::AlignLeft, cache.text(stepFont, m_texts.step, width));
        }
        y += fm.height();
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

    // Device IDs.
    if (!m_texts.ids.isEmpty() && y + px < buttonTop) {
        p.setFont(small);
        fm = QFontMetrics(small);
        p.setPen(text);
        p.drawText(QRect(left, y, width, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(m_texts.ids, Qt::ElideMiddle, width));
        y += fm.height();
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
        while (size > 9 && heightOf(causeFont, m_texts.result) + heightOf(actionFont, action) > buttonTop - y - 2) {
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
            drawWrapped(p, box.adjusted(4, 2, -4, -2), warning, lines);
        }
    }

    // Counters and port at the bottom right, beside the buttons.
    p.setFont(small);
    fm = QFontMetrics(small);
    p.setPen(dim);
    int buttonsRight = kMargin;
    for (const QToolButton *button : {m_start, m_retry, m_reject, m_stop, m_log}) {
        if (!button->isHidden())
            buttonsRight = qMax(buttonsRight, button->geometry().right());
    }
    const QRect bottom(buttonsRight + 8, buttonTop, card.right() - buttonsRight - 14, height() - buttonTop - kMargin);
    p.drawText(bottom, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(m_texts.counts, Qt::ElideLeft, bottom.width()));
}

} // namespace prov::gui

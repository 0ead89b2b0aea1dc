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

} // namespace

bool SlotWidget::Texts::operator==(const Texts &o) const
{
    auto tie = [](const Texts &t) {
        return std::tie(t.title, t.status, t.familyOperation, t.familyShorter, t.runOptions, t.step, t.elapsed,
            t.percent, t.ids, t.result, t.action, t.instruction, t.attention, t.notice, t.counts);
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
    , m_provisionAgain(new QToolButton(this))
    , m_clearWaiting(new QToolButton(this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setObjectName(QStringLiteral("slot%1").arg(slot + 1));
    m_start->setObjectName(QStringLiteral("start"));
    m_stop->setObjectName(QStringLiteral("stop"));
    m_retry->setObjectName(QStringLiteral("retry"));
    m_log->setObjectName(QStringLiteral("log"));
    m_reject->setObjectName(QStringLiteral("reject"));
    m_provisionAgain->setObjectName(QStringLiteral("provisionAgain"));
    m_clearWaiting->setObjectName(QStringLiteral("clearWaiting"));
    m_start->setIcon(QIcon(QStringLiteral(":/provstation/icons/start.png")));
    m_stop->setIcon(QIcon(QStringLiteral(":/provstation/icons/stop.png")));
    m_retry->setIcon(QIcon(QStringLiteral(":/provstation/icons/retry.png")));
    m_log->setIcon(QIcon(QStringLiteral(":/provstation/icons/log.png")));
    m_reject->setIcon(QIcon(QStringLiteral(":/provstation/icons/stop.png")));
    m_provisionAgain->setIcon(QIcon(QStringLiteral(":/provstation/icons/retry.png")));
    for (QToolButton *button : {m_start, m_stop, m_retry, m_reject, m_provisionAgain, m_log, m_clearWaiting}) {
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setFocusPolicy(Qt::NoFocus); // scanner keys must never "click" a slot button
        button->setAutoRaise(false);
    }
    connect(m_start, &QToolButton::clicked, this, [this] { Q_EMIT startRequested(m_slot); });
    connect(m_stop, &QToolButton::clicked, this, [this] { Q_EMIT stopRequested(m_slot); });
    connect(m_retry, &QToolButton::clicked, this, [this] { Q_EMIT retryRequested(m_slot); });
    connect(m_log, &QToolButton::clicked, this, [this] { Q_EMIT logRequested(m_slot); });
    connect(m_reject, &QToolButton::clicked, this, [this] { Q_EMIT rejectRequested(m_slot); });
    connect(m_provisionAgain, &QToolButton::clicked, this, [this] { Q_EMIT provisionAgainRequested(m_slot); });
    connect(m_clearWaiting, &QToolButton::clicked, this, [this] { Q_EMIT clearWaitingRequested(m_slot); });
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
    // The first run of a unit needs no number; a retry does ("attempt 2").
    const QString attempt = s.attempt >= 2 ? tr("attempt %1").arg(s.attempt) : QString();
    // Shorter forms for a full card: without the port, then without the operation.
    for (const QStringList &parts : {fo, fo.mid(0, 1)}) {
        const QString form
            = (attempt.isEmpty() ? parts : parts + QStringList {attempt}).join(QStringLiteral(" \u00b7 "));
        if (!form.isEmpty() && !t.familyShorter.contains(form))
            t.familyShorter << form;
    }
    // A bare "8" read as anything but the port the slot is bound to.
    const QString port = s.port.isEmpty() ? QString() : s.port.section(QLatin1Char('/'), -1);
    if (!port.isEmpty())
        fo << tr("port %1").arg(port);
    if (!attempt.isEmpty())
        fo << attempt;
    t.familyOperation = fo.join(QStringLiteral(" \u00b7 "));
    // So nobody wonders why a unit of this slot is not locked.
    t.runOptions = s.runOptions.markers().join(QStringLiteral(" \u00b7 "));
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
    QStringList all {m_texts.title, m_texts.status, m_texts.familyOperation, m_texts.runOptions, m_texts.step,
        m_texts.elapsed, m_texts.percent, m_texts.ids, m_texts.result, m_texts.action, m_texts.instruction,
        m_texts.attention, m_texts.notice, m_texts.counts};
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
        && texts.step.isEmpty() == m_texts.step.isEmpty() && texts.elapsed.size() == m_texts.elapsed.size()
        && stepFit(texts.step).lines == stepFit(m_texts.step).lines;
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
    // Whatever a small card shortens or leaves out for room (computeLayout) is whole here.
    QStringList tip {m_texts.familyOperation, m_texts.runOptions, m_texts.ids, m_texts.counts, m_snapshot.detail,
        m_snapshot.binding};
    tip.removeAll(QString());
    setToolTip(tip.join(QLatin1Char('\n')));
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
    m_provisionAgain->setText(tr("Provision again"));
    m_provisionAgain->setToolTip(tr("Replace the unit's key: needs a supervisor or admin login"));
    m_clearWaiting->setText(tr("Clear label"));
    m_clearWaiting->setToolTip(tr("Take the scanned labels off this slot (Undo puts them back)"));
}

void SlotWidget::updateButtons()
{
    const SlotStatus status = m_snapshot.status;
    const bool running = status == SlotStatus::Running;
    // A unit that is provisioned and locked already is no failed unit: it is
    // taken out (Start for the next), or a supervisor provisions it again.
    const bool provisioned
        = status == SlotStatus::Fail && CauseCatalogue::fromId(m_snapshot.cause) == FailureCause::AlreadyProvisioned;
    const bool failed = status == SlotStatus::Fail && !m_snapshot.rejected && !provisioned;
    m_start->setVisible(!running && !failed);
    // Past the retry limit only Reject is left for the unit.
    m_retry->setVisible(failed && !m_snapshot.retryLimitReached);
    m_reject->setVisible(failed);
    m_provisionAgain->setVisible(provisioned);
    m_provisionAgain->setEnabled(m_runAllowed && !m_snapshot.startBlocked);
    m_stop->setVisible(running);
    m_log->setVisible(!m_snapshot.logPath.isEmpty());
    m_clearWaiting->setVisible(!running && !m_snapshot.waiting.isEmpty());
    m_start->setEnabled(m_runAllowed && !m_snapshot.startBlocked);
    m_retry->setEnabled(m_runAllowed && !m_snapshot.startBlocked);
    m_stop->setEnabled(m_runAllowed);
    m_reject->setEnabled(m_runAllowed);
    layoutChildren();
}

} // namespace prov::gui

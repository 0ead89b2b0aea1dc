#include "scan/ScanEventFilter.h"

#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

namespace prov::gui {

ScanEventFilter::ScanEventFilter(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    m_staleTimer.setSingleShot(true);
    m_staleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_staleTimer, &QTimer::timeout, this, &ScanEventFilter::checkStale);
}

ScanEventFilter::~ScanEventFilter() = default;

void ScanEventFilter::setTiming(const WedgeTiming &timing)
{
    giveBack();
    m_detector.setTiming(timing);
}

void ScanEventFilter::setEnabled(bool enabled)
{
    if (!enabled)
        giveBack();
    m_enabled = enabled;
}

bool ScanEventFilter::isFirstReceiver(QObject *watched) const
{
    // Key events travel QWindow -> focus widget -> its parents; the filter sees
    // each hop. Only the focus widget (or the window when nothing has focus) is
    // the real first receiver; the rest are propagation of the same event.
    if (!watched->isWidgetType())
        return false;
    auto *widget = static_cast<QWidget *>(watched);
    QWidget *focus = QApplication::focusWidget();
    return focus ? widget == focus : widget->isWindow();
}

KeyboardWedgeDetector::Action ScanEventFilter::classify(const QKeyEvent *key, qint64 now)
{
    const int code = key->key();
    const Qt::KeyboardModifiers mods = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (key->isAutoRepeat())
        return m_detector.otherKey(now);
    if ((code == Qt::Key_Return || code == Qt::Key_Enter || code == Qt::Key_Tab) && mods == Qt::NoModifier)
        return m_detector.terminatorKey(now);
    if (code == Qt::Key_Shift || code == Qt::Key_AltGr)
        return m_detector.modifierKey(now);
    const QString text = key->text();
    if (mods == Qt::NoModifier && !text.isEmpty() && text.at(0).isPrint())
        return m_detector.textKey(text, now);
    return m_detector.otherKey(now);
}

bool ScanEventFilter::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::KeyRelease)
        return false;
    if (!m_enabled || m_replaying || !isFirstReceiver(watched))
        return false;
    auto *key = static_cast<QKeyEvent *>(event);

    if (!m_detector.isHolding()) {
        QWidget *focus = QApplication::focusWidget();
        if (QApplication::activeModalWidget() || (focus && focus->property(kAcceptsScansProperty).toBool()))
            return false;
    }

    if (type == QEvent::KeyRelease) {
        if (m_swallowReleaseOf != 0 && key->key() == m_swallowReleaseOf) {
            m_swallowReleaseOf = 0;
            return true;
        }
        if (m_detector.isHolding()) {
            hold(watched, key);
            return true;
        }
        return false;
    }

    const qint64 now = m_clock.elapsed();
    switch (classify(key, now)) {
    case KeyboardWedgeDetector::Action::Pass:
        return false;
    case KeyboardWedgeDetector::Action::Hold:
        hold(watched, key);
        return true;
    case KeyboardWedgeDetector::Action::Flush:
        giveBack();
        return false;
    case KeyboardWedgeDetector::Action::FlushAndHold:
        giveBack();
        hold(watched, key);
        return true;
    case KeyboardWedgeDetector::Action::Scan:
        m_held.clear();
        m_staleTimer.stop();
        m_swallowReleaseOf = key->key();
        Q_EMIT scanned(m_detector.scannedText());
        return true;
    }
    return false;
}

void ScanEventFilter::hold(QObject *receiver, const QKeyEvent *key)
{
    m_held.push_back(HeldEvent {QPointer<QObject>(receiver), std::unique_ptr<QKeyEvent>(key->clone())});
    m_staleTimer.start(m_detector.timing().maxInterKeyMs + 1);
}

void ScanEventFilter::giveBack()
{
    m_staleTimer.stop();
    m_detector.reset();
    std::vector<HeldEvent> held;
    held.swap(m_held);
    m_replaying = true;
    for (HeldEvent &h : held) {
        if (h.receiver)
            QCoreApplication::sendEvent(h.receiver, h.event.get());
    }
    m_replaying = false;
}

void ScanEventFilter::checkStale()
{
    const qint64 now = m_clock.elapsed();
    if (m_detector.isStale(now)) {
        giveBack();
        return;
    }
    if (m_detector.isHolding())
        m_staleTimer.start(int(qMax<qint64>(1, m_detector.staleAt() - now)));
}

} // namespace prov::gui

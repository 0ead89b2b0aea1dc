#include "scan/KeyboardWedgeDetector.h"

namespace prov::gui {

KeyboardWedgeDetector::KeyboardWedgeDetector(WedgeTiming timing)
    : m_timing(timing)
{ }

void KeyboardWedgeDetector::setTiming(const WedgeTiming &timing)
{
    m_timing = timing;
    reset();
}

bool KeyboardWedgeDetector::withinBurst(qint64 timeMs) const
{
    // A clock that steps back (events from another source) counts as "at once".
    return timeMs - m_lastKeyMs <= m_timing.maxInterKeyMs;
}

void KeyboardWedgeDetector::start(const QString &text, qint64 timeMs)
{
    m_holding = true;
    m_buffer = text;
    m_lastKeyMs = timeMs;
}

KeyboardWedgeDetector::Action KeyboardWedgeDetector::textKey(const QString &text, qint64 timeMs)
{
    if (!m_holding) {
        start(text, timeMs);
        return Action::Hold;
    }
    if (!withinBurst(timeMs)) {
        start(text, timeMs);
        return Action::FlushAndHold;
    }
    if (m_buffer.size() + text.size() > m_timing.maxLength) {
        reset();
        return Action::Flush;
    }
    m_buffer += text;
    m_lastKeyMs = timeMs;
    return Action::Hold;
}

KeyboardWedgeDetector::Action KeyboardWedgeDetector::terminatorKey(qint64 timeMs)
{
    if (!m_holding)
        return Action::Pass;
    if (withinBurst(timeMs) && m_buffer.size() >= m_timing.minLength) {
        m_scanned = m_buffer;
        reset();
        return Action::Scan;
    }
    reset();
    return Action::Flush;
}

KeyboardWedgeDetector::Action KeyboardWedgeDetector::modifierKey(qint64 timeMs)
{
    if (!m_holding)
        return Action::Pass;
    if (!withinBurst(timeMs)) {
        reset();
        return Action::Flush;
    }
    // Does not extend the burst's clock: a Shift held down by a person must not
    // keep a slow burst alive.
    return Action::Hold;
}

KeyboardWedgeDetector::Action KeyboardWedgeDetector::otherKey(qint64 timeMs)
{
    Q_UNUSED(timeMs)
    if (!m_holding)
        return Action::Pass;
    reset();
    return Action::Flush;
}

bool KeyboardWedgeDetector::isStale(qint64 nowMs) const
{
    return m_holding && !withinBurst(nowMs);
}

void KeyboardWedgeDetector::reset()
{
    m_holding = false;
    m_buffer.clear();
}

} // namespace prov::gui

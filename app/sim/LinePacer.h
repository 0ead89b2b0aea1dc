#pragma once

#include <QtGlobal>

namespace prov::sim {

/// A token bucket at line rate (baud/10 bytes a second: 8N1 is 10 bits a byte).
/// Time is passed in, so the pacing is testable without a clock.
class LinePacer
{
public:
    /// `burstMs`: how much line time an idle line may send at once (keeps the
    /// simulator's timer rate low without letting it run ahead of the line).
    LinePacer(qint32 baud, double burstMs);

    [[nodiscard]] double bytesPerSecond() const { return m_rate; }
    /// Bytes that may leave at `nowNs` (and takes them from the bucket). While
    /// the caller has more than that waiting, the line counts as busy.
    [[nodiscard]] qint64 take(qint64 nowNs, qint64 wanted);
    /// Nanoseconds from `nowNs` until `bytes` more may leave.
    [[nodiscard]] qint64 nsUntil(qint64 nowNs, qint64 bytes);

private:
    void refill(qint64 nowNs);

    double m_rate;
    double m_capacity;
    double m_tokens;
    qint64 m_lastNs = -1;
    bool m_backlogged = false; ///< the last take() left bytes waiting
};

} // namespace prov::sim

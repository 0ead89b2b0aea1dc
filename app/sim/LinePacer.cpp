#include "LinePacer.h"

#include <algorithm>
#include <cmath>

namespace prov::sim {

LinePacer::LinePacer(qint32 baud, double burstMs)
    : m_rate(double(baud) / 10.0)
    , m_capacity(std::max(1.0, m_rate * burstMs / 1000.0))
    , m_tokens(m_capacity)
{ }

void LinePacer::refill(qint64 nowNs)
{
    if (m_lastNs >= 0 && nowNs > m_lastNs) {
        m_tokens += double(nowNs - m_lastNs) * m_rate / 1e9;
        // Only an idle line is capped: while bytes were waiting, the line was
        // sending all along, so a late timer must not cost line time.
        if (!m_backlogged)
            m_tokens = std::min(m_capacity, m_tokens);
    }
    if (nowNs > m_lastNs)
        m_lastNs = nowNs;
}

qint64 LinePacer::take(qint64 nowNs, qint64 wanted)
{
    refill(nowNs);
    const qint64 n = std::min<qint64>(wanted, qint64(std::floor(m_tokens)));
    if (n > 0)
        m_tokens -= double(n);
    m_backlogged = n < wanted;
    if (!m_backlogged)
        m_tokens = std::min(m_capacity, m_tokens);
    return std::max<qint64>(0, n);
}

qint64 LinePacer::nsUntil(qint64 nowNs, qint64 bytes)
{
    refill(nowNs);
    const double need = std::min(double(bytes), m_capacity) - m_tokens;
    if (need <= 0.0)
        return 0;
    return qint64(std::ceil(need * 1e9 / m_rate));
}

} // namespace prov::sim

#include "LineNoise.h"

#include <cmath>
#include <limits>

namespace prov::sim {

LineNoise::LineNoise(double bitErrorRate, double dropRate, quint64 seed)
    : m_ber(bitErrorRate)
    , m_drop(dropRate)
    , m_rng(seed)
{
    m_bitsToError = nextGap(m_ber);
    m_bytesToDrop = nextGap(m_drop);
}

// Independent errors at rate p: the gaps between them are geometric, so a
// clean stretch costs one draw instead of one per bit.
quint64 LineNoise::nextGap(double p)
{
    if (p <= 0.0)
        return std::numeric_limits<quint64>::max();
    if (p >= 1.0)
        return 0;
    std::geometric_distribution<quint64> gap(p);
    return gap(m_rng);
}

void LineNoise::apply(QByteArray &bytes)
{
    if (isClean() || bytes.isEmpty())
        return;
    QByteArray out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        if (m_bytesToDrop == 0) {
            m_bytesToDrop = nextGap(m_drop);
            ++m_dropped;
            continue;
        }
        if (m_bytesToDrop != std::numeric_limits<quint64>::max())
            --m_bytesToDrop;
        // Bit errors land on the 8 data bits (a hit start/stop bit is a framing
        // error that real UARTs also deliver as a wrong byte).
        quint64 bitsLeft = 8;
        while (m_bitsToError < bitsLeft) {
            c = static_cast<char>(c ^ (1 << (7 - int(8 - bitsLeft + m_bitsToError))));
            ++m_bitErrors;
            bitsLeft -= m_bitsToError + 1;
            m_bitsToError = nextGap(m_ber);
        }
        if (m_bitsToError != std::numeric_limits<quint64>::max())
            m_bitsToError -= bitsLeft;
        out.append(c);
    }
    bytes = std::move(out);
}

void LineNoise::garble(QByteArray &bytes)
{
    for (char &c : bytes)
        c = static_cast<char>(m_rng() & 0xFF);
}

} // namespace prov::sim

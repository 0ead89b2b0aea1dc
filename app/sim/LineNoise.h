#pragma once

#include <QByteArray>

#include <random>

namespace prov::sim {

/// What the line does to bytes: bit errors, dropped bytes, and the garbage a
/// UART makes of bytes sent at another baud rate. Deterministic from a seed.
class LineNoise
{
public:
    LineNoise(double bitErrorRate, double dropRate, quint64 seed);

    [[nodiscard]] bool isClean() const { return m_ber <= 0.0 && m_drop <= 0.0; }
    /// Applies bit errors and drops in place.
    void apply(QByteArray &bytes);
    /// Every byte becomes a random one (a receiver at the wrong baud rate sees
    /// framing errors and wrong bits, not the data).
    void garble(QByteArray &bytes);

    [[nodiscard]] quint64 bitErrors() const { return m_bitErrors; }
    [[nodiscard]] quint64 droppedBytes() const { return m_dropped; }

private:
    [[nodiscard]] quint64 nextGap(double p);

    double m_ber;
    double m_drop;
    std::mt19937_64 m_rng;
    quint64 m_bitsToError = 0; ///< bits until the next bit error
    quint64 m_bytesToDrop = 0; ///< bytes until the next dropped byte
    quint64 m_bitErrors = 0;
    quint64 m_dropped = 0;
};

} // namespace prov::sim

#include "SimIds.h"

namespace prov::sim {

namespace {

// splitmix64 (Steele, Lea, Flood 2014): a well-mixed 64-bit stream from a counter.
quint64 splitmix64(quint64 &state)
{
    quint64 z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

} // namespace

SimIds SimIds::derive(quint64 seed, int deviceIndex)
{
    // Hash seed and index into the start, so neighbouring devices do not share
    // stretches of one stream.
    quint64 mix = seed;
    quint64 state = splitmix64(mix) ^ (quint64(deviceIndex) * 0xD1B54A32D192ED03ull);
    state = splitmix64(state);
    SimIds ids;
    do {
        ids.nodeId = quint32(splitmix64(state));
    } while (ids.nodeId == 0 || ids.nodeId == 0xFFFFFFFFu);
    const quint64 emcm = splitmix64(state);
    for (int i = 7; i >= 0; --i)
        ids.emcmId.append(char((emcm >> (8 * i)) & 0xFF));
    ids.meterId = QStringLiteral("M%1").arg(splitmix64(state) % 1000000000ull, 9, 10, QLatin1Char('0'));
    return ids;
}

quint64 SimIds::noiseSeed(quint64 seed, int deviceIndex, int portIndex)
{
    quint64 state = seed ^ (quint64(deviceIndex) << 20) ^ (quint64(portIndex) << 8) ^ 0x5EEDull;
    return splitmix64(state);
}

} // namespace prov::sim

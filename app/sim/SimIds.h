#pragma once

#include <QByteArray>
#include <QString>

namespace prov::sim {

/// Device identities derived from --seed and the device's global index, so a
/// test that starts the simulator twice with one seed meets the same devices.
struct SimIds
{
    quint32 nodeId = 0;
    QByteArray emcmId; ///< 8 bytes
    QString meterId; ///< "M" + 9 digits

    [[nodiscard]] static SimIds derive(quint64 seed, int deviceIndex);
    /// Seed of one port's line noise.
    [[nodiscard]] static quint64 noiseSeed(quint64 seed, int deviceIndex, int portIndex);
};

} // namespace prov::sim

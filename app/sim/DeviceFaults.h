#pragma once

#include "domain/Result.h"
#include "protocol/ProtocolTypes.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace prov::sim {

/// What is wrong with one simulated device (all off by default). Syntax and
/// meaning: docs/sim.md, "Fault injection".
struct DeviceFaults
{
    double bitErrorRate = 0.0; ///< per bit, both directions
    double dropRate = 0.0; ///< per byte, both directions
    bool silent = false; ///< unplugged: nothing in, nothing out
    bool wrongHardware = false; ///< the node reports and checks a foreign hardware type
    bool hardwareFailure = false; ///< the host's self-test fails
    bool meterLinkDown = false;
    bool neverJoin = false;
    std::optional<double> joinAfterSeconds;
    std::optional<double> resetDuringFirmware; ///< fraction of the image at which it resets (once)
    bool flashCorrupt = false; ///< every firmware image fails its CRC check
    bool lockFails = false; ///< Lock answers HardwareFailure: a run failing after its keys were written
    std::optional<protocol::CalibrationState> calibration;
};

/// One `--fault TARGET:key[=value],...` option.
class FaultRule
{
public:
    [[nodiscard]] static Result<FaultRule> parse(QStringView text);

    /// Whether the rule targets the `index`-th device of `model`.
    [[nodiscard]] bool matches(const QString &model, int index) const;
    void applyTo(DeviceFaults *faults) const;
    [[nodiscard]] QString text() const { return m_text; }

private:
    QString m_text;
    QString m_model; ///< empty: every model
    int m_index = -1; ///< -1: every device of the model
    QList<QPair<QString, QString>> m_settings; ///< validated key/value pairs
};

} // namespace prov::sim

#include "protocol/IdentityChecks.h"

namespace prov::protocol {

Status checkNodeIdentity(const NodeIdentity &identity, quint16 expectedHardwareType)
{
    const QString node
        = QStringLiteral("0x") + QString::number(identity.nodeId, 16).rightJustified(8, QLatin1Char('0')).toUpper();
    if (identity.hardwareType != expectedHardwareType)
        return makeCausedError(ResultCode::NodeHardwareIncompatible, FailureCause::WrongNodeHardware,
            {hardwareTypeName(identity.hardwareType), hardwareTypeName(expectedHardwareType)},
            QStringLiteral("node %1 is %2, the configuration is for %3")
                .arg(node, hardwareTypeName(identity.hardwareType), hardwareTypeName(expectedHardwareType)));
    if (identity.calibration != CalibrationState::Valid)
        return makeCausedError(ResultCode::NodeCalibrationIncompatible,
            identity.calibration == CalibrationState::Uncalibrated ? FailureCause::NodeUncalibrated
                                                                   : FailureCause::NodeCalibrationInvalid,
            {}, QStringLiteral("node %1 calibration is %2").arg(node, calibrationName(identity.calibration)));
    return {};
}

} // namespace prov::protocol

#include "protocol/DeviceStatus.h"

#include <array>

namespace prov::protocol {

namespace {

using transport::Channel;

struct StatusRow
{
    DeviceStatus status;
    const char *name;
    ResultCode node;
    ResultCode host;
};

// The one mapping of device answers onto the CLI contract's result codes.
// docs/protocol/node-host-protocol.md ("Status codes") shows the same table.
constexpr std::array kStatusTable {
    StatusRow {DeviceStatus::Ok, "ok", ResultCode::Success, ResultCode::Success},
    StatusRow {DeviceStatus::UnknownCommand, "unknown command", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::MalformedRequest, "malformed request", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::UnsupportedVersion, "unsupported protocol version", ResultCode::NodeVersionIncompatible,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::Busy, "busy", ResultCode::NodeUnexpectedError, ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::NotAllowed, "not allowed in this state", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::WrongHardwareType, "wrong hardware type", ResultCode::NodeHardwareIncompatible,
        ResultCode::HostHardwareFailure},
    StatusRow {DeviceStatus::CalibrationInvalid, "calibration invalid", ResultCode::NodeCalibrationIncompatible,
        ResultCode::HostHardwareFailure},
    StatusRow {DeviceStatus::ConfigurationRejected, "configuration rejected", ResultCode::NodeConfigurationIncompatible,
        ResultCode::HostConfigurationUnavailable},
    StatusRow {DeviceStatus::ImageTooLarge, "image too large", ResultCode::NodeFirmwareUnavailable,
        ResultCode::HostFirmwareUnavailable},
    StatusRow {DeviceStatus::ImageCrcMismatch, "firmware image CRC-32 mismatch", ResultCode::NodeFirmwareUnavailable,
        ResultCode::HostFirmwareUnavailable},
    StatusRow {DeviceStatus::ConfigCrcMismatch, "configuration CRC-32 mismatch",
        ResultCode::NodeConfigurationUnavailable, ResultCode::HostConfigurationUnavailable},
    StatusRow {DeviceStatus::NoTransfer, "no transfer in progress", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::OffsetMismatch, "block offset mismatch", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::TransferIncomplete, "transfer incomplete", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::FlashWriteFailed, "flash write failed", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {DeviceStatus::KeySlotInvalid, "invalid key slot", ResultCode::NodeUnexpectedError,
        ResultCode::HostUnexpectedError},
    StatusRow {
        DeviceStatus::KeyNotSet, "key not set", ResultCode::NodeVerificationFailed, ResultCode::HostVerificationFailed},
    StatusRow {DeviceStatus::HardwareFailure, "hardware failure", ResultCode::NodeUnexpectedError,
        ResultCode::HostHardwareFailure},
    StatusRow {DeviceStatus::MeterLinkDown, "meter link down", ResultCode::ApplicationLinkFailure,
        ResultCode::ApplicationLinkFailure},
};

const StatusRow *findRow(DeviceStatus status)
{
    for (const StatusRow &row : kStatusTable) {
        if (row.status == status)
            return &row;
    }
    return nullptr;
}

} // namespace

bool isKnownStatus(quint8 value)
{
    return findRow(static_cast<DeviceStatus>(value)) != nullptr;
}

QString statusName(DeviceStatus status)
{
    if (const StatusRow *row = findRow(status))
        return QString::fromLatin1(row->name);
    return QStringLiteral("status 0x%1").arg(static_cast<int>(status), 2, 16, QLatin1Char('0'));
}

ResultCode resultCodeFor(DeviceStatus status, Channel channel)
{
    const bool host = channel == Channel::Host;
    if (const StatusRow *row = findRow(status))
        return host ? row->host : row->node;
    return host ? ResultCode::HostUnexpectedError : ResultCode::NodeUnexpectedError;
}

ResultCode resultCodeFor(ExchangeFailure failure, Channel channel)
{
    const bool host = channel == Channel::Host;
    switch (failure) {
    case ExchangeFailure::NoAnswer:
        return host ? ResultCode::HostUnreachable : ResultCode::NodeMessageFailed;
    case ExchangeFailure::InvalidResponse:
        return host ? ResultCode::HostUnexpectedError : ResultCode::NodeUnexpectedError;
    case ExchangeFailure::VerificationFailed:
        return host ? ResultCode::HostVerificationFailed : ResultCode::NodeVerificationFailed;
    }
    return ResultCode::UnknownError;
}

namespace {

/// What the answer means for the unit in the operator's terms.
FailureCause causeOf(DeviceStatus status)
{
    switch (status) {
    case DeviceStatus::ImageCrcMismatch:
        return FailureCause::FirmwareImageRejected;
    case DeviceStatus::ConfigCrcMismatch:
        return FailureCause::ConfigurationRejected;
    case DeviceStatus::FlashWriteFailed:
        return FailureCause::FlashWriteFailed;
    case DeviceStatus::HardwareFailure:
        return FailureCause::DeviceHardwareFailure;
    case DeviceStatus::MeterLinkDown:
        return FailureCause::MeterLinkDown;
    case DeviceStatus::CalibrationInvalid:
        return FailureCause::NodeCalibrationInvalid;
    default:
        return FailureCause::DeviceRefused;
    }
}

} // namespace

Error statusError(DeviceStatus status, Channel channel, const QString &operation)
{
    Error e = makeError(resultCodeFor(status, channel),
        QStringLiteral("%1 answered %2 (0x%3) to %4")
            .arg(processorName(channel), statusName(status))
            .arg(static_cast<int>(status), 2, 16, QLatin1Char('0'))
            .arg(operation));
    e.cause = causeOf(status);
    if (e.cause == FailureCause::DeviceHardwareFailure)
        e.facts = QStringList {operation};
    else if (e.cause == FailureCause::DeviceRefused)
        e.facts = QStringList {statusName(status), operation};
    return e;
}

QString processorName(Channel channel)
{
    return channel == Channel::Host ? QStringLiteral("host (eMCM)") : QStringLiteral("node");
}

} // namespace prov::protocol

#pragma once

#include "domain/Result.h"
#include "transport/Message.h"

#include <QString>

namespace prov::protocol {

/// The status byte of every response. Values are wire values: never renumber.
enum class DeviceStatus : quint8 {
    Ok = 0x00,
    UnknownCommand = 0x01,
    MalformedRequest = 0x02,
    UnsupportedVersion = 0x03,
    Busy = 0x04,
    NotAllowed = 0x05,
    WrongHardwareType = 0x10,
    CalibrationInvalid = 0x11,
    ConfigurationRejected = 0x12,
    ImageTooLarge = 0x13,
    ImageCrcMismatch = 0x14,
    ConfigCrcMismatch = 0x15,
    NoTransfer = 0x16,
    OffsetMismatch = 0x17, ///< body: the offset the device expects (u32)
    TransferIncomplete = 0x18, ///< body: the offset the device expects (u32)
    FlashWriteFailed = 0x19,
    KeySlotInvalid = 0x20,
    KeyNotSet = 0x21,
    HardwareFailure = 0x30,
    MeterLinkDown = 0x31,
};

/// True for the values listed above (a device may send others; they map to
/// "unexpected error").
[[nodiscard]] bool isKnownStatus(quint8 value);
/// "ok", "wrong hardware type", ... ; "status 0xNN" for unknown values.
[[nodiscard]] QString statusName(DeviceStatus status);

/// Why a station-side exchange failed without a device status.
enum class ExchangeFailure {
    NoAnswer, ///< timeouts and retries exhausted, or the link failed
    InvalidResponse, ///< an answer that does not decode or does not match
    VerificationFailed, ///< a key check value that differs from the expected one
};

/// THE table: device status (or station-side failure) on a channel → result code
/// of the CLI contract. Node and host have their own columns because the
/// contract has node codes (36..44) and host codes (68..76).
[[nodiscard]] ResultCode resultCodeFor(DeviceStatus status, transport::Channel channel);
[[nodiscard]] ResultCode resultCodeFor(ExchangeFailure failure, transport::Channel channel);

/// An Error whose code comes from the table, with a message naming the status,
/// the operation and the channel.
[[nodiscard]] Error statusError(DeviceStatus status, transport::Channel channel, const QString &operation);

[[nodiscard]] QString processorName(transport::Channel channel);

} // namespace prov::protocol

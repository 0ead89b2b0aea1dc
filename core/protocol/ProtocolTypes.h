#pragma once

#include "protocol/FirmwareVersion.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace prov::protocol {

/// Version byte every message starts with (docs/protocol/node-host-protocol.md).
inline constexpr quint8 kProtocolVersion = 1;
/// Request header: version, opcode, tag (u16 LE).
inline constexpr qsizetype kRequestHeaderSize = 4;
/// Response header: version, opcode | 0x80, tag (u16 LE), status.
inline constexpr qsizetype kResponseHeaderSize = 5;
inline constexpr quint8 kResponseFlag = 0x80;
/// Largest data block of one TransferBlock request.
inline constexpr qsizetype kMaxBlockSize = 4096;
/// TransferBlock header after the message header: target u8, offset u32.
inline constexpr qsizetype kBlockOverhead = kRequestHeaderSize + 5;
/// Largest message of the protocol (a full TransferBlock request).
inline constexpr qsizetype kMaxMessageSize = kBlockOverhead + kMaxBlockSize;
inline constexpr qsizetype kKeySize = 16;
inline constexpr qsizetype kChallengeSize = 16;
inline constexpr qsizetype kCmacSize = 16;
inline constexpr qsizetype kMinEmcmIdBytes = 4;
inline constexpr qsizetype kMaxEmcmIdBytes = 16;
inline constexpr qsizetype kMaxMeterIdLength = 32;
/// Applications one eMCM may hold (HostApps): app numbers 0..14.
inline constexpr int kMaxHostApps = 15;
inline constexpr qsizetype kMaxAppNameLength = 16;
inline constexpr qsizetype kMaxAppIdBytes = 16;
inline constexpr qsizetype kSha256Size = 32;

enum class Opcode : quint8 {
    NodeIdentify = 0x01,
    HostIdentify = 0x02,
    MeterLinkCheck = 0x03,
    HostApps = 0x04,
    NodeImage = 0x05,
    MeterIdentify = 0x06,
    TransferBegin = 0x10,
    TransferBlock = 0x11,
    TransferEnd = 0x12,
    WriteKey = 0x20,
    VerifyKey = 0x21,
    Lock = 0x30,
    Reset = 0x31,
};

[[nodiscard]] bool isKnownOpcode(quint8 value);
[[nodiscard]] QString opcodeName(Opcode opcode);

/// What a block transfer writes. The configuration targets carry the kind flag,
/// so the device knows whether it holds the factory or the field configuration.
enum class TransferTarget : quint8 {
    Firmware = 1,
    FactoryConfig = 2,
    FieldConfig = 3,
};

[[nodiscard]] QString transferTargetName(TransferTarget target);

enum class ConfigKind : quint8 {
    None = 0,
    Factory = 1,
    Field = 2,
};

[[nodiscard]] QString configKindName(ConfigKind kind);
/// The configuration kind a transfer target writes (None for firmware).
[[nodiscard]] ConfigKind configKindOf(TransferTarget target);

enum class CalibrationState : quint8 {
    Uncalibrated = 0,
    Valid = 1,
    Invalid = 2,
};

[[nodiscard]] QString calibrationName(CalibrationState state);

enum class KeySlot : quint8 {
    Gateway = 0x01, ///< node: factory network gateway key
    CodeDownload = 0x02, ///< node: code-download key ("cdld")
    NodeRoot = 0x03, ///< node: node root key
    App = 0x10, ///< host: the key of application 0; application n uses 0x10 + n
};

[[nodiscard]] bool isKnownKeySlot(quint8 value);
/// "gateway", "codeDownload", "nodeRoot", "app" (application 0), "app1", "app2", ...
[[nodiscard]] QString keySlotName(KeySlot slot);
/// The key slot of host application `app` (0..kMaxHostApps-1).
[[nodiscard]] KeySlot appKeySlot(int app);
/// True for the host's application key slots (0x10..0x1E).
[[nodiscard]] bool isAppKeySlot(KeySlot slot);
/// The application number of an application key slot.
[[nodiscard]] int appOfKeySlot(KeySlot slot);

/// Hardware types: the package's node types and the eMCM host.
namespace HardwareType {
inline constexpr quint16 Unode = 0x0001;
inline constexpr quint16 Enode = 0x0002;
inline constexpr quint16 Dnode = 0x0003;
inline constexpr quint16 Emcm = 0x0100;
} // namespace HardwareType

/// "UNODE", "ENODE", "DNODE", "EMCM", otherwise "0x%04X".
[[nodiscard]] QString hardwareTypeName(quint16 type);
/// Inverse of hardwareTypeName (case-insensitive; also accepts 0x hex); false if unknown.
[[nodiscard]] bool parseHardwareType(QStringView name, quint16 *type);

/// Host hardware status bits reported by HostIdentify; 0 means healthy.
namespace HardwareStatus {
inline constexpr quint8 Ok = 0x00;
inline constexpr quint8 RamFailure = 0x01;
inline constexpr quint8 FlashFailure = 0x02;
inline constexpr quint8 RadioFailure = 0x04;
inline constexpr quint8 MeterInterfaceFailure = 0x08;
} // namespace HardwareStatus

/// Answer of NodeIdentify.
struct NodeIdentity
{
    quint32 nodeId = 0;
    quint16 hardwareType = 0;
    FirmwareVersion firmwareVersion;
    CalibrationState calibration = CalibrationState::Uncalibrated;
    ConfigKind configKind = ConfigKind::None;
    quint64 configId = 0;
    bool locked = false;

    friend bool operator==(const NodeIdentity &a, const NodeIdentity &b)
    {
        return a.nodeId == b.nodeId && a.hardwareType == b.hardwareType && a.firmwareVersion == b.firmwareVersion
            && a.calibration == b.calibration && a.configKind == b.configKind && a.configId == b.configId
            && a.locked == b.locked;
    }
};

/// An installed firmware image as the device reports it (NodeImage, HostApps):
/// the station skips a firmware update only when version and SHA-256 both match.
struct ImageInfo
{
    FirmwareVersion version;
    quint32 size = 0;
    QByteArray sha256; ///< raw 32 bytes; all zero when the device has no image

    friend bool operator==(const ImageInfo &a, const ImageInfo &b)
    {
        return a.version == b.version && a.size == b.size && a.sha256 == b.sha256;
    }
};

/// One application of the eMCM (HostApps); its number is its position in the answer.
struct HostApp
{
    QString name; ///< printable ASCII, 1..16 characters, as the package names the app
    QByteArray id; ///< the application's identifier (0..16 bytes; e.g. the eMCM ID)
    ImageInfo firmware;
    ConfigKind configKind = ConfigKind::None;
    quint64 configId = 0;

    [[nodiscard]] QString idHex() const { return QString::fromLatin1(id.toHex().toUpper()); }

    friend bool operator==(const HostApp &a, const HostApp &b)
    {
        return a.name == b.name && a.id == b.id && a.firmware == b.firmware && a.configKind == b.configKind
            && a.configId == b.configId;
    }
};

/// Answer of HostIdentify.
struct HostIdentity
{
    QByteArray emcmId; ///< raw bytes, 4 to 16
    quint16 hardwareType = 0;
    quint8 hardwareStatus = HardwareStatus::Ok;
    FirmwareVersion firmwareVersion;
    ConfigKind configKind = ConfigKind::None;
    quint64 configId = 0;
    bool locked = false;

    /// Upper-case hex, as EmcmId stores it.
    [[nodiscard]] QString emcmIdHex() const { return QString::fromLatin1(emcmId.toHex().toUpper()); }
    [[nodiscard]] bool hardwareOk() const { return hardwareStatus == HardwareStatus::Ok; }

    friend bool operator==(const HostIdentity &a, const HostIdentity &b)
    {
        return a.emcmId == b.emcmId && a.hardwareType == b.hardwareType && a.hardwareStatus == b.hardwareStatus
            && a.firmwareVersion == b.firmwareVersion && a.configKind == b.configKind && a.configId == b.configId
            && a.locked == b.locked;
    }
};

/// Parameters of TransferBegin: what is about to be written, so the device can
/// refuse it up front (wrong hardware, too large) and resume an interrupted one.
struct TransferInfo
{
    TransferTarget target = TransferTarget::Firmware;
    quint16 hardwareType = 0;
    quint32 size = 0;
    quint32 crc32 = 0;
    FirmwareVersion version; ///< firmware version (zero for configurations)
    quint64 configId = 0; ///< configuration ID (zero for firmware)
    quint8 app = 0; ///< host: the application number (high nibble of the target byte); node: 0

    friend bool operator==(const TransferInfo &a, const TransferInfo &b)
    {
        return a.target == b.target && a.hardwareType == b.hardwareType && a.size == b.size && a.crc32 == b.crc32
            && a.version == b.version && a.configId == b.configId && a.app == b.app;
    }
    friend bool operator!=(const TransferInfo &a, const TransferInfo &b) { return !(a == b); }
};

} // namespace prov::protocol

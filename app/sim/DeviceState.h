#pragma once

#include "crypto/SecretBytes.h"
#include "protocol/ProtocolTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace prov::sim {

/// An open block transfer as the device keeps it in flash, so it can resume.
struct TransferProgress
{
    protocol::TransferInfo info;
    quint32 written = 0;
    quint32 runningCrc = 0; ///< CRC-32 of the first `written` bytes
    QByteArray bytes; ///< what was written, kept to hash at commit (SHA-256)
};

/// One processor's memory (the node, or the host/eMCM).
struct ProcessorState
{
    quint16 hardwareType = 0;
    protocol::FirmwareVersion firmwareVersion;
    quint32 firmwareSize = 0;
    quint32 firmwareCrc = 0;
    QByteArray firmwareSha256; ///< raw; the installed image's hash (NodeImage, HostApps)
    protocol::ConfigKind configKind = protocol::ConfigKind::None;
    quint64 configId = 0;
    quint32 configSize = 0;
    quint32 configCrc = 0;
    QByteArray configSha256; ///< raw
    /// The device's own memory; the state file is the one place keys are
    /// written out (the test oracle), never a log.
    std::map<protocol::KeySlot, crypto::SecretBytes> keys;
    bool locked = false;
    std::optional<TransferProgress> transfer;
    /// The last object committed, so a repeated TransferEnd is answered Ok.
    std::optional<protocol::TransferInfo> lastCommitted;

    [[nodiscard]] QJsonObject toJson() const;
};

/// Everything a simulated device remembers; written to DIR/<nodeId>.json.
struct DeviceState
{
    QString model;
    int device = 0; ///< global index (order of --devices)
    int index = 0; ///< index within its model
    quint32 nodeId = 0;
    QByteArray emcmId; ///< empty for a bare node
    protocol::CalibrationState calibration = protocol::CalibrationState::Valid;
    quint8 hostHardwareStatus = protocol::HardwareStatus::Ok;
    bool meterLinkUp = true;
    QString meterId;
    /// The meter's C12.19 table 1 identification (MANUFACTURER, ED_MODEL):
    /// what its optical port and the eMCM's MeterIdentify report.
    QString meterManufacturer;
    QString meterModel;
    bool joined = false;
    int resets = 0;
    ProcessorState node;
    /// The eMCM: its hardware type and lock, and the memory (firmware,
    /// configuration, key, open transfer) of its application 0.
    ProcessorState host;
    /// The names of the eMCM's applications, by application number (HostApps).
    QStringList appNames;
    /// The memory of applications 1.. (application 0's is `host`).
    std::vector<ProcessorState> otherApps;

    [[nodiscard]] bool hasHost() const { return !emcmId.isEmpty(); }
    /// The memory of application `app`; nullptr when the eMCM has no such application.
    [[nodiscard]] ProcessorState *appMemory(int app);
    [[nodiscard]] const ProcessorState *appMemory(int app) const;
    /// The application's identifier: application 0 is the eMCM ID, the others
    /// 8 bytes derived from it and the name.
    [[nodiscard]] QByteArray appId(int app) const;
    [[nodiscard]] QJsonObject toJson() const;
    /// "0x1A2B3C4D": the JSON line's nodeId and the state file's name.
    [[nodiscard]] QString nodeIdText() const;
};

[[nodiscard]] QString formatNodeId(quint32 nodeId);

} // namespace prov::sim

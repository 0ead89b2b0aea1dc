#pragma once

#include "protocol/DeviceStatus.h"
#include "protocol/ProtocolTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace prov::protocol {

/// One decoded response (station side) or a response to encode (device side).
/// Only the fields of `opcode` are meaningful, and only when `status` is Ok —
/// except `offset`, which OffsetMismatch and TransferIncomplete also carry.
struct Response
{
    quint8 version = kProtocolVersion; ///< the device's protocol version
    Opcode opcode = Opcode::NodeIdentify;
    quint16 tag = 0;
    DeviceStatus status = DeviceStatus::Ok;
    NodeIdentity node; ///< NodeIdentify
    HostIdentity host; ///< HostIdentify
    quint32 offset = 0; ///< TransferBegin: resume offset; TransferBlock: next offset
    quint16 maxBlock = 0; ///< TransferBegin
    QByteArray cmac; ///< VerifyKey (16 bytes)
    QString meterId; ///< MeterLinkCheck (printable ASCII, up to 32)
    QByteArray meterTable; ///< MeterIdentify: the meter's C12.19 table 1 (transport::MeterIdentification)
    QList<HostApp> apps; ///< HostApps, in the device's application order
    ImageInfo image; ///< NodeImage

    [[nodiscard]] bool ok() const { return status == DeviceStatus::Ok; }

    /// A response to `opcode`/`tag` carrying only a status.
    [[nodiscard]] static Response withStatus(Opcode opcode, quint16 tag, DeviceStatus status);
};

} // namespace prov::protocol

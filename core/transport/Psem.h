#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace prov::transport::psem {

// ANSI C12.18 / PSEM numbers (docs/protocol/c1218.md).

// Request codes.
constexpr quint8 kIdentify = 0x20;
constexpr quint8 kTerminate = 0x21;
constexpr quint8 kDisconnect = 0x22;
constexpr quint8 kReadFull = 0x30;
constexpr quint8 kReadPartial = 0x3F;
constexpr quint8 kWriteFull = 0x40;
constexpr quint8 kWritePartial = 0x4F;
constexpr quint8 kLogon = 0x50;
constexpr quint8 kSecurity = 0x51;
constexpr quint8 kLogoff = 0x52;
constexpr quint8 kNegotiate = 0x60; ///< 0x60 + number of baud codes (0..11)
constexpr quint8 kWait = 0x70;

// Response codes.
constexpr quint8 kOk = 0x00;
constexpr quint8 kErr = 0x01;
constexpr quint8 kSns = 0x02; ///< service not supported
constexpr quint8 kIsc = 0x03; ///< insufficient security clearance
constexpr quint8 kOnp = 0x04; ///< operation not possible
constexpr quint8 kIar = 0x05; ///< inappropriate action requested
constexpr quint8 kBsy = 0x06;
constexpr quint8 kDnr = 0x07; ///< data not ready
constexpr quint8 kDlk = 0x08; ///< data locked
constexpr quint8 kRno = 0x09; ///< renegotiate request
constexpr quint8 kIsss = 0x0A; ///< invalid service sequence state

// Link layer.
constexpr quint8 kStart = 0xEE;
constexpr quint8 kAck = 0x06;
constexpr quint8 kNak = 0x15;
constexpr quint8 kCtrlMultiPacket = 0x80;
constexpr quint8 kCtrlFirstPacket = 0x40;
constexpr quint8 kCtrlToggle = 0x20;
constexpr qsizetype kPacketOverhead = 8;
constexpr qsizetype kMaxPacketData = 8183;
/// Packet size before Negotiate (with overhead).
constexpr quint16 kDefaultPacketSize = 64;

// Standard tables the meter side serves, and the tunnel (docs/protocol/wrappers.md).
constexpr quint16 kGeneralConfigTable = 0; ///< ST 0
constexpr quint16 kManufacturerIdTable = 1; ///< ST 1
/// Manufacturer tables are numbered from 2048 (MFG table n = 2048 + n).
constexpr quint16 kTunnelRequestTable = 2049; ///< MT 1: station writes `<channel><message>`
constexpr quint16 kTunnelResponseTable = 2050; ///< MT 2: station reads one `<channel><message>`, empty if none

/// Baud codes of Negotiate.
[[nodiscard]] qint32 baudFromCode(quint8 code); ///< 0 when unknown
[[nodiscard]] quint8 codeFromBaud(qint32 baud); ///< 0 when none

/// The 8-bit two's complement of the sum of the bytes (table data checksum).
[[nodiscard]] quint8 tableChecksum(QByteArrayView data);
/// "OK", "ISC (insufficient security clearance)", ... for messages.
[[nodiscard]] QString responseName(quint8 code);
[[nodiscard]] QString serviceName(quint8 code);

void appendBe16(QByteArray &out, quint16 value);
void appendBe24(QByteArray &out, quint32 value);
[[nodiscard]] quint16 be16(QByteArrayView data, qsizetype at);
[[nodiscard]] quint32 be24(QByteArrayView data, qsizetype at);

} // namespace prov::transport::psem

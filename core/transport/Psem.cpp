#include "transport/Psem.h"

namespace prov::transport::psem {

namespace {
// Index = baud code (C12.18 Negotiate).
constexpr qint32 kBauds[] = {0, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 28800, 57600, 38400, 115200};
} // namespace

qint32 baudFromCode(quint8 code)
{
    return code < std::size(kBauds) ? kBauds[code] : 0;
}

quint8 codeFromBaud(qint32 baud)
{
    for (std::size_t i = 1; i < std::size(kBauds); ++i) {
        if (kBauds[i] == baud)
            return quint8(i);
    }
    return 0;
}

quint8 tableChecksum(QByteArrayView data)
{
    unsigned sum = 0;
    for (char c : data)
        sum += quint8(c);
    return quint8((0x100 - (sum & 0xFF)) & 0xFF);
}

QString responseName(quint8 code)
{
    switch (code) {
    case kOk:
        return QStringLiteral("OK");
    case kErr:
        return QStringLiteral("ERR (error)");
    case kSns:
        return QStringLiteral("SNS (service not supported)");
    case kIsc:
        return QStringLiteral("ISC (insufficient security clearance)");
    case kOnp:
        return QStringLiteral("ONP (operation not possible)");
    case kIar:
        return QStringLiteral("IAR (inappropriate action requested)");
    case kBsy:
        return QStringLiteral("BSY (device busy)");
    case kDnr:
        return QStringLiteral("DNR (data not ready)");
    case kDlk:
        return QStringLiteral("DLK (data locked)");
    case kRno:
        return QStringLiteral("RNO (renegotiate request)");
    case kIsss:
        return QStringLiteral("ISSS (invalid service sequence state)");
    default:
        return QStringLiteral("response code 0x%1").arg(code, 2, 16, QLatin1Char('0'));
    }
}

QString serviceName(quint8 code)
{
    if (code >= kNegotiate && code <= kNegotiate + 11)
        return QStringLiteral("Negotiate");
    switch (code) {
    case kIdentify:
        return QStringLiteral("Identify");
    case kTerminate:
        return QStringLiteral("Terminate");
    case kDisconnect:
        return QStringLiteral("Disconnect");
    case kReadFull:
        return QStringLiteral("Read");
    case kReadPartial:
        return QStringLiteral("Read partial");
    case kWriteFull:
        return QStringLiteral("Write");
    case kWritePartial:
        return QStringLiteral("Write partial");
    case kLogon:
        return QStringLiteral("Logon");
    case kSecurity:
        return QStringLiteral("Security");
    case kLogoff:
        return QStringLiteral("Logoff");
    case kWait:
        return QStringLiteral("Wait");
    default:
        return QStringLiteral("service 0x%1").arg(code, 2, 16, QLatin1Char('0'));
    }
}

void appendBe16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xFF));
}

void appendBe24(QByteArray &out, quint32 value)
{
    out.append(char((value >> 16) & 0xFF));
    out.append(char((value >> 8) & 0xFF));
    out.append(char(value & 0xFF));
}

quint16 be16(QByteArrayView data, qsizetype at)
{
    return quint16((quint8(data[at]) << 8) | quint8(data[at + 1]));
}

quint32 be24(QByteArrayView data, qsizetype at)
{
    return (quint32(quint8(data[at])) << 16) | (quint32(quint8(data[at + 1])) << 8) | quint8(data[at + 2]);
}

} // namespace prov::transport::psem

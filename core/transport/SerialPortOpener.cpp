#include "transport/SerialPortOpener.h"

#include <QFileInfo>

namespace prov::transport {

Error SerialPortOpener::describeError(const QString &path, QSerialPort::SerialPortError error, const QString &qtMessage)
{
    switch (error) {
    case QSerialPort::DeviceNotFoundError:
        return makeError(ResultCode::DeviceUnreachable, QStringLiteral("port %1 does not exist").arg(path));
    case QSerialPort::PermissionError:
        // Qt reports a held lock file or TIOCEXCL as a "permission error".
        if (qtMessage.contains(QLatin1String("lock"), Qt::CaseInsensitive)
            || qtMessage.contains(QLatin1String("busy"), Qt::CaseInsensitive)) {
            return makeError(
                ResultCode::DeviceUnreachable, QStringLiteral("port %1 is in use by another program").arg(path));
        }
        return makeError(ResultCode::DeviceUnreachable,
            QStringLiteral("no permission to open port %1 (%2); on Linux add the user to the "
                           "dialout group")
                .arg(path, qtMessage));
    case QSerialPort::OpenError:
        return makeError(ResultCode::DeviceUnreachable, QStringLiteral("port %1 is already open").arg(path));
    case QSerialPort::UnsupportedOperationError:
        return makeError(ResultCode::DeviceUnreachable,
            QStringLiteral("port %1 does not support these settings (%2)").arg(path, qtMessage));
    default:
        return makeError(ResultCode::DeviceUnreachable, QStringLiteral("cannot open port %1: %2").arg(path, qtMessage));
    }
}

Result<std::unique_ptr<QSerialPort>> SerialPortOpener::open(const QString &path, qint32 baudRate, QObject *parent)
{
    if (path.isEmpty())
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no serial port given"));
    // Qt's own "not found" is vague for paths; checking first names the path.
    if (path.startsWith(QLatin1Char('/')) && !QFileInfo::exists(path))
        return makeError(ResultCode::DeviceUnreachable, QStringLiteral("port %1 does not exist").arg(path));
    if (baudRate <= 0)
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("invalid baud rate %1 for port %2").arg(baudRate).arg(path));

    auto port = std::make_unique<QSerialPort>(parent);
    port->setObjectName(path);
    port->setPortName(path);
    if (!port->open(QIODevice::ReadWrite))
        return describeError(path, port->error(), port->errorString());
    const bool configured = port->setBaudRate(baudRate) && port->setDataBits(QSerialPort::Data8)
        && port->setParity(QSerialPort::NoParity) && port->setStopBits(QSerialPort::OneStop)
        && port->setFlowControl(QSerialPort::NoFlowControl);
    if (!configured) {
        Error error = describeError(path, port->error(), port->errorString());
        error.message
            = QStringLiteral("cannot set %1 baud 8N1 on port %2: %3").arg(baudRate).arg(path, port->errorString());
        port->close();
        return error;
    }
    // Bytes the device sent before this open (to a station that was killed
    // mid-session) are answers to nobody: they must not be taken for answers
    // to this session's first requests.
    port->clear(QSerialPort::Input);
    return Result<std::unique_ptr<QSerialPort>>(std::move(port));
}

} // namespace prov::transport

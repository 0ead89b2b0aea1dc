#pragma once

#include "domain/Result.h"

#include <QSerialPort>
#include <QString>

#include <memory>

namespace prov::transport {

/// Opens a serial port by path (/dev/ttyUSB0, /dev/pts/7, COM3) at a baud rate,
/// 8N1, no flow control, with its input cleared (stale bytes of an earlier
/// session), and turns Qt's errors into sentences naming the port.
class SerialPortOpener
{
public:
    /// The port's objectName() is set to `path` (Link uses it in messages).
    [[nodiscard]] static Result<std::unique_ptr<QSerialPort>> open(
        const QString &path, qint32 baudRate, QObject *parent = nullptr);
    /// Qt says "Permission error while locking the device" when another
    /// program holds the port; this says "port … is in use by another program".
    [[nodiscard]] static Error describeError(
        const QString &path, QSerialPort::SerialPortError error, const QString &qtMessage);
};

/// Where a run gets its serial port. Unset, a station opens the machine's
/// ports with SerialPortOpener; a test gives its own (tests/support's
/// FakeSerialPort), and the link treats it as the real one.
class SerialPortSource
{
public:
    virtual ~SerialPortSource() = default;
    /// An open port (8N1 at `baudRate`), or the error SerialPortOpener::open() would give.
    [[nodiscard]] virtual Result<std::unique_ptr<QSerialPort>> open(const QString &path, qint32 baudRate) = 0;
};

} // namespace prov::transport

#pragma once

#include "transport/SerialPortOpener.h"

#include <QHash>
#include <QSerialPort>

#include <functional>

namespace prov::test {

/// A serial port in memory, for tests of code that takes a QSerialPort (a
/// Link, a Station through SerialPortSource): the test feeds the bytes the
/// reader gets (whole or in pieces, at once or after a delay), stalls or fails
/// writes, raises the port's errors, and reads back what was written. It is a
/// QSerialPort, so a Link reacts to its errorOccurred() as to a real port's.
/// Writes and reads go through the event loop, as on a real port.
class FakeSerialPort : public QSerialPort
{
    Q_OBJECT

public:
    explicit FakeSerialPort(const QString &path = QStringLiteral("/dev/ttyFAKE0"), QObject *parent = nullptr);
    ~FakeSerialPort() override;

    bool open(OpenMode mode) override;
    void close() override;
    [[nodiscard]] bool isSequential() const override { return true; }
    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] qint64 bytesToWrite() const override;
    bool waitForReadyRead(int) override { return false; }
    bool waitForBytesWritten(int) override { return false; }

    /// `bytes` reach the reader after `delayMs`, in pieces of `chunk` bytes
    /// (0: whole), each piece its own readyRead().
    void feed(const QByteArray &bytes, int delayMs = 0, int chunk = 0);
    /// A stalled port takes writes but sends nothing (bytesToWrite() grows,
    /// no bytesWritten()) until it is released.
    void setWritesStalled(bool stalled);
    /// Every later write fails (returns -1) with `message`; empty ends it.
    void failWrites(const QString &message);
    /// The port reports `error` as the real one does when its adapter is
    /// unplugged or the other end closes (errorOccurred(), errorString()).
    void raiseError(QSerialPort::SerialPortError error, const QString &message);

    /// Everything written that left the port, in order.
    [[nodiscard]] QByteArray written() const { return m_written; }

signals:
    /// Bytes that left the port (after a stall: when it is released).
    void bytesSent(const QByteArray &bytes);

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    void deliverWrites();

    QByteArray m_in;
    QByteArray m_out; ///< written, not yet sent
    QByteArray m_written;
    QString m_writeFailure;
    bool m_stalled = false;
    bool m_deliveryQueued = false;
};

/// A SerialPortSource of fake ports: each path opens as a new FakeSerialPort
/// that `onOpen` may script (or put a device behind); a path may be made to
/// fail to open, as a missing or busy port does.
class FakeSerialPorts : public transport::SerialPortSource
{
public:
    using OnOpen = std::function<void(FakeSerialPort *port)>;

    explicit FakeSerialPorts(OnOpen onOpen = {})
        : m_onOpen(std::move(onOpen))
    { }

    /// `path` does not open: the error SerialPortOpener gives for `error`.
    void failOpen(const QString &path, QSerialPort::SerialPortError error, const QString &qtMessage = {});
    [[nodiscard]] Result<std::unique_ptr<QSerialPort>> open(const QString &path, qint32 baudRate) override;
    [[nodiscard]] int opened() const { return m_opened; }

private:
    OnOpen m_onOpen;
    QHash<QString, std::pair<QSerialPort::SerialPortError, QString>> m_failing;
    int m_opened = 0;
};

} // namespace prov::test

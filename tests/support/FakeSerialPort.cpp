#include "FakeSerialPort.h"

#include <QTimer>

#include <algorithm>
#include <utility>

namespace prov::test {

FakeSerialPort::FakeSerialPort(const QString &path, QObject *parent)
    : QSerialPort(parent)
{
    setObjectName(path);
    setPortName(path);
}

FakeSerialPort::~FakeSerialPort()
{
    // Closed here, so QSerialPort's destructor finds nothing of its own to close.
    if (isOpen())
        QIODevice::close();
}

bool FakeSerialPort::open(OpenMode mode)
{
    // Unbuffered: the reader sees exactly what feed() delivered, piece by piece.
    return QIODevice::open(mode | QIODevice::Unbuffered);
}

void FakeSerialPort::close()
{
    m_in.clear();
    m_out.clear();
    QIODevice::close();
}

qint64 FakeSerialPort::bytesAvailable() const
{
    return m_in.size() + QIODevice::bytesAvailable();
}

qint64 FakeSerialPort::bytesToWrite() const
{
    return m_out.size();
}

void FakeSerialPort::feed(const QByteArray &bytes, int delayMs, int chunk)
{
    const qsizetype step = chunk > 0 ? chunk : qMax<qsizetype>(1, bytes.size());
    for (qsizetype at = 0; at < bytes.size(); at += step) {
        // Single shots of equal delay fire in order: the pieces arrive in order.
        QTimer::singleShot(delayMs, this, [this, piece = bytes.mid(at, step)] {
            if (!isOpen())
                return;
            m_in.append(piece);
            emit readyRead();
        });
    }
}

void FakeSerialPort::setWritesStalled(bool stalled)
{
    m_stalled = stalled;
    if (!stalled && !m_out.isEmpty())
        deliverWrites();
}

void FakeSerialPort::failWrites(const QString &message)
{
    m_writeFailure = message;
}

void FakeSerialPort::raiseError(QSerialPort::SerialPortError error, const QString &message)
{
    setErrorString(message);
    emit errorOccurred(error);
}

qint64 FakeSerialPort::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_in.size());
    std::copy_n(m_in.constData(), n, data);
    m_in.remove(0, n);
    return n;
}

qint64 FakeSerialPort::writeData(const char *data, qint64 maxSize)
{
    if (!m_writeFailure.isEmpty()) {
        setErrorString(m_writeFailure);
        return -1;
    }
    m_out.append(data, maxSize);
    if (!m_stalled && !m_deliveryQueued) {
        m_deliveryQueued = true;
        QMetaObject::invokeMethod(this, &FakeSerialPort::deliverWrites, Qt::QueuedConnection);
    }
    return maxSize;
}

void FakeSerialPort::deliverWrites()
{
    m_deliveryQueued = false;
    if (m_stalled || m_out.isEmpty() || !isOpen())
        return;
    const QByteArray bytes = std::exchange(m_out, {});
    m_written.append(bytes);
    emit bytesWritten(bytes.size());
    emit bytesSent(bytes);
}

void FakeSerialPorts::failOpen(const QString &path, QSerialPort::SerialPortError error, const QString &qtMessage)
{
    m_failing.insert(path, {error, qtMessage});
}

Result<std::unique_ptr<QSerialPort>> FakeSerialPorts::open(const QString &path, qint32 baudRate)
{
    if (const auto it = m_failing.constFind(path); it != m_failing.cend())
        return transport::SerialPortOpener::describeError(path, it->first, it->second);
    if (baudRate <= 0)
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("invalid baud rate %1 for port %2").arg(baudRate).arg(path));
    auto port = std::make_unique<FakeSerialPort>(path);
    (void)port->open(QIODevice::ReadWrite);
    ++m_opened;
    if (m_onOpen)
        m_onOpen(port.get());
    return Result<std::unique_ptr<QSerialPort>>(std::move(port));
}

} // namespace prov::test

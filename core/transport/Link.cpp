#include "transport/Link.h"

#include "transport/TransportLog.h"

#include <QSerialPort>

namespace prov::transport {

namespace {
// Bytes handed to the device at once; the rest waits in the backlog so that
// QSerialPort's own buffer does not grow without bound.
constexpr qint64 kDeviceChunk = 16 * 1024;
// How long close() waits for the wrapper's polite goodbye (PSEM Logoff,
// Terminate with retries) before closing anyway.
constexpr int kCloseGuardMs = 15000;
} // namespace

Link::Link(QIODevice *device, std::unique_ptr<Wrapper> wrapper, QObject *parent)
    : QObject(parent)
    , m_device(device)
    , m_wrapper(std::move(wrapper))
{
    init();
}

Link::Link(std::unique_ptr<QIODevice> device, std::unique_ptr<Wrapper> wrapper, QObject *parent)
    : QObject(parent)
    , m_ownedDevice(std::move(device))
    , m_device(m_ownedDevice.get())
    , m_wrapper(std::move(wrapper))
{
    init();
}

Link::~Link()
{
    // The wrapper's signals must not reach a half-destroyed link.
    if (m_wrapper)
        m_wrapper->disconnect(this);
    if (m_device)
        m_device->disconnect(this);
}

void Link::init()
{
    Q_ASSERT(m_device);
    Q_ASSERT(m_wrapper);
    m_closeGuard.setSingleShot(true);
    m_closeGuard.setInterval(kCloseGuardMs);
    connect(&m_closeGuard, &QTimer::timeout, this, &Link::handleWrapperFinished);

    connect(m_wrapper.get(), &Wrapper::bytesToWrite, this, &Link::writeBytes);
    connect(m_wrapper.get(), &Wrapper::messageReceived, this, &Link::messageReceived);
    connect(m_wrapper.get(), &Wrapper::ready, this, &Link::handleWrapperReady);
    connect(m_wrapper.get(), &Wrapper::finished, this, &Link::handleWrapperFinished);
    connect(m_wrapper.get(), &Wrapper::allMessagesDelivered, this, &Link::allMessagesDelivered);
    connect(m_wrapper.get(), &Wrapper::failed, this, [this](const Error &error) {
        Error withPort = error;
        if (withPort.context.isEmpty())
            withPort.context = description();
        fail(withPort);
    });
}

QString Link::description() const
{
    if (!m_description.isEmpty())
        return m_description;
    if (m_device && !m_device->objectName().isEmpty())
        return m_device->objectName();
    return QStringLiteral("serial port");
}

void Link::open()
{
    if (m_opened)
        return;
    if (!m_device || !m_device->isOpen()) {
        fail(makeError(ResultCode::DeviceUnreachable, QStringLiteral("port %1 is not open").arg(description())));
        return;
    }
    m_opened = true;
    m_closing = false;
    m_failed = false;
    connect(m_device, &QIODevice::readyRead, this, &Link::readAvailable);
    connect(m_device, &QIODevice::bytesWritten, this, &Link::pumpWrites);
    if (auto *port = qobject_cast<QSerialPort *>(m_device.data())) {
        connect(port, &QSerialPort::errorOccurred, this, [this, port](QSerialPort::SerialPortError error) {
            if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
                return;
            // Anything but a timeout on an open port means it stopped working:
            // an adapter unplugged, or the other end of a pty closed.
            const QString what = QStringLiteral("port %1 stopped working (unplugged, or closed at the other end): %2");
            fail(makeError(ResultCode::DeviceUnreachable, what.arg(description(), port->errorString())));
        });
    }
    m_wrapper->start();
    if (m_device->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &Link::readAvailable, Qt::QueuedConnection);
}

void Link::close()
{
    if (!m_opened || m_closing)
        return;
    m_closing = true;
    m_beforeReady.clear();
    m_closeGuard.start();
    m_wrapper->stop(); // emits finished(), maybe at once
}

void Link::handleWrapperFinished()
{
    if (!m_closing)
        return; // the wrapper ended a session we did not ask to end: failed() tells why
    m_closeGuard.stop();
    m_closing = false;
    m_opened = false;
    m_ready = false;
    if (m_device) {
        m_device->disconnect(this);
        if (m_ownedDevice)
            m_device->close();
    }
    m_backlog.clear();
    emit closed();
}

void Link::handleWrapperReady()
{
    if (m_ready || m_closing)
        return;
    m_ready = true;
    while (!m_beforeReady.empty() && m_ready) {
        const Message message = std::move(m_beforeReady.front());
        m_beforeReady.pop_front();
        transmit(message);
    }
    emit ready();
}

void Link::send(const Message &message)
{
    if (m_failed || m_closing)
        return;
    if (!m_ready) {
        m_beforeReady.push_back(message);
        return;
    }
    transmit(message);
}

void Link::transmit(const Message &message)
{
    if (message.payload.size() > m_wrapper->maxMessageSize()) {
        fail(makeError(ResultCode::InternalError,
            QStringLiteral("message of %1 bytes for port %2 exceeds the %3 wrapper's limit of %4 bytes")
                .arg(message.payload.size())
                .arg(description(), wrapperName(m_wrapper->kind()))
                .arg(m_wrapper->maxMessageSize())));
        return;
    }
    m_wrapper->sendMessage(message);
}

void Link::readAvailable()
{
    if (!m_device || !m_opened)
        return;
    const QByteArray bytes = m_device->readAll();
    if (bytes.isEmpty())
        return;
    m_counters.bytesRead += quint64(bytes.size());
    m_wrapper->feed(bytes);
}

void Link::writeBytes(const QByteArray &bytes)
{
    if (m_failed || !m_device)
        return;
    if (m_backlog.size() + bytes.size() > kMaxWriteBacklog) {
        fail(makeError(ResultCode::DeviceUnreachable,
            QStringLiteral("port %1 does not take data: more than %2 bytes are waiting to be written")
                .arg(description())
                .arg(kMaxWriteBacklog)));
        return;
    }
    m_backlog.append(bytes);
    pumpWrites();
}

void Link::pumpWrites()
{
    if (!m_device || m_failed || m_pumping)
        return;
    // Some devices emit bytesWritten() from inside write().
    m_pumping = true;
    while (!m_backlog.isEmpty() && m_device->bytesToWrite() < kDeviceChunk) {
        const qint64 written = m_device->write(m_backlog.constData(), qMin<qint64>(m_backlog.size(), kDeviceChunk));
        if (written < 0) {
            m_pumping = false;
            fail(makeError(ResultCode::DeviceUnreachable,
                QStringLiteral("cannot write to port %1: %2").arg(description(), m_device->errorString())));
            return;
        }
        if (written == 0)
            break;
        m_counters.bytesWritten += quint64(written);
        m_backlog.remove(0, written);
    }
    m_pumping = false;
}

void Link::fail(const Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    m_ready = false;
    qCWarning(lcTransport).noquote() << error.toString();
    m_beforeReady.clear();
    emit failed(error);
}

LinkCounters Link::counters() const
{
    LinkCounters c = m_wrapper->counters();
    c.bytesRead = m_counters.bytesRead;
    c.bytesWritten = m_counters.bytesWritten;
    return c;
}

} // namespace prov::transport

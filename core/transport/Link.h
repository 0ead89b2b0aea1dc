#pragma once

#include "domain/Result.h"
#include "transport/Message.h"
#include "transport/Wrapper.h"

#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <memory>

namespace prov::transport {

/// One serial line to one device: a QIODevice (QSerialPort, a pseudo-terminal,
/// a socket) with a Wrapper on it. Fully asynchronous: readyRead feeds the
/// wrapper, the wrapper's bytes go to the device through a capped write
/// backlog. It carries messages and nothing more: what answers what, timeouts
/// and retries belong to the protocol above (protocol::Exchanger).
///
/// Both sides use it: the station and the simulator.
class Link : public QObject
{
    Q_OBJECT

public:
    /// More than this many bytes waiting for the device is a failure (a stuck
    /// port), not a reason to grow without bound.
    static constexpr qsizetype kMaxWriteBacklog = 2 * 1024 * 1024;

    /// Bound to `device` (not owned; it must outlive the link).
    Link(QIODevice *device, std::unique_ptr<Wrapper> wrapper, QObject *parent = nullptr);
    /// Owns `device`.
    Link(std::unique_ptr<QIODevice> device, std::unique_ptr<Wrapper> wrapper, QObject *parent = nullptr);
    ~Link() override;

    /// Names the port in error messages; defaults to the device's objectName()
    /// (SerialPortOpener sets it to the path).
    void setDescription(const QString &description) { m_description = description; }
    [[nodiscard]] QString description() const;

    /// Starts reading and the wrapper's session; emits ready() (or failed()).
    /// The device must already be open.
    void open();
    /// Drops messages still waiting for ready(), ends the wrapper's session
    /// politely (PSEM Logoff/Terminate), then emits closed(). An owned device
    /// is closed.
    void close();
    [[nodiscard]] bool isReady() const { return m_ready; }

    /// Hands `message` to the wrapper. Messages sent before ready() wait for it.
    void send(const Message &message);

    [[nodiscard]] LinkCounters counters() const;
    [[nodiscard]] Wrapper *wrapper() const { return m_wrapper.get(); }
    [[nodiscard]] QIODevice *device() const { return m_device; }
    /// Bytes accepted by send() but not yet handed to the device.
    [[nodiscard]] qsizetype pendingWriteBytes() const { return m_backlog.size(); }

signals:
    void ready();
    void closed();
    /// Every message the wrapper delivers, in order.
    void messageReceived(const prov::transport::Message &message);
    /// The wrapper has delivered (and, where it acknowledges, had acknowledged)
    /// everything sent so far.
    void allMessagesDelivered();
    /// The line is unusable (port gone, write backlog full, session refused,
    /// retransmissions exhausted).
    void failed(const prov::Error &error);

private:
    void init();
    void readAvailable();
    void writeBytes(const QByteArray &bytes);
    void pumpWrites();
    void handleWrapperReady();
    void handleWrapperFinished();
    void transmit(const Message &message);
    void fail(const Error &error);

    std::unique_ptr<QIODevice> m_ownedDevice;
    QPointer<QIODevice> m_device;
    std::unique_ptr<Wrapper> m_wrapper;
    QString m_description;
    QByteArray m_backlog;
    std::deque<Message> m_beforeReady;
    LinkCounters m_counters;
    bool m_opened = false;
    bool m_ready = false;
    bool m_closing = false;
    bool m_failed = false;
    bool m_pumping = false;
    QTimer m_closeGuard;
};

} // namespace prov::transport

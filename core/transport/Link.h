#pragma once

#include "domain/Result.h"
#include "transport/Message.h"
#include "transport/Wrapper.h"

#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <array>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace prov::transport {

/// One serial line to one device: a QIODevice (QSerialPort, a pseudo-terminal,
/// a socket) with a Wrapper on it. Fully asynchronous: readyRead feeds the
/// wrapper, the wrapper's bytes go to the device through a capped write
/// backlog. On top it offers request/reply with timeout and retries, one
/// outstanding request per channel (later ones wait in a queue).
///
/// Both sides use it: the station (requests) and the simulator (send()).
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
    /// Fails outstanding requests, ends the wrapper's session politely (PSEM
    /// Logoff/Terminate), then emits closed(). An owned device is closed.
    void close();
    [[nodiscard]] bool isReady() const { return m_ready; }

    /// Fire and forget (also what the device side answers with). Messages sent
    /// before ready() wait for it.
    void send(const Message &message);
    /// Sends `message`; the next message received on its channel that the
    /// reply matcher accepts (any message without one) is the reply
    /// (replied()). Without a reply within timeoutMs it is sent again, up to
    /// `retries` more times, then requestFailed() with DeviceUnreachable.
    /// Returns the request id (never 0).
    quint64 request(const Message &message, int timeoutMs, int retries = 0);

    /// Tells whether `reply` answers `request` (e.g. the tag it echoes). The
    /// transport cannot know the protocol above it; without a matcher a late
    /// reply to a request that already timed out would be taken for the reply
    /// to the next one. Messages the matcher refuses arrive as messageReceived().
    using ReplyMatcher = std::function<bool(const Message &request, const Message &reply)>;
    void setReplyMatcher(ReplyMatcher matcher) { m_replyMatcher = std::move(matcher); }
    /// Forgets queued and outstanding requests without signals (e.g. on abort).
    void cancelRequests();

    [[nodiscard]] LinkCounters counters() const;
    [[nodiscard]] Wrapper *wrapper() const { return m_wrapper.get(); }
    [[nodiscard]] QIODevice *device() const { return m_device; }
    /// Bytes accepted by send() but not yet handed to the device.
    [[nodiscard]] qsizetype pendingWriteBytes() const { return m_backlog.size(); }

signals:
    void ready();
    void closed();
    void replied(quint64 id, const prov::transport::Message &reply);
    void requestFailed(quint64 id, const prov::Error &error);
    /// A message that is not the reply to an outstanding request.
    void messageReceived(const prov::transport::Message &message);
    /// The wrapper has delivered (and, where it acknowledges, had acknowledged)
    /// everything sent so far.
    void allMessagesDelivered();
    /// The line is unusable (port gone, write backlog full, session refused,
    /// retransmissions exhausted). Outstanding requests fail with the same error.
    void failed(const prov::Error &error);

private:
    struct Request
    {
        quint64 id = 0;
        Message message;
        int timeoutMs = 0;
        int retriesLeft = 0;
        int attempts = 0;
    };
    struct ChannelState
    {
        std::optional<Request> outstanding;
        std::deque<Request> queue;
        QTimer timer;
    };

    void init();
    void readAvailable();
    void writeBytes(const QByteArray &bytes);
    void pumpWrites();
    void handleMessage(const Message &message);
    void handleWrapperReady();
    void handleWrapperFinished();
    void transmit(const Message &message);
    void startNext(Channel channel);
    void sendOutstanding(Channel channel);
    void handleTimeout(Channel channel);
    void failAll(const Error &error);
    void fail(const Error &error);
    [[nodiscard]] ChannelState &state(Channel channel);

    std::unique_ptr<QIODevice> m_ownedDevice;
    QPointer<QIODevice> m_device;
    std::unique_ptr<Wrapper> m_wrapper;
    QString m_description;
    ReplyMatcher m_replyMatcher;
    QByteArray m_backlog;
    std::deque<Message> m_beforeReady;
    std::array<ChannelState, 2> m_channels;
    LinkCounters m_counters;
    quint64 m_nextId = 1;
    bool m_opened = false;
    bool m_ready = false;
    bool m_closing = false;
    bool m_failed = false;
    bool m_pumping = false;
    QTimer m_closeGuard;
};

} // namespace prov::transport

#pragma once

#include "domain/Result.h"
#include "transport/Message.h"

#include <QObject>

namespace prov::transport {

/// A framing layer between messages and the raw byte stream of one serial line.
/// Stateless framings (`none`, `orw`) answer at once; stateful ones (`reliable`,
/// `opt_psem`) run their own ACK/retransmission timers on the owning thread.
/// Every wrapper exists in two roles: the station side and the device side (the
/// simulator uses the latter), selected at construction.
///
/// Data flow: sendMessage() → bytesToWrite() (the Link writes them to the port);
/// bytes read from the port → feed() → messageReceived() for each whole message.
class Wrapper : public QObject
{
    Q_OBJECT

public:
    enum class Role { Station, Device };

    using QObject::QObject;
    ~Wrapper() override = default;

    [[nodiscard]] virtual WrapperKind kind() const = 0;
    /// Starts the wrapper's session (PSEM logon etc.); emits ready() when messages
    /// may flow. Framings without a session emit ready() at once.
    virtual void start() = 0;
    /// Ends the session politely (PSEM logoff/terminate); emits finished().
    virtual void stop() = 0;
    /// Queues one message; the wrapper frames, windows and retransmits it.
    virtual void sendMessage(const Message &message) = 0;
    /// Any chunk of received bytes: partial frames, several frames, garbage.
    virtual void feed(QByteArrayView bytes) = 0;
    [[nodiscard]] virtual const LinkCounters &counters() const = 0;
    /// Largest message payload accepted by sendMessage().
    [[nodiscard]] virtual qsizetype maxMessageSize() const = 0;

signals:
    void bytesToWrite(const QByteArray &bytes);
    void messageReceived(const prov::transport::Message &message);
    /// Every message handed to sendMessage() has been delivered (acknowledged
    /// where the wrapper acknowledges). Used for back-pressure.
    void allMessagesDelivered();
    void ready();
    void finished();
    /// A recoverable problem (bad checksum, garbage skipped): counted, logged.
    void frameErrorOccurred(const QString &what);
    /// An unrecoverable failure (retries exhausted, session refused).
    void failed(const prov::Error &error);
};

} // namespace prov::transport

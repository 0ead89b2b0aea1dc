#pragma once

#include "transport/Message.h"

#include <QByteArray>
#include <QHash>

#include <deque>
#include <functional>

namespace prov::transport {

/// The meter side of PSEM (ANSI C12.18 application layer), as the simulator's
/// optical port needs it: answers a standard C12.18 client (Identify,
/// Negotiate, Logon, Security, Read full/partial of standard tables 0 and 1,
/// Logoff, Terminate, Disconnect, Wait) and carries node/host messages through
/// the tunnel tables (write MT 2049, read MT 2050; docs/protocol/wrappers.md).
/// Plain C++: request bytes in, response bytes out; the fuzzers drive it.
class PsemResponder
{
public:
    enum class State { Base, Identified, LoggedOn, Secured };
    static constexpr qsizetype kMaxQueuedResponses = 64;

    struct Settings
    {
        QByteArray password; ///< 20 bytes (padded with spaces when shorter)
        quint16 maxPacketSize = 1024; ///< Negotiate answers at most this (with overhead)
        quint8 maxPackets = 8;
        qint32 baudRate = 9600; ///< reported in the Negotiate response
    };

    explicit PsemResponder(const Settings &settings);

    /// One whole PSEM request → its response.
    [[nodiscard]] QByteArray handle(QByteArrayView request);
    /// Responses longer than this (the negotiated packet size × count) are
    /// answered with ONP instead; a tunnel message stays queued.
    void setMaxResponseSize(qsizetype bytes) { m_maxResponse = bytes; }

    /// A tunnelled node/host message arrived (Write full of table 2049).
    std::function<void(const Message &)> onTunnelMessage;
    /// Negotiate accepted these limits; they apply after its response went out.
    std::function<void(quint16 packetSize, quint8 maxPackets)> onNegotiated;
    /// The session ended (Terminate, Disconnect, or endSession()).
    std::function<void()> onSessionEnded;

    /// Queues a message for the station's next Read of table 2050. The oldest
    /// is dropped when kMaxQueuedResponses are waiting (returns false).
    bool queueTunnelMessage(const Message &message);
    [[nodiscard]] qsizetype queuedTunnelMessages() const { return qsizetype(m_tunnelOut.size()); }

    /// Replaces a table's content (tables 0 and 1 have plausible defaults).
    void setTable(quint16 id, const QByteArray &content);
    [[nodiscard]] QByteArray table(quint16 id) const { return m_tables.value(id); }
    /// Channel traffic timeout: back to the base state, security cleared.
    void endSession();
    [[nodiscard]] State state() const { return m_state; }

    /// The password as sent in Security: padded with spaces / cut to 20 bytes.
    [[nodiscard]] static QByteArray padPassword(const QByteArray &password);

private:
    [[nodiscard]] QByteArray readTable(QByteArrayView request, bool partial);
    [[nodiscard]] QByteArray writeTable(QByteArrayView request, bool partial);
    [[nodiscard]] QByteArray negotiate(QByteArrayView request);
    [[nodiscard]] bool inSession() const { return m_state == State::LoggedOn || m_state == State::Secured; }

    Settings m_settings;
    State m_state = State::Base;
    QHash<quint16, QByteArray> m_tables;
    std::deque<Message> m_tunnelOut;
    qsizetype m_maxResponse = 64 * 1024;
};

} // namespace prov::transport

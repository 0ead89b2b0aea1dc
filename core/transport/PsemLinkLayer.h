#pragma once

#include "transport/Message.h"
#include "transport/PsemPacket.h"

#include <QObject>
#include <QTimer>

#include <deque>

namespace prov::transport {

/// The C12.18 data link layer, the same for client and meter: splits a PSEM
/// message into packets (multi-packet flags, counting-down sequence), sends
/// one packet at a time and waits for ACK, repeats the same packet (same
/// toggle) on NAK or silence up to maxRetries times, ACKs good packets, NAKs
/// damaged ones, drops duplicates (same toggle and CRC as the last packet) and
/// reassembles multi-packet messages.
class PsemLinkLayer : public QObject
{
    Q_OBJECT

public:
    /// Largest reassembled message accepted (bounds memory on any input).
    static constexpr qsizetype kMaxMessage = 64 * 1024;

    struct Settings
    {
        int responseTimeoutMs = 2000; ///< ACK timeout, plus the packet's line time
        int interCharTimeoutMs = 500;
        int maxRetries = 3;
        qint32 baudRate = 9600;
    };

    PsemLinkLayer(const Settings &settings, LinkCounters *counters, QObject *parent = nullptr);

    /// A new session: toggles back to 0, duplicate memory and queues cleared,
    /// packet size back to 64 bytes and one packet per message.
    void reset();
    /// After Negotiate: packet size including the 8 bytes of overhead.
    void setPacketLimits(quint16 packetSize, quint8 maxPackets);
    [[nodiscard]] quint16 packetSize() const { return m_packetSize; }
    [[nodiscard]] quint8 maxPackets() const { return m_maxPackets; }
    /// Largest PSEM message that fits the current limits.
    [[nodiscard]] qsizetype maxMessageSize() const;
    /// Queues a PSEM message (request or response); false if it does not fit.
    [[nodiscard]] bool sendMessage(const QByteArray &message);
    [[nodiscard]] bool isSending() const { return m_waitingForAck || !m_packets.empty() || !m_messages.empty(); }
    void feed(QByteArrayView bytes);
    /// Forget the last packet received, so the next one is never a duplicate.
    void forgetLastPacket() { m_haveLast = false; }
    /// Drops what is queued or waiting for ACK (the peer started over).
    void abortSending();

signals:
    void bytesToWrite(const QByteArray &bytes);
    void messageReceived(const QByteArray &message);
    /// Every packet of the oldest queued message was acknowledged.
    void messageSent();
    /// A packet was not acknowledged after the retries: the queue is dropped.
    void sendFailed(const QString &why);
    /// Any sound packet arrived (traffic timers restart on it).
    void packetReceived();
    void problemOccurred(const QString &what);

private:
    void handleFrame(QByteArrayView frame);
    void handlePacket(QByteArrayView bytes);
    void handleAck();
    void handleNak();
    void startNextMessage();
    void sendCurrentPacket();
    void handleAckTimeout();
    void write(const QByteArray &bytes);

    Settings m_settings;
    LinkCounters *m_counters;
    PsemPacketScanner m_scanner;
    quint16 m_packetSize = psem::kDefaultPacketSize;
    quint8 m_maxPackets = 1;

    // Sending.
    std::deque<QByteArray> m_messages;
    std::deque<QByteArray> m_packets; ///< encoded packets of the current message, without toggle
    QByteArray m_current; ///< the packet in flight, as sent
    bool m_txToggle = false;
    bool m_waitingForAck = false;
    int m_retries = 0;
    QTimer m_ackTimer;

    // Receiving.
    bool m_haveLast = false;
    bool m_lastToggle = false;
    quint16 m_lastCrc = 0;
    QByteArray m_reassembly;
    bool m_reassembling = false;
    quint8 m_expectedSeq = 0;
    QTimer m_gapTimer;
};

} // namespace prov::transport

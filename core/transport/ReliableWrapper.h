#pragma once

#include "transport/ReliableFramer.h"
#include "transport/Wrapper.h"
#include "transport/WrapperOptions.h"

#include <QElapsedTimer>
#include <QTimer>

#include <array>
#include <deque>
#include <optional>

namespace prov::transport {

/// The `reliable` wrapper (docs/protocol/reliable.md): CRC-16 frames with
/// sequence numbers, selective-repeat sliding window, cumulative ACKs with a
/// selective bitmap, NAK on a damaged body, retransmission on timeout,
/// duplicate suppression, and segmentation of long messages. Both ends run the
/// same protocol; the station additionally resets the session in start().
class ReliableWrapper : public Wrapper
{
    Q_OBJECT

public:
    static constexpr qsizetype kMaxMessage = 65536;
    /// The receiver accepts frames this far ahead, whatever the sender's window.
    static constexpr int kReceiveWindow = 32;

    ReliableWrapper(Role role, const WrapperOptions &options, QObject *parent = nullptr);

    [[nodiscard]] WrapperKind kind() const override { return WrapperKind::Reliable; }
    void start() override;
    void stop() override;
    void sendMessage(const Message &message) override;
    void feed(QByteArrayView bytes) override;
    [[nodiscard]] const LinkCounters &counters() const override { return m_counters; }
    [[nodiscard]] qsizetype maxMessageSize() const override { return kMaxMessage; }

    /// The retransmission timeout in use: the configured base plus the time a
    /// full window takes on the line at the configured baud rate.
    [[nodiscard]] int retransmitTimeoutMs() const { return m_rtoMs; }
    [[nodiscard]] int windowSize() const { return m_window; }
    [[nodiscard]] int segmentSize() const { return m_segmentSize; }

private:
    using Frame = ReliableFramer::Frame;
    using Type = ReliableFramer::Type;
    enum class State { Idle, Resetting, Ready, Failed };
    struct Segment
    {
        quint8 aux = 0;
        bool first = false; ///< first segment of a message
        QByteArray body;
    };
    struct InFlight
    {
        quint8 seq = 0;
        bool first = false;
        QByteArray frame;
        qint64 sentAt = 0;
        int retries = 0;
        bool sacked = false;
        bool fastRetransmitted = false;
    };

    void handleFrame(QByteArrayView bytes);
    void handleProblem(FrameScanner::Problem problem, QByteArrayView frame);
    void handleData(const Frame &frame);
    void handleAck(const Frame &frame);
    void handleNak(const Frame &frame);
    void handleReset(const Frame &frame);
    void handleResetAck(const Frame &frame);
    void beginReset();
    void sendReset();
    void discardSending();
    void clearReceiving();
    void fillWindow();
    void retransmit(InFlight &entry);
    void sendControl(Type type, quint8 seq, quint8 aux = 0, const QByteArray &body = {});
    void sendAck();
    void armTimer();
    void handleTimer();
    void handleResetTimer();
    void fail(const QString &message);
    void write(const QByteArray &frame);

    Role m_role;
    WrapperOptions m_options;
    int m_window = 8;
    int m_segmentSize = 1024;
    int m_rtoMs = 1000;
    ReliableFramer m_framer;
    LinkCounters m_counters;
    State m_state = State::Idle;
    bool m_synchronised = false;
    QElapsedTimer m_clock;

    // Sending side.
    std::deque<Segment> m_queue;
    std::deque<InFlight> m_inFlight;
    quint8 m_nextSeq = 0;
    QTimer m_retransmitTimer;

    // Session reset.
    QByteArray m_resetNonce;
    int m_resetAttempts = 0;
    QTimer m_resetTimer;

    // Receiving side.
    quint8 m_expected = 0;
    std::array<std::optional<Frame>, 256> m_received;
    QByteArray m_reassembly;
    Channel m_reassemblyChannel = Channel::Node;
    bool m_reassembling = false;
    bool m_reassemblyOverflow = false;
    QTimer m_gapTimer;
};

} // namespace prov::transport

#include "transport/ReliableWrapper.h"

#include "transport/TransportLog.h"

#include <QRandomGenerator>

namespace prov::transport {

namespace {
constexpr int kMaxWindow = ReliableWrapper::kReceiveWindow;
constexpr qsizetype kFrameOverhead = ReliableFramer::kHeaderSize + 2;
} // namespace

ReliableWrapper::ReliableWrapper(Role role, const WrapperOptions &options, QObject *parent)
    : Wrapper(parent)
    , m_role(role)
    , m_options(options)
    , m_window(qBound(1, options.windowSize, kMaxWindow))
    , m_segmentSize(int(qBound(qsizetype(16), qsizetype(options.segmentSize), ReliableFramer::kMaxBody)))
{
    // A window's worth of frames may sit in the port's queue ahead of the one
    // being timed: its line time (10 bits a byte) belongs in the timeout.
    const qint64 windowBytes = qint64(m_window) * (m_segmentSize + kFrameOverhead);
    const qint64 lineMs = windowBytes * 10 * 1000 / qMax(300, options.baudRate);
    m_rtoMs = int(qMin<qint64>(qMax(1, options.retransmitTimeoutMs) + lineMs, 120000));

    m_framer.setFrameHandler([this](QByteArrayView frame) { handleFrame(frame); });
    m_framer.setProblemHandler(
        [this](FrameScanner::Problem problem, QByteArrayView frame) { handleProblem(problem, frame); });
    m_retransmitTimer.setSingleShot(true);
    connect(&m_retransmitTimer, &QTimer::timeout, this, &ReliableWrapper::handleTimer);
    m_resetTimer.setSingleShot(true);
    connect(&m_resetTimer, &QTimer::timeout, this, &ReliableWrapper::handleResetTimer);
    m_gapTimer.setSingleShot(true);
    m_gapTimer.setInterval(qMax(1, options.interCharTimeoutMs));
    connect(&m_gapTimer, &QTimer::timeout, this, [this] {
        m_framer.abandonPartialFrame();
        if (m_framer.bufferedBytes() > 0)
            m_gapTimer.start();
    });
    m_clock.start();
}

void ReliableWrapper::start()
{
    if (m_role == Role::Device) {
        // The device answers; the station (re)starts sessions. Until then any
        // data frame is answered with a reset request.
        m_state = State::Ready;
        emit ready();
        fillWindow();
        return;
    }
    beginReset();
}

void ReliableWrapper::stop()
{
    m_retransmitTimer.stop();
    m_resetTimer.stop();
    m_gapTimer.stop();
    discardSending();
    m_queue.clear();
    clearReceiving();
    m_framer.clear();
    m_synchronised = false;
    m_state = State::Idle;
    emit finished();
}

void ReliableWrapper::beginReset()
{
    m_state = State::Resetting;
    m_synchronised = false;
    discardSending();
    clearReceiving();
    m_resetNonce.resize(4);
    const quint32 nonce = QRandomGenerator::global()->generate();
    for (int i = 0; i < 4; ++i)
        m_resetNonce[i] = char(nonce >> (8 * i));
    m_resetAttempts = 0;
    sendReset();
}

void ReliableWrapper::sendReset()
{
    if (m_resetAttempts > 0)
        ++m_counters.retransmissions;
    ++m_resetAttempts;
    sendControl(Type::Reset, 0, 0, m_resetNonce);
    m_resetTimer.start(m_rtoMs);
}

void ReliableWrapper::handleResetTimer()
{
    if (m_state != State::Resetting)
        return;
    ++m_counters.timeouts;
    if (m_resetAttempts > qMax(0, m_options.resetRetries)) {
        fail(QStringLiteral("the device does not answer the reliable wrapper's session reset (%1 attempts, %2 ms each)")
                 .arg(m_resetAttempts)
                 .arg(m_rtoMs));
        return;
    }
    sendReset();
}

void ReliableWrapper::discardSending()
{
    m_retransmitTimer.stop();
    m_inFlight.clear();
    // Segments of a message already partly sent are useless after a reset;
    // messages not yet begun survive it.
    while (!m_queue.empty() && !m_queue.front().first)
        m_queue.pop_front();
    m_nextSeq = 0;
}

void ReliableWrapper::clearReceiving()
{
    m_expected = 0;
    for (auto &slot : m_received)
        slot.reset();
    m_reassembly.clear();
    m_reassembling = false;
    m_reassemblyOverflow = false;
}

void ReliableWrapper::sendMessage(const Message &message)
{
    if (message.payload.size() > kMaxMessage) {
        emit failed(makeError(ResultCode::InternalError,
            QStringLiteral("message of %1 bytes exceeds the reliable wrapper's limit of %2 bytes")
                .arg(message.payload.size())
                .arg(kMaxMessage)));
        return;
    }
    if (m_state == State::Failed)
        return;
    const quint8 channelBit = message.channel == Channel::Host ? ReliableFramer::kHostChannel : 0;
    qsizetype at = 0;
    do {
        Segment segment;
        segment.first = at == 0;
        segment.body = message.payload.mid(at, m_segmentSize);
        at += segment.body.size();
        segment.aux = quint8(channelBit | (at < message.payload.size() ? ReliableFramer::kMoreSegments : 0));
        m_queue.push_back(std::move(segment));
    } while (at < message.payload.size());
    fillWindow();
}

void ReliableWrapper::fillWindow()
{
    if (m_state != State::Ready)
        return;
    while (!m_queue.empty() && int(m_inFlight.size()) < m_window) {
        Segment segment = std::move(m_queue.front());
        m_queue.pop_front();
        InFlight entry;
        entry.seq = m_nextSeq++;
        entry.first = segment.first;
        entry.frame = ReliableFramer::encode(Frame {Type::Data, entry.seq, segment.aux, segment.body});
        entry.sentAt = m_clock.elapsed();
        m_inFlight.push_back(entry);
        ++m_counters.framesSent;
        write(entry.frame);
    }
    armTimer();
}

void ReliableWrapper::retransmit(InFlight &entry)
{
    entry.sentAt = m_clock.elapsed();
    ++m_counters.retransmissions;
    write(entry.frame);
}

void ReliableWrapper::write(const QByteArray &frame)
{
    m_counters.bytesWritten += quint64(frame.size());
    emit bytesToWrite(frame);
}

void ReliableWrapper::sendControl(Type type, quint8 seq, quint8 aux, const QByteArray &body)
{
    write(ReliableFramer::encode(Frame {type, seq, aux, body}));
}

void ReliableWrapper::sendAck()
{
    quint8 bitmap = 0;
    for (int i = 0; i < 8; ++i) {
        if (m_received[quint8(m_expected + 1 + i)])
            bitmap |= quint8(1 << i);
    }
    sendControl(Type::Ack, m_expected, bitmap);
}

void ReliableWrapper::armTimer()
{
    qint64 earliest = -1;
    for (const InFlight &entry : m_inFlight) {
        if (!entry.sacked && (earliest < 0 || entry.sentAt < earliest))
            earliest = entry.sentAt;
    }
    if (earliest < 0) {
        m_retransmitTimer.stop();
        return;
    }
    const qint64 due = earliest + m_rtoMs - m_clock.elapsed();
    m_retransmitTimer.start(int(qBound(qint64(0), due, qint64(m_rtoMs))));
}

void ReliableWrapper::handleTimer()
{
    if (m_state != State::Ready)
        return;
    const qint64 now = m_clock.elapsed();
    for (InFlight &entry : m_inFlight) {
        if (entry.sacked || now - entry.sentAt < m_rtoMs)
            continue;
        ++m_counters.timeouts;
        if (++entry.retries > qMax(0, m_options.maxRetransmissions)) {
            fail(QStringLiteral("no acknowledgement for frame %1 after %2 retransmissions (%3 ms each)")
                     .arg(entry.seq)
                     .arg(entry.retries - 1)
                     .arg(m_rtoMs));
            return;
        }
        entry.fastRetransmitted = false;
        retransmit(entry);
    }
    armTimer();
}

void ReliableWrapper::fail(const QString &message)
{
    m_state = State::Failed;
    m_retransmitTimer.stop();
    m_resetTimer.stop();
    m_inFlight.clear();
    m_queue.clear();
    qCWarning(lcTransportReliable).noquote() << message;
    emit failed(makeError(ResultCode::DeviceUnreachable, message));
}

void ReliableWrapper::feed(QByteArrayView bytes)
{
    m_counters.bytesRead += quint64(bytes.size());
    m_framer.feed(bytes);
    if (m_framer.bufferedBytes() > 0)
        m_gapTimer.start();
    else
        m_gapTimer.stop();
}

void ReliableWrapper::handleProblem(FrameScanner::Problem problem, QByteArrayView bytes)
{
    QString what;
    if (problem == FrameScanner::Problem::BadChecksum) {
        ++m_counters.checksumErrors;
        what = QStringLiteral("reliable frame with a damaged body dropped");
        // The header is sound: ask for exactly that frame again.
        const Frame frame = ReliableFramer::decode(bytes);
        if (frame.type == Type::Data && m_synchronised && m_state != State::Failed) {
            const int ahead = quint8(frame.seq - m_expected);
            if (ahead < kMaxWindow && !m_received[frame.seq])
                sendControl(Type::Nak, frame.seq);
        }
    } else {
        ++m_counters.framingErrors;
        what = problem == FrameScanner::Problem::Abandoned
            ? QStringLiteral("reliable: incomplete frame abandoned after the line went quiet")
            : QStringLiteral("reliable: bytes that start no frame skipped");
    }
    qCDebug(lcTransportReliable) << what;
    emit frameErrorOccurred(what);
}

void ReliableWrapper::handleFrame(QByteArrayView bytes)
{
    if (m_state == State::Failed || m_state == State::Idle)
        return;
    const Frame frame = ReliableFramer::decode(bytes);
    switch (frame.type) {
    case Type::Data:
        handleData(frame);
        break;
    case Type::Ack:
        handleAck(frame);
        break;
    case Type::Nak:
        handleNak(frame);
        break;
    case Type::Reset:
        handleReset(frame);
        break;
    case Type::ResetAck:
        handleResetAck(frame);
        break;
    case Type::ResetRequest:
        // The peer lost the session (restarted): in-flight messages are gone;
        // the link's request timeouts resend what matters.
        if (m_role == Role::Station && m_state == State::Ready) {
            qCInfo(lcTransportReliable) << "device asked for a session reset";
            beginReset();
        }
        break;
    }
}

void ReliableWrapper::handleData(const Frame &frame)
{
    if (!m_synchronised) {
        if (m_role == Role::Device)
            sendControl(Type::ResetRequest, 0);
        return; // a station still resetting ignores data of the old session
    }
    const int ahead = quint8(frame.seq - m_expected);
    if (ahead >= kMaxWindow) {
        if (ahead >= 256 - kMaxWindow)
            ++m_counters.duplicates; // delivered already; our ACK was lost
        else
            ++m_counters.framingErrors;
        sendAck();
        return;
    }
    if (m_received[frame.seq]) {
        ++m_counters.duplicates;
        sendAck();
        return;
    }
    m_received[frame.seq] = frame;

    QList<Message> complete;
    while (m_received[m_expected]) {
        const Frame next = std::move(*m_received[m_expected]);
        m_received[m_expected].reset();
        ++m_expected;
        ++m_counters.framesReceived;
        const Channel channel = (next.aux & ReliableFramer::kHostChannel) ? Channel::Host : Channel::Node;
        if (m_reassembling && channel != m_reassemblyChannel) {
            ++m_counters.framingErrors; // a peer bug: drop the unfinished message
            m_reassembling = false;
        }
        if (!m_reassembling) {
            m_reassembling = true;
            m_reassemblyChannel = channel;
            m_reassembly.clear();
            m_reassemblyOverflow = false;
        }
        if (m_reassembly.size() + next.body.size() > kMaxMessage)
            m_reassemblyOverflow = true;
        else if (!m_reassemblyOverflow)
            m_reassembly.append(next.body);
        if (!(next.aux & ReliableFramer::kMoreSegments)) {
            if (m_reassemblyOverflow)
                ++m_counters.framingErrors;
            else
                complete.append(Message {channel, m_reassembly});
            m_reassembling = false;
            m_reassembly.clear();
        }
    }
    sendAck();
    // Emitted last: a handler may send, stop or restart this wrapper.
    for (const Message &message : complete)
        emit messageReceived(message);
}

void ReliableWrapper::handleAck(const Frame &frame)
{
    if (m_state != State::Ready || m_inFlight.empty())
        return;
    const int acked = quint8(frame.seq - m_inFlight.front().seq);
    if (acked > int(m_inFlight.size()))
        return; // stale or foreign
    for (int i = 0; i < acked; ++i)
        m_inFlight.pop_front();
    // Selective part: frames after the gap that already arrived.
    int highestSacked = -1;
    for (int i = 0; i < 8; ++i) {
        if (!(frame.aux & (1 << i)))
            continue;
        const int index = quint8(frame.seq + 1 + i - (m_inFlight.empty() ? 0 : m_inFlight.front().seq));
        if (!m_inFlight.empty() && index < int(m_inFlight.size())) {
            m_inFlight[std::size_t(index)].sacked = true;
            highestSacked = qMax(highestSacked, index);
        }
    }
    // Fast retransmit: a later frame got through, so the ones before it that
    // did not were lost; resend each once rather than wait for the timeout.
    for (int i = 0; i < highestSacked; ++i) {
        InFlight &entry = m_inFlight[std::size_t(i)];
        if (!entry.sacked && !entry.fastRetransmitted) {
            entry.fastRetransmitted = true;
            retransmit(entry);
        }
    }
    fillWindow();
    if (acked > 0 && m_inFlight.empty() && m_queue.empty())
        emit allMessagesDelivered();
}

void ReliableWrapper::handleNak(const Frame &frame)
{
    if (m_state != State::Ready || m_inFlight.empty())
        return;
    const int index = quint8(frame.seq - m_inFlight.front().seq);
    if (index >= int(m_inFlight.size()))
        return;
    InFlight &entry = m_inFlight[std::size_t(index)];
    if (entry.sacked)
        return;
    entry.fastRetransmitted = true;
    retransmit(entry);
    armTimer();
}

void ReliableWrapper::handleReset(const Frame &frame)
{
    // The peer starts over: so do both our directions.
    const bool wasResetting = m_state == State::Resetting;
    discardSending();
    clearReceiving();
    m_synchronised = true;
    sendControl(Type::ResetAck, 0, 0, frame.body);
    if (!wasResetting) {
        m_state = State::Ready;
        fillWindow();
    }
}

void ReliableWrapper::handleResetAck(const Frame &frame)
{
    if (m_state != State::Resetting || frame.body != m_resetNonce)
        return;
    m_resetTimer.stop();
    m_synchronised = true;
    m_state = State::Ready;
    emit ready();
    fillWindow();
}

} // namespace prov::transport

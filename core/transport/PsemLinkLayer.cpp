#include "transport/PsemLinkLayer.h"

namespace prov::transport {

PsemLinkLayer::PsemLinkLayer(const Settings &settings, LinkCounters *counters, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_counters(counters)
{
    m_scanner.setFrameHandler([this](QByteArrayView frame) { handleFrame(frame); });
    m_scanner.setProblemHandler([this](FrameScanner::Problem problem, QByteArrayView) {
        if (problem == FrameScanner::Problem::BadChecksum) {
            ++m_counters->checksumErrors;
            // C12.18: a damaged packet is answered with NAK; the sender repeats it.
            write(QByteArray(1, char(psem::kNak)));
            emit problemOccurred(QStringLiteral("C12.18 packet with a bad CRC: NAK sent"));
        } else {
            ++m_counters->framingErrors;
            emit problemOccurred(QStringLiteral("C12.18: bytes that start no packet skipped"));
        }
    });
    m_ackTimer.setSingleShot(true);
    connect(&m_ackTimer, &QTimer::timeout, this, &PsemLinkLayer::handleAckTimeout);
    m_gapTimer.setSingleShot(true);
    m_gapTimer.setInterval(qMax(1, settings.interCharTimeoutMs));
    connect(&m_gapTimer, &QTimer::timeout, this, [this] {
        // Inter-character timeout: the partial packet is discarded (no NAK:
        // the sender repeats it after its own timeout).
        m_scanner.abandonPartialFrame();
        if (m_scanner.bufferedBytes() > 0)
            m_gapTimer.start();
    });
}

void PsemLinkLayer::reset()
{
    m_messages.clear();
    m_packets.clear();
    m_current.clear();
    m_txToggle = false;
    m_waitingForAck = false;
    m_retries = 0;
    m_ackTimer.stop();
    m_haveLast = false;
    m_reassembly.clear();
    m_reassembling = false;
    m_scanner.clear();
    m_gapTimer.stop();
    m_packetSize = psem::kDefaultPacketSize;
    m_maxPackets = 1;
}

void PsemLinkLayer::abortSending()
{
    m_messages.clear();
    m_packets.clear();
    m_waitingForAck = false;
    m_ackTimer.stop();
}

void PsemLinkLayer::setPacketLimits(quint16 packetSize, quint8 maxPackets)
{
    m_packetSize = quint16(
        qBound<qsizetype>(psem::kPacketOverhead + 1, packetSize, psem::kMaxPacketData + psem::kPacketOverhead));
    m_maxPackets = qMax<quint8>(1, maxPackets);
}

qsizetype PsemLinkLayer::maxMessageSize() const
{
    return qMin(kMaxMessage, qsizetype(m_packetSize - psem::kPacketOverhead) * m_maxPackets);
}

bool PsemLinkLayer::sendMessage(const QByteArray &message)
{
    if (message.size() > maxMessageSize() || message.isEmpty())
        return false;
    m_messages.push_back(message);
    if (!m_waitingForAck && m_packets.empty())
        startNextMessage();
    return true;
}

void PsemLinkLayer::startNextMessage()
{
    if (m_messages.empty())
        return;
    const QByteArray message = m_messages.front();
    const qsizetype chunk = m_packetSize - psem::kPacketOverhead;
    const auto count = int((message.size() + chunk - 1) / chunk);
    for (int i = 0; i < count; ++i) {
        PsemPacket packet;
        packet.data = message.mid(i * chunk, chunk);
        if (count > 1) {
            packet.ctrl = psem::kCtrlMultiPacket | (i == 0 ? psem::kCtrlFirstPacket : 0);
            packet.seq = quint8(count - 1 - i);
        }
        m_packets.push_back(packet.encode());
    }
    sendCurrentPacket();
}

void PsemLinkLayer::sendCurrentPacket()
{
    if (m_packets.empty())
        return;
    // The toggle goes into the stored packet now, so a repetition is identical.
    PsemPacket packet = PsemPacket::decode(m_packets.front());
    packet.ctrl = quint8((packet.ctrl & ~psem::kCtrlToggle) | (m_txToggle ? psem::kCtrlToggle : 0));
    m_current = packet.encode();
    m_retries = 0;
    m_waitingForAck = true;
    ++m_counters->framesSent;
    write(m_current);
    const qint64 lineMs = qint64(m_current.size()) * 10 * 1000 / qMax(300, m_settings.baudRate);
    m_ackTimer.start(int(qMin<qint64>(m_settings.responseTimeoutMs + lineMs, 600000)));
}

void PsemLinkLayer::handleAck()
{
    if (!m_waitingForAck)
        return; // a stray ACK (e.g. for a packet we repeated): nothing to do
    m_ackTimer.stop();
    m_waitingForAck = false;
    m_txToggle = !m_txToggle;
    m_packets.pop_front();
    if (!m_packets.empty()) {
        sendCurrentPacket();
        return;
    }
    m_messages.pop_front();
    emit messageSent();
    if (!m_waitingForAck && m_packets.empty())
        startNextMessage();
}

void PsemLinkLayer::handleNak()
{
    if (!m_waitingForAck)
        return;
    m_ackTimer.stop();
    handleAckTimeout();
}

void PsemLinkLayer::handleAckTimeout()
{
    if (!m_waitingForAck)
        return;
    if (m_retries >= m_settings.maxRetries) {
        const int attempts = m_retries + 1;
        m_waitingForAck = false;
        m_packets.clear();
        m_messages.clear();
        emit sendFailed(QStringLiteral("no ACK for a C12.18 packet after %1 attempts").arg(attempts));
        return;
    }
    ++m_retries;
    ++m_counters->retransmissions;
    write(m_current);
    const qint64 lineMs = qint64(m_current.size()) * 10 * 1000 / qMax(300, m_settings.baudRate);
    m_ackTimer.start(int(qMin<qint64>(m_settings.responseTimeoutMs + lineMs, 600000)));
}

void PsemLinkLayer::write(const QByteArray &bytes)
{
    m_counters->bytesWritten += quint64(bytes.size());
    emit bytesToWrite(bytes);
}

void PsemLinkLayer::feed(QByteArrayView bytes)
{
    m_counters->bytesRead += quint64(bytes.size());
    m_scanner.feed(bytes);
    if (m_scanner.bufferedBytes() > 0)
        m_gapTimer.start();
    else
        m_gapTimer.stop();
}

void PsemLinkLayer::handleFrame(QByteArrayView frame)
{
    if (PsemPacketScanner::isControlByte(frame)) {
        if (quint8(frame[0]) == psem::kAck)
            handleAck();
        else
            handleNak();
        return;
    }
    handlePacket(frame);
}

void PsemLinkLayer::handlePacket(QByteArrayView bytes)
{
    const PsemPacket packet = PsemPacket::decode(bytes);
    const quint16 crc = PsemPacket::crcOf(bytes);
    write(QByteArray(1, char(psem::kAck)));
    emit packetReceived();
    if (m_haveLast && packet.toggle() == m_lastToggle && crc == m_lastCrc) {
        // Our ACK was lost and the peer repeated the packet.
        ++m_counters->duplicates;
        return;
    }
    m_haveLast = true;
    m_lastToggle = packet.toggle();
    m_lastCrc = crc;
    ++m_counters->framesReceived;

    if (!(packet.ctrl & psem::kCtrlMultiPacket)) {
        m_reassembling = false;
        m_reassembly.clear();
        emit messageReceived(packet.data);
        return;
    }
    if (packet.ctrl & psem::kCtrlFirstPacket) {
        m_reassembling = true;
        m_reassembly.clear();
    } else if (!m_reassembling || packet.seq != m_expectedSeq) {
        ++m_counters->framingErrors;
        m_reassembling = false;
        m_reassembly.clear();
        emit problemOccurred(QStringLiteral("C12.18 multi-packet message out of sequence: dropped"));
        return;
    }
    if (m_reassembly.size() + packet.data.size() > kMaxMessage) {
        ++m_counters->framingErrors;
        m_reassembling = false;
        m_reassembly.clear();
        emit problemOccurred(QStringLiteral("C12.18 multi-packet message too long: dropped"));
        return;
    }
    m_reassembly.append(packet.data);
    if (packet.seq == 0) {
        m_reassembling = false;
        const QByteArray message = std::exchange(m_reassembly, QByteArray());
        emit messageReceived(message);
        return;
    }
    m_expectedSeq = quint8(packet.seq - 1);
}

} // namespace prov::transport

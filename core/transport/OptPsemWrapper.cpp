#include "transport/OptPsemWrapper.h"

#include "transport/Psem.h"
#include "transport/TransportLog.h"

namespace prov::transport {

using namespace psem;

namespace {

PsemLinkLayer::Settings linkSettings(const WrapperOptions &options)
{
    PsemLinkLayer::Settings s;
    s.responseTimeoutMs = qMax(1, options.psemResponseTimeoutMs);
    s.interCharTimeoutMs = qMax(1, options.psemInterCharTimeoutMs);
    s.maxRetries = qMax(0, options.psemMaxRetries);
    s.baudRate = options.baudRate;
    return s;
}

// Consecutive BSY/DNR answers tolerated before the session is declared stuck.
constexpr int kMaxBusyAnswers = 50;
// Writes the station makes without the matching replies before it stops
// polling fast for them (a device that ignores requests).
constexpr int kMaxExpectedReplies = 16;

} // namespace

OptPsemWrapper::OptPsemWrapper(Role role, const WrapperOptions &options, QObject *parent)
    : Wrapper(parent)
    , m_role(role)
    , m_options(options)
    , m_link(linkSettings(options), &m_counters)
{
    connect(&m_link, &PsemLinkLayer::bytesToWrite, this, &Wrapper::bytesToWrite);
    connect(&m_link, &PsemLinkLayer::problemOccurred, this, [this](const QString &what) {
        qCDebug(lcTransportPsem) << what;
        emit frameErrorOccurred(what);
    });
    m_responseTimer.setSingleShot(true);
    m_pollTimer.setSingleShot(true);
    m_trafficTimer.setSingleShot(true);
    m_drainTimer.setSingleShot(true);

    if (role == Role::Station) {
        connect(&m_drainTimer, &QTimer::timeout, this, &OptPsemWrapper::startIdentify);
        connect(&m_link, &PsemLinkLayer::messageReceived, this, &OptPsemWrapper::handleResponse);
        connect(&m_link, &PsemLinkLayer::messageSent, this, [this] {
            if (m_pendingService == 0)
                return;
            // Waiting for the response: the meter repeats an unacknowledged
            // response packet up to maxRetries times, each after the response
            // timeout, so wait for all of them (plus a packet's line time).
            const qint64 lineMs = qint64(m_link.packetSize()) * 10 * 1000 / qMax(300, m_options.baudRate);
            const qint64 attempts = qMax(0, m_options.psemMaxRetries) + 1;
            m_responseTimer.start(
                int(qMin<qint64>(attempts * (m_options.psemResponseTimeoutMs + lineMs) + lineMs, 600000)));
        });
        connect(&m_link, &PsemLinkLayer::packetReceived, this, [this] {
            if (m_responseTimer.isActive())
                m_responseTimer.start();
        });
        connect(&m_link, &PsemLinkLayer::sendFailed, this, [this](const QString &why) {
            if (m_step == Step::Logoff || m_step == Step::Terminate) {
                finishStop();
                return;
            }
            fail(QStringLiteral("the meter's optical port does not answer: %1").arg(why));
        });
        connect(&m_responseTimer, &QTimer::timeout, this, [this] {
            ++m_counters.timeouts;
            if (m_step == Step::Logoff || m_step == Step::Terminate) {
                finishStop();
                return;
            }
            fail(QStringLiteral("no response from the meter to PSEM %1 within %2 ms")
                     .arg(serviceName(m_pendingService))
                     .arg(m_responseTimer.interval()));
        });
        connect(&m_pollTimer, &QTimer::timeout, this, [this] {
            m_pollDue = true;
            pump();
        });
    } else {
        PsemResponder::Settings settings;
        settings.password = options.psemPassword;
        settings.maxPacketSize = options.psemPacketSize;
        settings.maxPackets = options.psemMaxPackets;
        settings.baudRate = options.baudRate;
        m_responder = std::make_unique<PsemResponder>(settings);
        m_responder->onTunnelMessage = [this](const Message &message) {
            emit messageReceived(message);
        };
        connect(&m_link, &PsemLinkLayer::messageReceived, this, &OptPsemWrapper::handleRequest);
        connect(&m_link, &PsemLinkLayer::packetReceived, this,
            [this] { m_trafficTimer.start(qMax(1, m_options.psemChannelTrafficTimeoutMs)); });
        connect(&m_link, &PsemLinkLayer::sendFailed, this, [](const QString &why) {
            // The client went away mid-exchange; it will start over with Identify.
            qCInfo(lcTransportPsem).noquote() << "meter side:" << why;
        });
        connect(&m_trafficTimer, &QTimer::timeout, this, [this] {
            // C12.18 channel traffic timeout: the meter ends the session.
            qCInfo(lcTransportPsem) << "channel traffic timeout: session ended";
            ++m_counters.timeouts;
            m_responder->endSession();
            m_link.reset();
        });
    }
}

OptPsemWrapper::~OptPsemWrapper() = default;

void OptPsemWrapper::start()
{
    if (m_role == Role::Device) {
        m_link.reset();
        m_step = Step::Ready;
        emit ready();
        return;
    }
    m_link.reset();
    m_stopRequested = false;
    m_pendingService = 0;
    m_expectedReplies = 0;
    m_busyAnswers = 0;
    m_pollDue = false;
    // An interrupted session may still be arriving (the meter repeats an
    // unacknowledged answer): wait for a quiet line before Identify.
    m_step = Step::Draining;
    m_draining.start();
    m_drainTimer.start(qMax(1, m_options.psemDrainQuietMs));
}

void OptPsemWrapper::startIdentify()
{
    if (m_step != Step::Draining)
        return;
    m_link.reset();
    m_step = Step::Identify;
    request(kIdentify);
}

void OptPsemWrapper::stop()
{
    if (m_role == Role::Device) {
        m_trafficTimer.stop();
        m_link.reset();
        m_responder->endSession();
        m_step = Step::Idle;
        emit finished();
        return;
    }
    m_stopRequested = true;
    m_pollTimer.stop();
    m_outgoing.clear();
    switch (m_step) {
    case Step::Idle:
    case Step::Failed:
    case Step::Draining:
        m_drainTimer.stop();
        finishStop();
        return;
    case Step::Ready:
        if (m_pendingService == 0) {
            m_step = Step::Logoff;
            request(kLogoff);
        }
        return; // otherwise after the outstanding response
    default:
        return; // session setup or already stopping: handled at the next response
    }
}

void OptPsemWrapper::finishStop()
{
    m_responseTimer.stop();
    m_pollTimer.stop();
    m_link.reset();
    m_pendingService = 0;
    m_stopRequested = false;
    m_step = Step::Idle;
    emit finished();
}

void OptPsemWrapper::fail(const QString &message)
{
    m_step = Step::Failed;
    m_responseTimer.stop();
    m_pollTimer.stop();
    m_pendingService = 0;
    m_outgoing.clear();
    m_link.abortSending();
    qCWarning(lcTransportPsem).noquote() << message;
    emit failed(makeError(ResultCode::DeviceUnreachable, message));
}

void OptPsemWrapper::feed(QByteArrayView bytes)
{
    if (m_step == Step::Draining) {
        m_counters.bytesRead += quint64(bytes.size());
        ++m_counters.framingErrors;
        emit frameErrorOccurred(QStringLiteral("opt_psem: %1 stale bytes dropped before Identify").arg(bytes.size()));
        // Quiet again from now on, unless draining has taken a response timeout already.
        if (m_draining.elapsed() < m_options.psemResponseTimeoutMs)
            m_drainTimer.start(qMax(1, m_options.psemDrainQuietMs));
        return;
    }
    m_link.feed(bytes);
}

void OptPsemWrapper::sendMessage(const Message &message)
{
    if (message.payload.size() > kMaxMessage) {
        emit failed(makeError(ResultCode::InternalError,
            QStringLiteral("message of %1 bytes exceeds the opt_psem wrapper's limit of %2 bytes")
                .arg(message.payload.size())
                .arg(kMaxMessage)));
        return;
    }
    if (m_role == Role::Device) {
        if (!m_responder->queueTunnelMessage(message))
            emit frameErrorOccurred(QStringLiteral("opt_psem: tunnel response queue full, oldest message dropped"));
        return;
    }
    if (m_step == Step::Failed)
        return;
    m_outgoing.push_back(message);
    pump();
}

// --- station ---------------------------------------------------------------

void OptPsemWrapper::request(quint8 service, const QByteArray &arguments)
{
    m_pendingService = service;
    m_pendingIsPoll = false;
    QByteArray message(1, char(service));
    message.append(arguments);
    if (!m_link.sendMessage(message)) {
        fail(QStringLiteral("PSEM %1 request of %2 bytes does not fit the negotiated %3 packets of %4 bytes")
                 .arg(serviceName(service))
                 .arg(message.size())
                 .arg(m_link.maxPackets())
                 .arg(m_link.packetSize()));
    }
}

void OptPsemWrapper::handleResponse(const QByteArray &response)
{
    if (m_pendingService == 0 || !fitsPending(response)) {
        // An answer nobody asked for, or to another request (a stale one of an
        // interrupted session): dropped; the real answer may still come in time.
        ++m_counters.framingErrors;
        emit frameErrorOccurred(
            QStringLiteral("opt_psem: answer (%1) that does not fit PSEM %2 dropped")
                .arg(QString::fromLatin1(response.left(8).toHex(' ')),
                    m_pendingService == 0 ? QStringLiteral("(none)") : serviceName(m_pendingService)));
        return;
    }
    m_responseTimer.stop();
    const quint8 status = response.isEmpty() ? kErr : quint8(response[0]);
    if (m_step == Step::Ready)
        handleTunnelResponse(status, response);
    else
        handleSessionResponse(status, response);
}

bool OptPsemWrapper::fitsPending(const QByteArray &response) const
{
    if (response.isEmpty())
        return false;
    const quint8 status = quint8(response[0]);
    if (status != kOk)
        return response.size() == 1; // every error answer is the bare code
    const quint8 service = m_pendingService;
    if (service == kIdentify) {
        // <ok><std 0 = C12.18><version 1|2><revision><features...><end 0>
        return response.size() >= 5 && quint8(response[1]) == 0
            && (quint8(response[2]) == 1 || quint8(response[2]) == 2) && quint8(response.back()) == 0;
    }
    if ((service & 0xF0) == kNegotiate) {
        // <ok><packet size><packets>[<baud>]: a packet of at least the default size.
        return (response.size() == 4 || response.size() == 5) && be16(response, 1) >= kDefaultPacketSize
            && quint8(response[3]) > 0;
    }
    if (service == kReadFull)
        return response.size() >= 4 && response.size() == 4 + be16(response, 1);
    return response.size() == 1; // Logon, Security, Logoff, Terminate, Write: <ok>
}

void OptPsemWrapper::handleSessionResponse(quint8 status, const QByteArray &response)
{
    const quint8 service = m_pendingService;
    m_pendingService = 0;
    const bool ok = status == kOk;
    if (m_stopRequested
        && (m_step == Step::Identify || m_step == Step::Negotiate || m_step == Step::Logon
            || m_step == Step::ReadIdentification || m_step == Step::Security)) {
        // stop() during the session setup: Terminate ends any state.
        m_step = Step::Terminate;
        request(kTerminate);
        return;
    }
    switch (m_step) {
    case Step::Identify: {
        if (!ok) {
            fail(QStringLiteral("the meter refused Identify: %1").arg(responseName(status)));
            return;
        }
        m_step = Step::Negotiate;
        QByteArray args;
        appendBe16(args, m_options.psemPacketSize);
        args.append(char(m_options.psemMaxPackets));
        if (m_options.psemBaudCode != 0)
            args.append(char(m_options.psemBaudCode));
        request(quint8(kNegotiate + (m_options.psemBaudCode != 0 ? 1 : 0)), args);
        return;
    }
    case Step::Negotiate: {
        if (ok) {
            m_link.setPacketLimits(be16(response, 1), quint8(response[3])); // shape checked by fitsPending()
        } else if (status != kSns) { // a meter without Negotiate keeps 64-byte packets
            fail(QStringLiteral("the meter refused Negotiate: %1").arg(responseName(status)));
            return;
        }
        m_step = Step::Logon;
        QByteArray args;
        appendBe16(args, m_options.psemUserId);
        QByteArray name = m_options.psemUserName.left(10);
        name.append(QByteArray(10 - name.size(), ' '));
        args.append(name);
        request(kLogon, args);
        return;
    }
    case Step::Logon:
        if (!ok) {
            fail(QStringLiteral("the meter refused Logon: %1").arg(responseName(status)));
            return;
        }
        if (m_options.psemReadIdentification) {
            // Readable after Logon without Security on real meters' default access.
            m_step = Step::ReadIdentification;
            QByteArray args;
            appendBe16(args, kManufacturerIdTable);
            request(kReadFull, args);
            return;
        }
        m_step = Step::Security;
        request(kSecurity, PsemResponder::padPassword(m_options.psemPassword));
        return;
    case Step::ReadIdentification: {
        // A refusal or a bad table leaves the meter unidentified, not the session failed.
        const qsizetype count = ok ? be16(response, 1) : 0;
        if (ok && tableChecksum(QByteArrayView(response).sliced(3, count)) == quint8(response[3 + count]))
            m_identificationTable = response.mid(3, count);
        else
            qCDebug(lcTransportPsem) << "meter identification (table 1) not read:" << responseName(status);
        m_step = Step::Security;
        request(kSecurity, PsemResponder::padPassword(m_options.psemPassword));
        return;
    }
    case Step::Security:
        if (status == kIsc) {
            fail(
                QStringLiteral("the meter refused the password (PSEM Security answered %1)").arg(responseName(status)));
            return;
        }
        if (!ok) {
            fail(QStringLiteral("the meter refused Security: %1").arg(responseName(status)));
            return;
        }
        m_step = Step::Ready;
        m_sinceTunnelReply.start();
        qCDebug(lcTransportPsem) << "PSEM session ready, packets" << m_link.packetSize() << "x" << m_link.maxPackets();
        emit ready();
        schedulePoll(m_options.psemKeepAliveMs);
        pump();
        return;
    case Step::Logoff:
        m_step = Step::Terminate;
        request(kTerminate);
        return;
    case Step::Terminate:
        finishStop();
        return;
    default:
        Q_UNUSED(service);
        return;
    }
}

void OptPsemWrapper::handleTunnelResponse(quint8 status, const QByteArray &response)
{
    const quint8 service = m_pendingService;
    m_pendingService = 0;
    std::optional<Message> received;

    if (status == kBsy || status == kDnr) {
        if (++m_busyAnswers > kMaxBusyAnswers) {
            fail(
                QStringLiteral("the meter stays busy (%1 answers of %2)").arg(m_busyAnswers).arg(responseName(status)));
            return;
        }
        schedulePoll(m_options.psemPollIntervalMs);
        if (m_stopRequested)
            stop();
        return; // nothing is due until the timer: pump() waits for it
    }
    m_busyAnswers = 0;
    if (status != kOk) {
        const QString what = service == kWriteFull
            ? QStringLiteral("the tunnel write (table %1)").arg(kTunnelRequestTable)
            : QStringLiteral("the tunnel read (table %1)").arg(kTunnelResponseTable);
        fail(QStringLiteral("the meter refused %1: %2").arg(what, responseName(status)));
        return;
    }
    if (service == kWriteFull) {
        if (!m_outgoing.empty())
            m_outgoing.pop_front();
        m_expectedReplies = qMin(m_expectedReplies + 1, kMaxExpectedReplies);
        m_pollDue = true;
        if (m_outgoing.empty())
            emit allMessagesDelivered();
    } else {
        const qsizetype count = response.size() >= 3 ? be16(response, 1) : -1;
        if (count < 0 || response.size() != 4 + count
            || tableChecksum(QByteArrayView(response).sliced(3, count)) != quint8(response[3 + count])) {
            ++m_counters.checksumErrors;
            emit frameErrorOccurred(QStringLiteral("opt_psem: malformed tunnel read response dropped"));
            m_pollDue = true;
        } else if (count == 0) {
            // Nothing yet: poll soon while replies are expected, slowly otherwise
            // (the slow poll keeps the meter's session alive).
            if (m_expectedReplies > 0 && m_sinceTunnelReply.elapsed() < m_options.psemChannelTrafficTimeoutMs) {
                schedulePoll(m_options.psemPollIntervalMs);
            } else {
                m_expectedReplies = 0;
                schedulePoll(m_options.psemKeepAliveMs);
            }
        } else {
            Channel channel = Channel::Node;
            if (!channelFromByte(quint8(response[3]), &channel)) {
                ++m_counters.framingErrors;
                emit frameErrorOccurred(
                    QStringLiteral("opt_psem: tunnel message with an unknown channel byte dropped"));
            } else {
                received = Message {channel, response.mid(4, count - 1)};
            }
            m_sinceTunnelReply.restart();
            m_expectedReplies = qMax(0, m_expectedReplies - 1);
            if (m_expectedReplies > 0)
                m_pollDue = true;
            else
                schedulePoll(m_options.psemKeepAliveMs);
        }
    }
    if (m_stopRequested) {
        m_pollDue = false;
        m_step = Step::Logoff;
        request(kLogoff);
    } else {
        pump();
    }
    if (received)
        emit messageReceived(*received);
}

void OptPsemWrapper::schedulePoll(int delayMs)
{
    m_pollDue = false;
    m_pollTimer.start(qMax(0, delayMs));
}

void OptPsemWrapper::pump()
{
    if (m_step != Step::Ready || m_pendingService != 0 || m_stopRequested)
        return;
    if (!m_outgoing.empty() && (m_pollDue || !m_pollTimer.isActive() || m_busyAnswers == 0)) {
        const Message &message = m_outgoing.front();
        QByteArray data(1, char(message.channel));
        data.append(message.payload);
        QByteArray args;
        appendBe16(args, kTunnelRequestTable);
        appendBe16(args, quint16(data.size()));
        args.append(data);
        args.append(char(tableChecksum(data)));
        request(kWriteFull, args);
        return;
    }
    if (m_pollDue) {
        m_pollDue = false;
        m_pollTimer.stop();
        QByteArray args;
        appendBe16(args, kTunnelResponseTable);
        request(kReadFull, args);
        m_pendingIsPoll = true;
    }
}

// --- device ----------------------------------------------------------------

void OptPsemWrapper::handleRequest(const QByteArray &request)
{
    if (!request.isEmpty() && quint8(request[0]) == kIdentify)
        m_link.abortSending(); // the client starts over: stale answers are useless
    std::optional<std::pair<quint16, quint8>> negotiated;
    m_responder->onNegotiated = [&negotiated](quint16 size, quint8 packets) {
        negotiated = {size, packets};
    };
    bool ended = false;
    m_responder->onSessionEnded = [&ended] {
        ended = true;
    };
    m_responder->setMaxResponseSize(m_link.maxMessageSize());
    const qsizetype queuedBefore = m_responder->queuedTunnelMessages();
    const QByteArray response = m_responder->handle(request);
    if (!m_link.sendMessage(response))
        (void)m_link.sendMessage(QByteArray(1, char(kOnp)));
    // New limits and the end of a session apply once that response is out:
    // it was already cut into packets with the old limits.
    if (negotiated)
        m_link.setPacketLimits(negotiated->first, negotiated->second);
    if (ended) {
        m_trafficTimer.stop();
        m_link.setPacketLimits(kDefaultPacketSize, 1);
    }
    if (queuedBefore > 0 && m_responder->queuedTunnelMessages() == 0)
        emit allMessagesDelivered();
}

} // namespace prov::transport

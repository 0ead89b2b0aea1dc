#include "protocol/Exchanger.h"

#include "crypto/Random.h"
#include "protocol/NodeHostCodec.h"
#include "protocol/ProtocolLog.h"
#include "transport/Link.h"

#include <QtEndian>

namespace prov::protocol {

namespace {
// Upper bound of an answer's size, for the line time in a timeout.
constexpr qsizetype kAnswerAllowance = 64;
} // namespace

Exchanger::Exchanger(transport::Link *link, transport::Channel channel, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_link(link)
    , m_channel(channel)
    , m_options(options)
{
    // A random first tag: answers meant for an earlier station session are not
    // taken for ours, and the device's repeat detection does not confuse the two.
    if (const Result<QByteArray> r = crypto::randomBytes(2); r.ok())
        m_nextTag = qFromLittleEndian<quint16>(r->constData());
    connect(link, &transport::Link::messageReceived, this, &Exchanger::handleMessage);
    connect(link, &transport::Link::failed, this, [this](const Error &e) {
        m_linkFailure = error(ExchangeFailure::NoAnswer, e.toString());
        failAll(*m_linkFailure);
    });
    connect(link, &transport::Link::ready, this, [this] { m_linkFailure.reset(); });
}

Exchanger::~Exchanger() = default;

int Exchanger::maxBlockForWrapper() const
{
    if (!m_link || !m_link->wrapper())
        return int(kMaxBlockSize);
    return int(qBound<qsizetype>(1, m_link->wrapper()->maxMessageSize() - kBlockOverhead, kMaxBlockSize));
}

int Exchanger::timeoutFor(int baseMs, qsizetype bytesAhead) const
{
    const double lineMs = double(bytesAhead + kAnswerAllowance) * 10000.0 / double(qMax(1, m_options.baudRate));
    return baseMs + int(lineMs * m_options.lineTimeFactor);
}

Error Exchanger::error(ExchangeFailure failure, const QString &what) const
{
    Error e = makeError(
        resultCodeFor(failure, m_channel), what, m_link ? m_link->description() : QStringLiteral("serial port"));
    if (failure == ExchangeFailure::NoAnswer)
        e.cause = FailureCause::StoppedAnswering;
    else if (failure == ExchangeFailure::InvalidResponse)
        e.cause = FailureCause::GarbledAnswer;
    return e;
}

quint64 Exchanger::exchange(Request request, QObject *context, Callback callback, int baseTimeoutMs)
{
    request.tag = m_nextTag++;
    const quint64 id = m_nextId++;
    Pending p;
    p.id = id;
    p.tag = request.tag;
    p.opcode = request.opcode;
    p.bytes = NodeHostCodec::encodeRequest(request);
    p.retriesLeft = qMax(0, m_options.retries);
    p.baseTimeoutMs = baseTimeoutMs >= 0 ? baseTimeoutMs : m_options.responseTimeoutMs;
    p.context = context;
    p.callback = std::move(callback);
    p.timer = std::make_unique<QTimer>();
    p.timer->setSingleShot(true);
    connect(p.timer.get(), &QTimer::timeout, this, [this, id] { handleTimeout(id); });
    Pending &stored = m_pending.emplace(id, std::move(p)).first->second;
    if (!m_link || m_linkFailure) {
        const Error failure
            = m_linkFailure ? *m_linkFailure : error(ExchangeFailure::NoAnswer, QStringLiteral("the link is gone"));
        QTimer::singleShot(0, this, [this, id, failure] { complete(id, failure); });
        return id;
    }
    transmit(stored);
    return id;
}

void Exchanger::transmit(Pending &p)
{
    // What is ahead of this answer on the line: every earlier request still
    // pending (the device answers in order), this request and the wrapper's backlog.
    qsizetype ahead = m_link->pendingWriteBytes();
    for (const auto &[id, other] : m_pending) {
        if (id > p.id)
            break;
        ahead += other.bytes.size() + kAnswerAllowance;
    }
    m_link->send(transport::Message {m_channel, p.bytes});
    p.timer->start(timeoutFor(p.baseTimeoutMs, ahead));
}

void Exchanger::cancel(quint64 id)
{
    auto it = m_pending.find(id);
    if (it != m_pending.end())
        erase(it);
}

void Exchanger::erase(std::map<quint64, Pending>::iterator it)
{
    // The timer may be the one whose timeout is running right now.
    QTimer *timer = it->second.timer.release();
    timer->stop();
    timer->deleteLater();
    m_pending.erase(it);
}

void Exchanger::handleTimeout(quint64 id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending &p = it->second;
    if (p.retriesLeft > 0 && m_link) {
        --p.retriesLeft;
        ++m_resends;
        qCDebug(lcProtocol).noquote() << "resending" << opcodeName(p.opcode) << "tag" << p.tag << "to the"
                                      << processorName(m_channel);
        transmit(p);
        return;
    }
    complete(id,
        error(ExchangeFailure::NoAnswer,
            QStringLiteral("no answer from the %1 to %2 after %3 attempts")
                .arg(processorName(m_channel), opcodeName(p.opcode))
                .arg(m_options.retries + 1)));
}

void Exchanger::handleMessage(const transport::Message &message)
{
    if (message.channel != m_channel)
        return;
    Result<Response> response = NodeHostCodec::decodeResponse(message.payload);
    quint16 tag = 0;
    if (response.ok()) {
        tag = response->tag;
    } else if (message.payload.size() >= 4) {
        tag = qFromLittleEndian<quint16>(message.payload.constData() + 2);
    } else {
        ++m_dropped;
        return;
    }
    for (auto &[id, p] : m_pending) {
        if (p.tag != tag)
            continue;
        if (!response.ok()) {
            complete(id, error(ExchangeFailure::InvalidResponse, response.error().message));
        } else if (response->opcode != p.opcode) {
            complete(id,
                error(ExchangeFailure::InvalidResponse,
                    QStringLiteral("the %1 answered %2 to %3")
                        .arg(processorName(m_channel), opcodeName(response->opcode), opcodeName(p.opcode))));
        } else {
            complete(id, response);
        }
        return;
    }
    // A late answer to a request that was resent, answered or cancelled.
    ++m_dropped;
}

void Exchanger::complete(quint64 id, const Result<Response> &result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    QPointer<QObject> context = it->second.context;
    Callback callback = std::move(it->second.callback);
    erase(it);
    if (context && callback)
        callback(result);
}

void Exchanger::failAll(const Error &e)
{
    std::vector<quint64> ids;
    for (const auto &[id, p] : m_pending)
        ids.push_back(id);
    for (quint64 id : ids)
        complete(id, e);
}

} // namespace prov::protocol

#include "protocol/ProtocolJob.h"

#include "protocol/Exchanger.h"

#include <QTimer>

namespace prov::protocol {

ProtocolJob::ProtocolJob(Exchanger *exchanger, QString operation, QObject *parent)
    : QObject(parent)
    , m_exchanger(exchanger)
    , m_operation(std::move(operation))
{
    // Started from the event loop so the caller can connect first.
    QTimer::singleShot(0, this, [this] {
        if (!m_done)
            run();
    });
}

ProtocolJob::~ProtocolJob()
{
    cancelAll();
}

quint64 ProtocolJob::send(Request request, std::function<void(const Result<Response> &)> callback, int baseTimeoutMs)
{
    if (!m_exchanger) {
        fail(makeError(ResultCode::InternalError, QStringLiteral("the protocol client is gone")));
        return 0;
    }
    const quint64 id = m_exchanger->exchange(
        std::move(request), this,
        [this, cb = std::move(callback)](const Result<Response> &r) {
            if (!m_done)
                cb(r);
        },
        baseTimeoutMs);
    m_ids.push_back(id);
    if (m_ids.size() > 256) // keep the list short in long transfers; cancelling a finished id is a no-op
        m_ids.erase(m_ids.begin(), m_ids.begin() + 128);
    return id;
}

void ProtocolJob::cancelAll()
{
    if (m_exchanger) {
        for (quint64 id : m_ids)
            m_exchanger->cancel(id);
    }
    m_ids.clear();
}

void ProtocolJob::succeed(const Response &response)
{
    if (m_done)
        return;
    m_done = true;
    m_response = response;
    cancelAll();
    emit finished();
    finishLater();
}

void ProtocolJob::fail(const Error &error)
{
    if (m_done)
        return;
    m_done = true;
    cancelAll();
    Error e = error;
    if (e.context.isEmpty())
        e.context = m_operation;
    emit failed(e);
    finishLater();
}

void ProtocolJob::abort()
{
    m_done = true;
    cancelAll();
    finishLater();
}

void ProtocolJob::finishLater()
{
    deleteLater();
}

Error ProtocolJob::statusFailure(const Response &response) const
{
    const transport::Channel channel = m_exchanger ? m_exchanger->channel() : transport::Channel::Node;
    return statusError(response.status, channel, opcodeName(response.opcode));
}

ExchangeJob::ExchangeJob(Exchanger *exchanger, Request request, QObject *parent)
    : ProtocolJob(exchanger, opcodeName(request.opcode), parent)
    , m_request(std::move(request))
{ }

void ExchangeJob::run()
{
    send(std::move(m_request), [this](const Result<Response> &r) {
        if (!r.ok())
            fail(r.error());
        else if (!r->ok())
            fail(statusFailure(*r));
        else
            succeed(*r);
    });
}

} // namespace prov::protocol

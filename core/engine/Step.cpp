#include "engine/Step.h"

#include "engine/StepPolicy.h"
#include "protocol/DeviceClient.h"

#include <QTimer>

namespace prov::engine {

Step::Step(StepContext &ctx, StepSpec spec, QObject *parent)
    : QObject(parent)
    , m_ctx(ctx)
    , m_spec(spec)
{ }

Step::~Step() = default;

void Step::start(Done done)
{
    m_done = std::move(done);
    QMetaObject::invokeMethod(
        this, [this] { run(); }, Qt::QueuedConnection);
}

void Step::abort()
{
    m_finished = true;
    m_done = nullptr;
    // Deleting the clients drops their exchanges and jobs.
    delete m_node;
    m_node = nullptr;
    delete m_host;
    m_host = nullptr;
}

void Step::finish(const Status &status)
{
    if (m_finished)
        return;
    m_finished = true;
    Done done = std::move(m_done);
    // Deferred: the caller may be a job's signal emission.
    QMetaObject::invokeMethod(
        this,
        [done, status] {
            if (done)
                done(status);
        },
        Qt::QueuedConnection);
}

void Step::log(const QString &line) const
{
    if (m_ctx.log)
        m_ctx.log->add(QStringLiteral("  %1: %2").arg(m_spec.name(), line));
}

protocol::NodeClient *Step::node()
{
    if (!m_node)
        m_node = new protocol::NodeClient(m_ctx.link, StepPolicy::clientOptions(m_spec, m_ctx), this);
    return m_node;
}

protocol::HostClient *Step::host()
{
    if (!m_host)
        m_host = new protocol::HostClient(m_ctx.link, StepPolicy::clientOptions(m_spec, m_ctx), this);
    return m_host;
}

void Step::await(protocol::ProtocolJob *job, std::function<void(protocol::ProtocolJob *)> onOk,
    std::function<void(const Error &)> onFail)
{
    connect(job, &protocol::ProtocolJob::progressed, this, &Step::progressed);
    connect(job, &protocol::ProtocolJob::failed, this, [this, onFail = std::move(onFail)](const Error &error) {
        if (m_finished)
            return;
        if (onFail)
            onFail(error);
        else
            finish(error);
    });
    connect(job, &protocol::ProtocolJob::finished, this, [this, job, onOk = std::move(onOk)] {
        if (!m_finished)
            onOk(job);
    });
}

void Step::later(int ms, std::function<void()> f)
{
    QTimer::singleShot(ms, this, [this, f = std::move(f)] {
        if (!m_finished)
            f();
    });
}

} // namespace prov::engine

#pragma once

#include "domain/Result.h"
#include "engine/PluginDescription.h"
#include "engine/StepContext.h"

#include <QObject>

#include <functional>
#include <utility>

namespace prov::protocol {
class HostClient;
class NodeClient;
class ProtocolJob;
} // namespace prov::protocol

namespace prov::engine {

/// One step block at work: started once by the DeviceRun, reports exactly once
/// through the done callback (never from inside start()). Steps use the
/// protocol clients, the server, the file cache and the gateway, all
/// asynchronous; none blocks its thread.
class Step : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Status &)>;

    Step(StepContext &ctx, StepSpec spec, QObject *parent = nullptr);
    ~Step() override;

    void start(Done done);
    /// Stops whatever runs (watchdog fired, station aborted): no callback after this.
    virtual void abort();
    [[nodiscard]] const StepSpec &spec() const { return m_spec; }

signals:
    /// Bytes of the step's current transfer (for progress).
    void progressed(qint64 done, qint64 total);

protected:
    virtual void run() = 0;
    void finish(const Status &status);
    void log(const QString &line) const;

    /// Clients with this step's timeout/retry/window options (created on first use).
    protocol::NodeClient *node();
    protocol::HostClient *host();
    /// Runs `job`: progress is forwarded, a failure ends the step with the
    /// job's error (or goes to `onFail`), success calls `onOk` with the job
    /// (valid during the call).
    void await(protocol::ProtocolJob *job, std::function<void(protocol::ProtocolJob *)> onOk,
        std::function<void(const Error &)> onFail = nullptr);
    /// Calls `f` after `ms` milliseconds unless the step ended.
    void later(int ms, std::function<void()> f);
    /// True the first time a check finds the device not as written: read it
    /// again before failing. A device answers a request equal to one of its
    /// last 16 from memory (docs/protocol/node-host-protocol.md), so a read
    /// whose random tag meets an earlier session's equal read gets that
    /// session's answer; the next read has another tag.
    [[nodiscard]] bool readAgain() { return !std::exchange(m_readAgain, true); }

    StepContext &m_ctx;
    StepSpec m_spec;

private:
    Done m_done;
    bool m_finished = false;
    bool m_readAgain = false;
    protocol::NodeClient *m_node = nullptr;
    protocol::HostClient *m_host = nullptr;
};

} // namespace prov::engine

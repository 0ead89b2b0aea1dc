#pragma once

#include "domain/Result.h"
#include "engine/MeterDetection.h"
#include "transport/WrapperOptions.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace prov::transport {
class Link;
}

namespace prov::engine {

/// Asks the device on one port what it is, before a run without --meter: on
/// each link setting in turn until something answers. On the optical port
/// (opt_psem) the meter's own table 1 is read in the C12.18 session; on the
/// other wrappers the host is asked for its meter's identification
/// (MeterIdentify) and the node to identify itself, at the same time: a node
/// whose host channel stays silent is a node without a host. Nothing is
/// written to the device. The port is closed again before the answer.
class MeterDetector : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<DeviceReport> &)>;

    /// One exchange's timeout; it is sent twice before the channel counts as silent.
    static constexpr int kExchangeTimeoutMs = 1000;

    MeterDetector(QString port, QList<LinkSetting> links, transport::WrapperOptions options, QObject *parent = nullptr);
    ~MeterDetector() override;

    /// `done` runs once, from the event loop: the report, or 4 when nothing
    /// answered on any link setting (naming them), or the port's open error.
    void start(Callback done);

private:
    void tryLink(int index);
    void askDevice();
    void settle(const std::optional<DeviceReport> &report);
    void finish(const Result<DeviceReport> &result);

    QString m_port;
    QList<LinkSetting> m_links;
    transport::WrapperOptions m_options;
    Callback m_done;
    int m_index = -1;
    QPointer<transport::Link> m_link;
    QTimer m_watchdog;
    // Answers of the current link setting.
    std::optional<Result<DeviceReport>> m_hostAnswer;
    std::optional<bool> m_nodeAnswered;
    bool m_finished = false;
};

} // namespace prov::engine

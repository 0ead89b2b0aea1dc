#pragma once

#include "transport/FrameScanner.h"
#include "transport/Wrapper.h"
#include "transport/WrapperOptions.h"

#include <QTimer>

#include <memory>

namespace prov::transport {

/// The stateless framings (`none`, `orw`): frame on send, scan on feed, no
/// session, no acknowledgement. Same in both roles.
class StreamWrapper : public Wrapper
{
    Q_OBJECT

public:
    StreamWrapper(WrapperKind kind, const WrapperOptions &options, QObject *parent = nullptr);

    [[nodiscard]] WrapperKind kind() const override { return m_kind; }
    void start() override;
    void stop() override;
    void sendMessage(const Message &message) override;
    void feed(QByteArrayView bytes) override;
    [[nodiscard]] const LinkCounters &counters() const override { return m_counters; }
    [[nodiscard]] qsizetype maxMessageSize() const override;

private:
    void handleFrame(QByteArrayView frame);
    void handleProblem(FrameScanner::Problem problem);

    WrapperKind m_kind;
    std::unique_ptr<FrameScanner> m_scanner;
    QTimer m_gapTimer;
    LinkCounters m_counters;
};

} // namespace prov::transport

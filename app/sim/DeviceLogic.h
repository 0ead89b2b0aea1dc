#pragma once

#include "BlockReceiver.h"
#include "DeviceFaults.h"
#include "DeviceState.h"
#include "ResponseCache.h"
#include "transport/Message.h"

#include <QByteArray>

#include <optional>

namespace prov::sim {

/// What handling one request asks of the device around it (timing, flash,
/// persistence, resets); DeviceLogic itself has no clock and no I/O.
struct DeviceOutcome
{
    std::optional<QByteArray> response; ///< empty: the device does not answer
    qint64 flashBytes = 0;
    bool persistNow = false;
    bool persistSoon = false;
    bool resetAfterReply = false; ///< the Reset command
    bool powerFail = false; ///< a fault resets the device instead of answering
    std::optional<protocol::ConfigKind> nodeConfigCommitted;
};

/// The behaviour of a simulated eMCM-with-node or bare node: one request in,
/// one outcome out, on the device's state. Pure, so tests drive it directly.
class DeviceLogic
{
public:
    DeviceLogic(DeviceState *state, DeviceFaults faults, int maxBlock);

    [[nodiscard]] DeviceOutcome handle(transport::Channel channel, QByteArrayView payload);
    /// After a reset: forget what RAM held (remembered answers).
    void powerCycle();

    [[nodiscard]] const DeviceFaults &faults() const { return m_faults; }

private:
    DeviceOutcome execute(transport::Channel channel, const protocol::Request &request);
    protocol::Response identifyNode(const protocol::Request &request) const;
    protocol::Response identifyHost(const protocol::Request &request) const;
    DeviceOutcome transfer(transport::Channel channel, ProcessorState &proc, const protocol::Request &request);
    protocol::Response writeKey(
        transport::Channel channel, ProcessorState &proc, const protocol::Request &request, bool *changed);
    protocol::Response verifyKey(
        transport::Channel channel, ProcessorState &proc, const protocol::Request &request) const;
    /// Where a key slot lives: the node, or the host application it names; nullptr if nowhere.
    ProcessorState *keyMemory(transport::Channel channel, ProcessorState &proc, protocol::KeySlot slot) const;

    DeviceState *m_state;
    DeviceFaults m_faults;
    BlockReceiver m_receiver;
    ResponseCache m_nodeCache;
    ResponseCache m_hostCache;
    bool m_resetFaultFired = false;
};

} // namespace prov::sim

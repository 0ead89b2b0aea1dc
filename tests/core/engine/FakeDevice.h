#pragma once

#include "DeviceLogic.h"
#include "FakeSerialPort.h"
#include "transport/Wrapper.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace prov::test {

/// The simulator's device (its DeviceLogic, no clock) behind a fake serial
/// port, in the test's own process: the station's bytes go through a
/// device-role wrapper to the logic and its answers come back on the port.
/// It remembers which requests reached it.
class FakeDevice : public QObject
{
    Q_OBJECT

public:
    /// A bare node (the "node" model of the simulator), unlocked, no keys.
    [[nodiscard]] static sim::DeviceState bareNode(quint32 nodeId = 0x1A2B3C4D);

    FakeDevice(
        sim::DeviceState state, transport::WrapperKind kind, sim::DeviceFaults faults = {}, QObject *parent = nullptr);
    ~FakeDevice() override;

    /// From now on the device answers on `port` (a port opened later replaces it).
    void attach(FakeSerialPort *port);
    /// A device that hears nothing and says nothing.
    void setSilent(bool silent) { m_silent = silent; }
    /// Called with each request's opcode before the device handles it (a test
    /// changes the device's memory there, as a faulty one would).
    void setBeforeRequest(std::function<void(protocol::Opcode)> hook) { m_beforeRequest = std::move(hook); }

    [[nodiscard]] sim::DeviceState &state() { return m_state; }
    [[nodiscard]] const crypto::SecretBytes *key(protocol::KeySlot slot) const;
    /// The opcodes of the requests it was asked, in order.
    [[nodiscard]] const QList<protocol::Opcode> &requests() const { return m_requests; }
    [[nodiscard]] qsizetype count(protocol::Opcode opcode) const { return m_requests.count(opcode); }
    [[nodiscard]] FakeSerialPort *port() const { return m_port; }

private:
    sim::DeviceState m_state;
    sim::DeviceLogic m_logic;
    transport::WrapperKind m_kind;
    std::unique_ptr<transport::Wrapper> m_wrapper;
    QPointer<FakeSerialPort> m_port;
    QList<protocol::Opcode> m_requests;
    std::function<void(protocol::Opcode)> m_beforeRequest;
    bool m_silent = false;
};

} // namespace prov::test

#include "FakeDevice.h"

#include "protocol/NodeHostCodec.h"
#include "transport/WrapperFactory.h"

namespace prov::test {

namespace {
constexpr int kMaxBlock = 1024;
}

sim::DeviceState FakeDevice::bareNode(quint32 nodeId)
{
    sim::DeviceState s;
    s.model = QStringLiteral("node");
    s.nodeId = nodeId;
    s.node.hardwareType = protocol::HardwareType::Unode;
    s.node.firmwareVersion = protocol::FirmwareVersion(1, 0, 0, 0);
    return s;
}

FakeDevice::FakeDevice(sim::DeviceState state, transport::WrapperKind kind, sim::DeviceFaults faults, QObject *parent)
    : QObject(parent)
    , m_state(std::move(state))
    , m_logic(&m_state, std::move(faults), kMaxBlock)
    , m_kind(kind)
{ }

FakeDevice::~FakeDevice()
{
    if (m_wrapper)
        m_wrapper->disconnect(this);
}

void FakeDevice::attach(FakeSerialPort *port)
{
    if (m_port)
        m_port->disconnect(this);
    if (m_wrapper)
        m_wrapper->disconnect(this);
    m_port = port;
    // A fresh session per port, as the firmware starts one at power-up.
    m_wrapper = transport::createWrapper(m_kind, transport::Wrapper::Role::Device, {});
    connect(port, &FakeSerialPort::bytesSent, this, [this](const QByteArray &bytes) {
        if (!m_silent)
            m_wrapper->feed(bytes);
    });
    connect(m_wrapper.get(), &transport::Wrapper::bytesToWrite, this, [this](const QByteArray &bytes) {
        if (m_port && !m_silent)
            m_port->feed(bytes);
    });
    connect(m_wrapper.get(), &transport::Wrapper::messageReceived, this, [this](const transport::Message &message) {
        quint8 version = 0;
        quint8 opcode = 0;
        quint16 tag = 0;
        if (protocol::NodeHostCodec::peekRequestHeader(message.payload, &version, &opcode, &tag)) {
            m_requests.append(protocol::Opcode(opcode));
            if (m_beforeRequest)
                m_beforeRequest(protocol::Opcode(opcode));
        }
        const sim::DeviceOutcome outcome = m_logic.handle(message.channel, message.payload);
        if (outcome.response)
            m_wrapper->sendMessage({message.channel, *outcome.response});
        if (outcome.resetAfterReply || outcome.powerFail)
            m_logic.powerCycle();
    });
    m_wrapper->start();
}

const crypto::SecretBytes *FakeDevice::key(protocol::KeySlot slot) const
{
    const auto it = m_state.node.keys.find(slot);
    return it == m_state.node.keys.end() ? nullptr : &it->second;
}

} // namespace prov::test

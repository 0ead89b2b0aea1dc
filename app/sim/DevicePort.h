#pragma once

#include "PtyPort.h"
#include "domain/Result.h"
#include "transport/Wrapper.h"
#include "transport/WrapperOptions.h"

#include <QObject>

#include <memory>

namespace prov::sim {

class SimDevice;

/// How one port of a device model is wired.
struct PortSpec
{
    QString role; ///< "direct", "fixture", "optical"
    qint32 baud = 115200;
    transport::WrapperKind wrapper = transport::WrapperKind::Orw;
};

/// One port of a simulated device: a pseudo-terminal at line rate, the
/// device-role wrapper on it, and the device behind. A reset of the device
/// throws the wrapper's session away (a PSEM or reliable session must start
/// again), as the firmware's RAM would.
class DevicePort : public QObject
{
    Q_OBJECT

public:
    [[nodiscard]] static Result<std::unique_ptr<DevicePort>> open(SimDevice *device, const PortSpec &spec,
        const transport::WrapperOptions &options, quint64 seed, QObject *parent = nullptr);
    ~DevicePort() override;

    [[nodiscard]] const PortSpec &spec() const { return m_spec; }
    [[nodiscard]] QString path() const { return m_pty->slavePath(); }
    [[nodiscard]] const PtyPort &pty() const { return *m_pty; }

private:
    DevicePort(SimDevice *device, const PortSpec &spec, const transport::WrapperOptions &options,
        std::unique_ptr<PtyPort> pty, QObject *parent);
    [[nodiscard]] Status buildWrapper();
    void dropWrapper();

    SimDevice *m_device;
    PortSpec m_spec;
    transport::WrapperOptions m_options;
    std::unique_ptr<PtyPort> m_pty;
    transport::Wrapper *m_wrapper = nullptr; ///< owned; deleted later (it may be mid-signal)
};

} // namespace prov::sim

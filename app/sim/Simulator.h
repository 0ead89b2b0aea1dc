#pragma once

#include "DevicePort.h"
#include "FactoryGateway.h"
#include "SimDevice.h"
#include "SimOptions.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace prov::sim {

/// The whole simulator: devices, their ports, the factory gateway, wired from
/// SimOptions. start() announces every port as one JSON line.
class Simulator : public QObject
{
    Q_OBJECT

public:
    using LineSink = std::function<void(const QJsonObject &line)>;

    explicit Simulator(SimOptions options, QObject *parent = nullptr);
    ~Simulator() override;

    /// Opens the ports and the gateway; `sink` receives the announcement lines.
    [[nodiscard]] Status start(const LineSink &sink);

    [[nodiscard]] FactoryGateway *gateway() const { return m_gateway.get(); }
    [[nodiscard]] const std::vector<std::unique_ptr<SimDevice>> &devices() const { return m_devices; }

    /// The ports of a model, in order (fixture before optical).
    [[nodiscard]] static QList<PortSpec> portsOf(const QString &model);

private:
    [[nodiscard]] SimDevice *findDevice(quint32 nodeId) const;
    [[nodiscard]] JoinPolicy policyOf(quint32 nodeId) const;
    [[nodiscard]] DeviceState initialState(const QString &model, int device, int index) const;
    /// SHA-256 a device reports for the image it starts with (`what`: "node" or the application).
    /// MANUFACTURER and ED_MODEL of the meter of `model` (empty for a bare node).
    [[nodiscard]] static std::pair<QString, QString> meterIdentificationOf(const QString &model);
    [[nodiscard]] static QByteArray factoryImageHash(const QString &what, const protocol::FirmwareVersion &version);
    void wireJoins(SimDevice *device);

    SimOptions m_options;
    std::vector<std::unique_ptr<SimDevice>> m_devices;
    std::vector<std::unique_ptr<DevicePort>> m_ports;
    std::unique_ptr<FactoryGateway> m_gateway;
};

} // namespace prov::sim

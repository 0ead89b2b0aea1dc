#include "Simulator.h"

#include "SimIds.h"

#include <QCryptographicHash>
#include <QDir>
#include <QHash>

namespace prov::sim {

using namespace protocol;
using transport::WrapperKind;

Simulator::Simulator(SimOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{ }

Simulator::~Simulator()
{
    // Ports reference their devices: they go first.
    m_ports.clear();
    m_gateway.reset();
    m_devices.clear();
}

QList<PortSpec> Simulator::portsOf(const QString &model)
{
    if (model == QStringLiteral("kv2c"))
        return {PortSpec {QStringLiteral("fixture"), 115200, WrapperKind::Orw},
            PortSpec {QStringLiteral("optical"), 9600, WrapperKind::OptPsem}};
    if (model == QStringLiteral("node"))
        return {PortSpec {QStringLiteral("direct"), 115200, WrapperKind::None}};
    return {PortSpec {QStringLiteral("direct"), 115200, WrapperKind::Orw}};
}

std::pair<QString, QString> Simulator::meterIdentificationOf(const QString &model)
{
    // What these meters put in MANUFACTURER and ED_MODEL of their table 1.
    if (model == QStringLiteral("kv2c"))
        return {QStringLiteral("GE"), QStringLiteral("KV2C")};
    if (model == QStringLiteral("i210plusc"))
        return {QStringLiteral("GE"), QStringLiteral("I210+C")};
    if (model == QStringLiteral("sgm3xxx"))
        return {QStringLiteral("GE"), QStringLiteral("SGM3300")};
    if (model == QStringLiteral("i210plus"))
        return {QStringLiteral("GE"), QStringLiteral("I210+")};
    return {};
}

QByteArray Simulator::factoryImageHash(const QString &what, const FirmwareVersion &version)
{
    // The image a device leaves the factory with: its version may equal a
    // package's, its bytes never do (the station must then update it).
    return QCryptographicHash::hash(
        QStringLiteral("provstation-sim factory image %1 %2").arg(what, version.toString()).toUtf8(),
        QCryptographicHash::Sha256);
}

DeviceState Simulator::initialState(const QString &model, int device, int index) const
{
    const SimIds ids = SimIds::derive(m_options.seed, device);
    DeviceState s;
    s.model = model;
    s.device = device;
    s.index = index;
    s.nodeId = ids.nodeId;
    s.node.hardwareType = m_options.nodeHardwareType;
    s.node.firmwareVersion = m_options.nodeFirmware;
    s.node.firmwareSha256 = factoryImageHash(QStringLiteral("node"), m_options.nodeFirmware);
    if (model != QStringLiteral("node")) {
        s.emcmId = ids.emcmId;
        s.meterId = ids.meterId;
        std::tie(s.meterManufacturer, s.meterModel) = meterIdentificationOf(model);
        s.host.hardwareType = HardwareType::Emcm;
        s.appNames = m_options.hostApps;
        s.otherApps.resize(std::size_t(qMax(0, int(s.appNames.size()) - 1)));
        for (int i = 0; i < s.appNames.size(); ++i) {
            ProcessorState *app = s.appMemory(i);
            app->hardwareType = HardwareType::Emcm;
            app->firmwareVersion = m_options.hostFirmware;
            app->firmwareSha256 = factoryImageHash(s.appNames.at(i), m_options.hostFirmware);
        }
    }
    return s;
}

Status Simulator::start(const LineSink &sink)
{
    if (!m_options.stateDir.isEmpty() && !QDir().mkpath(m_options.stateDir))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot create the state directory %1").arg(m_options.stateDir));

    m_gateway = std::make_unique<FactoryGateway>([this](quint32 nodeId) { return policyOf(nodeId); });
    if (const Status s = m_gateway->listen(m_options.gatewayAddress, m_options.gatewayPort); !s.ok())
        return s;
    connect(m_gateway.get(), &FactoryGateway::joinChanged, this, [this](quint32 nodeId, bool joined) {
        if (SimDevice *d = findDevice(nodeId))
            d->setJoined(joined);
    });

    transport::WrapperOptions wrapperOptions;
    wrapperOptions.psemPassword = m_options.psemPassword;
    const DeviceTiming timing {m_options.flashMsPerKiB, m_options.resetMs};

    QHash<QString, int> perModel;
    int deviceIndex = 0;
    for (const DeviceGroup &group : std::as_const(m_options.groups)) {
        for (int i = 0; i < group.count; ++i, ++deviceIndex) {
            const int index = perModel[group.model]++;
            DeviceFaults faults;
            for (const FaultRule &rule : std::as_const(m_options.faults)) {
                if (rule.matches(group.model, index))
                    rule.applyTo(&faults);
            }
            auto device = std::make_unique<SimDevice>(
                initialState(group.model, deviceIndex, index), faults, timing, m_options.maxBlock, m_options.stateDir);
            device->persist();
            wireJoins(device.get());

            QList<PortSpec> specs = portsOf(group.model);
            if (group.wrapper)
                specs.first().wrapper = *group.wrapper;
            for (int p = 0; p < specs.size(); ++p) {
                Result<std::unique_ptr<DevicePort>> port = DevicePort::open(
                    device.get(), specs.at(p), wrapperOptions, SimIds::noiseSeed(m_options.seed, deviceIndex, p));
                if (!port.ok())
                    return port.error();
                const DeviceState &st = device->state();
                sink(QJsonObject {
                    {QStringLiteral("kind"), QStringLiteral("port")},
                    {QStringLiteral("model"), group.model},
                    {QStringLiteral("role"), specs.at(p).role},
                    {QStringLiteral("path"), (*port)->path()},
                    {QStringLiteral("baud"), specs.at(p).baud},
                    {QStringLiteral("wrapper"), transport::wrapperName(specs.at(p).wrapper)},
                    {QStringLiteral("nodeId"), st.nodeIdText()},
                    {QStringLiteral("emcmId"),
                        st.hasHost() ? QJsonValue(QString::fromLatin1(st.emcmId.toHex().toUpper())) : QJsonValue()},
                    {QStringLiteral("device"), deviceIndex},
                    {QStringLiteral("index"), index},
                    {QStringLiteral("stateFile"), device->stateFilePath()},
                });
                m_ports.push_back(std::move(port).value());
            }
            m_devices.push_back(std::move(device));
        }
    }
    sink(QJsonObject {{QStringLiteral("kind"), QStringLiteral("gateway")},
        {QStringLiteral("address"), m_gateway->address().toString()}, {QStringLiteral("port"), m_gateway->port()}});
    sink(QJsonObject {{QStringLiteral("kind"), QStringLiteral("ready")},
        {QStringLiteral("devices"), int(m_devices.size())}, {QStringLiteral("ports"), int(m_ports.size())}});
    return {};
}

void Simulator::wireJoins(SimDevice *device)
{
    const quint32 nodeId = device->state().nodeId;
    connect(device, &SimDevice::nodeConfigCommitted, this, [this, nodeId](ConfigKind kind) {
        if (kind == ConfigKind::Factory)
            m_gateway->nodeMayJoin(nodeId);
        else
            m_gateway->nodeLeft(nodeId);
    });
    // A restarted node on the factory configuration joins again.
    connect(device, &SimDevice::resetFinished, this, [this, nodeId] { m_gateway->nodeMayJoin(nodeId); });
}

SimDevice *Simulator::findDevice(quint32 nodeId) const
{
    for (const auto &d : m_devices) {
        if (d->state().nodeId == nodeId)
            return d.get();
    }
    return nullptr;
}

JoinPolicy Simulator::policyOf(quint32 nodeId) const
{
    JoinPolicy policy;
    const SimDevice *d = findDevice(nodeId);
    if (!d)
        return policy;
    policy.known = true;
    policy.holdsFactoryConfig = d->state().node.configKind == ConfigKind::Factory;
    policy.neverJoins = d->faults().neverJoin || d->faults().silent;
    const double seconds = d->faults().joinAfterSeconds.value_or(m_options.joinDelaySeconds);
    policy.delayMs = int(seconds * 1000.0);
    return policy;
}

} // namespace prov::sim

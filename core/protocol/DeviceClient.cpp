#include "protocol/DeviceClient.h"

#include "protocol/Crc32.h"
#include "protocol/Exchanger.h"
#include "protocol/VerifyKeyJob.h"

#include <QStringList>

namespace prov::protocol {

DeviceClient::DeviceClient(
    transport::Link *link, transport::Channel channel, const ClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_exchanger(new Exchanger(link, channel, options, this))
{ }

DeviceClient::~DeviceClient() = default;

transport::Channel DeviceClient::channel() const
{
    return m_exchanger->channel();
}

TransferJob *DeviceClient::updateFirmware(
    const QByteArray &image, quint16 hardwareType, const FirmwareVersion &version, quint8 app)
{
    TransferInfo info;
    info.app = app;
    info.target = TransferTarget::Firmware;
    info.hardwareType = hardwareType;
    info.size = quint32(image.size());
    info.crc32 = crc32Of(image);
    info.version = version;
    return new TransferJob(m_exchanger, info, image, this);
}

TransferJob *DeviceClient::writeConfiguration(
    ConfigKind kind, quint64 configId, const QByteArray &data, quint16 hardwareType, quint8 app)
{
    TransferInfo info;
    info.app = app;
    info.target = kind == ConfigKind::Field ? TransferTarget::FieldConfig : TransferTarget::FactoryConfig;
    info.hardwareType = hardwareType;
    info.size = quint32(data.size());
    info.crc32 = crc32Of(data);
    info.configId = configId;
    return new TransferJob(m_exchanger, info, data, this);
}

ProtocolJob *DeviceClient::writeKey(KeySlot slot, const crypto::SecretBytes &key)
{
    return new ExchangeJob(m_exchanger, Request::writeKey(0, slot, key), this);
}

ProtocolJob *DeviceClient::verifyKey(KeySlot slot, const crypto::SecretBytes &key)
{
    return new VerifyKeyJob(m_exchanger, slot, key, this);
}

ProtocolJob *DeviceClient::simple(Opcode opcode)
{
    return new ExchangeJob(m_exchanger, Request::simple(opcode, 0), this);
}

ProtocolJob *DeviceClient::lock()
{
    return simple(Opcode::Lock);
}

ProtocolJob *DeviceClient::reset()
{
    return simple(Opcode::Reset);
}

NodeClient::NodeClient(transport::Link *link, const ClientOptions &options, QObject *parent)
    : DeviceClient(link, transport::Channel::Node, options, parent)
{ }

ProtocolJob *NodeClient::identify()
{
    return simple(Opcode::NodeIdentify);
}

ProtocolJob *NodeClient::image()
{
    return simple(Opcode::NodeImage);
}

HostClient::HostClient(transport::Link *link, const ClientOptions &options, QObject *parent)
    : DeviceClient(link, transport::Channel::Host, options, parent)
{ }

ProtocolJob *HostClient::identify()
{
    return simple(Opcode::HostIdentify);
}

ProtocolJob *HostClient::listApps()
{
    return simple(Opcode::HostApps);
}

ProtocolJob *HostClient::checkMeterLink()
{
    return simple(Opcode::MeterLinkCheck);
}

Status HostClient::hardwareStatusError(const HostIdentity &identity)
{
    if (identity.hardwareOk())
        return {};
    QStringList parts;
    if (identity.hardwareStatus & HardwareStatus::RamFailure)
        parts << QStringLiteral("RAM");
    if (identity.hardwareStatus & HardwareStatus::FlashFailure)
        parts << QStringLiteral("flash");
    if (identity.hardwareStatus & HardwareStatus::RadioFailure)
        parts << QStringLiteral("radio");
    if (identity.hardwareStatus & HardwareStatus::MeterInterfaceFailure)
        parts << QStringLiteral("meter interface");
    if (parts.isEmpty())
        parts << QStringLiteral("unknown part");
    return makeCausedError(ResultCode::HostHardwareFailure, FailureCause::HostSelfTestFailed,
        {parts.join(QStringLiteral(", "))},
        QStringLiteral("eMCM %1 reports failing hardware: %2 (status 0x%3)")
            .arg(identity.emcmIdHex(), parts.join(QStringLiteral(", ")))
            .arg(identity.hardwareStatus, 2, 16, QLatin1Char('0')));
}

} // namespace prov::protocol

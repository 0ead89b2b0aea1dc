#include "protocol/ProtocolTypes.h"
#include "protocol/Request.h"
#include "protocol/Response.h"

namespace prov::protocol {

bool isKnownOpcode(quint8 value)
{
    switch (static_cast<Opcode>(value)) {
    case Opcode::NodeIdentify:
    case Opcode::HostIdentify:
    case Opcode::MeterLinkCheck:
    case Opcode::HostApps:
    case Opcode::NodeImage:
    case Opcode::MeterIdentify:
    case Opcode::TransferBegin:
    case Opcode::TransferBlock:
    case Opcode::TransferEnd:
    case Opcode::WriteKey:
    case Opcode::VerifyKey:
    case Opcode::Lock:
    case Opcode::Reset:
        return true;
    }
    return false;
}

QString opcodeName(Opcode opcode)
{
    switch (opcode) {
    case Opcode::NodeIdentify:
        return QStringLiteral("NodeIdentify");
    case Opcode::HostIdentify:
        return QStringLiteral("HostIdentify");
    case Opcode::MeterLinkCheck:
        return QStringLiteral("MeterLinkCheck");
    case Opcode::HostApps:
        return QStringLiteral("HostApps");
    case Opcode::NodeImage:
        return QStringLiteral("NodeImage");
    case Opcode::MeterIdentify:
        return QStringLiteral("MeterIdentify");
    case Opcode::TransferBegin:
        return QStringLiteral("TransferBegin");
    case Opcode::TransferBlock:
        return QStringLiteral("TransferBlock");
    case Opcode::TransferEnd:
        return QStringLiteral("TransferEnd");
    case Opcode::WriteKey:
        return QStringLiteral("WriteKey");
    case Opcode::VerifyKey:
        return QStringLiteral("VerifyKey");
    case Opcode::Lock:
        return QStringLiteral("Lock");
    case Opcode::Reset:
        return QStringLiteral("Reset");
    }
    return QStringLiteral("opcode 0x%1").arg(static_cast<int>(opcode), 2, 16, QLatin1Char('0'));
}

QString transferTargetName(TransferTarget target)
{
    switch (target) {
    case TransferTarget::Firmware:
        return QStringLiteral("firmware");
    case TransferTarget::FactoryConfig:
        return QStringLiteral("factory configuration");
    case TransferTarget::FieldConfig:
        return QStringLiteral("field configuration");
    }
    return QStringLiteral("target %1").arg(static_cast<int>(target));
}

QString configKindName(ConfigKind kind)
{
    switch (kind) {
    case ConfigKind::None:
        return QStringLiteral("none");
    case ConfigKind::Factory:
        return QStringLiteral("factory");
    case ConfigKind::Field:
        return QStringLiteral("field");
    }
    return QStringLiteral("kind %1").arg(static_cast<int>(kind));
}

ConfigKind configKindOf(TransferTarget target)
{
    switch (target) {
    case TransferTarget::FactoryConfig:
        return ConfigKind::Factory;
    case TransferTarget::FieldConfig:
        return ConfigKind::Field;
    case TransferTarget::Firmware:
        break;
    }
    return ConfigKind::None;
}

QString calibrationName(CalibrationState state)
{
    switch (state) {
    case CalibrationState::Uncalibrated:
        return QStringLiteral("uncalibrated");
    case CalibrationState::Valid:
        return QStringLiteral("valid");
    case CalibrationState::Invalid:
        return QStringLiteral("invalid");
    }
    return QStringLiteral("state %1").arg(static_cast<int>(state));
}

bool isKnownKeySlot(quint8 value)
{
    switch (static_cast<KeySlot>(value)) {
    case KeySlot::Gateway:
    case KeySlot::CodeDownload:
    case KeySlot::NodeRoot:
    case KeySlot::App:
        return true;
    }
    return isAppKeySlot(static_cast<KeySlot>(value));
}

QString keySlotName(KeySlot slot)
{
    switch (slot) {
    case KeySlot::Gateway:
        return QStringLiteral("gateway");
    case KeySlot::CodeDownload:
        return QStringLiteral("codeDownload");
    case KeySlot::NodeRoot:
        return QStringLiteral("nodeRoot");
    case KeySlot::App:
        return QStringLiteral("app");
    }
    if (isAppKeySlot(slot))
        return QStringLiteral("app%1").arg(appOfKeySlot(slot));
    return QStringLiteral("slot %1").arg(static_cast<int>(slot));
}

KeySlot appKeySlot(int app)
{
    return static_cast<KeySlot>(static_cast<quint8>(KeySlot::App) + qBound(0, app, kMaxHostApps - 1));
}

bool isAppKeySlot(KeySlot slot)
{
    const int v = static_cast<int>(slot) - static_cast<int>(KeySlot::App);
    return v >= 0 && v < kMaxHostApps;
}

int appOfKeySlot(KeySlot slot)
{
    return static_cast<int>(slot) - static_cast<int>(KeySlot::App);
}

QString hardwareTypeName(quint16 type)
{
    switch (type) {
    case HardwareType::Unode:
        return QStringLiteral("UNODE");
    case HardwareType::Enode:
        return QStringLiteral("ENODE");
    case HardwareType::Dnode:
        return QStringLiteral("DNODE");
    case HardwareType::Emcm:
        return QStringLiteral("EMCM");
    default:
        break;
    }
    return QStringLiteral("0x") + QString::number(type, 16).rightJustified(4, QLatin1Char('0')).toUpper();
}

bool parseHardwareType(QStringView name, quint16 *type)
{
    static constexpr quint16 kKnown[]
        = {HardwareType::Unode, HardwareType::Enode, HardwareType::Dnode, HardwareType::Emcm};
    for (quint16 t : kKnown) {
        if (name.compare(hardwareTypeName(t), Qt::CaseInsensitive) == 0) {
            *type = t;
            return true;
        }
    }
    if (name.startsWith(u"0x", Qt::CaseInsensitive) && name.size() > 2 && name.size() <= 6) {
        bool ok = false;
        const uint v = name.mid(2).toUInt(&ok, 16);
        if (ok && v <= 0xFFFF) {
            *type = static_cast<quint16>(v);
            return true;
        }
    }
    return false;
}

Request Request::simple(Opcode opcode, quint16 tag)
{
    Request r;
    r.opcode = opcode;
    r.tag = tag;
    return r;
}

Request Request::transferBegin(quint16 tag, const TransferInfo &info)
{
    Request r = simple(Opcode::TransferBegin, tag);
    r.transfer = info;
    return r;
}

Request Request::transferBlock(quint16 tag, TransferTarget target, quint32 offset, QByteArray data, quint8 app)
{
    Request r = simple(Opcode::TransferBlock, tag);
    r.target = target;
    r.app = app;
    r.offset = offset;
    r.data = std::move(data);
    return r;
}

Request Request::transferEnd(quint16 tag, TransferTarget target, quint8 app)
{
    Request r = simple(Opcode::TransferEnd, tag);
    r.target = target;
    r.app = app;
    return r;
}

Request Request::writeKey(quint16 tag, KeySlot slot, const crypto::SecretBytes &key)
{
    Request r = simple(Opcode::WriteKey, tag);
    r.slot = slot;
    r.key = key.clone();
    return r;
}

Request Request::verifyKey(quint16 tag, KeySlot slot, QByteArray challenge)
{
    Request r = simple(Opcode::VerifyKey, tag);
    r.slot = slot;
    r.challenge = std::move(challenge);
    return r;
}

Response Response::withStatus(Opcode opcode, quint16 tag, DeviceStatus status)
{
    Response r;
    r.opcode = opcode;
    r.tag = tag;
    r.status = status;
    return r;
}

} // namespace prov::protocol

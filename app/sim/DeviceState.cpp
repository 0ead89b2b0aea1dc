#include "DeviceState.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonValue>

namespace prov::sim {

using namespace protocol;

namespace {

QString hex32(quint32 v)
{
    return QString::number(v, 16).rightJustified(8, QLatin1Char('0')).toUpper();
}

QString hex64(quint64 v)
{
    return QStringLiteral("0x") + QString::number(v, 16).rightJustified(16, QLatin1Char('0')).toUpper();
}

QJsonObject transferJson(const TransferProgress &t)
{
    return QJsonObject {
        {QStringLiteral("target"), transferTargetName(t.info.target)},
        {QStringLiteral("hardwareType"), hardwareTypeName(t.info.hardwareType)},
        {QStringLiteral("size"), static_cast<qint64>(t.info.size)},
        {QStringLiteral("crc32"), hex32(t.info.crc32)},
        {QStringLiteral("version"), t.info.version.toString()},
        {QStringLiteral("configId"), hex64(t.info.configId)},
        {QStringLiteral("written"), static_cast<qint64>(t.written)},
    };
}

} // namespace

QString formatNodeId(quint32 nodeId)
{
    return QStringLiteral("0x") + hex32(nodeId);
}

QJsonObject ProcessorState::toJson() const
{
    QJsonObject keysJson;
    for (const auto &[slot, key] : keys) {
        // The device's memory as the test oracle: the one place a key is written out.
        keysJson.insert(keySlotName(slot), QString::fromLatin1(key.view().toByteArray().toHex()));
    }
    QJsonObject config {{QStringLiteral("kind"), configKindName(configKind)}};
    if (configKind != ConfigKind::None) {
        config.insert(QStringLiteral("configId"), hex64(configId));
        config.insert(QStringLiteral("size"), static_cast<qint64>(configSize));
        config.insert(QStringLiteral("crc32"), hex32(configCrc));
        config.insert(QStringLiteral("sha256"), QString::fromLatin1(configSha256.toHex()));
    }
    return QJsonObject {
        {QStringLiteral("hardwareType"), hardwareTypeName(hardwareType)},
        {QStringLiteral("firmware"),
            QJsonObject {{QStringLiteral("version"), firmwareVersion.toString()},
                {QStringLiteral("size"), static_cast<qint64>(firmwareSize)},
                {QStringLiteral("crc32"), hex32(firmwareCrc)},
                {QStringLiteral("sha256"), QString::fromLatin1(firmwareSha256.toHex())}}},
        {QStringLiteral("config"), config},
        {QStringLiteral("keys"), keysJson},
        {QStringLiteral("locked"), locked},
        {QStringLiteral("transfer"), transfer ? QJsonValue(transferJson(*transfer)) : QJsonValue()},
    };
}

ProcessorState *DeviceState::appMemory(int app)
{
    return const_cast<ProcessorState *>(std::as_const(*this).appMemory(app));
}

const ProcessorState *DeviceState::appMemory(int app) const
{
    if (!hasHost() || app < 0 || app >= appNames.size())
        return nullptr;
    if (app == 0)
        return &host;
    return std::size_t(app - 1) < otherApps.size() ? &otherApps[std::size_t(app - 1)] : nullptr;
}

QByteArray DeviceState::appId(int app) const
{
    if (app == 0)
        return emcmId;
    return QCryptographicHash::hash(emcmId + appNames.value(app).toLatin1(), QCryptographicHash::Sha256).left(8);
}

QString DeviceState::nodeIdText() const
{
    return formatNodeId(nodeId);
}

QJsonObject DeviceState::toJson() const
{
    QJsonObject o {
        {QStringLiteral("format"), 1},
        {QStringLiteral("model"), model},
        {QStringLiteral("device"), device},
        {QStringLiteral("index"), index},
        {QStringLiteral("nodeId"), nodeIdText()},
        {QStringLiteral("emcmId"),
            hasHost() ? QJsonValue(QString::fromLatin1(emcmId.toHex().toUpper())) : QJsonValue()},
        {QStringLiteral("calibration"), calibrationName(calibration)},
        {QStringLiteral("joined"), joined},
        {QStringLiteral("resets"), resets},
        {QStringLiteral("node"), node.toJson()},
    };
    if (hasHost()) {
        QJsonObject h = host.toJson();
        h.insert(QStringLiteral("hardwareStatus"), hostHardwareStatus);
        h.insert(QStringLiteral("meterLink"), meterLinkUp ? QStringLiteral("up") : QStringLiteral("down"));
        h.insert(QStringLiteral("meterId"), meterId);
        QJsonArray apps;
        for (int i = 0; i < appNames.size(); ++i) {
            QJsonObject app = appMemory(i)->toJson();
            app.remove(QStringLiteral("hardwareType"));
            app.remove(QStringLiteral("locked"));
            app.insert(QStringLiteral("name"), appNames.at(i));
            app.insert(QStringLiteral("id"), QString::fromLatin1(appId(i).toHex().toUpper()));
            apps.append(app);
        }
        h.insert(QStringLiteral("apps"), apps);
        o.insert(QStringLiteral("host"), h);
    }
    return o;
}

} // namespace prov::sim

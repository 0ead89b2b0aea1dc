#include "engine/EscrowRecord.h"

#include <QJsonArray>

namespace prov::engine {

namespace {

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

Error invalid(const QString &what)
{
    return makeError(ResultCode::InternalError, what, QStringLiteral("escrow record"));
}

} // namespace

QString EscrowRecord::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Escrowed:
        return QStringLiteral("escrowed");
    case Stage::Verified:
        return QStringLiteral("verified");
    case Stage::Unverified:
        return QStringLiteral("unverified");
    case Stage::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

bool EscrowRecord::parseStage(QStringView value, Stage *stage)
{
    for (Stage s : {Stage::Escrowed, Stage::Verified, Stage::Unverified, Stage::Failed}) {
        if (value == stageName(s)) {
            *stage = s;
            return true;
        }
    }
    return false;
}

QJsonObject EscrowRecord::toJson() const
{
    QJsonArray appArray;
    for (const EscrowApp &app : apps) {
        QJsonObject a {{QStringLiteral("name"), app.name}};
        if (!app.id.isEmpty())
            a.insert(QStringLiteral("id"), app.id);
        if (!app.keyHex.isEmpty())
            a.insert(QStringLiteral("key"), app.keyHex);
        if (!app.extraHex.isEmpty())
            a.insert(QStringLiteral("extra"), app.extraHex);
        appArray.append(a);
    }
    return QJsonObject {
        {QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("nodeId"), nodeId.toString()},
        {QStringLiteral("configId"), configId.toString()},
        {QStringLiteral("revision"), revision},
        {QStringLiteral("batch"), qint64(batch.value())},
        {QStringLiteral("station"), station},
        {QStringLiteral("nodeType"), nodeType},
        {QStringLiteral("nodeVersion"), nodeVersion},
        {QStringLiteral("provisionedAt"), provisionedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("nodeRootKey"), QString::fromLatin1(nodeRootKey.toBase64())},
        {QStringLiteral("kmsKey"), kmsFingerprint},
        {QStringLiteral("apps"), appArray},
        {QStringLiteral("run"), run},
        {QStringLiteral("stage"), stageName(stage)},
        {QStringLiteral("verification"), verification},
        {QStringLiteral("runLog"), runLog},
    };
}

Result<EscrowRecord> EscrowRecord::fromJson(const QJsonObject &json)
{
    EscrowRecord r;
    r.uuid = QUuid::fromString(text(json, "uuid"));
    if (r.uuid.isNull())
        return invalid(QStringLiteral("has no valid uuid"));
    Result<NodeId> node = NodeId::parse(text(json, "nodeId"));
    if (!node.ok())
        return invalid(node.error().message);
    r.nodeId = node.value();
    Result<ConfigId> config = ConfigId::parse(text(json, "configId"));
    if (!config.ok())
        return invalid(config.error().message);
    r.configId = config.value();
    r.revision = json.value(QLatin1String("revision")).toInt();
    const qint64 batch = json.value(QLatin1String("batch")).toInteger(-1);
    if (batch < 0 || batch > 0xFFFFFFFFll)
        return invalid(QStringLiteral("has no valid batch"));
    r.batch = BatchNumber(quint32(batch));
    r.station = text(json, "station");
    r.nodeType = text(json, "nodeType");
    r.nodeVersion = text(json, "nodeVersion");
    r.provisionedAt = QDateTime::fromString(text(json, "provisionedAt"), Qt::ISODateWithMs);
    if (!r.provisionedAt.isValid())
        return invalid(QStringLiteral("has no valid provisionedAt"));
    r.provisionedAt = r.provisionedAt.toUTC();
    r.nodeRootKey = QByteArray::fromBase64(text(json, "nodeRootKey").toLatin1());
    if (r.nodeRootKey.isEmpty())
        return invalid(QStringLiteral("has no nodeRootKey"));
    r.kmsFingerprint = text(json, "kmsKey");
    const QJsonArray apps = json.value(QLatin1String("apps")).toArray();
    for (const QJsonValue &v : apps) {
        const QJsonObject a = v.toObject();
        r.apps.append(EscrowApp {text(a, "name"), text(a, "id"), text(a, "key"), text(a, "extra")});
    }
    r.run = json.value(QLatin1String("run")).toObject();
    if (!parseStage(text(json, "stage"), &r.stage))
        return invalid(QStringLiteral("has an unknown stage \"%1\"").arg(text(json, "stage")));
    r.verification = json.value(QLatin1String("verification")).toObject();
    r.runLog = text(json, "runLog");
    return r;
}

} // namespace prov::engine

#include "domain/EscrowRecord.h"

#include <QJsonArray>

namespace prov::domain {

namespace {

Error badField(const QString &field, const QString &why)
{
    return makeError(ResultCode::InvalidArguments, QStringLiteral("escrow record field '%1' %2").arg(field, why));
}

} // namespace

QString escrowStateName(EscrowState state)
{
    switch (state) {
    case EscrowState::Done:
        return QStringLiteral("done");
    case EscrowState::Failed:
        return QStringLiteral("failed");
    case EscrowState::Pending:
        break;
    }
    return QStringLiteral("pending");
}

std::optional<EscrowState> escrowStateFromName(QStringView name)
{
    for (const EscrowState state : {EscrowState::Pending, EscrowState::Done, EscrowState::Failed}) {
        if (name == escrowStateName(state))
            return state;
    }
    return std::nullopt;
}

QJsonObject EscrowRecord::toJson() const
{
    QJsonArray appArray;
    for (const EscrowApp &app : apps) {
        QJsonObject object {{QStringLiteral("name"), app.name}};
        if (!app.id.isEmpty())
            object.insert(QStringLiteral("id"), app.id);
        if (!app.key.isEmpty())
            object.insert(QStringLiteral("key"), app.key);
        if (!app.extra.isEmpty())
            object.insert(QStringLiteral("extra"), app.extra);
        appArray.append(object);
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
        {QStringLiteral("state"), escrowStateName(state)},
        {QStringLiteral("nodeRootKey"), QString::fromLatin1(nodeRootKey.toBase64())},
        {QStringLiteral("kmsKey"), kmsFingerprint},
        {QStringLiteral("apps"), appArray},
        {QStringLiteral("verification"), verification},
        {QStringLiteral("runLog"), runLog},
    };
}

Result<EscrowRecord> EscrowRecord::fromJson(const QJsonObject &json)
{
    EscrowRecord record;
    const auto text = [&json](const char *name) {
        return json.value(QLatin1String(name)).toString();
    };

    record.uuid = QUuid::fromString(text("uuid"));
    if (record.uuid.isNull())
        return badField(QStringLiteral("uuid"), QStringLiteral("is not a UUID"));
    auto node = NodeId::parse(text("nodeId"));
    if (!node)
        return badField(QStringLiteral("nodeId"), node.error().message);
    record.nodeId = node.value();
    auto config = ConfigId::parse(text("configId"));
    if (!config)
        return badField(QStringLiteral("configId"), config.error().message);
    record.configId = config.value();
    const QJsonValue revision = json.value(QLatin1String("revision"));
    if (!revision.isDouble() || revision.toDouble() < 1 || revision.toDouble() != double(revision.toInt()))
        return badField(QStringLiteral("revision"), QStringLiteral("is not a positive integer"));
    record.revision = revision.toInt();
    const QJsonValue batch = json.value(QLatin1String("batch"));
    if (batch.isDouble()) {
        const double value = batch.toDouble();
        if (value < 0 || value > 4294967295.0 || value != double(qint64(value)))
            return badField(QStringLiteral("batch"), QStringLiteral("is not an unsigned 32-bit number"));
        record.batch = BatchNumber(quint32(qint64(value)));
    } else {
        auto parsed = BatchNumber::parse(batch.toString());
        if (!parsed)
            return badField(QStringLiteral("batch"), parsed.error().message);
        record.batch = parsed.value();
    }
    record.station = text("station");
    record.nodeType = text("nodeType");
    record.nodeVersion = text("nodeVersion");
    record.provisionedAt = QDateTime::fromString(text("provisionedAt"), Qt::ISODateWithMs);
    if (!record.provisionedAt.isValid())
        return badField(QStringLiteral("provisionedAt"), QStringLiteral("is not an ISO 8601 date and time"));
    record.provisionedAt = record.provisionedAt.toUTC();
    const QString state = text("state");
    const auto parsedState = state.isEmpty() ? std::optional(EscrowState::Pending) : escrowStateFromName(state);
    if (!parsedState)
        return badField(QStringLiteral("state"), QStringLiteral("is not 'pending', 'done' or 'failed'"));
    record.state = *parsedState;
    const auto key
        = QByteArray::fromBase64Encoding(text("nodeRootKey").toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!key || key.decoded.isEmpty())
        return badField(QStringLiteral("nodeRootKey"), QStringLiteral("is not base64"));
    record.nodeRootKey = key.decoded;
    record.kmsFingerprint = text("kmsKey");
    for (const QJsonValue &value : json.value(QLatin1String("apps")).toArray()) {
        const QJsonObject app = value.toObject();
        record.apps.append({app.value(QLatin1String("name")).toString(), app.value(QLatin1String("id")).toString(),
            app.value(QLatin1String("key")).toString(), app.value(QLatin1String("extra")).toString()});
    }
    record.verification = json.value(QLatin1String("verification")).toObject();
    record.runLog = text("runLog");
    return record;
}

} // namespace prov::domain

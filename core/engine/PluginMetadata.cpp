#include "engine/PluginMetadata.h"

#include "engine/MeterPlugin.h"

#include <QJsonArray>

namespace prov::engine {

namespace {

Error refused(const QString &fileName, const QString &why)
{
    return makeError(ResultCode::InternalError, why, QStringLiteral("plugin %1").arg(fileName));
}

} // namespace

Result<PluginMetadata> PluginMetadata::fromLoaderMetaData(const QJsonObject &metaData, const QString &fileName)
{
    PluginMetadata m;
    m.fileName = fileName;
    m.iid = metaData.value(QLatin1String("IID")).toString();
    m.className = metaData.value(QLatin1String("className")).toString();
    const QJsonObject json = metaData.value(QLatin1String("MetaData")).toObject();
    m.id = json.value(QLatin1String("Id")).toString();
    m.version = json.value(QLatin1String("Version")).toString();
    m.apiVersion = json.value(QLatin1String("ApiVersion")).toString();
    const QJsonArray models = json.value(QLatin1String("Models")).toArray();
    for (const QJsonValue &model : models)
        m.models.append(model.toString());
    if (m.iid.isEmpty())
        return refused(fileName, QStringLiteral("is not a Qt plugin (no IID)"));
    for (const auto &[value, field] :
        {std::pair {&m.id, "Id"}, std::pair {&m.version, "Version"}, std::pair {&m.apiVersion, "ApiVersion"}}) {
        if (value->isEmpty())
            return refused(fileName, QStringLiteral("has no \"%1\" in its JSON metadata").arg(QLatin1String(field)));
    }
    if (m.models.isEmpty() || m.models.contains(QString()))
        return refused(fileName, QStringLiteral("has no \"Models\" list of names in its JSON metadata"));
    const QJsonValue detect = json.value(QLatin1String("Detect"));
    if (!detect.isUndefined() && !detect.isArray())
        return refused(fileName, QStringLiteral("has a \"Detect\" that is not a list"));
    for (const QJsonValue &entry : detect.toArray()) {
        Result<DetectRule> rule = DetectRule::fromJson(entry.toObject(), QStringLiteral("plugin %1").arg(fileName));
        if (!rule.ok())
            return rule.error();
        if (!m.models.contains(rule->model))
            return refused(fileName,
                QStringLiteral("has a Detect entry for \"%1\", which is not one of its Models").arg(rule->model));
        m.detect.append(rule.value());
    }
    return m;
}

Status PluginMetadata::checkCompatible() const
{
    // The IID carries the major version too; compare its stem so the message
    // can say "API 2, this program speaks 1" rather than "not a meter plugin".
    const QString stem = QStringLiteral("org.provstation.MeterPlugin/");
    if (!iid.startsWith(stem))
        return refused(fileName, QStringLiteral("is not a meter plugin (IID \"%1\")").arg(iid));
    const QStringList parts = apiVersion.split(QLatin1Char('.'));
    bool ok = false;
    const int major = parts.value(0).toInt(&ok);
    if (!ok || parts.size() > 2)
        return refused(fileName, QStringLiteral("has an unreadable ApiVersion \"%1\"").arg(apiVersion));
    if (major != kMeterPluginApiMajor || iid != QLatin1String(ProvStation_MeterPlugin_iid))
        return refused(fileName,
            QStringLiteral("speaks meter plugin API %1 (IID %2); this program speaks %3.%4")
                .arg(apiVersion, iid)
                .arg(kMeterPluginApiMajor)
                .arg(kMeterPluginApiMinor));
    return {};
}

} // namespace prov::engine

#include "engine/MeterDetection.h"

#include "engine/PluginRegistry.h"
#include "engine/RunOptions.h"

#include <QRegularExpression>

namespace prov::engine {

namespace {

bool sameText(const QString &a, const QString &b)
{
    return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0;
}

QString meterOptions(const PluginRegistry &plugins)
{
    QStringList ids = plugins.ids();
    for (QString &id : ids)
        id.prepend(QStringLiteral("--meter "));
    return ids.isEmpty() ? QStringLiteral("--meter NAME") : ids.join(QStringLiteral(", "));
}

} // namespace

QString DeviceReport::describe() const
{
    switch (source) {
    case Source::BareNode:
        return QStringLiteral("the device on port %1 (%2) is a node without a host").arg(port, link);
    case Source::Emcm:
        if (meter)
            return QStringLiteral("the eMCM on port %1 (%2) reports its meter as %3")
                .arg(port, link, meter->toString());
        return QStringLiteral("the eMCM on port %1 (%2) does not report its meter: %3").arg(port, link, note);
    case Source::OpticalPort:
        if (meter)
            return QStringLiteral("the meter on the optical port %1 (%2) identifies itself as %3")
                .arg(port, link, meter->toString());
        return QStringLiteral("the meter on the optical port %1 (%2) does not identify itself: %3")
            .arg(port, link, note);
    }
    return {};
}

bool DetectRule::matches(const DeviceReport &report) const
{
    if (host && *host != report.hasHost())
        return false;
    if (manufacturer.isEmpty() && edModel.isEmpty())
        return true;
    if (!report.meter)
        return false;
    if (!manufacturer.isEmpty() && !sameText(manufacturer, report.meter->manufacturer))
        return false;
    if (!edModel.isEmpty()
        && !QRegularExpression::fromWildcard(edModel, Qt::CaseInsensitive)
                .match(report.meter->model.trimmed())
                .hasMatch())
        return false;
    return true;
}

Result<DetectRule> DetectRule::fromJson(const QJsonObject &json, const QString &where)
{
    const auto bad = [&where](const QString &why) {
        return makeError(ResultCode::InternalError, why, where);
    };
    static const QStringList kKeys {
        QStringLiteral("Model"), QStringLiteral("Host"), QStringLiteral("Manufacturer"), QStringLiteral("EdModel")};
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!kKeys.contains(it.key()))
            return bad(QStringLiteral("has \"%1\" in a Detect entry (known: %2)")
                           .arg(it.key(), kKeys.join(QStringLiteral(", "))));
    }
    DetectRule rule;
    rule.model = json.value(QLatin1String("Model")).toString();
    if (json.contains(QLatin1String("Host"))) {
        if (!json.value(QLatin1String("Host")).isBool())
            return bad(QStringLiteral("has a Detect entry whose \"Host\" is not true or false"));
        rule.host = json.value(QLatin1String("Host")).toBool();
    }
    rule.manufacturer = json.value(QLatin1String("Manufacturer")).toString().trimmed();
    rule.edModel = json.value(QLatin1String("EdModel")).toString().trimmed();
    if (rule.model.isEmpty())
        return bad(QStringLiteral("has a Detect entry without \"Model\""));
    // An entry that asks nothing would match every device.
    if (!rule.host && rule.manufacturer.isEmpty() && rule.edModel.isEmpty())
        return bad(QStringLiteral("has a Detect entry for %1 that names neither Host nor Manufacturer nor EdModel")
                       .arg(rule.model));
    if (rule.host == false && (!rule.manufacturer.isEmpty() || !rule.edModel.isEmpty()))
        return bad(QStringLiteral("has a Detect entry for %1 with \"Host\": false and a meter: a node without a "
                                  "host reports no meter")
                       .arg(rule.model));
    return rule;
}

QJsonObject DetectRule::toJson() const
{
    QJsonObject o {{QStringLiteral("Model"), model}};
    if (host)
        o.insert(QStringLiteral("Host"), *host);
    if (!manufacturer.isEmpty())
        o.insert(QStringLiteral("Manufacturer"), manufacturer);
    if (!edModel.isEmpty())
        o.insert(QStringLiteral("EdModel"), edModel);
    return o;
}

QString LinkSetting::toString() const
{
    return QStringLiteral("%1 at %2 baud").arg(transport::wrapperName(wrapper)).arg(baud);
}

QList<LinkSetting> detectionLinks(const PluginRegistry &plugins, const RunOptions &options)
{
    QList<LinkSetting> links;
    for (const QString &id : plugins.ids()) {
        const PluginDescription *plugin = plugins.find(id);
        const OperationSpec *op = plugin->operation(options.operation);
        if (plugin->detect.isEmpty() || !op)
            continue;
        const LinkSetting link {options.baud.value_or(op->defaultBaud), options.wrapper.value_or(op->wrapper)};
        if (!links.contains(link))
            links.append(link);
    }
    // The command line named a link that no plugin uses for this operation: ask on it anyway.
    if (links.isEmpty() && options.wrapper)
        links.append(LinkSetting {options.baud.value_or(115200), *options.wrapper});
    return links;
}

Result<MeterChoice> chooseMeter(const DeviceReport &report, const PluginRegistry &plugins, const QString &fallbackMeter)
{
    QList<const PluginDescription *> matched;
    QStringList matchedNames;
    for (const QString &id : plugins.ids()) {
        const PluginDescription *plugin = plugins.find(id);
        for (const DetectRule &rule : plugin->detect) {
            if (rule.matches(report)) {
                matched.append(plugin);
                matchedNames.append(QStringLiteral("%1 (%2)").arg(plugin->id, rule.model));
                break;
            }
        }
    }
    const QString reported = report.describe();
    if (matched.size() == 1)
        return MeterChoice {
            matched.first(), QStringLiteral("%1, which matches %2").arg(reported, matchedNames.first())};
    const PluginDescription *fallback = fallbackMeter.isEmpty() ? nullptr : plugins.find(fallbackMeter);
    if (fallback && (matched.isEmpty() || matched.contains(fallback)))
        return MeterChoice {fallback,
            QStringLiteral("%1; %2: the station's default meter %3")
                .arg(reported,
                    matched.isEmpty() ? QStringLiteral("no meter plugin matches")
                                      : QStringLiteral("%1 match").arg(matchedNames.join(QStringLiteral(" and "))),
                    fallback->id)};
    if (matched.isEmpty())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1, and no meter plugin matches it; choose the plugin with %2")
                .arg(reported, meterOptions(plugins)));
    QStringList options;
    for (const PluginDescription *plugin : std::as_const(matched))
        options.append(QStringLiteral("--meter ") + plugin->id);
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("%1, and %2 meter plugins match it: %3; choose one with %4")
            .arg(reported)
            .arg(matched.size())
            .arg(matchedNames.join(QStringLiteral(", ")), options.join(QStringLiteral(" or "))));
}

} // namespace prov::engine

#include "engine/PluginSettings.h"

#include "engine/EngineLog.h"

namespace prov::engine::PluginSettings {

namespace {

bool isText(const QVariant &value)
{
    return value.typeId() == QMetaType::QString || value.typeId() == QMetaType::QByteArray;
}

} // namespace

Result<QVariant> typed(const SettingSpec &spec, const QVariant &value)
{
    QVariant v = value;
    switch (spec.type) {
    case SettingSpec::Type::Int:
        if (isText(value)) {
            bool ok = false;
            const qlonglong n = value.toString().trimmed().toLongLong(&ok);
            if (ok)
                v = n;
        }
        break;
    case SettingSpec::Type::Bool:
        if (isText(value)) {
            const QString t = value.toString().trimmed().toLower();
            if (t == u"true" || t == u"1" || t == u"yes")
                v = true;
            else if (t == u"false" || t == u"0" || t == u"no")
                v = false;
        }
        break;
    case SettingSpec::Type::Choice:
        v = value.toString().trimmed();
        break;
    case SettingSpec::Type::String:
    case SettingSpec::Type::Password:
        v = value.toString();
        break;
    }
    if (const Status s = spec.check(v); !s.ok()) {
        Error e = s.error();
        // check() names the key; the value as given is what the user must find and
        // mend (never a password's).
        if (spec.type != SettingSpec::Type::Password && !e.message.contains(u"got \""))
            e.message += QStringLiteral(", got \"%1\"").arg(value.toString());
        return e;
    }
    return v;
}

Result<QVariantMap> typed(const PluginDescription &plugin, const QVariantMap &values, Unknown unknown)
{
    QVariantMap out;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const SettingSpec *spec = plugin.setting(it.key());
        if (!spec) {
            if (unknown == Unknown::Skip) {
                qCInfo(lcEngine).noquote() << "meter" << plugin.id << "has no setting" << it.key() << "; ignored";
                continue;
            }
            QStringList keys;
            for (const SettingSpec &s : plugin.settings)
                keys << s.key;
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("meter %1 has no such setting (it has %2)")
                    .arg(plugin.id, keys.isEmpty() ? QStringLiteral("none") : keys.join(QStringLiteral(", "))),
                QStringLiteral("setting %1").arg(it.key()));
        }
        Result<QVariant> v = typed(*spec, it.value());
        if (!v.ok())
            return v.error();
        out.insert(it.key(), v.value());
    }
    return out;
}

} // namespace prov::engine::PluginSettings

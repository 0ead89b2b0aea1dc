#include "engine/PluginDescription.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace prov::engine {

namespace {

bool takesTargets(StepKind kind)
{
    switch (kind) {
    case StepKind::WriteFactoryConfig:
    case StepKind::WriteFieldConfig:
    case StepKind::CheckFactoryConfigPresent:
    case StepKind::WriteKeys:
    case StepKind::VerifyKeys:
    case StepKind::VerifyConfiguration:
    case StepKind::Lock:
        return true;
    default:
        return false;
    }
}

bool isHostOnly(StepKind kind)
{
    return kind == StepKind::IdentifyHost || kind == StepKind::CheckPartialMcmId || kind == StepKind::UpdateHostFirmware
        || kind == StepKind::CheckMeterLink;
}

Error invalid(const QString &id, const QString &what)
{
    return makeError(ResultCode::InternalError, what, QStringLiteral("meter plugin %1").arg(id));
}

} // namespace

QString StepSpec::name() const
{
    const QString base = stepKindName(kind);
    if (!takesTargets(kind) || targets == Targets::Both)
        return base;
    return base + QLatin1Char('(') + targetsName(targets) + QLatin1Char(')');
}

QString SettingSpec::typeName(Type type)
{
    switch (type) {
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Int:
        return QStringLiteral("int");
    case Type::String:
        return QStringLiteral("string");
    case Type::Choice:
        return QStringLiteral("choice");
    case Type::Password:
        return QStringLiteral("password");
    }
    return {};
}

Status SettingSpec::check(const QVariant &value) const
{
    const auto bad = [this](const QString &why) {
        return makeError(ResultCode::InvalidArguments, why, QStringLiteral("setting %1").arg(key));
    };
    switch (type) {
    case Type::Bool:
        if (value.typeId() != QMetaType::Bool)
            return bad(QStringLiteral("expects true or false"));
        return {};
    case Type::Int: {
        bool ok = false;
        const qint64 v = value.toLongLong(&ok);
        if (!ok || v < min || v > max)
            return bad(QStringLiteral("expects a whole number from %1 to %2, got \"%3\"")
                           .arg(min)
                           .arg(max)
                           .arg(value.toString()));
        return {};
    }
    case Type::Choice:
        if (!options.contains(value.toString()))
            return bad(QStringLiteral("expects one of %1, got \"%2\"")
                           .arg(options.join(QStringLiteral(", ")), value.toString()));
        return {};
    case Type::String:
    case Type::Password:
        if (!value.canConvert<QString>())
            return bad(QStringLiteral("expects text"));
        return {};
    }
    return {};
}

const OperationSpec *PluginDescription::operation(Operation op) const
{
    for (const OperationSpec &spec : operations) {
        if (spec.operation == op)
            return &spec;
    }
    return nullptr;
}

QStringList PluginDescription::operationNames() const
{
    QStringList names;
    for (const OperationSpec &spec : operations)
        names.append(operationName(spec.operation));
    return names;
}

const SettingSpec *PluginDescription::setting(const QString &key) const
{
    for (const SettingSpec &spec : settings) {
        if (spec.key == key)
            return &spec;
    }
    return nullptr;
}

Status PluginDescription::validate() const
{
    if (id.isEmpty())
        return invalid(QStringLiteral("(no id)"), QStringLiteral("has no id"));
    if (models.isEmpty())
        return invalid(id, QStringLiteral("names no meter model"));
    if (operations.isEmpty())
        return invalid(id, QStringLiteral("has no operation"));
    QSet<int> seen;
    for (const OperationSpec &op : operations) {
        const QString opName = operationName(op.operation);
        if (seen.contains(int(op.operation)))
            return invalid(id, QStringLiteral("declares %1 twice").arg(opName));
        seen.insert(int(op.operation));
        if (op.steps.isEmpty())
            return invalid(id, QStringLiteral("%1 has no steps").arg(opName));
        if (op.defaultBaud <= 0)
            return invalid(id, QStringLiteral("%1 has no default baud rate").arg(opName));
        for (const StepSpec &step : op.steps) {
            if (!hasHost && (isHostOnly(step.kind) || step.targets == Targets::Host))
                return invalid(
                    id, QStringLiteral("%1 step %2 needs a host, but the family has none").arg(opName, step.name()));
            if (step.timeoutMs < 0 || step.retries < -1)
                return invalid(
                    id, QStringLiteral("%1 step %2 has a negative timeout or retry count").arg(opName, step.name()));
        }
        // A done record means the run passed every step: confirming is the last step.
        const bool makesKeys = std::any_of(op.steps.cbegin(), op.steps.cend(),
            [](const StepSpec &step) { return step.kind == StepKind::GenerateAndEscrowKeys; });
        if (makesKeys && op.steps.constLast().kind != StepKind::ConfirmEscrow)
            return invalid(id, QStringLiteral("%1 makes keys, so its last step must be ConfirmEscrow").arg(opName));
    }
    for (const DetectRule &rule : detect) {
        if (!models.contains(rule.model))
            return invalid(id, QStringLiteral("detects \"%1\", which is not one of its models").arg(rule.model));
    }
    QSet<QString> keys;
    for (const ScanField &scan : scans) {
        if (scan.key.isEmpty() || keys.contains(scan.key))
            return invalid(id, QStringLiteral("scan field \"%1\" is empty or declared twice").arg(scan.key));
        keys.insert(scan.key);
    }
    keys.clear();
    for (const SettingSpec &s : settings) {
        if (s.key.isEmpty() || keys.contains(s.key))
            return invalid(id, QStringLiteral("setting \"%1\" is empty or declared twice").arg(s.key));
        keys.insert(s.key);
        if (s.defaultValue.isValid() && !s.check(s.defaultValue).ok())
            return invalid(id, QStringLiteral("setting \"%1\" has an invalid default").arg(s.key));
    }
    return {};
}

QJsonObject PluginDescription::toJson() const
{
    QJsonArray ops;
    for (const OperationSpec &op : operations) {
        QJsonArray steps;
        for (const StepSpec &step : op.steps) {
            QJsonObject s {{QStringLiteral("name"), step.name()}, {QStringLiteral("kind"), stepKindName(step.kind)},
                {QStringLiteral("targets"), targetsName(step.targets)}};
            if (step.timeoutMs > 0)
                s.insert(QStringLiteral("timeoutMs"), step.timeoutMs);
            if (step.retries >= 0)
                s.insert(QStringLiteral("retries"), step.retries);
            steps.append(s);
        }
        ops.append(QJsonObject {{QStringLiteral("operation"), operationName(op.operation)},
            {QStringLiteral("port"), portRoleName(op.role)}, {QStringLiteral("baud"), op.defaultBaud},
            {QStringLiteral("wrapper"), transport::wrapperName(op.wrapper)}, {QStringLiteral("steps"), steps}});
    }
    QJsonArray scanArray;
    for (const ScanField &scan : scans)
        scanArray.append(QJsonObject {{QStringLiteral("key"), scan.key}, {QStringLiteral("label"), scan.label},
            {QStringLiteral("pattern"), scan.pattern}, {QStringLiteral("required"), scan.required}});
    QJsonArray settingArray;
    for (const SettingSpec &s : settings) {
        QJsonObject o {{QStringLiteral("key"), s.key}, {QStringLiteral("label"), s.label},
            {QStringLiteral("type"), SettingSpec::typeName(s.type)}};
        if (s.type == SettingSpec::Type::Choice)
            o.insert(QStringLiteral("options"), QJsonArray::fromStringList(s.options));
        if (s.type == SettingSpec::Type::Int) {
            o.insert(QStringLiteral("min"), s.min);
            o.insert(QStringLiteral("max"), s.max);
        }
        // A password's default is never shown.
        if (s.defaultValue.isValid() && s.type != SettingSpec::Type::Password)
            o.insert(QStringLiteral("default"), QJsonValue::fromVariant(s.defaultValue));
        settingArray.append(o);
    }
    QJsonArray detectArray;
    for (const DetectRule &rule : detect)
        detectArray.append(rule.toJson());
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("family"), family},
        {QStringLiteral("models"), QJsonArray::fromStringList(models)}, {QStringLiteral("hasHost"), hasHost},
        {QStringLiteral("operations"), ops}, {QStringLiteral("scans"), scanArray},
        {QStringLiteral("settings"), settingArray}, {QStringLiteral("detect"), detectArray}};
}

} // namespace prov::engine

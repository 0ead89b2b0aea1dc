#include "engine/PluginTypes.h"

#include <QList>

#include <utility>

namespace prov::engine {

namespace {

template<typename Enum>
using NameTable = std::initializer_list<std::pair<Enum, const char *>>;

const NameTable<Operation> kOperations = {
    {Operation::Provision, "PROVISION"},
    {Operation::Pretest, "PRETEST"},
    {Operation::CheckConfig, "CHECKCONFIG"},
    {Operation::Posttest, "POSTTEST"},
};

const NameTable<PortRole> kRoles = {
    {PortRole::Direct, "direct"},
    {PortRole::Fixture, "fixture"},
    {PortRole::Optical, "optical"},
};

const NameTable<StepKind> kSteps = {
    {StepKind::IdentifyNode, "IdentifyNode"},
    {StepKind::CheckNodeCompatibility, "CheckNodeCompatibility"},
    {StepKind::IdentifyHost, "IdentifyHost"},
    {StepKind::CheckPartialMcmId, "CheckPartialMcmId"},
    {StepKind::UpdateNodeFirmware, "UpdateNodeFirmware"},
    {StepKind::UpdateHostFirmware, "UpdateHostFirmware"},
    {StepKind::WriteFactoryConfig, "WriteFactoryConfig"},
    {StepKind::WriteFieldConfig, "WriteFieldConfig"},
    {StepKind::ClearGatewayStatus, "ClearGatewayStatus"},
    {StepKind::CheckFactoryConfigPresent, "CheckFactoryConfigPresent"},
    {StepKind::WaitForJoin, "WaitForJoin"},
    {StepKind::GenerateAndEscrowKeys, "GenerateAndEscrowKeys"},
    {StepKind::WriteKeys, "WriteKeys"},
    {StepKind::VerifyKeys, "VerifyKeys"},
    {StepKind::ConfirmEscrow, "ConfirmEscrow"},
    {StepKind::VerifyConfiguration, "VerifyConfiguration"},
    {StepKind::Lock, "Lock"},
    {StepKind::CheckMeterLink, "CheckMeterLink"},
};

template<typename Enum>
QString nameOf(const NameTable<Enum> &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum>
bool parse(const NameTable<Enum> &table, QStringView text, Enum *value)
{
    for (const auto &[v, name] : table) {
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            *value = v;
            return true;
        }
    }
    return false;
}

} // namespace

QString operationName(Operation operation)
{
    return nameOf(kOperations, operation);
}

bool parseOperation(QStringView text, Operation *operation)
{
    return parse(kOperations, text, operation);
}

QString portRoleName(PortRole role)
{
    return nameOf(kRoles, role);
}

bool parsePortRole(QStringView text, PortRole *role)
{
    return parse(kRoles, text, role);
}

QString targetsName(Targets targets)
{
    switch (targets) {
    case Targets::Node:
        return QStringLiteral("node");
    case Targets::Host:
        return QStringLiteral("host");
    case Targets::Both:
        break;
    }
    return QStringLiteral("node+host");
}

QString stepKindName(StepKind kind)
{
    return nameOf(kSteps, kind);
}

bool parseStepKind(QStringView text, StepKind *kind)
{
    return parse(kSteps, text, kind);
}

} // namespace prov::engine

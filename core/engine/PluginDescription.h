#pragma once

#include "domain/Result.h"
#include "engine/MeterDetection.h"
#include "engine/PluginTypes.h"
#include "transport/Message.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace prov::engine {

/// One step of an operation: a core step block, the processors it acts on, and
/// optionally a timeout/retry policy other than the block's default.
struct StepSpec
{
    StepKind kind = StepKind::IdentifyNode;
    Targets targets = Targets::Both;
    int timeoutMs = 0; ///< one exchange; 0 = the block's default (StepPolicy)
    int retries = -1; ///< resends of one exchange; -1 = the block's default

    /// "WriteFactoryConfig(node)"; blocks that do not care about targets have no suffix.
    [[nodiscard]] QString name() const;
};

/// How one operation runs: the port and link it needs, and its steps in order.
struct OperationSpec
{
    Operation operation = Operation::Provision;
    PortRole role = PortRole::Direct;
    qint32 defaultBaud = 115200;
    transport::WrapperKind wrapper = transport::WrapperKind::Orw;
    QList<StepSpec> steps;
};

/// A value the operator scans from a label before a run (e.g. the eMCM ID).
struct ScanField
{
    QString key; ///< "partialMcmId" (the CLI's --partial_mcm_id), "meterSerial", ...
    QString label; ///< shown by the GUI
    /// Regular expression for the label as printed (whole text); its group
    /// "value", if any, is the part the run takes. The station's scan router
    /// recognises labels by it, so it must not also match other labels.
    QString pattern;
    bool required = false;
};

/// A setting the GUI renders and the engine applies (Serial Studio style:
/// described as data). The keys the engine understands are SettingKeys::k*.
struct SettingSpec
{
    enum class Type { Bool, Int, String, Choice, Password };

    QString key;
    QString label;
    Type type = Type::String;
    QStringList options; ///< Choice
    qint64 min = 0; ///< Int
    qint64 max = 0; ///< Int
    QVariant defaultValue;

    [[nodiscard]] static QString typeName(Type type);
    /// A value the GUI/CLI supplies, checked against type, options and range.
    [[nodiscard]] Status check(const QVariant &value) const;
};

/// Everything a meter plugin says about its family, as data the engine runs.
struct PluginDescription
{
    QString id; ///< "i210plus": the CLI's --meter and the plugin JSON's Id
    QString family; ///< display name, "i210+ / i210+c / SGM3xxx"
    QStringList models;
    bool hasHost = true; ///< false for a bare radio node
    QList<OperationSpec> operations;
    QList<ScanField> scans;
    QList<SettingSpec> settings;
    /// How the station recognises this family's devices without --meter: the
    /// plugin JSON's "Detect" list (PluginRegistry fills it from there).
    QList<DetectRule> detect;

    /// nullptr when the family does not support `operation`.
    [[nodiscard]] const OperationSpec *operation(Operation operation) const;
    [[nodiscard]] QStringList operationNames() const;
    [[nodiscard]] const SettingSpec *setting(const QString &key) const;
    /// Structural checks: id, models, at least one operation, each once, with
    /// steps; no host steps in a hostless family; unique scan/setting keys.
    [[nodiscard]] Status validate() const;
    /// The whole description as JSON (GUI, `provstation-cli --list-meters`, docs).
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace prov::engine

#include "engine/RunRequest.h"

#include "domain/ConfigId.h"

#include <QRegularExpression>

namespace prov::engine {

namespace {

constexpr int kPartialMcmIdDigits = 8;
const QLatin1String kPartialMcmId("partialMcmId");

} // namespace

ConfigSelector RunRequest::configFromPick(const QString &text)
{
    ConfigSelector selector;
    if (const Result<ConfigId> id = ConfigId::parse(text); id.ok())
        selector.id = id.value();
    else
        selector.alias = text;
    return selector;
}

std::optional<ScanProblem> RunRequest::takeScans(
    const PluginDescription &plugin, const QHash<QString, QString> &scanned)
{
    QString partial;
    QVariantMap scans;
    QVariantMap labels;
    for (const ScanField &field : plugin.scans) {
        const QString text = scanned.value(field.key);
        if (text.isEmpty()) {
            if (field.required)
                return ScanProblem {ScanProblem::Kind::Missing, field, {}};
            continue;
        }
        // A label carries the whole eMCM ID; the device is matched on its last digits.
        const QString value = field.key == kPartialMcmId ? text.right(kPartialMcmIdDigits) : text;
        if (!field.pattern.isEmpty()
            && !QRegularExpression(QRegularExpression::anchoredPattern(field.pattern)).match(value).hasMatch())
            return ScanProblem {ScanProblem::Kind::Mismatch, field, value};
        labels.insert(field.key, text);
        if (field.key == kPartialMcmId)
            partial = value;
        else
            scans.insert(field.key, value);
    }
    if (!partial.isEmpty())
        options.partialMcmId = partial;
    for (auto it = scans.cbegin(); it != scans.cend(); ++it)
        options.scans.insert(it.key(), it.value());
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        options.labels.insert(it.key(), it.value());
    return std::nullopt;
}

} // namespace prov::engine

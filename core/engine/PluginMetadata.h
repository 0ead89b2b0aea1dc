#pragma once

#include "domain/Result.h"
#include "engine/MeterDetection.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace prov::engine {

/// What a plugin file says about itself before it is loaded
/// (QPluginLoader::metaData(): IID, className and the JSON file's MetaData).
struct PluginMetadata
{
    QString fileName;
    QString iid;
    QString className;
    QString id; ///< JSON "Id"
    QString version; ///< JSON "Version", the plugin's own version
    QString apiVersion; ///< JSON "ApiVersion", "major.minor" of MeterPlugin
    QStringList models; ///< JSON "Models"
    QList<DetectRule> detect; ///< JSON "Detect" (optional: without it, only --meter chooses the plugin)

    /// Reads QPluginLoader::metaData(); an error names the file and the missing field.
    [[nodiscard]] static Result<PluginMetadata> fromLoaderMetaData(
        const QJsonObject &metaData, const QString &fileName);
    /// The IID must be ours and ApiVersion's major equal to kMeterPluginApiMajor.
    [[nodiscard]] Status checkCompatible() const;
};

} // namespace prov::engine

#include "engine/Configuration.h"

namespace prov::engine {

QList<ConfigFile> Configuration::allFiles() const
{
    QList<ConfigFile> files;
    for (const auto *f : {&nodeFirmware, &nodeFieldConfig, &nodeFactoryConfig}) {
        if (*f)
            files.append(**f);
    }
    for (const ConfigApp &app : apps) {
        for (const auto *f : {&app.firmware, &app.fieldConfig, &app.factoryConfig}) {
            if (*f)
                files.append(**f);
        }
    }
    return files;
}

QString Configuration::summary() const
{
    return QStringLiteral("%1 revision %2 (%3), %4 %5")
        .arg(configId.toString())
        .arg(revision)
        .arg(appLabel, nodeType, nodeVersionText);
}

} // namespace prov::engine

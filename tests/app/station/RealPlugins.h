#pragma once

#include "TestSupport.h"
#include "engine/PluginRegistry.h"

#include <QDir>

namespace prov::test {

/// The meter plugins the build made (i210plus, kv2c, node), as the window
/// loads them. The registry lives as long as the test: the descriptions'
/// texts may point into the plugin libraries.
inline QList<engine::PluginDescription> realPlugins()
{
    static engine::PluginRegistry registry;
    static const QList<engine::PluginDescription> loaded = [] {
        registry.loadDirectory(QDir(binPath(QStringLiteral("../lib/provstation/plugins"))).absolutePath());
        QList<engine::PluginDescription> list;
        for (const QString &id : registry.ids())
            list.append(*registry.find(id));
        return list;
    }();
    return loaded;
}

} // namespace prov::test

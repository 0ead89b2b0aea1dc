#pragma once

#include "domain/Result.h"
#include "engine/PluginDescription.h"
#include "engine/PluginMetadata.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QPluginLoader;

namespace prov::engine {

/// The meter plugins of this process, loaded once in main() and handed down
/// (no singleton). Each plugin's metadata is read and checked before the
/// library is loaded; a refused plugin is reported and skipped, never fatal.
/// Plugins stay loaded for the life of the registry's process.
class PluginRegistry
{
public:
    /// Environment variable that points at another plugin folder.
    static constexpr const char *kPluginDirEnv = "PROVSTATION_PLUGIN_DIR";

    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry &) = delete;
    PluginRegistry &operator=(const PluginRegistry &) = delete;

    /// $PROVSTATION_PLUGIN_DIR, else <executable dir>/../lib/provstation/plugins
    /// (the build tree and the installed tree have the same layout).
    [[nodiscard]] static QString defaultDirectory();

    /// Loads every compatible plugin file in `dir`; returns how many were added.
    /// Refusals (wrong API, broken metadata, duplicate Id) go to refusals().
    int loadDirectory(const QString &dir);
    /// Adds a description that needs no library (tests, built-in families).
    [[nodiscard]] Status add(const PluginDescription &description);

    [[nodiscard]] QList<Error> refusals() const { return m_refusals; }
    [[nodiscard]] QStringList ids() const;
    [[nodiscard]] const PluginDescription *find(QStringView id) const;
    [[nodiscard]] const PluginDescription *findByModel(QStringView model) const;
    /// Metadata of the plugins that were loaded from files.
    [[nodiscard]] QList<PluginMetadata> loadedMetadata() const { return m_metadata; }

private:
    Status loadFile(const QString &path);

    std::vector<std::unique_ptr<QPluginLoader>> m_loaders;
    QList<PluginDescription> m_descriptions;
    QList<PluginMetadata> m_metadata;
    QList<Error> m_refusals;
};

} // namespace prov::engine

#include "engine/PluginRegistry.h"

#include "engine/EngineLog.h"
#include "engine/MeterPlugin.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>
#include <QPluginLoader>

namespace prov::engine {

PluginRegistry::PluginRegistry() = default;

// QPluginLoader's destructor does not unload: plugin code stays mapped for the
// life of the process, which is what Qt's metaobjects need.
PluginRegistry::~PluginRegistry() = default;

QString PluginRegistry::defaultDirectory()
{
    const QString fromEnv = qEnvironmentVariable(kPluginDirEnv);
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../lib/provstation/plugins"));
}

int PluginRegistry::loadDirectory(const QString &dir)
{
    const QDir folder(dir);
    if (!folder.exists()) {
        m_refusals.append(makeError(ResultCode::InternalError,
            QStringLiteral("plugin folder %1 does not exist").arg(QDir::toNativeSeparators(dir))));
        return 0;
    }
    int added = 0;
    const QFileInfoList files = folder.entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        if (!QLibrary::isLibrary(file.fileName()))
            continue;
        const Status loaded = loadFile(file.absoluteFilePath());
        if (loaded.ok()) {
            ++added;
        } else {
            qCWarning(lcEngine).noquote() << loaded.error().toString();
            m_refusals.append(loaded.error());
        }
    }
    return added;
}

Status PluginRegistry::loadFile(const QString &path)
{
    auto loader = std::make_unique<QPluginLoader>(path);
    const QString name = QFileInfo(path).fileName();
    // metaData() reads the JSON without running any of the plugin's code.
    Result<PluginMetadata> meta = PluginMetadata::fromLoaderMetaData(loader->metaData(), name);
    if (!meta.ok())
        return meta.error();
    if (const Status compatible = meta->checkCompatible(); !compatible.ok())
        return compatible;
    if (find(meta->id))
        return makeError(ResultCode::InternalError,
            QStringLiteral("has Id \"%1\", which another plugin already uses").arg(meta->id),
            QStringLiteral("plugin %1").arg(name));
    QObject *instance = loader->instance();
    auto *plugin = qobject_cast<MeterPlugin *>(instance);
    if (!plugin)
        return makeError(ResultCode::InternalError,
            instance ? QStringLiteral("does not implement the meter plugin interface")
                     : QStringLiteral("cannot be loaded: %1").arg(loader->errorString()),
            QStringLiteral("plugin %1").arg(name));
    PluginDescription description = plugin->description();
    // What a plugin matches is data of its file, not of its code.
    description.detect = meta->detect;
    if (description.id != meta->id || description.models != meta->models)
        return makeError(ResultCode::InternalError,
            QStringLiteral("describes itself as \"%1\" (%2) but its JSON says \"%3\" (%4)")
                .arg(description.id, description.models.join(QLatin1Char(',')), meta->id,
                    meta->models.join(QLatin1Char(','))),
            QStringLiteral("plugin %1").arg(name));
    if (const Status added = add(description); !added.ok())
        return added;
    qCDebug(lcEngine).noquote() << "loaded meter plugin" << meta->id << meta->version << "from" << path;
    m_metadata.append(meta.value());
    m_loaders.push_back(std::move(loader));
    return {};
}

Status PluginRegistry::add(const PluginDescription &description)
{
    if (const Status valid = description.validate(); !valid.ok())
        return valid;
    if (find(description.id))
        return makeError(ResultCode::InternalError,
            QStringLiteral("meter plugin Id \"%1\" is registered twice").arg(description.id));
    m_descriptions.append(description);
    return {};
}

QStringList PluginRegistry::ids() const
{
    QStringList out;
    for (const PluginDescription &d : m_descriptions)
        out.append(d.id);
    return out;
}

const PluginDescription *PluginRegistry::find(QStringView id) const
{
    for (const PluginDescription &d : m_descriptions) {
        if (d.id.compare(id, Qt::CaseInsensitive) == 0)
            return &d;
    }
    return nullptr;
}

const PluginDescription *PluginRegistry::findByModel(QStringView model) const
{
    for (const PluginDescription &d : m_descriptions) {
        for (const QString &m : d.models) {
            if (m.compare(model, Qt::CaseInsensitive) == 0)
                return &d;
        }
    }
    return nullptr;
}

} // namespace prov::engine

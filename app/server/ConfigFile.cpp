#include "ConfigFile.h"

#include "ServeCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace prov::server {

namespace {

const QStringList kGlobalKeys = {QStringLiteral("data-dir"), QStringLiteral("db"), QStringLiteral("master-key-file")};
const QStringList kPathKeys = {QStringLiteral("data-dir"), QStringLiteral("master-key-file"),
    QStringLiteral("tls-cert"), QStringLiteral("tls-key"), QStringLiteral("shared-folder")};
constexpr qint64 kMaxConfigBytes = 1 << 20;

Error entryError(const QString &path, const ConfigFile::Entry &entry, const QString &what)
{
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("%1 line %2 (%3): %4").arg(path).arg(entry.line).arg(entry.key, what));
}

Result<bool> parseBool(const QString &text)
{
    const QString lower = text.toLower();
    if (lower == u"true" || lower == u"yes" || lower == u"on" || lower == u"1")
        return true;
    if (lower == u"false" || lower == u"no" || lower == u"off" || lower == u"0")
        return false;
    return makeError(ResultCode::InvalidArguments, QStringLiteral("'%1' is not true or false").arg(text));
}

/// What the entry adds to serve's command line.
QStringList serveArguments(const ConfigFile::Entry &entry)
{
    if (entry.key == u"insecure-http") {
        const auto on = parseBool(entry.value);
        return on && on.value() ? QStringList {QStringLiteral("--insecure-http")} : QStringList();
    }
    return {QStringLiteral("--") + entry.key, entry.value};
}

} // namespace

const QStringList &configKeys()
{
    static const QStringList keys = kGlobalKeys + serveOptionNames();
    return keys;
}

Result<ConfigFile> readConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read the config file %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxConfigBytes)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("the config file %1 is too large").arg(path));
    ConfigFile config;
    config.path = path;
    const QDir base = QFileInfo(path).absoluteDir();
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString text = lines.at(i).trimmed();
        if (text.isEmpty() || text.startsWith(u'#') || text.startsWith(u';'))
            continue;
        const qsizetype equals = text.indexOf(u'=');
        if (equals < 0)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("%1 line %2: '%3' is not key = value").arg(path).arg(i + 1).arg(text.left(80)));
        ConfigFile::Entry entry {text.left(equals).trimmed(), text.mid(equals + 1).trimmed(), i + 1};
        if (entry.value.size() >= 2 && entry.value.startsWith(u'"') && entry.value.endsWith(u'"'))
            entry.value = entry.value.mid(1, entry.value.size() - 2);
        if (!configKeys().contains(entry.key))
            return entryError(
                path, entry, QStringLiteral("unknown key (known: %1)").arg(configKeys().join(QStringLiteral(", "))));
        for (const ConfigFile::Entry &earlier : std::as_const(config.entries)) {
            if (earlier.key == entry.key)
                return entryError(path, entry, QStringLiteral("set twice (also on line %1)").arg(earlier.line));
        }
        if (entry.value.isEmpty())
            return entryError(path, entry, QStringLiteral("no value"));
        if (kPathKeys.contains(entry.key))
            entry.value = QDir::cleanPath(base.absoluteFilePath(entry.value));
        if (entry.key == u"insecure-http") {
            if (auto ok = parseBool(entry.value); !ok)
                return entryError(path, entry, ok.error().message);
        } else if (!kGlobalKeys.contains(entry.key)) {
            if (auto ok = parseServeArguments(serveArguments(entry)); !ok)
                return entryError(path, entry, ok.error().message);
        }
        config.entries.append(entry);
    }
    return config;
}

void applyConfigFile(const ConfigFile &file, CommandLine &line)
{
    QStringList serve;
    for (const ConfigFile::Entry &entry : file.entries) {
        if (entry.key == u"data-dir" && line.global.dataDir.isEmpty())
            line.global.dataDir = entry.value;
        else if (entry.key == u"db" && line.global.databaseUrl.isEmpty())
            line.global.databaseUrl = entry.value;
        else if (entry.key == u"master-key-file" && line.global.masterKeyFile.isEmpty())
            line.global.masterKeyFile = entry.value;
        else if (line.command.isEmpty() && !kGlobalKeys.contains(entry.key))
            serve += serveArguments(entry);
        else if (line.command == u"tls-pin" && entry.key == u"tls-cert")
            serve += serveArguments(entry);
    }
    // Before the command line's own: QCommandLineParser takes the last value.
    line.rest = serve + line.rest;
}

} // namespace prov::server

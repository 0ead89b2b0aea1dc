#include "engine/StationServerConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace prov::engine {

namespace {
constexpr int kDefaultPort = 8085;
constexpr qint64 kMaxFileBytes = 64 * 1024;
} // namespace

QString StationServerConfig::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/provstation/station-server.json");
}

Result<std::optional<StationServerConfig>> StationServerConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return std::optional<StationServerConfig>();
    const auto bad = [&path](const QString &why) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the station's server pairing %1 %2: pair again (provstation-cli pair https://HOST[:PORT] "
                           "CODE)")
                .arg(QDir::toNativeSeparators(path), why));
    };
    if (!file.open(QIODevice::ReadOnly))
        return bad(QStringLiteral("cannot be read (%1)").arg(file.errorString()));
    QJsonParseError parseError {};
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(kMaxFileBytes), &parseError);
    if (!doc.isObject())
        return bad(QStringLiteral("is not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject o = doc.object();
    StationServerConfig config;
    config.url = QUrl(o.value(QLatin1String("url")).toString());
    if (!config.url.isValid() || config.url.scheme() != QLatin1String("https") || config.url.host().isEmpty())
        return bad(QStringLiteral("has no https URL"));
    auto pin = crypto::CertificatePin::parse(o.value(QLatin1String("pin")).toString());
    if (!pin)
        return bad(QStringLiteral("has a bad pin (%1)").arg(pin.error().message));
    config.pin = pin.value();
    config.station = o.value(QLatin1String("station")).toString();
    config.pairedAt = QDateTime::fromString(o.value(QLatin1String("pairedAt")).toString(), Qt::ISODate);
    return std::optional<StationServerConfig>(config);
}

Status StationServerConfig::save(const QString &path) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const auto failed = [&file, &path] {
        return makeError(ResultCode::UnknownError,
            QStringLiteral("cannot write the station's server pairing %1: %2")
                .arg(QDir::toNativeSeparators(path), file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    const QJsonObject o {{QStringLiteral("url"), url.toString()}, {QStringLiteral("pin"), pin.toString()},
        {QStringLiteral("station"), station}, {QStringLiteral("pairedAt"), pairedAt.toUTC().toString(Qt::ISODate)}};
    file.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return failed();
    return {};
}

bool StationServerConfig::names(const QUrl &address) const
{
    return address.host().compare(url.host(), Qt::CaseInsensitive) == 0
        && address.port(kDefaultPort) == url.port(kDefaultPort);
}

} // namespace prov::engine

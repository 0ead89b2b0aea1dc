#include "engine/ConfigurationReader.h"

#include "protocol/ProtocolTypes.h"

#include <QJsonArray>

namespace prov::engine {

namespace {

Error invalid(const QString &what)
{
    return makeError(ResultCode::ServerResponseInvalid, what, QStringLiteral("configuration from the server"));
}

QByteArray hexField(const QJsonObject &o, const char *key, qsizetype bytes)
{
    const QString text = o.value(QLatin1String(key)).toString();
    if (text.size() != bytes * 2)
        return {};
    const QByteArray raw = QByteArray::fromHex(text.toLatin1());
    return raw.size() == bytes ? raw : QByteArray();
}

Result<std::optional<ConfigFile>> readFile(
    const QJsonObject &parent, const char *key, const QString &role, const QUrl &base)
{
    const QJsonValue v = parent.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return std::optional<ConfigFile>();
    const QJsonObject o = v.toObject();
    ConfigFile f;
    f.role = role;
    f.path = o.value(QLatin1String("path")).toString();
    f.size = o.value(QLatin1String("size")).toInteger(-1);
    f.md5 = hexField(o, "md5", 16);
    f.sha256 = hexField(o, "sha256", 32);
    const QString url = o.value(QLatin1String("url")).toString();
    f.url = url.isEmpty() ? QUrl() : base.resolved(QUrl(url));
    f.sharedPath = o.value(QLatin1String("sharedPath")).toString();
    if (f.size < 0 || f.md5.isEmpty() || f.sha256.isEmpty() || (url.isEmpty() && f.sharedPath.isEmpty()))
        return invalid(QStringLiteral("file %1 lacks size, md5, sha256 or url").arg(role));
    return std::optional<ConfigFile>(f);
}

} // namespace

Result<ConfigurationPtr> ConfigurationReader::read(const QJsonObject &json, const QUrl &base)
{
    auto c = std::make_shared<Configuration>();
    Result<ConfigId> id = ConfigId::parse(json.value(QLatin1String("configId")).toString());
    if (!id.ok())
        return invalid(id.error().message);
    c->configId = id.value();
    c->revision = json.value(QLatin1String("revision")).toInt();
    if (c->revision < 1)
        return invalid(QStringLiteral("has no revision"));
    c->appLabel = json.value(QLatin1String("appLabel")).toString();
    for (const QJsonValue &a : json.value(QLatin1String("aliases")).toArray())
        c->aliases.append(a.toString());

    const QJsonObject node = json.value(QLatin1String("node")).toObject();
    c->nodeType = node.value(QLatin1String("type")).toString();
    if (!protocol::parseHardwareType(c->nodeType, &c->nodeHardwareType))
        return invalid(QStringLiteral("node type \"%1\" is not UNODE, ENODE or DNODE").arg(c->nodeType));
    c->nodeVersionText = node.value(QLatin1String("version")).toString();
    Result<protocol::FirmwareVersion> nodeVersion = protocol::FirmwareVersion::parse(c->nodeVersionText);
    if (!nodeVersion.ok())
        return invalid(nodeVersion.error().message);
    c->nodeVersion = nodeVersion.value();
    for (const auto &[field, key, role] : {std::tuple {&c->nodeFirmware, "firmware", "node/firmware"},
             std::tuple {&c->nodeFieldConfig, "fieldConfig", "node/fieldConfig"},
             std::tuple {&c->nodeFactoryConfig, "factoryConfig", "node/factoryConfig"}}) {
        Result<std::optional<ConfigFile>> f = readFile(node, key, QLatin1String(role), base);
        if (!f.ok())
            return f.error();
        *field = f.value();
    }

    const QJsonObject keys = json.value(QLatin1String("kmsPublicKey")).isString()
        ? QJsonObject {{QStringLiteral("pem"), json.value(QLatin1String("kmsPublicKey"))}}
        : json.value(QLatin1String("kmsPublicKey")).toObject();
    Result<crypto::RsaPublicKey> kms
        = crypto::RsaPublicKey::fromPem(keys.value(QLatin1String("pem")).toString().toLatin1());
    if (!kms.ok())
        return invalid(QStringLiteral("KMS public key: %1").arg(kms.error().message));
    c->kmsKey = kms.value();
    c->kmsFingerprint = c->kmsKey.fingerprint();

    c->gatewayKeysWithheld = json.value(QLatin1String("gatewayKeysWithheld")).toString();
    const QJsonValue gw = json.value(QLatin1String("gatewayKeys"));
    if (gw.isObject()) {
        QString error;
        for (const auto &[target, key] :
            {std::pair {&c->gatewayKey, "gateway"}, std::pair {&c->codeDownloadKey, "cdld"}}) {
            QByteArray hex = gw.toObject().value(QLatin1String(key)).toString().toLatin1();
            const bool ok = crypto::SecretBytes::fromHex(hex, target, &error) && target->size() == 16;
            hex.fill('\0');
            if (!ok)
                return invalid(QStringLiteral("gateway key \"%1\" is not 32 hex digits").arg(QLatin1String(key)));
        }
    }

    // Older servers send neither: the station cannot compare its clock then.
    c->clock.stationTime = QDateTime::currentDateTimeUtc();
    c->clock.serverTime = QDateTime::fromString(json.value(QLatin1String("serverTime")).toString(), Qt::ISODateWithMs);
    c->clock.maxSkewMs = qint64(json.value(QLatin1String("maxClockSkewSeconds")).toDouble() * 1000.0);
    c->stationName = json.value(QLatin1String("station")).toString();

    for (const QJsonValue &v : json.value(QLatin1String("apps")).toArray()) {
        const QJsonObject o = v.toObject();
        ConfigApp app;
        app.name = o.value(QLatin1String("name")).toString();
        if (app.name.isEmpty())
            return invalid(QStringLiteral("an app has no name"));
        app.versionText = o.value(QLatin1String("version")).toString();
        Result<protocol::FirmwareVersion> version = protocol::FirmwareVersion::parse(app.versionText);
        if (!version.ok())
            return invalid(QStringLiteral("app %1: %2").arg(app.name, version.error().message));
        app.version = version.value();
        const QString pem = o.value(QLatin1String("publicKey")).toString();
        if (!pem.isEmpty()) {
            Result<crypto::RsaPublicKey> key = crypto::RsaPublicKey::fromPem(pem.toLatin1());
            if (!key.ok())
                return invalid(QStringLiteral("app %1 public key: %2").arg(app.name, key.error().message));
            app.publicKey = key.value();
        }
        const QString prefix = QStringLiteral("app/%1/").arg(app.name);
        for (const auto &[field, key] : {std::pair {&app.firmware, "firmware"},
                 std::pair {&app.fieldConfig, "fieldConfig"}, std::pair {&app.factoryConfig, "factoryConfig"}}) {
            Result<std::optional<ConfigFile>> f = readFile(o, key, prefix + QLatin1String(key), base);
            if (!f.ok())
                return f.error();
            *field = f.value();
        }
        c->apps.append(std::move(app));
    }
    return ConfigurationPtr(std::move(c));
}

} // namespace prov::engine

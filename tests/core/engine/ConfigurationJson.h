#pragma once

#include "crypto/Digest.h"
#include "crypto/RsaKeys.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace prov::test {

/// A configuration answer as server mode sends it, for files served at
/// `base`/files/<name>; `files` maps name → content.
inline QJsonObject configurationJson(
    const QString &base, const QHash<QString, QByteArray> &files, const QByteArray &kmsPem)
{
    const auto file = [&](const QString &name) -> QJsonValue {
        if (!files.contains(name))
            return QJsonValue();
        const QByteArray data = files.value(name);
        return QJsonObject {{QStringLiteral("path"), name}, {QStringLiteral("size"), data.size()},
            {QStringLiteral("md5"),
                QString::fromLatin1(crypto::Digest::hash(data, crypto::Digest::Algorithm::Md5).toHex())},
            {QStringLiteral("sha256"),
                QString::fromLatin1(crypto::Digest::hash(data, crypto::Digest::Algorithm::Sha256).toHex())},
            {QStringLiteral("url"), base + QStringLiteral("files/") + name}};
    };
    QJsonObject node {
        {QStringLiteral("type"), QStringLiteral("UNODE")}, {QStringLiteral("version"), QStringLiteral("1.2.3.4")}};
    for (const char *role : {"firmware", "fieldConfig", "factoryConfig"}) {
        const QJsonValue v = file(QStringLiteral("node-") + QLatin1String(role));
        if (!v.isNull())
            node.insert(QLatin1String(role), v);
    }
    QJsonObject app {{QStringLiteral("name"), QStringLiteral("emcm")},
        {QStringLiteral("version"), QStringLiteral("5.6.7.8")},
        {QStringLiteral("publicKey"), QString::fromLatin1(kmsPem)}};
    for (const char *role : {"firmware", "fieldConfig", "factoryConfig"}) {
        const QJsonValue v = file(QStringLiteral("emcm-") + QLatin1String(role));
        if (!v.isNull())
            app.insert(QLatin1String(role), v);
    }
    return QJsonObject {{QStringLiteral("configId"), QStringLiteral("0x0000000000000045")},
        {QStringLiteral("revision"), 2}, {QStringLiteral("appLabel"), QStringLiteral("ge_sgm3000")},
        {QStringLiteral("aliases"), QJsonArray {QStringLiteral("82JX570141")}}, {QStringLiteral("node"), node},
        {QStringLiteral("apps"), QJsonArray {app}}, {QStringLiteral("kmsPublicKey"), QString::fromLatin1(kmsPem)},
        {QStringLiteral("gatewayKeys"),
            QJsonObject {{QStringLiteral("gateway"), QStringLiteral("00112233445566778899aabbccddeeff")},
                {QStringLiteral("cdld"), QStringLiteral("ffeeddccbbaa99887766554433221100")}}}};
}

} // namespace prov::test

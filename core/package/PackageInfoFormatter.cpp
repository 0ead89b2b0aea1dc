#include "package/PackageInfoFormatter.h"

#include "support/LogSafe.h"

#include <QJsonArray>
#include <QStringList>

namespace prov::package {

QString PackageInfoFormatter::toText(const PackageInfo &info)
{
    QList<QPair<QString, QString>> rows;
    rows.append({QStringLiteral("Prov. Config ID"), info.configId.toString()});
    rows.append({QStringLiteral("App. Label"), info.appLabel});
    rows.append({QStringLiteral("Aliases"),
        info.aliases.isEmpty() ? QStringLiteral("(none)") : info.aliases.join(QStringLiteral(", "))});
    rows.append({QStringLiteral("Node Type"), info.nodeType});
    rows.append({QStringLiteral("Node Version"), info.nodeVersion});
    if (info.apps.isEmpty())
        rows.append({QStringLiteral("App. Names"), QStringLiteral("(none)")});
    for (const AppInfo &app : info.apps) {
        QString text = app.name + QStringLiteral(" ") + app.version;
        if (!app.publicKeyFingerprint.isEmpty())
            text += QStringLiteral(" (public key %1)").arg(app.publicKeyFingerprint);
        rows.append({QStringLiteral("App. Name"), text});
    }
    rows.append({QStringLiteral("KMS Key"), info.kmsFingerprint});
    rows.append({QStringLiteral("Package SHA-256"), QString::fromLatin1(info.packageSha256.toHex())});
    rows.append({QStringLiteral("Package Size"), QStringLiteral("%1 bytes").arg(info.packageSize)});
    for (const QString &warning : info.warnings)
        rows.append({QStringLiteral("Warning"), warning});

    qsizetype width = 0;
    for (const auto &row : std::as_const(rows))
        width = qMax(width, row.first.size());
    QString text = QStringLiteral("Uploaded Package Information\n");
    for (const auto &row : std::as_const(rows))
        // Values come from the package: one line each, whatever they contain.
        text += QStringLiteral("  ") + (row.first + u':').leftJustified(width + 2) + logSafe(row.second, 4096) + u'\n';
    return text;
}

QJsonObject PackageInfoFormatter::toJson(const PackageInfo &info)
{
    QJsonArray apps;
    for (const AppInfo &app : info.apps) {
        QJsonObject object {{QStringLiteral("name"), app.name}, {QStringLiteral("version"), app.version}};
        if (!app.publicKeyFingerprint.isEmpty())
            object.insert(QStringLiteral("publicKeyFingerprint"), app.publicKeyFingerprint);
        apps.append(object);
    }
    QJsonArray files;
    for (const PackageFile &file : info.files) {
        files.append(QJsonObject {{QStringLiteral("path"), file.archivePath},
            {QStringLiteral("roles"), QJsonArray::fromStringList(file.roles)}, {QStringLiteral("size"), file.size},
            {QStringLiteral("md5"), QString::fromLatin1(file.md5.toHex())},
            {QStringLiteral("sha256"), QString::fromLatin1(file.sha256.toHex())}});
    }
    return QJsonObject {{QStringLiteral("configId"), info.configId.toString()},
        {QStringLiteral("appLabel"), info.appLabel},
        {QStringLiteral("aliases"), QJsonArray::fromStringList(info.aliases)},
        {QStringLiteral("nodeType"), info.nodeType}, {QStringLiteral("nodeVersion"), info.nodeVersion},
        {QStringLiteral("apps"), apps}, {QStringLiteral("kmsFingerprint"), info.kmsFingerprint},
        {QStringLiteral("packageSha256"), QString::fromLatin1(info.packageSha256.toHex())},
        {QStringLiteral("packageSize"), info.packageSize}, {QStringLiteral("files"), files},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(info.warnings)}};
}

} // namespace prov::package

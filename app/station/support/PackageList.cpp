#include "support/PackageList.h"

#include <QJsonArray>
#include <QJsonObject>

namespace prov::gui {

namespace {

QString text(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
}

QStringList strings(const QJsonValue &v)
{
    QStringList list;
    for (const QJsonValue &item : v.toArray())
        list << item.toString();
    return list;
}

QStringList apps(const QJsonValue &v)
{
    QStringList list;
    for (const QJsonValue &item : v.toArray()) {
        if (item.isString()) {
            list << item.toString();
            continue;
        }
        const QJsonObject app = item.toObject();
        list << QStringLiteral("%1 %2").arg(text(app, "name"), text(app, "version")).trimmed();
    }
    return list;
}

void readRevision(const QJsonObject &r, PackageRow &row)
{
    if (r.contains(QLatin1String("revision")))
        row.revision = r.value(QLatin1String("revision")).toInt();
    if (!text(r, "configId").isEmpty())
        row.configId = text(r, "configId");
    if (!text(r, "appLabel").isEmpty())
        row.appLabel = text(r, "appLabel");
    if (r.contains(QLatin1String("aliases")))
        row.aliases = strings(r.value(QLatin1String("aliases")));
    row.nodeType = text(r, "nodeType");
    row.nodeVersion = text(r, "nodeVersion");
    row.apps = apps(r.value(QLatin1String("apps")));
    row.comment = text(r, "comment");
    row.importedAt = QDateTime::fromString(text(r, "importedAt"), Qt::ISODate);
    row.importedBy = text(r, "importedBy");
    if (!text(r, "kmsFingerprint").isEmpty())
        row.kmsFingerprint = text(r, "kmsFingerprint");
}

} // namespace

QList<PackageRow> parsePackageList(const QJsonDocument &json)
{
    QJsonArray items = json.array();
    if (json.isObject()) {
        for (const char *key : {"configurations", "packages", "items"}) {
            if (json.object().value(QLatin1String(key)).isArray()) {
                items = json.object().value(QLatin1String(key)).toArray();
                break;
            }
        }
    }
    QList<PackageRow> rows;
    for (const QJsonValue &v : std::as_const(items)) {
        const QJsonObject config = v.toObject();
        PackageRow base;
        base.configId = text(config, "configId");
        base.appLabel = text(config, "appLabel");
        base.aliases = strings(config.value(QLatin1String("aliases")));
        base.kmsFingerprint = text(config, "kmsFingerprint");
        const QJsonArray revisions = config.value(QLatin1String("revisions")).toArray();
        if (revisions.isEmpty()) {
            PackageRow row = base;
            readRevision(config, row);
            row.latest = true;
            rows.append(row);
            continue;
        }
        int latest = config.value(QLatin1String("latestRevision")).toInt(-1);
        for (const QJsonValue &r : revisions)
            latest = qMax(latest, r.toObject().value(QLatin1String("revision")).toInt());
        for (const QJsonValue &r : revisions) {
            PackageRow row = base;
            readRevision(r.toObject(), row);
            row.latest = row.revision == latest;
            rows.append(row);
        }
    }
    return rows;
}

} // namespace prov::gui

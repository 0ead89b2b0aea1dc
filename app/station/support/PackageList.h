#pragma once

#include <QDateTime>
#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>

namespace prov::gui {

/// One revision of a configuration as GET /api/v1/packages lists it.
struct PackageRow
{
    QString configId; ///< "0x0000000000000045"
    int revision = 0;
    bool latest = false; ///< the newest revision of its configuration
    QString appLabel;
    QStringList aliases;
    QString nodeType;
    QString nodeVersion;
    QStringList apps; ///< "emcm 2.1.0"
    QString comment;
    QDateTime importedAt;
    QString importedBy;
    QString kmsFingerprint;
};

/// Reads the packages list: configurations with their revisions (newest first),
/// under "configurations"/"packages"/"items" or as a bare array; a flat list of
/// revisions works too.
[[nodiscard]] QList<PackageRow> parsePackageList(const QJsonDocument &json);

} // namespace prov::gui

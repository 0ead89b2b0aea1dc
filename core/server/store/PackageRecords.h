#pragma once

#include "domain/ConfigId.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace prov::server {

/// A stored package file (content-addressed).
struct StoredFile
{
    QString archivePath; ///< as the manifest names it
    QStringList roles; ///< "node/firmware", "app/emcm/fieldConfig", ... (one path may play several)
    qint64 size = 0;
    QString md5; ///< 32 lower-case hex digits
    QString sha256; ///< 64 lower-case hex digits: the content address
};

struct StoredApp
{
    QString name;
    QString version;
    QString publicKeyPem; ///< empty when the app has no public key
    QString publicKeyFingerprint;
};

/// One revision of a configuration, as stations and the packages list see it.
struct RevisionRecord
{
    ConfigId configId;
    int revision = 0;
    QString appLabel;
    QString nodeType;
    QString nodeVersion;
    QList<StoredApp> apps;
    QString kmsPublicKeyPem;
    QString kmsFingerprint;
    QString packageSha256; ///< hex
    qint64 packageSize = 0;
    QString comment;
    QString importedBy;
    QDateTime importedAt;
    QList<StoredFile> files; ///< filled by revision()/newestRevision(), empty in lists
};

/// A configuration with its revisions (newest first) and aliases.
struct ConfigurationRecord
{
    ConfigId configId;
    QString appLabel;
    QString kmsFingerprint;
    int latestRevision = 0;
    QStringList aliases;
    QList<RevisionRecord> revisions;
};

/// What an import did (or, for a dry run, would do).
struct ImportOutcome
{
    enum class Kind { Imported, Identical, DryRun };
    Kind kind = Kind::Imported;
    ConfigId configId;
    int revision = 0; ///< the new one, the identical one, or the one a dry run would create
    bool newConfiguration = false;
    bool kmsKeyChanged = false;
    QStringList newAliases;
    int filesStored = 0; ///< content files written (others were already stored)

    /// "imported as revision 3 of 0x...", "identical to revision 2 of 0x...: nothing imported", ...
    [[nodiscard]] QString summary() const;
};

} // namespace prov::server

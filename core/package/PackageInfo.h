#pragma once

#include "crypto/SecretBytes.h"
#include "domain/ConfigId.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace prov::package {

/// One file named by the manifest, after it was checked.
struct PackageFile
{
    QString role; ///< "node/firmware", "node/fieldConfig", "app/emcm/firmware", "kmsPublicKey", ...
                  ///< (the first role when the manifest names the same path several times)
    QStringList roles; ///< every role the manifest gives this path, manifest order (role == roles.first())
    QString archivePath; ///< path inside the archive, as the manifest names it
    QString localPath; ///< where the verified bytes are now (quarantine folder)
    qint64 size = 0;
    QByteArray md5; ///< raw 16 bytes (checked against the manifest where it gives one)
    QByteArray sha256; ///< raw 32 bytes (content address)
};

struct AppInfo
{
    QString name;
    QString version;
    QString publicKeyPem; ///< empty when the app has no publicKey
    QString publicKeyFingerprint;
};

/// Everything the import form shows and the store keeps, from a verified package.
struct PackageInfo
{
    ConfigId configId;
    QString appLabel;
    QStringList aliases;
    QString nodeType; ///< UNODE | ENODE | DNODE
    QString nodeVersion; ///< dotted decimal
    QList<AppInfo> apps; ///< manifest order
    QString kmsPublicKeyPem;
    QString kmsFingerprint; ///< sha256:<hex>
    QByteArray packageSha256; ///< raw SHA-256 of the whole .tar.gz (identical-package check)
    qint64 packageSize = 0;
    QList<PackageFile> files; ///< every file the manifest names (deduplicated by path)
    QStringList warnings; ///< e.g. files present but not named by the manifest
    int formatVersion = 1; ///< manifest formatVersion

    /// The file playing `role` ("node/factoryConfig", "app/emcm/publicKey", "gatewayKeys",
    /// "gatewayKeysSignature", ...), also when it shares its path with another role; nullptr if none.
    [[nodiscard]] const PackageFile *fileForRole(const QString &role) const
    {
        for (const PackageFile &file : files) {
            if (file.roles.contains(role) || file.role == role)
                return &file;
        }
        return nullptr;
    }
};

/// The decrypted gateway key file: both rows, 16 bytes each. Only in memory.
struct GatewayKeys
{
    crypto::SecretBytes gateway;
    crypto::SecretBytes codeDownload; ///< "cdld"
};

/// A package that passed every rule of the contract.
struct VerifiedPackage
{
    PackageInfo info;
    GatewayKeys gatewayKeys;
    QString quarantineDir; ///< holds PackageFile::localPath; removed by its owner
};

/// Limits enforced while reading, before anything is kept. Documented in docs/.
struct PackageLimits
{
    qint64 maxTotalBytes = 1024ll * 1024 * 1024; ///< sum of all entry sizes (uncompressed)
    qint64 maxFileBytes = 512ll * 1024 * 1024; ///< any one entry
    int maxEntries = 4096;
    qint64 maxManifestBytes = 1024 * 1024;
};

} // namespace prov::package

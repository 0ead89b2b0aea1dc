#pragma once

#include "crypto/RsaKeys.h"
#include "crypto/SecretBytes.h"
#include "domain/ConfigId.h"
#include "domain/Result.h"
#include "package/Manifest.h"
#include "package/PackageInfo.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace prov::package {

/// A host application's files on disk, for PackageWriter.
struct AppSource
{
    QString name;
    QString version;
    QString firmwarePath;
    QString fieldConfigPath;
    QString factoryConfigPath;
    QString publicKeyPemPath; ///< optional (empty: the app has no publicKey)
};

/// What provstation-pack puts in a package: values and files on disk.
struct PackageSource
{
    ConfigId configId;
    QString appLabel;
    QStringList aliases;
    QString nodeType = QStringLiteral("UNODE");
    QString nodeVersion;
    QString nodeFirmwarePath;
    QString nodeFieldConfigPath;
    QString nodeFactoryConfigPath;
    QList<AppSource> apps;
};

/// Builds a package that follows package-format.md (gzip-compressed pax/ustar
/// through libarchive): manifest.xml, kms_key.pub.pem, gw_keys.csv.aes (as
/// `openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -md sha256 -salt` writes it),
/// gw_keys.csv.aes.sig (RSA-SHA256 by the KMS key), node/… and apps/<name>/… with
/// their MD5s. Every value is checked with the reader's own rules first, files
/// are streamed (never held whole in memory), and the output appears atomically.
class PackageWriter
{
public:
    /// Returns the manifest it wrote.
    [[nodiscard]] static Result<Manifest> write(const PackageSource &source, const GatewayKeys &keys,
        const crypto::SecretBytes &passphrase, const crypto::RsaPrivateKey &kmsKey, const QString &outPath);
};

} // namespace prov::package

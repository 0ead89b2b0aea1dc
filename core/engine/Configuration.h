#pragma once

#include "crypto/RsaKeys.h"
#include "crypto/SecretBytes.h"
#include "domain/ConfigId.h"
#include "domain/Result.h"
#include "protocol/FirmwareVersion.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace prov::engine {

/// One file of a configuration as the server describes it.
struct ConfigFile
{
    QString role; ///< "node/firmware", "app/emcm/fieldConfig", ...
    QString path; ///< the archive path (and, in shared-folder mode, the server-side path)
    qint64 size = 0;
    QByteArray md5; ///< raw 16 bytes
    QByteArray sha256; ///< raw 32 bytes: the cache key
    QUrl url; ///< download URL (absolute, resolved against the server)
    QString sharedPath; ///< shared-folder mode: where the server keeps it (before --path_trans rewriting)
};

/// A host application (the eMCM's) of the configuration.
struct ConfigApp
{
    QString name;
    protocol::FirmwareVersion version;
    QString versionText;
    crypto::RsaPublicKey publicKey; ///< null when the app has no key
    std::optional<ConfigFile> firmware;
    std::optional<ConfigFile> fieldConfig;
    std::optional<ConfigFile> factoryConfig;
};

/// The newest revision of a configuration, as a station needs it: the node's
/// type and version, the files with their hashes, the public keys and the
/// network keys. Immutable once parsed and shared by every station of the
/// process that runs it (hence move-only members behind a shared_ptr).
struct Configuration
{
    ConfigId configId;
    int revision = 0;
    QString appLabel;
    QStringList aliases;
    QString nodeType; ///< UNODE | ENODE | DNODE
    quint16 nodeHardwareType = 0;
    protocol::FirmwareVersion nodeVersion;
    QString nodeVersionText;
    crypto::RsaPublicKey kmsKey;
    QString kmsFingerprint;
    crypto::SecretBytes gatewayKey; ///< network-wide, from the package; empty when the server withheld it
    crypto::SecretBytes codeDownloadKey;
    QString gatewayKeysWithheld; ///< the server's reason when it did not send them (e.g. plain HTTP to another host)
    std::optional<ConfigFile> nodeFirmware;
    std::optional<ConfigFile> nodeFieldConfig;
    std::optional<ConfigFile> nodeFactoryConfig;
    /// The eMCM's applications, in manifest order; each is matched by name with
    /// an application the eMCM reports (HostApps).
    QList<ConfigApp> apps;

    /// Every file, for prefetching.
    [[nodiscard]] QList<ConfigFile> allFiles() const;
    /// A line for logs: "0x... revision 2 (label), UNODE 1.2.3.4".
    [[nodiscard]] QString summary() const;
};

using ConfigurationPtr = std::shared_ptr<const Configuration>;

} // namespace prov::engine

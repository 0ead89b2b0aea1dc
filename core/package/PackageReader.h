#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"
#include "package/PackageInfo.h"

#include <QString>

namespace prov::package {

/// Reads and verifies a provisioning package (docs/contracts/package-format.md)
/// into a fresh owner-only quarantine folder below `quarantineParentDir`, enforcing
/// every rule of the contract before it returns: container rules and limits while
/// streaming (ArchiveExtractor), manifest.xml against manifest.xsd
/// (ManifestParser), every named file present and its MD5 right, the KMS and app
/// public keys RSA >= 2048 bits, the gateway key file signed by the KMS key and
/// decrypting with `passphrase` to the required CSV (GatewayKeyFile).
///
/// On success the quarantine folder belongs to the caller (VerifiedPackage::
/// quarantineDir, see discardQuarantine()). On any failure it is already gone and
/// the Error names the cause and the file: code InvalidArguments for a package
/// that breaks the contract (or a wrong passphrase), InternalError when the
/// machine failed (disk full, quarantine not writable).
class PackageReader
{
public:
    [[nodiscard]] static Result<VerifiedPackage> read(const QString &tarGzPath, const crypto::SecretBytes &passphrase,
        const PackageLimits &limits, const QString &quarantineParentDir);
};

/// Same as PackageReader::read.
[[nodiscard]] Result<VerifiedPackage> readPackage(const QString &tarGzPath, const crypto::SecretBytes &passphrase,
    const PackageLimits &limits, const QString &quarantineParentDir);

/// Removes a verified package's quarantine folder (after storing or a dry run).
void discardQuarantine(const VerifiedPackage &package);

} // namespace prov::package

#pragma once

#include "crypto/OpenSslEnc.h"
#include "crypto/RsaKeys.h"
#include "crypto/SecretBytes.h"
#include "domain/Result.h"
#include "package/PackageInfo.h"

#include <QByteArray>
#include <QString>

namespace prov::package {

/// gw_keys.csv.aes and its signature (docs/contracts/package-format.md, "The gateway key file").
class GatewayKeyFile
{
public:
    /// Names used in error messages (the manifest's paths).
    struct Names
    {
        QString file = QStringLiteral("gw_keys.csv.aes");
        QString signature = QStringLiteral("gw_keys.csv.aes.sig");
    };

    /// Verifies the KMS signature over the encrypted bytes, then decrypts with the
    /// passphrase and parses the CSV. The file has no authentication of its own:
    /// about 1 wrong passphrase in 256 decrypts without a padding error to garbage,
    /// so a CSV that is not the expected shape is reported like a failed decryption
    /// ("wrong passphrase or tampered gateway key file"). A signature that does not
    /// verify says the file was tampered with or signed by another key.
    [[nodiscard]] static Result<GatewayKeys> open(QByteArrayView encrypted, QByteArrayView signature,
        const crypto::RsaPublicKey &kmsKey, const crypto::SecretBytes &passphrase, const Names &names,
        int iterations = crypto::kOpenSslEncIterations);

    struct Sealed
    {
        QByteArray encrypted; ///< gw_keys.csv.aes
        QByteArray signature; ///< gw_keys.csv.aes.sig
    };
    /// The CSV of `keys`, encrypted as `openssl enc` does and signed with the KMS key.
    [[nodiscard]] static Result<Sealed> seal(
        const GatewayKeys &keys, const crypto::SecretBytes &passphrase, const crypto::RsaPrivateKey &kmsKey);

    /// Two fresh 16-byte keys from the CSPRNG.
    [[nodiscard]] static Result<GatewayKeys> randomKeys();
};

} // namespace prov::package

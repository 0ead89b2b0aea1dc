#include "package/GatewayKeyFile.h"

#include "crypto/Random.h"
#include "package/GatewayKeyCsv.h"

namespace prov::package {

namespace {

const QString kWrongPassphrase = QStringLiteral("wrong passphrase or tampered gateway key file");

} // namespace

Result<GatewayKeys> GatewayKeyFile::open(QByteArrayView encrypted, QByteArrayView signature,
    const crypto::RsaPublicKey &kmsKey, const crypto::SecretBytes &passphrase, const Names &names, int iterations)
{
    // The signature does not depend on the passphrase, so checking it first tells
    // a tampered (or foreign-signed) file apart from a wrong passphrase.
    const Status verified = kmsKey.verifyPkcs1Sha256(encrypted, signature);
    if (!verified) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("signature %1 does not verify %2 with the package's KMS key %3: tampered "
                           "gateway key file or signed by another key")
                .arg(names.signature, names.file, kmsKey.fingerprint()));
    }
    Result<crypto::SecretBytes> plain = crypto::openSslEncDecrypt(encrypted, passphrase, iterations);
    if (!plain) {
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("%1 does not decrypt: %2").arg(names.file, kWrongPassphrase));
    }
    Result<GatewayKeys> keys = GatewayKeyCsv::parse(*plain);
    if (!keys) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("%1 decrypts to something that is not the gateway key CSV (%2): %3")
                .arg(names.file, keys.error().message, kWrongPassphrase));
    }
    return keys;
}

Result<GatewayKeyFile::Sealed> GatewayKeyFile::seal(
    const GatewayKeys &keys, const crypto::SecretBytes &passphrase, const crypto::RsaPrivateKey &kmsKey)
{
    if (keys.gateway.size() != GatewayKeyCsv::kKeyBytes || keys.codeDownload.size() != GatewayKeyCsv::kKeyBytes) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("gateway and cdld keys must be %1 bytes each").arg(GatewayKeyCsv::kKeyBytes));
    }
    Result<QByteArray> encrypted = crypto::openSslEncEncrypt(GatewayKeyCsv::format(keys), passphrase);
    if (!encrypted)
        return encrypted.error();
    Result<QByteArray> signature = kmsKey.signPkcs1Sha256(*encrypted);
    if (!signature)
        return signature.error();
    return Sealed {*encrypted, *signature};
}

Result<GatewayKeys> GatewayKeyFile::randomKeys()
{
    Result<crypto::SecretBytes> gateway = crypto::randomSecret(GatewayKeyCsv::kKeyBytes);
    if (!gateway)
        return gateway.error();
    Result<crypto::SecretBytes> cdld = crypto::randomSecret(GatewayKeyCsv::kKeyBytes);
    if (!cdld)
        return cdld.error();
    return GatewayKeys {std::move(*gateway), std::move(*cdld)};
}

} // namespace prov::package

#pragma once

#include "crypto/RsaKeys.h"
#include "package/PackageInfo.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace prov::test {

/// What a test package holds; the same spec gives a byte-identical package.
struct PackageSpec
{
    quint64 configId = 0x45;
    QString appLabel = QStringLiteral("ge_sgm3000_falconv1_zigbeev2");
    QStringList aliases;
    QString nodeType = QStringLiteral("UNODE");
    QString nodeVersion = QStringLiteral("1.2.3.4");
    QStringList apps = {QStringLiteral("emcm")};
    QByteArray firmware = QByteArray(4096, 'F');
    QByteArray fieldConfig = "field config\n";
    QByteArray gatewayKey = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    QByteArray cdldKey = QByteArray::fromHex("ffeeddccbbaa99887766554433221100");
    QString tag; ///< changes the package bytes without changing the content
};

/// A VerifiedPackage as the package reader would hand it over, built directly
/// (the store tests do not depend on the reader): files written to `quarantine`.
[[nodiscard]] package::VerifiedPackage makeVerifiedPackage(
    const PackageSpec &spec, const crypto::RsaPublicKey &kms, const QString &quarantine);

/// A throwaway RSA key pair (2048 bits: fast to make).
[[nodiscard]] crypto::RsaPrivateKey makeKmsKey();

} // namespace prov::test

#include "TestPackages.h"

#include "crypto/Digest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace prov::test {

namespace {

package::PackageFile writeFile(
    const QString &quarantine, const QString &archivePath, const QString &role, const QByteArray &content)
{
    const QString local = QDir(quarantine).filePath(archivePath);
    QDir().mkpath(QFileInfo(local).absolutePath());
    QFile file(local);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    package::PackageFile entry;
    entry.role = role;
    entry.archivePath = archivePath;
    entry.localPath = local;
    entry.size = content.size();
    entry.md5 = crypto::Digest::hash(content, crypto::Digest::Algorithm::Md5);
    entry.sha256 = crypto::Digest::hash(content, crypto::Digest::Algorithm::Sha256);
    return entry;
}

} // namespace

package::VerifiedPackage makeVerifiedPackage(
    const PackageSpec &spec, const crypto::RsaPublicKey &kms, const QString &quarantine)
{
    package::VerifiedPackage package;
    package::PackageInfo &info = package.info;
    info.configId = ConfigId(spec.configId);
    info.appLabel = spec.appLabel;
    info.aliases = spec.aliases;
    info.nodeType = spec.nodeType;
    info.nodeVersion = spec.nodeVersion;
    info.kmsPublicKeyPem = QString::fromLatin1(kms.toPem());
    info.kmsFingerprint = kms.fingerprint();
    for (const QString &name : spec.apps) {
        package::AppInfo app;
        app.name = name;
        app.version = QStringLiteral("5.6.7.8");
        app.publicKeyPem = info.kmsPublicKeyPem; // any valid key will do
        app.publicKeyFingerprint = info.kmsFingerprint;
        info.apps.append(app);
    }
    info.files.append(
        writeFile(quarantine, QStringLiteral("node/firmware.bin"), QStringLiteral("node/firmware"), spec.firmware));
    info.files.append(
        writeFile(quarantine, QStringLiteral("node/field.cfg"), QStringLiteral("node/fieldConfig"), spec.fieldConfig));
    info.files.append(
        writeFile(quarantine, QStringLiteral("kms_key.pub.pem"), QStringLiteral("kmsPublicKey"), kms.toPem()));
    for (const QString &name : spec.apps) {
        info.files.append(writeFile(quarantine, QStringLiteral("apps/%1/firmware.bin").arg(name),
            QStringLiteral("app/%1/firmware").arg(name), spec.firmware + name.toUtf8()));
    }
    crypto::Digest whole(crypto::Digest::Algorithm::Sha256);
    for (const package::PackageFile &file : std::as_const(info.files))
        whole.addData(file.sha256);
    whole.addData(spec.tag.toUtf8());
    whole.addData(spec.aliases.join(u',').toUtf8());
    whole.addData(spec.appLabel.toUtf8() + spec.nodeVersion.toUtf8() + spec.gatewayKey + spec.cdldKey);
    info.packageSha256 = whole.result();
    info.packageSize = 1000 + spec.firmware.size();
    package.gatewayKeys.gateway = crypto::SecretBytes::copyOf(spec.gatewayKey);
    package.gatewayKeys.codeDownload = crypto::SecretBytes::copyOf(spec.cdldKey);
    package.quarantineDir = quarantine;
    return package;
}

crypto::RsaPrivateKey makeKmsKey()
{
    auto key = crypto::RsaPrivateKey::generate(2048);
    return key ? std::move(key.value()) : crypto::RsaPrivateKey();
}

} // namespace prov::test

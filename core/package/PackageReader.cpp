#include "package/PackageReader.h"

#include "crypto/RsaKeys.h"
#include "package/ArchiveExtractor.h"
#include "package/GatewayKeyFile.h"
#include "package/ManifestParser.h"
#include "package/ManifestRules.h"
#include "package/PackageLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>

namespace prov::package {

namespace {

const QString kManifestName = QStringLiteral("manifest.xml");
// PEM keys and the gateway key file are a few hundred bytes; anything much larger
// is not what the manifest says it is, and is never read into memory whole.
constexpr qint64 kMaxSmallFileBytes = 64 * 1024;

Error invalid(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

class Verifier
{
public:
    Verifier(const QString &packageName, ExtractedArchive archive)
        : m_packageName(packageName)
        , m_archive(std::move(archive))
    { }

    Result<VerifiedPackage> run(const crypto::SecretBytes &passphrase, const PackageLimits &limits)
    {
        const auto manifestEntry = m_archive.entries.constFind(kManifestName);
        if (manifestEntry == m_archive.entries.constEnd())
            return invalid(QStringLiteral("%1 has no manifest.xml at the archive root").arg(m_packageName));
        if (manifestEntry->isDirectory)
            return invalid(QStringLiteral("manifest.xml in %1 is a folder, not a file").arg(m_packageName));
        Result<QByteArray> manifestBytes = readSmall(*manifestEntry, limits.maxManifestBytes);
        if (!manifestBytes)
            return manifestBytes.error();
        Result<Manifest> manifest = ManifestParser::parse(*manifestBytes, kManifestName);
        if (!manifest)
            return manifest.error();
        m_manifest = std::move(*manifest);

        if (const Status files = checkFiles(); !files)
            return files.error();

        VerifiedPackage package;
        PackageInfo &info = package.info;
        Result<crypto::RsaPublicKey> kms = readPublicKey(m_manifest.kmsPublicKey, QStringLiteral("KMS public key"));
        if (!kms)
            return kms.error();
        info.kmsPublicKeyPem = QString::fromLatin1(kms->toPem());
        info.kmsFingerprint = kms->fingerprint();
        for (const ManifestApp &app : std::as_const(m_manifest.apps)) {
            AppInfo appInfo;
            appInfo.name = app.name;
            appInfo.version = app.version;
            if (app.publicKey) {
                Result<crypto::RsaPublicKey> key
                    = readPublicKey(*app.publicKey, QStringLiteral("public key of app \"%1\"").arg(app.name));
                if (!key)
                    return key.error();
                appInfo.publicKeyPem = QString::fromLatin1(key->toPem());
                appInfo.publicKeyFingerprint = key->fingerprint();
            }
            info.apps.append(appInfo);
        }

        Result<GatewayKeys> keys = openGatewayKeys(*kms, passphrase);
        if (!keys)
            return keys.error();
        package.gatewayKeys = std::move(*keys);

        info.configId = m_manifest.configId;
        info.formatVersion = m_manifest.formatVersion;
        info.appLabel = m_manifest.appLabel;
        info.aliases = m_manifest.aliases;
        info.nodeType = m_manifest.nodeType;
        info.nodeVersion = m_manifest.nodeVersion;
        info.packageSha256 = m_archive.sha256;
        info.packageSize = m_archive.size;
        info.files = m_files;
        info.warnings = m_manifest.warnings + unnamedFileWarnings();
        for (const QString &warning : std::as_const(info.warnings))
            qCInfo(lcPackage) << m_packageName << "warning:" << warning;
        return package;
    }

private:
    const ArchiveEntry *entryFor(const ManifestFileRef &ref) const
    {
        const Result<QString> path = ManifestRules::normalisePath(ref.path); // the parser already refused bad ones
        if (!path)
            return nullptr;
        const auto it = m_archive.entries.constFind(*path);
        return it == m_archive.entries.constEnd() ? nullptr : &*it;
    }

    /// Every named file is present and a file; every MD5 given matches. Builds the
    /// deduplicated file list (a path named twice is one file with two roles).
    Status checkFiles()
    {
        const QList<ManifestFileRef> refs = m_manifest.allFiles();
        for (const ManifestFileRef &ref : refs) {
            const ArchiveEntry *entry = entryFor(ref);
            if (!entry) {
                return invalid(
                    QStringLiteral("%1 named by manifest.xml (%2) is not in the archive").arg(ref.path, ref.role));
            }
            if (entry->isDirectory) {
                return invalid(
                    QStringLiteral("%1 named by manifest.xml (%2) is a folder, not a file").arg(ref.path, ref.role));
            }
            if (!ref.md5.isEmpty()) {
                const QByteArray actual = entry->md5.toHex();
                if (actual != ref.md5.toLatin1().toLower()) {
                    return invalid(QStringLiteral("MD5 mismatch for %1 (%2): manifest.xml says %3, the file has %4")
                                       .arg(ref.path, ref.role, ref.md5.toLower(), QString::fromLatin1(actual)));
                }
            }
            m_named.insert(entry->path);
            bool merged = false;
            for (PackageFile &file : m_files) {
                if (file.archivePath == entry->path) {
                    file.roles.append(ref.role);
                    merged = true;
                }
            }
            if (!merged) {
                PackageFile file;
                file.role = ref.role;
                file.roles = QStringList {ref.role};
                file.archivePath = entry->path;
                file.localPath = entry->localPath;
                file.size = entry->size;
                file.md5 = entry->md5;
                file.sha256 = entry->sha256;
                m_files.append(file);
            }
        }
        return {};
    }

    QStringList unnamedFileWarnings() const
    {
        QStringList warnings;
        for (const QString &path : m_archive.fileOrder) {
            if (path != kManifestName && !m_named.contains(path))
                warnings.append(
                    QStringLiteral("%1 is in the archive but not named by manifest.xml (ignored)").arg(path));
        }
        return warnings;
    }

    Result<QByteArray> readSmall(const ArchiveEntry &entry, qint64 limit) const
    {
        if (entry.size > limit) {
            return invalid(QStringLiteral("%1 is %2 bytes, too large for what it should hold (limit %3)")
                               .arg(entry.path)
                               .arg(entry.size)
                               .arg(limit));
        }
        QFile file(entry.localPath);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot read quarantine file %1: %2").arg(entry.localPath, file.errorString()));
        return file.readAll();
    }

    Result<crypto::RsaPublicKey> readPublicKey(const ManifestFileRef &ref, const QString &what) const
    {
        const ArchiveEntry *entry = entryFor(ref);
        Q_ASSERT(entry); // checkFiles() ran first
        Result<QByteArray> pem = readSmall(*entry, kMaxSmallFileBytes);
        if (!pem)
            return pem.error();
        Result<crypto::RsaPublicKey> key = crypto::RsaPublicKey::fromPem(*pem);
        if (!key)
            return invalid(QStringLiteral("%1 (%2) is not usable: %3").arg(ref.path, what, key.error().message));
        return key;
    }

    Result<GatewayKeys> openGatewayKeys(const crypto::RsaPublicKey &kms, const crypto::SecretBytes &passphrase) const
    {
        const ArchiveEntry *file = entryFor(m_manifest.gatewayKeys);
        const ArchiveEntry *signature = entryFor(m_manifest.gatewayKeysSignature);
        Q_ASSERT(file && signature);
        Result<QByteArray> encrypted = readSmall(*file, kMaxSmallFileBytes);
        if (!encrypted)
            return encrypted.error();
        Result<QByteArray> sig = readSmall(*signature, kMaxSmallFileBytes);
        if (!sig)
            return sig.error();
        return GatewayKeyFile::open(*encrypted, *sig, kms, passphrase,
            GatewayKeyFile::Names {m_manifest.gatewayKeys.path, m_manifest.gatewayKeysSignature.path});
    }

    QString m_packageName;
    ExtractedArchive m_archive;
    Manifest m_manifest;
    QList<PackageFile> m_files;
    QSet<QString> m_named;
};

} // namespace

Result<VerifiedPackage> PackageReader::read(const QString &tarGzPath, const crypto::SecretBytes &passphrase,
    const PackageLimits &limits, const QString &quarantineParentDir)
{
    const QString packageName = QFileInfo(tarGzPath).fileName();
    if (!QDir().mkpath(quarantineParentDir)) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot create the quarantine folder %1").arg(quarantineParentDir));
    }
    // mkdtemp: a fresh, unpredictable name, mode 0700; removed with everything in
    // it on every early return.
    QTemporaryDir quarantine(QDir(quarantineParentDir).filePath(QStringLiteral("import-XXXXXX")));
    if (!quarantine.isValid()) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot create a quarantine folder in %1: %2")
                .arg(quarantineParentDir, quarantine.errorString()));
    }
    QFile::setPermissions(quarantine.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    Result<ExtractedArchive> archive = ArchiveExtractor::extract(tarGzPath, quarantine.path(), limits);
    if (!archive)
        return Error {archive.error().code, archive.error().message, packageName};
    Result<VerifiedPackage> verified = Verifier(packageName, std::move(*archive)).run(passphrase, limits);
    if (!verified)
        return Error {verified.error().code, verified.error().message, packageName};
    quarantine.setAutoRemove(false);
    verified->quarantineDir = quarantine.path();
    qCInfo(lcPackage) << "verified" << packageName << "config" << verified->info.configId.toString() << "into"
                      << quarantine.path();
    return verified;
}

Result<VerifiedPackage> readPackage(const QString &tarGzPath, const crypto::SecretBytes &passphrase,
    const PackageLimits &limits, const QString &quarantineParentDir)
{
    return PackageReader::read(tarGzPath, passphrase, limits, quarantineParentDir);
}

void discardQuarantine(const VerifiedPackage &package)
{
    if (!package.quarantineDir.isEmpty())
        QDir(package.quarantineDir).removeRecursively();
}

} // namespace prov::package

#include "package/PackageWriter.h"

#include "crypto/Digest.h"
#include "package/GatewayKeyFile.h"
#include "package/ManifestRules.h"
#include "package/ManifestWriter.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace prov::package {

namespace {

constexpr qint64 kChunk = 256 * 1024;

Error invalid(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

struct WriteArchiveDeleter
{
    void operator()(struct archive *a) const { archive_write_free(a); }
};

struct EntryDeleter
{
    void operator()(struct archive_entry *e) const { archive_entry_free(e); }
};

la_ssize_t writeCallback(struct archive *, void *client, const void *buffer, size_t length)
{
    auto *out = static_cast<QSaveFile *>(client);
    const qint64 written = out->write(static_cast<const char *>(buffer), static_cast<qint64>(length));
    return written < 0 ? -1 : static_cast<la_ssize_t>(written);
}

/// A file to copy into the archive: where it is, where it goes, its digests.
struct Planned
{
    QString sourcePath;
    QString archivePath;
    qint64 size = 0;
    QString md5Hex;
};

class Writer
{
public:
    Writer(const PackageSource &source, const QString &outPath)
        : m_source(source)
        , m_out(outPath)
    { }

    Result<Manifest> run(
        const GatewayKeys &keys, const crypto::SecretBytes &passphrase, const crypto::RsaPrivateKey &kmsKey)
    {
        if (const Status values = checkValues(); !values)
            return values.error();
        if (kmsKey.bits() < crypto::kMinRsaBits) {
            return invalid(QStringLiteral("the KMS key has %1 bits; at least %2 are required")
                               .arg(kmsKey.bits())
                               .arg(crypto::kMinRsaBits));
        }
        Manifest manifest;
        if (const Status planned = plan(&manifest); !planned)
            return planned.error();
        Result<GatewayKeyFile::Sealed> sealed = GatewayKeyFile::seal(keys, passphrase, kmsKey);
        if (!sealed)
            return sealed.error();
        const QByteArray kmsPem = kmsKey.publicKey().toPem();

        if (!m_out.open(QIODevice::WriteOnly))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("cannot write %1: %2").arg(m_out.fileName(), m_out.errorString()));
        m_archive.reset(archive_write_new());
        archive_write_add_filter_gzip(m_archive.get());
        // pax-restricted: plain ustar headers unless a name needs a pax extension.
        archive_write_set_format_pax_restricted(m_archive.get());
        if (archive_write_open(m_archive.get(), &m_out, nullptr, writeCallback, nullptr) != ARCHIVE_OK)
            return archiveError();

        Status status = addBytes(QStringLiteral("manifest.xml"), ManifestWriter::write(manifest));
        if (status)
            status = addBytes(manifest.kmsPublicKey.path, kmsPem);
        if (status)
            status = addBytes(manifest.gatewayKeys.path, sealed->encrypted);
        if (status)
            status = addBytes(manifest.gatewayKeysSignature.path, sealed->signature);
        for (const QString &folder : std::as_const(m_folders)) {
            if (status)
                status = addFolder(folder);
        }
        for (const Planned &file : std::as_const(m_files)) {
            if (status)
                status = addFile(file);
        }
        if (!status)
            return status.error();
        if (archive_write_close(m_archive.get()) != ARCHIVE_OK)
            return archiveError();
        if (!m_out.commit()) {
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot write %1: %2").arg(m_out.fileName(), m_out.errorString()));
        }
        return manifest;
    }

private:
    Status checkName(const QString &what, const QString &value) const
    {
        if (!ManifestRules::isName(value))
            return invalid(QStringLiteral("%1 \"%2\" is not 1 to 64 characters of A-Z a-z 0-9 . _ -").arg(what, value));
        return {};
    }

    Status checkVersion(const QString &what, const QString &value) const
    {
        if (!ManifestRules::isVersion(value))
            return invalid(QStringLiteral("%1 \"%2\" is not dotted decimal with 1 to 4 parts").arg(what, value));
        return {};
    }

    Status checkValues() const
    {
        if (Status s = checkName(QStringLiteral("app label"), m_source.appLabel); !s)
            return s;
        for (const QString &alias : m_source.aliases) {
            if (Status s = checkName(QStringLiteral("alias"), alias); !s)
                return s;
        }
        if (!ManifestRules::isNodeType(m_source.nodeType))
            return invalid(QStringLiteral("node type \"%1\" is not one of UNODE, ENODE, DNODE").arg(m_source.nodeType));
        if (Status s = checkVersion(QStringLiteral("node version"), m_source.nodeVersion); !s)
            return s;
        QStringList names;
        for (const AppSource &app : m_source.apps) {
            if (Status s = checkName(QStringLiteral("app name"), app.name); !s)
                return s;
            // The name becomes a folder (apps/<name>/): "." and ".." cannot be one.
            if (app.name == u"." || app.name == u"..")
                return invalid(QStringLiteral("app name \"%1\" cannot be used as a folder name").arg(app.name));
            if (names.contains(app.name))
                return invalid(QStringLiteral("app \"%1\" is given twice").arg(app.name));
            names.append(app.name);
            if (Status s = checkVersion(QStringLiteral("version of app %1").arg(app.name), app.version); !s)
                return s;
        }
        return {};
    }

    /// Digests every source file and fills the manifest's file references.
    Result<ManifestFileRef> planFile(
        const QString &role, const QString &sourcePath, const QString &archivePath, bool hashed)
    {
        const QFileInfo info(sourcePath);
        if (sourcePath.isEmpty() || !info.isFile())
            return invalid(QStringLiteral("%1 file \"%2\" does not exist or is not a file").arg(role, sourcePath));
        Result<crypto::FileDigests> digests = crypto::digestFile(sourcePath);
        if (!digests)
            return digests.error();
        Planned planned {sourcePath, archivePath, digests->size, QString::fromLatin1(digests->md5.toHex())};
        m_files.append(planned);
        return ManifestFileRef {role, archivePath, hashed ? planned.md5Hex : QString()};
    }

    Status checkPublicKeyFile(const QString &what, const QString &path) const
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return invalid(QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
        const Result<crypto::RsaPublicKey> key = crypto::RsaPublicKey::fromPem(file.read(64 * 1024));
        if (!key)
            return invalid(QStringLiteral("%1 %2 is not usable: %3").arg(what, path, key.error().message));
        return {};
    }

    Status plan(Manifest *manifest)
    {
        manifest->formatVersion = ManifestRules::kSupportedFormatVersion;
        manifest->configId = m_source.configId;
        manifest->appLabel = m_source.appLabel;
        manifest->aliases = m_source.aliases;
        manifest->kmsPublicKey = {QStringLiteral("kmsPublicKey"), QStringLiteral("kms_key.pub.pem"), {}};
        manifest->gatewayKeys = {QStringLiteral("gatewayKeys"), QStringLiteral("gw_keys.csv.aes"), {}};
        manifest->gatewayKeysSignature
            = {QStringLiteral("gatewayKeysSignature"), QStringLiteral("gw_keys.csv.aes.sig"), {}};
        manifest->nodeType = m_source.nodeType;
        manifest->nodeVersion = m_source.nodeVersion;

        struct Slot
        {
            ManifestFileRef *target;
            QString role;
            QString source;
            QString name;
        };
        m_folders.append(QStringLiteral("node"));
        const QList<Slot> nodeSlots {{&manifest->nodeFirmware, QStringLiteral("node/firmware"),
                                         m_source.nodeFirmwarePath, QStringLiteral("node/firmware.bin")},
            {&manifest->nodeFieldConfig, QStringLiteral("node/fieldConfig"), m_source.nodeFieldConfigPath,
                QStringLiteral("node/field.cfg")},
            {&manifest->nodeFactoryConfig, QStringLiteral("node/factoryConfig"), m_source.nodeFactoryConfigPath,
                QStringLiteral("node/factory.cfg")}};
        for (const Slot &slot : nodeSlots) {
            Result<ManifestFileRef> ref = planFile(slot.role, slot.source, slot.name, true);
            if (!ref)
                return ref.error();
            *slot.target = *ref;
        }
        if (!m_source.apps.isEmpty())
            m_folders.append(QStringLiteral("apps"));
        for (const AppSource &source : m_source.apps) {
            ManifestApp app;
            app.name = source.name;
            app.version = source.version;
            const QString folder = QStringLiteral("apps/") + source.name;
            const QString role = QStringLiteral("app/") + source.name + u'/';
            m_folders.append(folder);
            if (!source.publicKeyPemPath.isEmpty()) {
                if (Status s = checkPublicKeyFile(
                        QStringLiteral("public key of app %1").arg(source.name), source.publicKeyPemPath);
                    !s)
                    return s;
                Result<ManifestFileRef> ref = planFile(role + QStringLiteral("publicKey"), source.publicKeyPemPath,
                    folder + QStringLiteral("/hes_key.pub.pem"), false);
                if (!ref)
                    return ref.error();
                app.publicKey = *ref;
            }
            const QList<Slot> appSlots {{&app.firmware, role + QStringLiteral("firmware"), source.firmwarePath,
                                            folder + QStringLiteral("/firmware.bin")},
                {&app.fieldConfig, role + QStringLiteral("fieldConfig"), source.fieldConfigPath,
                    folder + QStringLiteral("/field.cfg")},
                {&app.factoryConfig, role + QStringLiteral("factoryConfig"), source.factoryConfigPath,
                    folder + QStringLiteral("/factory.cfg")}};
            for (const Slot &slot : appSlots) {
                Result<ManifestFileRef> ref = planFile(slot.role, slot.source, slot.name, true);
                if (!ref)
                    return ref.error();
                *slot.target = *ref;
            }
            manifest->apps.append(app);
        }
        return {};
    }

    Error archiveError() const
    {
        const char *why = archive_error_string(m_archive.get());
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot write %1: %2")
                .arg(m_out.fileName(), why ? QString::fromUtf8(why) : m_out.errorString()));
    }

    std::unique_ptr<struct archive_entry, EntryDeleter> newEntry(const QString &path, bool folder, qint64 size) const
    {
        std::unique_ptr<struct archive_entry, EntryDeleter> entry(archive_entry_new());
        archive_entry_set_pathname_utf8(entry.get(), path.toUtf8().constData());
        archive_entry_set_filetype(entry.get(), folder ? AE_IFDIR : AE_IFREG);
        archive_entry_set_perm(entry.get(), folder ? 0755 : 0644);
        archive_entry_set_size(entry.get(), folder ? 0 : size);
        archive_entry_set_mtime(entry.get(), m_now, 0);
        return entry;
    }

    Status addFolder(const QString &path)
    {
        auto entry = newEntry(path, true, 0);
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK)
            return archiveError();
        return {};
    }

    Status addBytes(const QString &path, const QByteArray &bytes)
    {
        auto entry = newEntry(path, false, bytes.size());
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK)
            return archiveError();
        if (archive_write_data(m_archive.get(), bytes.constData(), static_cast<size_t>(bytes.size())) != bytes.size())
            return archiveError();
        return {};
    }

    Status addFile(const Planned &file)
    {
        QFile in(file.sourcePath);
        if (!in.open(QIODevice::ReadOnly))
            return invalid(QStringLiteral("cannot read %1: %2").arg(file.sourcePath, in.errorString()));
        auto entry = newEntry(file.archivePath, false, file.size);
        if (archive_write_header(m_archive.get(), entry.get()) != ARCHIVE_OK)
            return archiveError();
        QByteArray buffer(kChunk, Qt::Uninitialized);
        qint64 copied = 0;
        for (;;) {
            const qint64 n = in.read(buffer.data(), buffer.size());
            if (n < 0)
                return invalid(QStringLiteral("cannot read %1: %2").arg(file.sourcePath, in.errorString()));
            if (n == 0)
                break;
            copied += n;
            if (copied > file.size)
                break;
            if (archive_write_data(m_archive.get(), buffer.constData(), static_cast<size_t>(n)) != n)
                return archiveError();
        }
        // The MD5 in the manifest was taken before: a file that changed meanwhile
        // would make a package that the reader refuses, so stop here instead.
        if (copied != file.size)
            return invalid(QStringLiteral("%1 changed while the package was being written").arg(file.sourcePath));
        return {};
    }

    const PackageSource &m_source;
    QSaveFile m_out;
    std::unique_ptr<struct archive, WriteArchiveDeleter> m_archive;
    QList<Planned> m_files;
    QStringList m_folders;
    const time_t m_now = static_cast<time_t>(QDateTime::currentSecsSinceEpoch());
};

} // namespace

Result<Manifest> PackageWriter::write(const PackageSource &source, const GatewayKeys &keys,
    const crypto::SecretBytes &passphrase, const crypto::RsaPrivateKey &kmsKey, const QString &outPath)
{
    return Writer(source, outPath).run(keys, passphrase, kmsKey);
}

} // namespace prov::package

#include "package/ArchiveExtractor.h"

#include "crypto/Digest.h"
#include "package/GzipIntegrity.h"
#include "package/ManifestRules.h"
#include "package/PackageLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <memory>

namespace prov::package {

namespace {

constexpr qsizetype kBufferSize = 256 * 1024;
const QString kManifestName = QStringLiteral("manifest.xml");

struct ArchiveDeleter
{
    void operator()(struct archive *a) const { archive_read_free(a); }
};

/// The .tar.gz as libarchive sees it: every byte read is also hashed and
/// gzip-checked, so the package's SHA-256 and CRC cost no second read.
struct Source
{
    QFile file;
    crypto::Digest sha256 {crypto::Digest::Algorithm::Sha256};
    GzipIntegrity gzip; // libarchive skips the gzip trailer check
    QByteArray buffer {kBufferSize, Qt::Uninitialized};
    qint64 bytesRead = 0;
    QString ioError;

    qint64 readChunk()
    {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            ioError = file.errorString();
            return -1;
        }
        sha256.addData(QByteArrayView(buffer.constData(), n));
        gzip.addData(buffer.constData(), n);
        bytesRead += n;
        return n;
    }
};

la_ssize_t readCallback(struct archive *a, void *client, const void **buffer)
{
    auto *source = static_cast<Source *>(client);
    const qint64 n = source->readChunk();
    if (n < 0) {
        archive_set_error(a, EIO, "read error");
        return -1;
    }
    *buffer = source->buffer.constData();
    return static_cast<la_ssize_t>(n);
}

Error invalid(const QString &message)
{
    return makeError(ResultCode::InvalidArguments, message);
}

class Extractor
{
public:
    Extractor(const QString &tarGzPath, const QString &destDir, const PackageLimits &limits)
        : m_packageName(QFileInfo(tarGzPath).fileName())
        , m_dest(destDir)
        , m_limits(limits)
    {
        m_source.file.setFileName(tarGzPath);
    }

    Result<ExtractedArchive> run()
    {
        if (!m_source.file.open(QIODevice::ReadOnly)) {
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("cannot open package %1: %2")
                    .arg(m_source.file.fileName(), m_source.file.errorString()));
        }
        m_result.size = m_source.file.size();
        // Check the gzip signature ourselves: libarchive would happily read an
        // uncompressed tar, which the contract does not allow.
        const QByteArray magic = m_source.file.peek(2);
        if (magic != QByteArrayView("\x1f\x8b"))
            return invalid(QStringLiteral("%1 is not gzip-compressed (a package is a .tar.gz)").arg(m_packageName));

        std::unique_ptr<struct archive, ArchiveDeleter> a(archive_read_new());
        if (!a)
            return makeError(ResultCode::InternalError, QStringLiteral("libarchive: out of memory"));
        archive_read_support_filter_gzip(a.get());
        archive_read_support_format_tar(a.get()); // ustar, pax, GNU tar
        // Names in pax headers are UTF-8 anyway; say so for plain ustar names too,
        // so archive_entry_pathname_utf8 does not depend on the process locale.
        archive_read_set_format_option(a.get(), "tar", "hdrcharset", "UTF-8");
        if (archive_read_open(a.get(), &m_source, nullptr, readCallback, nullptr) != ARCHIVE_OK)
            return libarchiveError(a.get(), QString());

        for (;;) {
            struct archive_entry *entry = nullptr;
            const int r = archive_read_next_header(a.get(), &entry);
            if (r == ARCHIVE_EOF)
                break;
            if (r < ARCHIVE_WARN)
                return libarchiveError(a.get(), QString());
            if (r == ARCHIVE_WARN)
                qCWarning(lcPackage) << m_packageName << "entry header warning:" << archive_error_string(a.get());
            if (archive_filter_code(a.get(), 0) != ARCHIVE_FILTER_GZIP)
                return invalid(QStringLiteral("%1 is not gzip-compressed (a package is a .tar.gz)").arg(m_packageName));
            const Status status = handleEntry(a.get(), entry);
            if (!status)
                return status.error();
        }
        // Hash whatever libarchive did not need (end-of-archive padding, trailing bytes).
        for (;;) {
            const qint64 n = m_source.readChunk();
            if (n < 0)
                return makeError(ResultCode::InternalError,
                    QStringLiteral("cannot read %1: %2").arg(m_packageName, m_source.ioError));
            if (n == 0)
                break;
        }
        if (const QString gzipError = m_source.gzip.finish(); !gzipError.isEmpty()) {
            return invalid(QStringLiteral("%1 is damaged: its gzip check failed (%2)").arg(m_packageName, gzipError));
        }
        m_result.sha256 = m_source.sha256.result();
        return std::move(m_result);
    }

private:
    Error libarchiveError(struct archive *a, const QString &entryName)
    {
        if (!m_source.ioError.isEmpty()) {
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(m_packageName, m_source.ioError));
        }
        const char *why = archive_error_string(a);
        const QString where = entryName.isEmpty() ? QString() : QStringLiteral(" at \"%1\"").arg(entryName);
        const QString detail = why ? QStringLiteral(" (libarchive: %1)").arg(QString::fromUtf8(why)) : QString();
        return invalid(
            QStringLiteral("%1 is damaged, truncated or not a tar archive%2%3").arg(m_packageName, where, detail));
    }

    Status checkType(struct archive_entry *entry, const QString &name)
    {
        const QString only = QStringLiteral("; a package may hold only regular files and folders");
        if (archive_entry_hardlink(entry) || archive_entry_hardlink_w(entry)) {
            const char *target = archive_entry_hardlink_utf8(entry);
            return invalid(QStringLiteral("\"%1\" is a hard link (to \"%2\")%3")
                               .arg(name, target ? QString::fromUtf8(target) : QStringLiteral("?"), only));
        }
        switch (archive_entry_filetype(entry)) {
        case AE_IFREG:
        case AE_IFDIR:
            return {};
        case AE_IFLNK: {
            const char *target = archive_entry_symlink_utf8(entry);
            return invalid(QStringLiteral("\"%1\" is a symbolic link (to \"%2\")%3")
                               .arg(name, target ? QString::fromUtf8(target) : QStringLiteral("?"), only));
        }
        case AE_IFCHR:
            return invalid(QStringLiteral("\"%1\" is a character device%2").arg(name, only));
        case AE_IFBLK:
            return invalid(QStringLiteral("\"%1\" is a block device%2").arg(name, only));
        case AE_IFIFO:
            return invalid(QStringLiteral("\"%1\" is a FIFO (named pipe)%2").arg(name, only));
        case AE_IFSOCK:
            return invalid(QStringLiteral("\"%1\" is a socket%2").arg(name, only));
        default:
            return invalid(QStringLiteral("\"%1\" has an unknown entry type%2").arg(name, only));
        }
    }

    /// Creates the folders above `path` (owner-only) and refuses a file in the way.
    Status makeParents(const QString &path, const QString &rawName)
    {
        const QStringList parts = path.split(u'/');
        QString prefix;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            prefix = prefix.isEmpty() ? parts[i] : prefix + u'/' + parts[i];
            const auto it = m_result.entries.constFind(prefix);
            if (it != m_result.entries.constEnd() && !it->isDirectory)
                return invalid(QStringLiteral("\"%1\" lies below \"%2\", which is a file").arg(rawName, it->rawPath));
            if (!m_createdDirs.contains(prefix)) {
                if (!QDir(m_dest).mkdir(prefix, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
                    return makeError(ResultCode::InternalError,
                        QStringLiteral("cannot create quarantine folder %1").arg(m_dest + u'/' + prefix));
                m_createdDirs.insert(prefix);
            }
        }
        return {};
    }

    Status handleEntry(struct archive *a, struct archive_entry *entry)
    {
        ++m_entryCount;
        if (m_entryCount > m_limits.maxEntries) {
            return invalid(QStringLiteral("%1 holds more than %2 entries (the limit)")
                               .arg(m_packageName)
                               .arg(m_limits.maxEntries));
        }
        const char *rawUtf8 = archive_entry_pathname_utf8(entry);
        if (!rawUtf8)
            return invalid(QStringLiteral("entry %1 of %2 has a name that is not valid UTF-8")
                               .arg(m_entryCount)
                               .arg(m_packageName));
        const QString rawName = QString::fromUtf8(rawUtf8);
        if (const Status type = checkType(entry, rawName); !type)
            return type;
        const Result<QString> normalised = ManifestRules::normalisePath(rawName);
        if (!normalised)
            return invalid(QStringLiteral("entry %1; a package holds only relative paths without \"..\"")
                               .arg(normalised.error().message));
        const QString path = *normalised;
        const bool isDirectory = archive_entry_filetype(entry) == AE_IFDIR;
        if (path.isEmpty()) {
            if (isDirectory)
                return {}; // "./": the archive root itself
            return invalid(QStringLiteral("entry \"%1\" is a file named like the archive root").arg(rawName));
        }
        if (const auto it = m_result.entries.constFind(path); it != m_result.entries.constEnd()) {
            if (it->rawPath == rawName)
                return invalid(QStringLiteral("\"%1\" appears twice in the archive").arg(rawName));
            return invalid(QStringLiteral("\"%1\" appears twice in the archive (as \"%2\" and \"%3\")")
                               .arg(path, it->rawPath, rawName));
        }
        if (!isDirectory && m_createdDirs.contains(path))
            return invalid(QStringLiteral("\"%1\" is a file, but earlier entries use it as a folder").arg(rawName));
        if (const Status parents = makeParents(path, rawName); !parents)
            return parents;

        ArchiveEntry out;
        out.path = path;
        out.rawPath = rawName;
        out.isDirectory = isDirectory;
        if (isDirectory) {
            if (!m_createdDirs.contains(path)) {
                if (!QDir(m_dest).mkdir(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
                    return makeError(ResultCode::InternalError,
                        QStringLiteral("cannot create quarantine folder %1").arg(m_dest + u'/' + path));
                m_createdDirs.insert(path);
            }
            m_result.entries.insert(path, out);
            return {};
        }
        const Status data = extractFile(a, entry, &out);
        if (!data)
            return data;
        m_result.entries.insert(path, out);
        m_result.fileOrder.append(path);
        return {};
    }

    Status checkSize(const QString &name, qint64 fileBytes) const
    {
        if (fileBytes > m_limits.maxFileBytes) {
            return invalid(QStringLiteral("\"%1\" is larger than %2 bytes (the per-file limit)")
                               .arg(name)
                               .arg(m_limits.maxFileBytes));
        }
        if (m_result.uncompressedBytes + fileBytes > m_limits.maxTotalBytes) {
            return invalid(QStringLiteral("%1 unpacks to more than %2 bytes (the total limit), reached at \"%3\"")
                               .arg(m_packageName)
                               .arg(m_limits.maxTotalBytes)
                               .arg(name));
        }
        return {};
    }

    Status extractFile(struct archive *a, struct archive_entry *entry, ArchiveEntry *out)
    {
        const qint64 declared = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
        if (declared < 0)
            return invalid(QStringLiteral("\"%1\" has a negative size in its header").arg(out->rawPath));
        if (const Status size = checkSize(out->rawPath, declared); !size)
            return size;
        if (out->path == kManifestName && declared > m_limits.maxManifestBytes) {
            return invalid(QStringLiteral("manifest.xml is %1 bytes, over the limit of %2 bytes")
                               .arg(declared)
                               .arg(m_limits.maxManifestBytes));
        }

        out->localPath = m_dest + u'/' + out->path;
        QFile file(out->localPath);
        // NewOnly: never follow or overwrite anything already there.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)) {
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot create quarantine file %1: %2").arg(out->localPath, file.errorString()));
        }
        crypto::Digest md5(crypto::Digest::Algorithm::Md5);
        crypto::Digest sha256(crypto::Digest::Algorithm::Sha256);
        qint64 actual = 0;
        for (;;) {
            const la_ssize_t n = archive_read_data(a, m_buffer.data(), static_cast<size_t>(m_buffer.size()));
            if (n == 0)
                break;
            if (n < 0)
                return libarchiveError(a, out->rawPath);
            actual += n;
            // Re-checked on the bytes really read, whatever the header claimed.
            if (actual > declared) {
                if (const Status size = checkSize(out->rawPath, actual); !size)
                    return size;
            }
            const QByteArrayView chunk(m_buffer.constData(), n);
            md5.addData(chunk);
            sha256.addData(chunk);
            if (file.write(chunk.data(), chunk.size()) != chunk.size()) {
                return makeError(ResultCode::InternalError,
                    QStringLiteral("cannot write quarantine file %1: %2").arg(out->localPath, file.errorString()));
            }
        }
        if (!file.flush()) {
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot write quarantine file %1: %2").arg(out->localPath, file.errorString()));
        }
        file.close();
        if (actual != declared) {
            return invalid(QStringLiteral("%1 is damaged or truncated: \"%2\" holds %3 bytes, its header says %4")
                               .arg(m_packageName, out->rawPath)
                               .arg(actual)
                               .arg(declared));
        }
        out->size = actual;
        out->md5 = md5.result();
        out->sha256 = sha256.result();
        m_result.uncompressedBytes += actual;
        return {};
    }

    QString m_packageName;
    QString m_dest;
    PackageLimits m_limits;
    Source m_source;
    ExtractedArchive m_result;
    QSet<QString> m_createdDirs;
    QByteArray m_buffer {kBufferSize, Qt::Uninitialized};
    int m_entryCount = 0;
};

} // namespace

Result<ExtractedArchive> ArchiveExtractor::extract(
    const QString &tarGzPath, const QString &destDir, const PackageLimits &limits)
{
    return Extractor(tarGzPath, destDir, limits).run();
}

} // namespace prov::package

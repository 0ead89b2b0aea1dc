#pragma once

#include "domain/Result.h"
#include "package/PackageInfo.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace prov::package {

/// One entry of the archive after extraction into the quarantine folder.
struct ArchiveEntry
{
    QString path; ///< normalised (no `./`, no trailing `/`)
    QString rawPath; ///< as stored in the archive
    bool isDirectory = false;
    qint64 size = 0;
    QByteArray md5; ///< raw 16 bytes (regular files)
    QByteArray sha256; ///< raw 32 bytes (regular files)
    QString localPath; ///< the extracted copy (regular files)
};

struct ExtractedArchive
{
    QHash<QString, ArchiveEntry> entries; ///< by normalised path (files and explicit folders)
    QStringList fileOrder; ///< regular files in archive order
    QByteArray sha256; ///< raw SHA-256 of the whole .tar.gz file
    qint64 size = 0; ///< bytes of the .tar.gz file
    qint64 uncompressedBytes = 0; ///< sum of the regular files' sizes
};

/// Streams a .tar.gz through libarchive into a folder, enforcing the container
/// rules of package-format.md as it goes: gzip-compressed tar only; regular files
/// and folders only (links, devices, FIFOs, sockets refused); no absolute path,
/// no `..`, no duplicate (after `./a` == `a`), no file where a folder is needed;
/// entry count, per-file, total and manifest sizes checked from each header before
/// its data is read and again on the bytes actually read, so an archive bomb stops
/// at the limit. Files are written owner-only with MD5 and SHA-256 computed in the
/// same pass; the SHA-256 of the whole .tar.gz comes from the same read.
/// Only folders and regular files this function creates itself ever appear under
/// `destDir`; nothing outside it is touched whatever the archive holds.
class ArchiveExtractor
{
public:
    [[nodiscard]] static Result<ExtractedArchive> extract(
        const QString &tarGzPath, const QString &destDir, const PackageLimits &limits);
};

} // namespace prov::package

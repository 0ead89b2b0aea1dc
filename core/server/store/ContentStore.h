#pragma once

#include "domain/Result.h"

#include <QString>

namespace prov::server {

/// Package files by content: data-dir/files/ab/abcdef... (lower-case SHA-256 hex),
/// written to a temporary name, fsynced, renamed, and the directory fsynced, so a
/// stored file is either complete or absent after a power cut. Identical content
/// is stored once. The database (content_files) says which files are in use.
class ContentStore
{
public:
    explicit ContentStore(const QString &dataDir);

    /// data-dir/files/ab/abcdef...; sha256Hex must be 64 lower-case hex digits.
    [[nodiscard]] QString pathFor(const QString &sha256Hex) const;
    [[nodiscard]] bool contains(const QString &sha256Hex) const;
    /// data-dir/tmp: quarantine and staging area on the same file system, so files
    /// move into place by rename.
    [[nodiscard]] QString scratchDir() const;

    /// Puts the file at `source` into the store under `sha256Hex` (moved when it can
    /// be renamed, else copied). Returns true when it created the file, false when
    /// identical content was already stored (the source is left alone then).
    [[nodiscard]] Result<bool> put(const QString &source, const QString &sha256Hex);
    /// Removes a file put() created (to undo a failed import).
    void remove(const QString &sha256Hex);

    [[nodiscard]] static bool isSha256Hex(const QString &text);

private:
    QString m_root;
    QString m_scratch;
};

} // namespace prov::server

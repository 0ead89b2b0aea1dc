#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace prov::server {

/// A stored file read a slice at a time, so no reader holds a whole file.
class ContentReader
{
public:
    virtual ~ContentReader() = default;
    /// Appends up to `maxBytes` of what is left of the range to `out`; an error
    /// names the file's hash, never where it is kept.
    [[nodiscard]] virtual Status read(qint64 maxBytes, QByteArray &out) = 0;
    [[nodiscard]] virtual bool atEnd() const = 0;
};

/// Package files by content (lower-case SHA-256 hex): identical content is
/// stored once, and the database (content_files) says which files are in use.
/// Two places keep them (docs/server.md, "Package files"): a folder of the data
/// directory (FolderContentStore, SQLite) and the database itself
/// (DatabaseContentStore, PostgreSQL), where every server sharing the database
/// reads what any of them imported.
class ContentStore
{
public:
    virtual ~ContentStore() = default;

    /// Where stored files are kept, for messages and the start-up line.
    [[nodiscard]] virtual QString describe() const = 0;

    /// Stores the file at `source` under `sha256Hex`; true when it stored it,
    /// false when identical content was already there. Called inside the
    /// import's write transaction on this thread's connection: the database
    /// store writes in that transaction, the folder store moves the file into
    /// place at once (remove() undoes that when the import fails).
    [[nodiscard]] virtual Result<bool> put(const QString &source, const QString &sha256Hex) = 0;
    /// Undoes a put() that returned true, when its transaction does not commit.
    virtual void remove(const QString &sha256Hex) = 0;

    /// The bytes [start, start + length) of a stored file.
    [[nodiscard]] virtual Result<std::unique_ptr<ContentReader>> open(
        const QString &sha256Hex, qint64 start, qint64 length) const = 0;

    /// The files content_files lists that this store cannot serve whole (absent,
    /// unreadable or of the wrong size), in hash order.
    [[nodiscard]] virtual Result<QStringList> missing() const = 0;

    [[nodiscard]] static bool isSha256Hex(const QString &text);
};

} // namespace prov::server

#pragma once

#include "server/store/ContentStore.h"

namespace prov::server {

class Database;

/// Package files in the database (PostgreSQL): table content_chunks, one row
/// per kChunkBytes of a file (sha256, seq, data BYTEA), written in the import's
/// own transaction, so a file is there exactly when the rows that list it are,
/// on every server that shares the database. Files go in and out one chunk at
/// a time: neither an import nor a download holds a whole file in memory, and
/// a range request reads only the chunks it covers.
class DatabaseContentStore : public ContentStore
{
public:
    /// 256 KiB: a row fetch on the HTTP thread is short (a download pulls 64 KiB
    /// slices, so one row serves four), and a 64 MiB firmware is 256 rows.
    static constexpr qint64 kChunkBytes = 256 * 1024;

    explicit DatabaseContentStore(const Database &database);

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<bool> put(const QString &source, const QString &sha256Hex) override;
    void remove(const QString &sha256Hex) override;
    [[nodiscard]] Result<std::unique_ptr<ContentReader>> open(
        const QString &sha256Hex, qint64 start, qint64 length) const override;
    [[nodiscard]] Result<QStringList> missing() const override;

    /// Copies the files content_files lists but the database lacks from the
    /// folder `dataDir`/files, where a server on this database kept them before
    /// (each checked against its SHA-256 on the way in). Returns how many.
    [[nodiscard]] Result<int> adoptFolder(const QString &dataDir);

private:
    const Database &m_database;
};

} // namespace prov::server

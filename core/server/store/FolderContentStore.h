#pragma once

#include "server/store/ContentStore.h"

namespace prov::server {

class Database;

/// Package files in DATA-DIR/files/ab/abcdef..., written to a temporary name
/// (`.incoming-*`), fsynced, renamed, and the directory fsynced, so a stored
/// file is either complete or absent after a power cut. SQLite's store: one
/// server owns its data directory.
class FolderContentStore : public ContentStore
{
public:
    FolderContentStore(const Database &database, const QString &dataDir);

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<bool> put(const QString &source, const QString &sha256Hex) override;
    void remove(const QString &sha256Hex) override;
    [[nodiscard]] Result<std::unique_ptr<ContentReader>> open(
        const QString &sha256Hex, qint64 start, qint64 length) const override;
    [[nodiscard]] Result<QStringList> missing() const override;

    /// data-dir/files/ab/abcdef...; sha256Hex must be 64 lower-case hex digits.
    [[nodiscard]] QString pathFor(const QString &sha256Hex) const;
    /// pathFor() under the data directory `dataDir` (a store not opened here).
    [[nodiscard]] static QString pathIn(const QString &dataDir, const QString &sha256Hex);

private:
    const Database &m_database;
    QString m_root;
};

} // namespace prov::server

#pragma once

#include "domain/Result.h"

#include <QString>

namespace prov::server {

class ContentStore;
class Database;

/// The package files published as a folder tree for stations that read them
/// from a file share (SMB, NFS) instead of downloading them: ROOT/ab/abcdef...,
/// named by SHA-256 like the store, so a file never changes once there and a
/// configuration's revisions never clash. Readable by everyone (0644, folders
/// 0755): the share decides who sees it. A file is written under a temporary
/// name and renamed, so a station (or another server publishing into the same
/// folder) never sees half of one.
class SharedFolder
{
public:
    SharedFolder(const ContentStore &content, QString root);

    [[nodiscard]] const QString &root() const { return m_root; }
    /// ROOT/ab/abcdef..., the path a configuration hands out.
    [[nodiscard]] QString pathFor(const QString &sha256Hex) const;
    /// Makes sure the file is there with `size` bytes, copying it from the
    /// content store when it is not.
    [[nodiscard]] Status publish(const QString &sha256Hex, qint64 size) const;
    /// publish() for every file content_files lists; how many it copied.
    [[nodiscard]] Result<int> publishAll(const Database &database) const;

private:
    const ContentStore &m_content;
    QString m_root;
};

} // namespace prov::server

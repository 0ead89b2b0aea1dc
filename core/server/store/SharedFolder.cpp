#include "server/store/SharedFolder.h"

#include "server/ServerLog.h"
#include "server/store/ContentStore.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace prov::server {

namespace {

constexpr qint64 kCopySlice = 1 << 20;
constexpr QFileDevice::Permissions kFileMode
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
constexpr QFileDevice::Permissions kFolderMode
    = kFileMode | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;

} // namespace

SharedFolder::SharedFolder(const ContentStore &content, QString root)
    : m_content(content)
    , m_root(QDir::cleanPath(QFileInfo(root).absoluteFilePath()))
{ }

QString SharedFolder::pathFor(const QString &sha256Hex) const
{
    return m_root + u'/' + sha256Hex.left(2) + u'/' + sha256Hex;
}

Status SharedFolder::publish(const QString &sha256Hex, qint64 size) const
{
    const QString target = pathFor(sha256Hex);
    const QFileInfo existing(target);
    if (existing.isFile() && existing.size() == size)
        return {};
    const QString folder = existing.absolutePath();
    if (!QDir().mkpath(folder))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot create the shared folder %1").arg(folder));
    QFile::setPermissions(m_root, kFolderMode);
    QFile::setPermissions(folder, kFolderMode);
    auto reader = m_content.open(sha256Hex, 0, size);
    if (!reader)
        return reader.error();
    // Hidden temporary name: a station listing the folder never takes it for a file.
    QFile out(folder + QStringLiteral("/.publishing-") + QUuid::createUuid().toString(QUuid::Id128));
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot write into the shared folder %1: %2").arg(folder, out.errorString()));
    QByteArray slice;
    Status copied;
    while (copied.ok() && !reader.value()->atEnd()) {
        slice.clear();
        copied = reader.value()->read(kCopySlice, slice);
        if (copied.ok() && out.write(slice) != slice.size())
            copied = makeError(ResultCode::InternalError,
                QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    }
    if (copied.ok() && !out.flush())
        copied = makeError(
            ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    out.close();
    if (copied.ok()) {
        out.setPermissions(kFileMode);
        // rename(2) replaces a damaged or short file at the target in one step.
        if (::rename(QFile::encodeName(out.fileName()).constData(), QFile::encodeName(target).constData()) != 0)
            copied = makeError(ResultCode::InternalError,
                QStringLiteral("cannot move a file into place at %1: %2")
                    .arg(target, QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (!copied.ok()) {
        out.remove();
        return copied;
    }
    qCInfo(lcServerStore) << "published" << sha256Hex << "to the shared folder";
    return {};
}

Result<int> SharedFolder::publishAll(const Database &database) const
{
    QList<std::pair<QString, qint64>> files;
    {
        auto db = database.connection();
        if (!db)
            return db.error();
        auto rows = runSql(db.value(), QStringLiteral("SELECT sha256, size FROM content_files ORDER BY sha256"));
        if (!rows)
            return rows.error();
        while (rows->next())
            files.append({rows->value(0).toString(), rows->value(1).toLongLong()});
    }
    int copied = 0;
    for (const auto &[sha, size] : std::as_const(files)) {
        const QFileInfo before(pathFor(sha));
        const bool present = before.isFile() && before.size() == size;
        if (auto ok = publish(sha, size); !ok)
            return ok.error();
        if (!present)
            ++copied;
    }
    return copied;
}

} // namespace prov::server

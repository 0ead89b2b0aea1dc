#include "server/store/FolderContentStore.h"

#include "server/ServerLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace prov::server {

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool fsyncPath(const QString &path, bool directory)
{
    const int fd
        = ::open(QFile::encodeName(path).constData(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

/// Copies with a 1 MiB buffer and fsyncs the copy.
Status copyDurably(const QString &source, const QString &target)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot create %1: %2").arg(target, out.errorString()));
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
        if (n == 0)
            break;
        if (out.write(buffer.constData(), n) != n)
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(target, out.errorString()));
    }
    if (!out.flush() || ::fsync(out.handle()) != 0)
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot flush %1 to disk: %2").arg(target, errnoText()));
    return {};
}

/// A byte range of a stored file.
class FileContentReader : public ContentReader
{
public:
    FileContentReader(QString sha256Hex, qint64 length)
        : m_sha256(std::move(sha256Hex))
        , m_remaining(length)
    { }

    Status open(const QString &path, qint64 start)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::ReadOnly) || m_file.size() < start + m_remaining || !m_file.seek(start)) {
            qCWarning(lcServerStore) << "cannot read the stored file" << path << m_file.errorString();
            return makeError(ResultCode::InternalError,
                QStringLiteral("the stored file %1 is missing or unreadable on this server").arg(m_sha256));
        }
        return {};
    }

    Status read(qint64 maxBytes, QByteArray &out) override
    {
        const qint64 want = qMin(maxBytes, m_remaining);
        const qsizetype before = out.size();
        out.resize(before + want);
        const qint64 n = m_file.read(out.data() + before, want);
        if (n <= 0) {
            out.resize(before);
            qCWarning(lcServerStore) << "cannot read the stored file" << m_file.fileName() << m_file.errorString();
            return makeError(ResultCode::InternalError,
                QStringLiteral("the stored file %1 cannot be read on this server").arg(m_sha256));
        }
        out.resize(before + n);
        m_remaining -= n;
        return {};
    }

    bool atEnd() const override { return m_remaining == 0; }

private:
    QString m_sha256;
    QFile m_file;
    qint64 m_remaining;
};

} // namespace

FolderContentStore::FolderContentStore(const Database &database, const QString &dataDir)
    : m_database(database)
    , m_root(QDir(dataDir).filePath(QStringLiteral("files")))
{ }

QString FolderContentStore::describe() const
{
    return QStringLiteral("folder %1").arg(QDir::toNativeSeparators(m_root));
}

QString FolderContentStore::pathIn(const QString &dataDir, const QString &sha256Hex)
{
    return QDir(dataDir).filePath(QStringLiteral("files/")) + sha256Hex.left(2) + u'/' + sha256Hex;
}

QString FolderContentStore::pathFor(const QString &sha256Hex) const
{
    return m_root + u'/' + sha256Hex.left(2) + u'/' + sha256Hex;
}

Result<std::unique_ptr<ContentReader>> FolderContentStore::open(
    const QString &sha256Hex, qint64 start, qint64 length) const
{
    if (!isSha256Hex(sha256Hex))
        return makeError(ResultCode::InvalidArguments, QStringLiteral("'%1' is not a SHA-256").arg(sha256Hex.left(80)));
    auto reader = std::make_unique<FileContentReader>(sha256Hex, length);
    if (auto ok = reader->open(pathFor(sha256Hex), start); !ok)
        return ok.error();
    return std::unique_ptr<ContentReader>(std::move(reader));
}

Result<QStringList> FolderContentStore::missing() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(), QStringLiteral("SELECT sha256, size FROM content_files ORDER BY sha256"));
    if (!rows)
        return rows.error();
    QStringList list;
    while (rows->next()) {
        const QString sha = rows->value(0).toString();
        const QFileInfo info(pathFor(sha));
        if (!info.isFile() || !info.isReadable() || info.size() != rows->value(1).toLongLong())
            list.append(sha);
    }
    return list;
}

Result<bool> FolderContentStore::put(const QString &source, const QString &sha256Hex)
{
    if (!isSha256Hex(sha256Hex))
        return makeError(
            ResultCode::InternalError, QStringLiteral("'%1' is not a SHA-256 in hex").arg(sha256Hex.left(80)));
    const QString target = pathFor(sha256Hex);
    if (QFileInfo::exists(target))
        return false;
    const QString dir = QFileInfo(target).absolutePath();
    const bool newDir = !QFileInfo::exists(dir);
    if (!QDir().mkpath(dir))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot create %1").arg(dir));
    if (newDir)
        fsyncPath(m_root, true);

    // Stage beside the target (same directory, so the rename is atomic), then rename.
    const QString staged = dir + QStringLiteral("/.incoming-") + QUuid::createUuid().toString(QUuid::Id128);
    const QByteArray stagedName = QFile::encodeName(staged);
    if (::rename(QFile::encodeName(source).constData(), stagedName.constData()) == 0) {
        if (!fsyncPath(staged, false)) {
            const QString why = errnoText();
            ::rename(stagedName.constData(), QFile::encodeName(source).constData());
            return makeError(ResultCode::InternalError, QStringLiteral("cannot flush %1 to disk: %2").arg(staged, why));
        }
    } else {
        // Another file system (EXDEV) or a source we may not move: copy.
        if (auto ok = copyDurably(source, staged); !ok) {
            QFile::remove(staged);
            if (newDir)
                QDir().rmdir(dir); // leave the tree as it was
            return ok.error();
        }
    }
    QFile::setPermissions(staged, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (::rename(stagedName.constData(), QFile::encodeName(target).constData()) != 0) {
        const QString why = errnoText();
        QFile::remove(staged);
        return makeError(ResultCode::InternalError, QStringLiteral("cannot move %1 into place: %2").arg(target, why));
    }
    fsyncPath(dir, true);
    return true;
}

void FolderContentStore::remove(const QString &sha256Hex)
{
    if (!isSha256Hex(sha256Hex))
        return;
    const QString target = pathFor(sha256Hex);
    const QString dir = QFileInfo(target).absolutePath();
    if (!QFile::remove(target))
        qCWarning(lcServerStore) << "cannot remove" << target;
    // Leave no empty fan-out folder behind: the tree must look as it did before.
    QDir().rmdir(dir);
    QDir().rmdir(m_root);
    fsyncPath(QFileInfo(m_root).absolutePath(), true);
}

} // namespace prov::server

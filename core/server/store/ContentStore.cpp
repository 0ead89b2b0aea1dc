#include "server/store/ContentStore.h"

#include "support/Logging.h"

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

} // namespace

ContentStore::ContentStore(const QString &dataDir)
    : m_root(QDir(dataDir).filePath(QStringLiteral("files")))
    , m_scratch(QDir(dataDir).filePath(QStringLiteral("tmp")))
{ }

bool ContentStore::isSha256Hex(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString ContentStore::pathFor(const QString &sha256Hex) const
{
    return m_root + u'/' + sha256Hex.left(2) + u'/' + sha256Hex;
}

bool ContentStore::contains(const QString &sha256Hex) const
{
    return isSha256Hex(sha256Hex) && QFileInfo::exists(pathFor(sha256Hex));
}

QString ContentStore::scratchDir() const
{
    return m_scratch;
}

Result<bool> ContentStore::put(const QString &source, const QString &sha256Hex)
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

void ContentStore::remove(const QString &sha256Hex)
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

#include "server/store/ScratchArea.h"

#include "server/ServerLog.h"
#include "server/store/StoreLock.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace prov::server {

namespace {

/// Removes `path` (a folder with everything in it, or a file); true when it is gone.
bool removeEntry(const QFileInfo &entry)
{
    if (entry.isDir() && !entry.isSymLink())
        return QDir(entry.absoluteFilePath()).removeRecursively();
    return QFile::remove(entry.absoluteFilePath());
}

} // namespace

ScratchArea::ScratchArea(const QString &dataDir)
    : m_dataDir(dataDir)
{ }

ScratchArea::~ScratchArea()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

QString ScratchArea::lockPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("tmp.lock"));
}

Result<QString> ScratchArea::scratchId() const
{
    const QString path = QDir(m_dataDir).filePath(QStringLiteral("scratch.id"));
    QFile existing(path);
    if (!existing.exists()) {
        // Written whole under a name of its own, then linked into place: link(2)
        // fails if another process got there first (atomic on NFS too), and
        // nobody ever reads half an id.
        const QString staged = path + QStringLiteral(".") + QUuid::createUuid().toString(QUuid::Id128);
        QFile out(staged);
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)
            || out.write(QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1()) != 36 || !out.flush())
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(staged, out.errorString()));
        out.close();
        const int linked = ::link(QFile::encodeName(staged).constData(), QFile::encodeName(path).constData());
        const int why = errno;
        QFile::remove(staged);
        if (linked != 0 && why != EEXIST)
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(why))));
    }
    if (!existing.open(QIODevice::ReadOnly))
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(path, existing.errorString()));
    const QString id = QString::fromLatin1(existing.read(64)).trimmed();
    if (QUuid::fromString(id).isNull())
        return makeError(ResultCode::InternalError,
            QStringLiteral("%1 does not hold a UUID; remove it while no server uses this data directory").arg(path));
    return id;
}

Result<ScratchCleanup> ScratchArea::claim(StoreLock &storeLock)
{
    const auto id = scratchId();
    if (!id)
        return id.error();
    if (m_fd < 0) {
        m_fd = ::open(QFile::encodeName(lockPath()).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd < 0)
            return makeError(ResultCode::InternalError,
                QStringLiteral("cannot open %1: %2").arg(lockPath(), QString::fromLocal8Bit(std::strerror(errno))));
    }
    ScratchCleanup cleanup;
    bool databaseExclusive = false;
    const bool fileExclusive = ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
    const int flockErrno = errno;
    if (fileExclusive) {
        auto claimed = storeLock.tryScratchExclusive(id.value());
        if (!claimed)
            return claimed.error();
        databaseExclusive = claimed.value();
    }
    if (fileExclusive && databaseExclusive) {
        cleanup.cleaned = true;
        const QDir data(m_dataDir);
        // Everything in tmp/ is scratch of some import or upload: whole folders go.
        const QFileInfoList scratch
            = QDir(data.filePath(QStringLiteral("tmp")))
                  .entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QFileInfo &entry : scratch) {
            // An empty tmp/uploads (between uploads) is the normal state, not a leftover.
            if (entry.fileName() == u"uploads" && entry.isDir() && !entry.isSymLink()
                && QDir(entry.absoluteFilePath())
                       .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
                continue;
            if (removeEntry(entry))
                cleanup.removed.append(data.relativeFilePath(entry.absoluteFilePath()));
            else
                qCWarning(lcServerStore) << "cannot remove leftover" << entry.absoluteFilePath();
        }
        // Files the content store staged but never renamed into place.
        QDirIterator staged(data.filePath(QStringLiteral("files")), {QStringLiteral(".incoming-*")},
            QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (staged.hasNext()) {
            const QString path = staged.next();
            if (QFile::remove(path))
                cleanup.removed.append(data.relativeFilePath(path));
        }
        for (const QString &path : std::as_const(cleanup.removed))
            qCInfo(lcServerStore) << "removed a leftover of an interrupted import:" << path;
    } else if (!fileExclusive && flockErrno != EWOULDBLOCK) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot lock %1: %2").arg(lockPath(), QString::fromLocal8Bit(std::strerror(flockErrno))));
    }
    // Shared from now on (converting from exclusive, or waiting for a cleanup in
    // another process to finish).
    if (::flock(m_fd, LOCK_SH) != 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot lock %1: %2").arg(lockPath(), QString::fromLocal8Bit(std::strerror(errno))));
    if (Status ok = storeLock.holdScratchShared(id.value(), databaseExclusive); !ok)
        return ok.error();
    return cleanup;
}

} // namespace prov::server

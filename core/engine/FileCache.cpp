#include "engine/FileCache.h"

#include "crypto/Digest.h"
#include "engine/EngineLog.h"
#include "engine/ServerClient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QUuid>

#include <filesystem>
#include <system_error>

namespace prov::engine {

namespace {

/// What a download or copy in progress is called (with ".part" while the
/// client writes it); the dot keeps it apart from every verified file's name
/// (64 hex digits).
const QString kTemporaryPattern = QStringLiteral(".incoming-*");
/// A temporary file older than this belongs to a process that died.
constexpr qint64 kAbandonedAfterSecs = 24 * 3600;

} // namespace

FileCache::FileCache(QString directory, ServerClient *client, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_client(client)
{
    QDir().mkpath(m_directory);
    // Other processes (one CLI per port, the window) use this folder at the same
    // time: only what is long abandoned is removed, never a download in progress.
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-kAbandonedAfterSecs);
    const QFileInfoList leftovers = QDir(m_directory).entryInfoList({kTemporaryPattern}, QDir::Files | QDir::Hidden);
    for (const QFileInfo &file : leftovers) {
        if (file.lastModified().toUTC() < before)
            QFile::remove(file.filePath());
    }
}

ResultCode FileCache::unavailableCode(const QString &role)
{
    const bool firmware = role.endsWith(QLatin1String("/firmware"));
    if (role.startsWith(QLatin1String("node/")))
        return firmware ? ResultCode::NodeFirmwareUnavailable : ResultCode::NodeConfigurationUnavailable;
    return firmware ? ResultCode::HostFirmwareUnavailable : ResultCode::HostConfigurationUnavailable;
}

FileCache::Stats FileCache::stats() const
{
    QMutexLocker lock(&m_statsMutex);
    return m_stats;
}

QString FileCache::pathFor(const ConfigFile &file) const
{
    return QDir(m_directory).filePath(QString::fromLatin1(file.sha256.toHex()));
}

QString FileCache::temporaryPathFor(const ConfigFile &file) const
{
    // Unique across processes: each downloads to its own name and nobody
    // renames over a file another is still writing.
    return QDir(m_directory)
        .filePath(
            QStringLiteral(".incoming-%1-%2")
                .arg(QString::fromLatin1(file.sha256.toHex().left(16)), QUuid::createUuid().toString(QUuid::Id128)));
}

Result<QString> FileCache::publish(const ConfigFile &file, const QString &temporary) const
{
    const QString path = pathFor(file);
    // rename(2) replaces an existing name atomically (MoveFileEx with
    // MOVEFILE_REPLACE_EXISTING on Windows): a process that opens the cached
    // file meanwhile gets either the old copy or this one, both verified and
    // identical. QFile::rename() refuses to replace.
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(temporary).toStdString(), QFile::encodeName(path).toStdString(), error);
    if (error && QFile::exists(path)) {
        // Windows refuses to replace a file that another process has open: then
        // that process's copy, verified again, is as good as ours.
        Result<crypto::FileDigests> d = crypto::digestFile(path);
        if (d.ok() && verify(file, path, d->size, d->md5, d->sha256).ok())
            error.clear();
    }
    QFile::remove(temporary);
    if (error)
        return makeError(ResultCode::UnknownError,
            QStringLiteral("cannot move the download to %1: %2")
                .arg(QDir::toNativeSeparators(path), QString::fromStdString(error.message())));
    return path;
}

void FileCache::fetch(const ConfigFile &file, QObject *context, Callback done)
{
    QPointer<QObject> ctx(context);
    QMetaObject::invokeMethod(
        this,
        [this, file, ctx, done = std::move(done)] {
            const QString path = pathFor(file);
            if (m_verified.contains(file.sha256) && QFile::exists(path)) {
                QMutexLocker lock(&m_statsMutex);
                ++m_stats.hits;
                postTo(ctx, [done, path] { done(path); });
                return;
            }
            const bool running = m_inFlight.contains(file.sha256);
            m_inFlight[file.sha256].append(Waiter {ctx, done});
            if (running) {
                QMutexLocker lock(&m_statsMutex);
                ++m_stats.hits;
                return;
            }
            start(file);
        },
        Qt::QueuedConnection);
}

Status FileCache::verify(
    const ConfigFile &file, const QString &path, qint64 size, const QByteArray &md5, const QByteArray &sha256) const
{
    const auto mismatch = [&](const QString &what, const QByteArray &got, const QByteArray &want) {
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("file %1 (%2) has %3 %4, the configuration says %5")
                .arg(file.path, file.role, what, QString::fromLatin1(got.toHex()), QString::fromLatin1(want.toHex())),
            QDir::toNativeSeparators(path));
    };
    if (size != file.size)
        return makeError(ResultCode::ServerResponseInvalid,
            QStringLiteral("file %1 (%2) has %3 bytes, the configuration says %4")
                .arg(file.path, file.role)
                .arg(size)
                .arg(file.size));
    if (sha256 != file.sha256)
        return mismatch(QStringLiteral("SHA-256"), sha256, file.sha256);
    if (md5 != file.md5)
        return mismatch(QStringLiteral("MD5"), md5, file.md5);
    return {};
}

void FileCache::start(const ConfigFile &file)
{
    const QString path = pathFor(file);
    // A file a previous run left here is used after checking it again.
    if (QFile::exists(path)) {
        Result<crypto::FileDigests> d = crypto::digestFile(path);
        if (d.ok() && verify(file, path, d->size, d->md5, d->sha256).ok()) {
            finish(file.sha256, path);
            return;
        }
        QFile::remove(path);
    }

    const QString temporary = temporaryPathFor(file);
    const QString shared = m_client->endpoint().translatePath(file.sharedPath);
    if (!shared.isEmpty() || (file.url.isEmpty() && !file.sharedPath.isEmpty())) {
        const QString source = shared.isEmpty() ? file.sharedPath : shared;
        if (!QFile::copy(source, temporary)) {
            QFile::remove(temporary);
            finish(file.sha256,
                makeError(ResultCode::ServerFileUnreadable,
                    QStringLiteral("cannot read %1 (%2) from the shared folder")
                        .arg(QDir::toNativeSeparators(source), file.role)));
            return;
        }
        {
            QMutexLocker lock(&m_statsMutex);
            ++m_stats.sharedCopies;
        }
        Result<crypto::FileDigests> d = crypto::digestFile(temporary);
        const Status ok = d.ok() ? verify(file, source, d->size, d->md5, d->sha256) : Status(d.error());
        if (!ok.ok()) {
            QFile::remove(temporary);
            finish(file.sha256, ok.error());
            return;
        }
        finish(file.sha256, publish(file, temporary));
        return;
    }

    {
        QMutexLocker lock(&m_statsMutex);
        ++m_stats.downloads;
    }
    // Verified under its temporary name, published only when it is right: the
    // cache never holds an unverified file under a name others will open.
    m_client->download(file.url, temporary, this, [this, file, temporary](const Result<crypto::FileDigests> &d) {
        if (!d.ok()) {
            Error e = d.error();
            if (e.context == QLatin1String("http 404") || e.context == QLatin1String("http 410"))
                e.code = unavailableCode(file.role);
            e.message = QStringLiteral("%1 (%2): %3").arg(file.path, file.role, e.message);
            QFile::remove(temporary);
            finish(file.sha256, e);
            return;
        }
        const Status ok = verify(file, pathFor(file), d->size, d->md5, d->sha256);
        if (!ok.ok()) {
            QFile::remove(temporary);
            finish(file.sha256, ok.error());
            return;
        }
        finish(file.sha256, publish(file, temporary));
    });
}

void FileCache::finish(const QByteArray &sha256, const Result<QString> &result)
{
    if (result.ok())
        m_verified.insert(sha256);
    else
        qCWarning(lcEngine).noquote() << "file" << sha256.toHex() << ":" << result.error().toString();
    const QList<Waiter> waiters = m_inFlight.take(sha256);
    for (const Waiter &w : waiters)
        postTo(w.context, [done = w.done, result] { done(result); });
}

} // namespace prov::engine

#pragma once

#include "domain/Result.h"
#include "engine/Configuration.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace prov::engine {

class ServerClient;

/// Configuration files on the station, content-addressed by SHA-256 and
/// verified (size, MD5, SHA-256) before anyone uses them. Shared by every
/// station of the process: one download per file however many stations ask
/// at once (32 stations on one configuration download each file once).
/// In shared-folder mode files are copied from the translated path instead.
/// Lives on its ServerClient's thread; fetch() may be called from any thread.
///
/// Several processes (one CLI per port, the window) may share one cache
/// folder: each downloads or copies to its own temporary name, verifies it
/// there and renames it into place atomically, so a cached name only ever
/// holds a complete, verified file, and two processes fetching the same file
/// at once both succeed (the second rename replaces the first's identical copy).
class FileCache : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Result<QString> &path)>;

    struct Stats
    {
        int downloads = 0; ///< files fetched over HTTP
        int sharedCopies = 0; ///< files copied from the shared folder
        int hits = 0; ///< requests answered from the cache (or a fetch already running)
    };

    FileCache(QString directory, ServerClient *client, QObject *parent = nullptr);

    /// The verified local path of `file`. Errors: 100/101 from the server, a
    /// file the server does not have is the role's "unavailable" code (43, 44,
    /// 75, 76), a hash mismatch 102, an unreadable shared folder 108.
    void fetch(const ConfigFile &file, QObject *context, Callback done);
    [[nodiscard]] Stats stats() const;
    [[nodiscard]] QString directory() const { return m_directory; }

    /// The result code for "the server has no such file" of a role.
    [[nodiscard]] static ResultCode unavailableCode(const QString &role);

private:
    void start(const ConfigFile &file);
    void finish(const QByteArray &sha256, const Result<QString> &result);
    [[nodiscard]] Status verify(const ConfigFile &file, const QString &path, qint64 size, const QByteArray &md5,
        const QByteArray &sha256) const;
    [[nodiscard]] QString pathFor(const ConfigFile &file) const;
    /// A name in the cache folder no other fetch (of any process) uses.
    [[nodiscard]] QString temporaryPathFor(const ConfigFile &file) const;
    /// Moves the verified `temporary` to the file's cached name; returns that path.
    [[nodiscard]] Result<QString> publish(const ConfigFile &file, const QString &temporary) const;

    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };

    QString m_directory;
    ServerClient *m_client;
    QHash<QByteArray, QList<Waiter>> m_inFlight;
    QSet<QByteArray> m_verified;
    mutable QMutex m_statsMutex;
    Stats m_stats;
};

} // namespace prov::engine

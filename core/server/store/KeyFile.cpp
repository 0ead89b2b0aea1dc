#include "server/store/KeyFile.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace prov::server::keyfile {

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

Result<crypto::SecretBytes> read(const QString &path, qsizetype size)
{
    const QByteArray native = QFile::encodeName(path);
    Fd file;
    file.fd = ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (file.fd < 0) {
        return makeError(
            ResultCode::InternalError, QStringLiteral("cannot open the master key file %1: %2").arg(path, errnoText()));
    }
    struct stat info = {};
    if (::fstat(file.fd, &info) != 0)
        return makeError(ResultCode::InternalError, QStringLiteral("cannot stat %1: %2").arg(path, errnoText()));
    if (!S_ISREG(info.st_mode))
        return makeError(
            ResultCode::InternalError, QStringLiteral("master key file %1 is not a regular file").arg(path));
    if (info.st_uid != ::geteuid()) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("master key file %1 belongs to uid %2, not to the server's user (uid %3)")
                .arg(path)
                .arg(info.st_uid)
                .arg(::geteuid()));
    }
    if ((info.st_mode & 077) != 0) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("master key file %1 has mode %2: it must be readable only by its owner "
                           "(chmod 600)")
                .arg(path)
                .arg(info.st_mode & 0777, 4, 8, QLatin1Char('0')));
    }
    if (info.st_size != size) {
        return makeError(ResultCode::InternalError,
            QStringLiteral("master key file %1 holds %2 bytes, not %3").arg(path).arg(info.st_size).arg(size));
    }
    crypto::SecretBytes key(size);
    qsizetype done = 0;
    while (done < size) {
        const ssize_t n = ::read(file.fd, key.data() + done, size_t(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return makeError(ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(path, errnoText()));
        done += n;
    }
    return key;
}

Status create(const QString &path, const crypto::SecretBytes &key)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot create the directory %1").arg(dir));
    const QByteArray native = QFile::encodeName(path);
    Fd file;
    file.fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (file.fd < 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot create the master key file %1: %2").arg(path, errnoText()));
    // The umask cannot widen 0600, but make the mode explicit all the same.
    if (::fchmod(file.fd, 0600) != 0)
        return makeError(ResultCode::InternalError, QStringLiteral("cannot chmod %1: %2").arg(path, errnoText()));
    qsizetype done = 0;
    while (done < key.size()) {
        const ssize_t n = ::write(file.fd, key.constData() + done, size_t(key.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString why = errnoText();
            ::unlink(native.constData());
            return makeError(ResultCode::InternalError, QStringLiteral("cannot write %1: %2").arg(path, why));
        }
        done += n;
    }
    if (::fsync(file.fd) != 0) {
        const QString why = errnoText();
        ::unlink(native.constData());
        return makeError(ResultCode::InternalError, QStringLiteral("cannot fsync %1: %2").arg(path, why));
    }
    Fd directory;
    directory.fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory.fd >= 0)
        ::fsync(directory.fd);
    return {};
}

} // namespace prov::server::keyfile

#include "Privileges.h"

#include <QFile>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace prov::server {

Status becomeDataDirOwner(const QString &dataDir)
{
    if (::geteuid() != 0)
        return {};
    struct stat info = {};
    if (::stat(QFile::encodeName(dataDir).constData(), &info) != 0 || info.st_uid == 0)
        return {};
    const passwd *owner = ::getpwuid(info.st_uid);
    if (!owner)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the data directory %1 belongs to user ID %2, which has no account: refusing to run as "
                           "root in it")
                .arg(dataDir)
                .arg(info.st_uid));
    const QByteArray user = owner->pw_name;
    const QByteArray home = owner->pw_dir;
    const QString name = QString::fromLocal8Bit(user);
    const uid_t uid = owner->pw_uid;
    const gid_t gid = owner->pw_gid;
    if (::initgroups(user.constData(), gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot become %1, the owner of %2: %3").arg(name, dataDir, qt_error_string()));
    if (::setuid(0) == 0)
        return makeError(ResultCode::InternalError, QStringLiteral("could not give up root for %1").arg(name));
    // The admin's session bus (keychain) and home are not the service user's.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("HOME", home);
    return {};
}

} // namespace prov::server

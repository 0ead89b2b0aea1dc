#include "settings/SecretStore.h"

#include "support/AppLog.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <memory>

namespace prov::gui {

namespace {

enum class Outcome { Done, NotFound, Unavailable, Refused };

Outcome classify(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return Outcome::Done;
    case QKeychain::EntryNotFound:
        return Outcome::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Outcome::Refused;
    default:
        return Outcome::Unavailable;
    }
}

/// Runs a keychain job with a deadline; `done(outcome, job)` is called once (job
/// may be null on timeout).
void runJob(QKeychain::Job *job, QObject *context, int timeoutMs,
    std::function<void(Outcome, QKeychain::Job *, const QString &)> done)
{
    auto finished = std::make_shared<bool>(false);
    auto callback = std::make_shared<std::function<void(Outcome, QKeychain::Job *, const QString &)>>(std::move(done));
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context, [finished, callback](QKeychain::Job *j) {
        if (*finished)
            return;
        *finished = true;
        (*callback)(classify(j->error()), j, j->errorString());
    });
    QTimer::singleShot(timeoutMs, context, [finished, callback, timeoutMs] {
        if (*finished)
            return;
        *finished = true;
        (*callback)(Outcome::Unavailable, nullptr,
            SecretStore::tr("the keychain did not answer within %1 s").arg(timeoutMs / 1000));
    });
    job->start();
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
    , m_fallbackDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/secrets"))
{
    if (qEnvironmentVariable("PROVSTATION_SECRETS") == QLatin1String("file"))
        activateFallback(tr("PROVSTATION_SECRETS=file selects the file store"));
}

bool SecretStore::keychainPlausible(QString *why)
{
#if defined(Q_OS_LINUX)
    // libsecret tries to autolaunch a bus and fails slowly without one.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        *why = tr("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        return false;
    }
#endif
    Q_UNUSED(why)
    return true;
}

void SecretStore::activateFallback(const QString &reason)
{
    if (m_fallback)
        return;
    m_fallback = true;
    m_fallbackReason = reason;
    qCWarning(lcApp).noquote() << "no usable OS keychain (" << reason << "): secrets are kept in files readable only by"
                               << "this user under" << m_fallbackDir;
    Q_EMIT fallbackActivated(reason);
}

QString SecretStore::filePath(const QString &key) const
{
    QString safe = key;
    for (QChar &c : safe) {
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    }
    return m_fallbackDir + QLatin1Char('/') + safe;
}

Result<QString> SecretStore::readFile(const QString &key) const
{
    QFile file(filePath(key));
    if (!file.exists())
        return QString();
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ResultCode::UnknownError, tr("cannot read secret file %1: %2").arg(file.fileName(), file.errorString()));
    return QString::fromUtf8(file.readAll());
}

Status SecretStore::writeFile(const QString &key, const QString &value) const
{
    QDir().mkpath(m_fallbackDir);
    QFile::setPermissions(m_fallbackDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(filePath(key));
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ResultCode::UnknownError, tr("cannot write secret file %1: %2").arg(file.fileName(), file.errorString()));
    // Restrict the temporary file before the secret goes into it.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(value.toUtf8());
    if (!file.commit())
        return makeError(
            ResultCode::UnknownError, tr("cannot write secret file %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

Status SecretStore::removeFile(const QString &key) const
{
    QFile file(filePath(key));
    if (file.exists() && !file.remove())
        return makeError(
            ResultCode::UnknownError, tr("cannot remove secret file %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

void SecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    QString why;
    if (!m_fallback && !keychainPlausible(&why))
        activateFallback(why);
    if (m_fallback) {
        const Result<QString> value = readFile(key);
        QTimer::singleShot(0, context, [value, done] { done(value); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
    job->setKey(key);
    QPointer<SecretStore> self(this);
    runJob(job, context, m_timeoutMs, [self, key, done](Outcome outcome, QKeychain::Job *j, const QString &error) {
        switch (outcome) {
        case Outcome::Done:
            done(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
            return;
        case Outcome::NotFound:
            // A secret written while the keychain was away is still in its file.
            done(self ? self->readFile(key) : Result<QString>(QString()));
            return;
        case Outcome::Refused:
            done(makeError(ResultCode::UnknownError, tr("the keychain refused access to %1: %2").arg(key, error)));
            return;
        case Outcome::Unavailable:
            if (!self) {
                done(makeError(ResultCode::UnknownError, error));
                return;
            }
            self->activateFallback(error);
            done(self->readFile(key));
            return;
        }
    });
}

void SecretStore::write(const QString &key, const QString &value, QObject *context, StatusCallback userDone)
{
    QPointer<SecretStore> guard(this);
    StatusCallback done = [guard, userDone](const Status &status) {
        if (!status && guard)
            Q_EMIT guard->writeFailed(status.error());
        userDone(status);
    };
    QString why;
    if (!m_fallback && !keychainPlausible(&why))
        activateFallback(why);
    if (m_fallback) {
        const Status status = writeFile(key, value);
        QTimer::singleShot(0, context, [status, done] { done(status); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
    job->setKey(key);
    job->setTextData(value);
    QPointer<SecretStore> self(this);
    runJob(
        job, context, m_timeoutMs, [self, key, value, done](Outcome outcome, QKeychain::Job *, const QString &error) {
            switch (outcome) {
            case Outcome::Done:
            case Outcome::NotFound:
                // Do not leave an older copy of the secret in a fallback file.
                done(self ? self->removeFile(key) : Status());
                return;
            case Outcome::Refused:
                done(makeError(ResultCode::UnknownError, tr("the keychain refused to store %1: %2").arg(key, error)));
                return;
            case Outcome::Unavailable:
                if (!self) {
                    done(makeError(ResultCode::UnknownError, error));
                    return;
                }
                self->activateFallback(error);
                done(self->writeFile(key, value));
                return;
            }
        });
}

void SecretStore::remove(const QString &key, QObject *context, StatusCallback done)
{
    const Status fileStatus = removeFile(key);
    if (m_fallback) {
        QTimer::singleShot(0, context, [fileStatus, done] { done(fileStatus); });
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
    job->setKey(key);
    runJob(job, context, m_timeoutMs, [fileStatus, key, done](Outcome outcome, QKeychain::Job *, const QString &error) {
        if (outcome == Outcome::Refused)
            done(makeError(ResultCode::UnknownError, tr("the keychain refused to remove %1: %2").arg(key, error)));
        else
            done(fileStatus);
    });
}

} // namespace prov::gui

#include "server/store/KeychainSecret.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace prov::server::keychain {

namespace {

/// Runs a QtKeychain job to completion (its API is asynchronous) with a timeout,
/// so a keychain that waits for an unlock prompt nobody answers cannot hang start-up.
bool runJob(QKeychain::Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

bool sessionBusLikely()
{
#if defined(Q_OS_LINUX)
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#else
    return true;
#endif
}

} // namespace

ReadOutcome read(const QString &service, const QString &key, int timeoutMs)
{
    ReadOutcome outcome;
    if (!QCoreApplication::instance()) {
        outcome.reason = QStringLiteral("no application event loop");
        return outcome;
    }
    if (!sessionBusLikely()) {
        outcome.reason = QStringLiteral("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        return outcome;
    }
    QKeychain::ReadPasswordJob job(service);
    job.setAutoDelete(false);
    job.setKey(key);
    if (!runJob(job, timeoutMs)) {
        outcome.reason = QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000);
        return outcome;
    }
    switch (job.error()) {
    case QKeychain::NoError: {
        QByteArray data = job.binaryData();
        outcome.available = true;
        outcome.secret = crypto::SecretBytes::takeFrom(data);
        return outcome;
    }
    case QKeychain::EntryNotFound:
        outcome.available = true;
        return outcome;
    default:
        outcome.reason = job.errorString();
        return outcome;
    }
}

Status write(const QString &service, const QString &key, const crypto::SecretBytes &secret, int timeoutMs)
{
    QKeychain::WritePasswordJob job(service);
    job.setAutoDelete(false);
    job.setKey(key);
    job.setBinaryData(QByteArray(secret.view().data(), secret.size()));
    if (!runJob(job, timeoutMs))
        return makeError(
            ResultCode::InternalError, QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000));
    if (job.error() != QKeychain::NoError)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot store the master key in the keychain: %1").arg(job.errorString()));
    return {};
}

Status remove(const QString &service, const QString &key, int timeoutMs)
{
    QKeychain::DeletePasswordJob job(service);
    job.setAutoDelete(false);
    job.setKey(key);
    if (!runJob(job, timeoutMs))
        return makeError(
            ResultCode::InternalError, QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000));
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return makeError(ResultCode::InternalError,
            QStringLiteral("cannot remove the keychain entry %1: %2").arg(key, job.errorString()));
    return {};
}

} // namespace prov::server::keychain

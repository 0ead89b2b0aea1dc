#include "Credentials.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <qt6keychain/keychain.h>

using namespace prov;

namespace {
constexpr int kKeychainTimeoutMs = 5000;
constexpr qint64 kMaxTokenBytes = 4096;

Error noCredential(const QString &why)
{
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("no station credential: --token-file not given, PROVSTATION_TOKEN not set, %1").arg(why));
}
} // namespace

Credentials::Credentials(QObject *parent)
    : QObject(parent)
{ }

QString Credentials::fallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QStringLiteral("/ProvStation/provstation/secrets/station-token");
}

void Credentials::find(const QString &tokenFile, Callback done)
{
    if (!tokenFile.isEmpty()) {
        QFile f(tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return done(makeError(ResultCode::InvalidArguments,
                QStringLiteral("--token-file %1 cannot be read: %2").arg(tokenFile, f.errorString())));
        const QByteArray token = f.read(kMaxTokenBytes).trimmed();
        if (token.isEmpty())
            return done(
                makeError(ResultCode::InvalidArguments, QStringLiteral("--token-file %1 is empty").arg(tokenFile)));
        return done(token);
    }
    const QByteArray env = qgetenv("PROVSTATION_TOKEN").trimmed();
    if (!env.isEmpty())
        return done(env);
    fromKeychain(std::move(done));
}

void Credentials::fromKeychain(Callback done)
{
    const auto fallback = [done](const QString &keychainWhy) {
        QFile f(fallbackFile());
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray token = f.read(kMaxTokenBytes).trimmed();
            if (!token.isEmpty())
                return done(token);
        }
        done(noCredential(QStringLiteral("%1, and no fallback file %2").arg(keychainWhy, fallbackFile())));
    };
    if (qEnvironmentVariable("PROVSTATION_SECRETS") == QLatin1String("file"))
        return fallback(QStringLiteral("PROVSTATION_SECRETS=file skips the keychain"));

    auto *job = new QKeychain::ReadPasswordJob(QStringLiteral("provstation"), this);
    job->setKey(QStringLiteral("station-token"));
    job->setAutoDelete(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    auto answered = std::make_shared<bool>(false);
    connect(timer, &QTimer::timeout, this, [job, answered, fallback] {
        if (*answered)
            return;
        *answered = true;
        job->deleteLater();
        fallback(QStringLiteral("the keychain did not answer within %1 s (no keychain service?)")
                     .arg(kKeychainTimeoutMs / 1000));
    });
    connect(job, &QKeychain::Job::finished, this, [job, answered, done, fallback](QKeychain::Job *) {
        if (*answered)
            return;
        *answered = true;
        job->deleteLater();
        if (job->error() == QKeychain::NoError) {
            const QByteArray token = job->textData().toUtf8().trimmed();
            if (!token.isEmpty())
                return done(token);
            return fallback(QStringLiteral("the keychain entry is empty"));
        }
        if (job->error() == QKeychain::EntryNotFound)
            return fallback(QStringLiteral("the keychain has no station token"));
        fallback(QStringLiteral("no keychain is available (%1)").arg(job->errorString()));
    });
    timer->start(kKeychainTimeoutMs);
    job->start();
}

prov::Result<Credentials::Stored> Credentials::toFallbackFile(const QString &token, const QString &why)
{
    const QString path = fallbackFile();
    const QString dir = QFileInfo(path).absolutePath();
    QDir().mkpath(dir);
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ResultCode::UnknownError,
            QStringLiteral("cannot write the station token file %1: %2").arg(path, file.errorString()));
    // Owner-only before the token goes in.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toUtf8());
    if (!file.commit())
        return makeError(ResultCode::UnknownError,
            QStringLiteral("cannot write the station token file %1: %2").arg(path, file.errorString()));
    return Stored {false, why};
}

void Credentials::store(const QString &token, StoreCallback done)
{
    if (qEnvironmentVariable("PROVSTATION_SECRETS") == QLatin1String("file"))
        return done(toFallbackFile(token, QStringLiteral("PROVSTATION_SECRETS=file skips the keychain")));
#if defined(Q_OS_LINUX)
    // libsecret tries to autolaunch a bus and fails slowly without one.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return done(toFallbackFile(token, QStringLiteral("no D-Bus session bus, so no keychain")));
#endif
    auto *job = new QKeychain::WritePasswordJob(QStringLiteral("provstation"), this);
    job->setKey(QStringLiteral("station-token"));
    job->setTextData(token);
    job->setAutoDelete(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    auto answered = std::make_shared<bool>(false);
    connect(timer, &QTimer::timeout, this, [job, answered, token, done] {
        if (*answered)
            return;
        *answered = true;
        job->deleteLater();
        done(toFallbackFile(
            token, QStringLiteral("the keychain did not answer within %1 s").arg(kKeychainTimeoutMs / 1000)));
    });
    connect(job, &QKeychain::Job::finished, this, [job, answered, token, done](QKeychain::Job *) {
        if (*answered)
            return;
        *answered = true;
        job->deleteLater();
        if (job->error() == QKeychain::NoError) {
            // An older token in the fallback file would be found first by nobody,
            // but must not linger on disk.
            QFile::remove(fallbackFile());
            return done(Stored {true, QString()});
        }
        done(toFallbackFile(token, QStringLiteral("the keychain refused it (%1)").arg(job->errorString())));
    });
    timer->start(kKeychainTimeoutMs);
    job->start();
}

#include "BenchSupport.h"

#include "TestPackages.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>

namespace prov::bench {

qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field)) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.size() >= 2 ? parts[1].toLongLong() : -1;
        }
    }
    return -1;
}

bool resetPeakRss()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

std::unique_ptr<server::ServerStore> openBenchStore(const QString &dataDir, const QString &databaseUrl)
{
    server::StoreOptions options;
    options.dataDir = dataDir;
    options.databaseUrl = databaseUrl;
    options.masterKeyFile = dataDir + QStringLiteral("/bench-master.key");
    return openBenchStore(options);
}

std::unique_ptr<server::ServerStore> openBenchStore(server::StoreOptions options)
{
    options.useKeychain = false;
    const QString dataDir = options.dataDir;
    auto store = server::ServerStore::open(options);
    if (!store) {
        QTextStream(stderr) << "cannot open the store: " << store.error().toString() << Qt::endl;
        return nullptr;
    }
    auto kms = crypto::RsaPrivateKey::generate(2048);
    if (!kms)
        return nullptr;
    test::PackageSpec spec;
    spec.apps = QStringList {QStringLiteral("emcm")};
    server::PackageStore::ImportOptions importOptions;
    importOptions.actor = QStringLiteral("bench");
    auto imported = store.value()->packages().import(
        test::makeVerifiedPackage(spec, kms->publicKey(), dataDir + QStringLiteral("/bench-quarantine")),
        importOptions);
    if (!imported) {
        QTextStream(stderr) << "cannot import the bench package: " << imported.error().toString() << Qt::endl;
        return nullptr;
    }
    return std::move(store.value());
}

QString benchKmsFingerprint(server::ServerStore &store)
{
    auto revision = store.packages().newestRevision(ConfigId(0x45));
    return revision ? revision->kmsFingerprint : QString();
}

bool writeBenchFirmware(const QString &path, qint64 bytes, quint32 seed)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator rng(seed);
    QByteArray block(4096, Qt::Uninitialized);
    const QByteArray pattern = QByteArrayLiteral("FIRMWARE-SECTION-TABLE-ENTRY-0123456789-");
    for (qint64 written = 0; written < bytes; written += block.size()) {
        rng.fillRange(reinterpret_cast<quint32 *>(block.data()), 512); // 2 KiB random
        for (int i = 2048; i < block.size(); ++i)
            block[i] = pattern[i % pattern.size()];
        const qint64 n = qMin<qint64>(block.size(), bytes - written);
        if (file.write(block.constData(), n) != n)
            return false;
    }
    return true;
}

QString loadAverageText()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = file.readAll().split(' ');
    return parts.size() >= 3 ? QString::fromLatin1(parts[0] + ' ' + parts[1] + ' ' + parts[2]) : QString();
}

} // namespace prov::bench

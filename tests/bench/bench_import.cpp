// Import benchmark: a package with a 64 MB firmware image read and verified by
// package::readPackage (libarchive streaming into the quarantine, MD5 + SHA-256
// of every file and of the .tar.gz, gzip CRC check, manifest, keys, gateway key
// file). Reports seconds and peak RSS growth (VmHWM, reset through
// /proc/self/clear_refs where the kernel allows it). Goals: <= 5 s, and
// peak RSS grows by less than the image size. Prints one JSON object per case;
// exits non-zero when the package does not verify.
//
// The firmware is half random, half repetitive (each 4 KiB block), so deflate
// and inflate do real work, as with a real image.

#include "crypto/RsaKeys.h"
#include "package/GatewayKeyFile.h"
#include "package/PackageReader.h"
#include "package/PackageWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace prov;

namespace {

constexpr qint64 kFirmwareBytes = 64ll * 1024 * 1024;
constexpr int kRuns = 3;

/// A field of /proc/self/status in KiB (VmHWM, VmRSS); -1 if unavailable.
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

/// Resets VmHWM to the current RSS (Linux >= 4.0); false if not allowed.
bool resetPeak()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

bool writeFirmware(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator rng(42);
    QByteArray block(4096, Qt::Uninitialized);
    const QByteArray pattern = QByteArrayLiteral("FIRMWARE-SECTION-TABLE-ENTRY-0123456789-");
    for (qint64 written = 0; written < kFirmwareBytes; written += block.size()) {
        rng.fillRange(reinterpret_cast<quint32 *>(block.data()), 512); // 2 KiB random
        for (int i = 2048; i < block.size(); ++i)
            block[i] = pattern[i % pattern.size()];
        if (file.write(block) != block.size())
            return false;
    }
    return true;
}

bool writeSmall(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_import: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("no temporary folder"));
    const auto path = [&](const QString &name) {
        return dir.filePath(name);
    };

    if (!writeFirmware(path(QStringLiteral("firmware.bin"))))
        return fail(QStringLiteral("cannot write the firmware image"));
    writeSmall(path(QStringLiteral("field.cfg")), QByteArray(512, 'f'));
    writeSmall(path(QStringLiteral("factory.cfg")), QByteArray(512, 'F'));
    Result<crypto::RsaPrivateKey> kms = crypto::RsaPrivateKey::generate(2048);
    Result<package::GatewayKeys> keys = package::GatewayKeyFile::randomKeys();
    if (!kms || !keys)
        return fail(QStringLiteral("cannot make keys"));
    package::PackageSource source;
    source.configId = ConfigId(0x45);
    source.appLabel = QStringLiteral("bench");
    source.nodeVersion = QStringLiteral("1.0.0.0");
    source.nodeFirmwarePath = path(QStringLiteral("firmware.bin"));
    source.nodeFieldConfigPath = path(QStringLiteral("field.cfg"));
    source.nodeFactoryConfigPath = path(QStringLiteral("factory.cfg"));
    const QString packagePath = path(QStringLiteral("bench.tar.gz"));
    const crypto::SecretBytes passphrase = crypto::SecretBytes::copyOf("bench passphrase");
    const Result<package::Manifest> written
        = package::PackageWriter::write(source, *keys, passphrase, *kms, packagePath);
    if (!written)
        return fail(written.error().toString());
    QFile::remove(path(QStringLiteral("firmware.bin"))); // only the package stays on disk

    QList<double> seconds;
    qint64 rssBefore = -1;
    qint64 peakGrowth = 0;
    bool peakReset = false;
    for (int run = 0; run < kRuns; ++run) {
        peakReset = resetPeak();
        rssBefore = statusKiB("VmRSS:");
        const qint64 hwmBefore = statusKiB("VmHWM:");
        QElapsedTimer timer;
        timer.start();
        Result<package::VerifiedPackage> read = package::readPackage(
            packagePath, passphrase, package::PackageLimits {}, path(QStringLiteral("quarantine")));
        const double elapsed = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        const qint64 hwmAfter = statusKiB("VmHWM:");
        if (!read)
            return fail(read.error().toString());
        if (read->info.fileForRole(QStringLiteral("node/firmware"))->size != kFirmwareBytes)
            return fail(QStringLiteral("firmware size mismatch"));
        package::discardQuarantine(*read);
        seconds.append(elapsed);
        peakGrowth = std::max(peakGrowth, hwmAfter - (peakReset ? rssBefore : hwmBefore));
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    const QJsonObject result {
        {QStringLiteral("bench"), QStringLiteral("import")},
        {QStringLiteral("case"), QStringLiteral("readPackage, 64 MiB firmware")},
        {QStringLiteral("firmwareBytes"), kFirmwareBytes},
        {QStringLiteral("packageBytes"), QFileInfo(packagePath).size()},
        {QStringLiteral("runs"), kRuns},
        {QStringLiteral("secondsMin"), seconds.first()},
        {QStringLiteral("secondsMedian"), median},
        {QStringLiteral("rssBeforeKiB"), rssBefore},
        {QStringLiteral("peakRssGrowthKiB"), peakGrowth},
        {QStringLiteral("peakMeasuredFrom"),
            peakReset ? QStringLiteral("clear_refs reset") : QStringLiteral("VmHWM before")},
        {QStringLiteral("goalSeconds"), 5},
        {QStringLiteral("goalPeakRssGrowthBelowKiB"), kFirmwareBytes / 1024},
        {QStringLiteral("goalsMet"), median <= 5.0 && peakGrowth < kFirmwareBytes / 1024},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

#include "PackageLimitOptions.h"

namespace prov::server {

namespace {

const QString kTotal = QStringLiteral("max-total-mb");
const QString kFile = QStringLiteral("max-file-mb");
const QString kEntries = QStringLiteral("max-entries");

/// "--max-file-mb 512" and friends: positive whole numbers.
Result<qint64> positive(const QCommandLineParser &parser, const QString &name, qint64 fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < 1 || value > (qint64(1) << 40))
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("--%1 '%2' is not a positive number").arg(name, parser.value(name)));
    return value;
}

} // namespace

void addPackageLimitOptions(QCommandLineParser &parser)
{
    const package::PackageLimits defaults;
    parser.addOption(QCommandLineOption(kTotal,
        QStringLiteral("package limit: all entries together, MiB (default %1)").arg(defaults.maxTotalBytes >> 20),
        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(kFile,
        QStringLiteral("package limit: one entry, MiB (default %1)").arg(defaults.maxFileBytes >> 20),
        QStringLiteral("N")));
    parser.addOption(QCommandLineOption(kEntries,
        QStringLiteral("package limit: archive entries (default %1)").arg(defaults.maxEntries), QStringLiteral("N")));
}

QStringList packageLimitOptionNames()
{
    return {kTotal, kFile, kEntries};
}

Result<package::PackageLimits> packageLimitsFromParser(const QCommandLineParser &parser)
{
    const package::PackageLimits defaults;
    auto total = positive(parser, kTotal, defaults.maxTotalBytes >> 20);
    auto file = positive(parser, kFile, defaults.maxFileBytes >> 20);
    auto entries = positive(parser, kEntries, defaults.maxEntries);
    for (const auto *value : {&total, &file, &entries}) {
        if (!*value)
            return value->error();
    }
    package::PackageLimits limits;
    limits.maxTotalBytes = total.value() << 20;
    limits.maxFileBytes = file.value() << 20;
    limits.maxEntries = int(qMin<qint64>(entries.value(), 1 << 24));
    return limits;
}

} // namespace prov::server

#include "ImportCommand.h"

#include "CommandSupport.h"

#include "package/PackageInfoFormatter.h"
#include "package/PackageReader.h"
#include "package/PassphraseFile.h"

#include <QDir>
#include <QTextStream>

namespace prov::server {

namespace {

/// "--max-file-mb 512" and friends: positive whole numbers.
Result<qint64> positive(const QCommandLineParser &parser, const QCommandLineOption &option, qint64 fallback)
{
    if (!parser.isSet(option))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < 1)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("--%1 '%2' is not a positive number")
                .arg(option.names().constFirst(), parser.value(option)));
    return value;
}

} // namespace

int runImportCommand(const GlobalOptions &global, const QStringList &rest)
{
    QCommandLineParser parser;
    const QCommandLineOption passphraseOption(QStringLiteral("passphrase-file"),
        QStringLiteral("file whose first line is the package passphrase"), QStringLiteral("F"));
    const QCommandLineOption commentOption(
        QStringLiteral("comment"), QStringLiteral("comment kept with the revision"), QStringLiteral("TEXT"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("verify and show, store nothing"));
    const QCommandLineOption kmsOption(
        QStringLiteral("allow-kms-change"), QStringLiteral("accept a package signed under a new KMS key (audited)"));
    const package::PackageLimits defaults;
    const QCommandLineOption totalOption(
        QStringLiteral("max-total-mb"), QStringLiteral("limit of all entries together"), QStringLiteral("N"));
    const QCommandLineOption fileOption(
        QStringLiteral("max-file-mb"), QStringLiteral("limit of one entry"), QStringLiteral("N"));
    const QCommandLineOption entriesOption(
        QStringLiteral("max-entries"), QStringLiteral("limit of archive entries"), QStringLiteral("N"));
    parser.addOptions(
        {passphraseOption, commentOption, dryRunOption, kmsOption, totalOption, fileOption, entriesOption});
    auto positional = parseSubcommand(parser, QStringLiteral("import"), rest);
    if (!positional)
        return fail(positional.error());
    if (positional->size() != 1 || !parser.isSet(passphraseOption))
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: import --passphrase-file F [--comment TEXT] [--dry-run] "
                           "[--allow-kms-change] PACKAGE.tar.gz")));
    package::PackageLimits limits;
    auto total = positive(parser, totalOption, defaults.maxTotalBytes >> 20);
    auto file = positive(parser, fileOption, defaults.maxFileBytes >> 20);
    auto entries = positive(parser, entriesOption, defaults.maxEntries);
    for (const auto *value : {&total, &file, &entries}) {
        if (!*value)
            return fail(value->error());
    }
    limits.maxTotalBytes = total.value() << 20;
    limits.maxFileBytes = file.value() << 20;
    limits.maxEntries = int(qMin<qint64>(entries.value(), 1 << 24));

    auto passphrase = package::PassphraseFile::read(parser.value(passphraseOption));
    if (!passphrase)
        return fail(passphrase.error());
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    ServerStore &server = *store.value();

    // Quarantine inside the data directory: same file system, so verified files
    // move into the content store by rename.
    const QString scratch = server.content().scratchDir();
    const bool scratchExisted = QDir(scratch).exists();
    if (!QDir().mkpath(scratch))
        return fail(makeError(ResultCode::InternalError, QStringLiteral("cannot create %1").arg(scratch)));
    QFile::setPermissions(scratch, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto cleanScratch = [&] {
        if (!scratchExisted)
            QDir().rmdir(scratch);
    };

    const QString packagePath = positional->constFirst();
    auto verified = package::readPackage(packagePath, passphrase.value(), limits, scratch);
    passphrase->clear();
    if (!verified) {
        cleanScratch();
        Error error = verified.error();
        if (error.context.isEmpty())
            error.context = packagePath;
        return fail(error);
    }
    QTextStream(stdout) << package::PackageInfoFormatter::toText(verified->info) << Qt::flush;

    PackageStore::ImportOptions options;
    options.actor = cliActor();
    options.comment = parser.value(commentOption);
    options.allowKmsChange = parser.isSet(kmsOption);
    options.dryRun = parser.isSet(dryRunOption);
    auto outcome = server.packages().import(verified.value(), options);
    package::discardQuarantine(verified.value());
    cleanScratch();
    if (!outcome)
        return fail(outcome.error());
    printLine(outcome->summary());
    if (outcome->kmsKeyChanged)
        printLine(QStringLiteral("KMS key changed to %1 (allowed with --allow-kms-change; audited)")
                      .arg(verified->info.kmsFingerprint));
    return 0;
}

} // namespace prov::server

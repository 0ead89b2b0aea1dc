#include "ImportCommand.h"

#include "CommandSupport.h"
#include "PackageLimitOptions.h"

#include "package/PackageInfoFormatter.h"
#include "package/PackageReader.h"
#include "package/PassphraseFile.h"

#include <QDir>
#include <QTextStream>

namespace prov::server {

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
    parser.addOptions({passphraseOption, commentOption, dryRunOption, kmsOption});
    addPackageLimitOptions(parser);
    auto positional = parseSubcommand(parser, QStringLiteral("import"), rest);
    if (!positional)
        return fail(positional.error());
    if (positional->size() != 1 || !parser.isSet(passphraseOption))
        return fail(makeError(ResultCode::InvalidArguments,
            QStringLiteral("usage: import --passphrase-file F [--comment TEXT] [--dry-run] "
                           "[--allow-kms-change] PACKAGE.tar.gz")));
    const auto limits = packageLimitsFromParser(parser);
    if (!limits)
        return fail(limits.error());

    auto passphrase = package::PassphraseFile::read(parser.value(passphraseOption));
    if (!passphrase)
        return fail(passphrase.error());
    auto store = openStore(global);
    if (!store)
        return fail(store.error());
    ServerStore &server = *store.value();

    // Quarantine inside the data directory: same file system, so verified files
    // move into the content store by rename.
    const QString scratch = server.scratchDir();
    const bool scratchExisted = QDir(scratch).exists();
    if (!QDir().mkpath(scratch))
        return fail(makeError(ResultCode::InternalError, QStringLiteral("cannot create %1").arg(scratch)));
    QFile::setPermissions(scratch, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto cleanScratch = [&] {
        if (!scratchExisted)
            QDir().rmdir(scratch);
    };

    const QString packagePath = positional->constFirst();
    auto verified = package::readPackage(packagePath, passphrase.value(), limits.value(), scratch);
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

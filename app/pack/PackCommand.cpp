#include "PackCommand.h"

#include "DemoCommand.h"
#include "PackOutput.h"

#include "crypto/RsaKeys.h"
#include "package/GatewayKeyCsv.h"
#include "package/GatewayKeyFile.h"
#include "package/PackageInfoFormatter.h"
#include "package/PackageReader.h"
#include "package/PackageWriter.h"
#include "package/PassphraseFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace prov::pack {

namespace {

const QString kUsage
    = QStringLiteral("Usage: provstation-pack COMMAND [options]\n"
                     "Builds provisioning packages as docs/contracts/package-format.md describes them.\n"
                     "\n"
                     "Commands:\n"
                     "  build      build a package from files and options (build --help)\n"
                     "  verify     read and verify a package as server mode would, print its information\n"
                     "  demo-keys  make a throwaway KMS key pair and an app (HES) key pair\n"
                     "  demo       make a complete demo package with throwaway keys and random files\n"
                     "\n"
                     "Exit code 0 on success, otherwise the result code (3: bad arguments or input,\n"
                     "2: internal error) with one line on stderr.\n");

Result<package::AppSource> parseApp(const QString &spec)
{
    const QStringList parts = spec.split(u':');
    if (parts.size() != 5 && parts.size() != 6) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("--app \"%1\" is not name:version:firmware:field:factory[:pubkey]").arg(spec));
    }
    package::AppSource app;
    app.name = parts[0];
    app.version = parts[1];
    app.firmwarePath = parts[2];
    app.fieldConfigPath = parts[3];
    app.factoryConfigPath = parts[4];
    if (parts.size() == 6)
        app.publicKeyPemPath = parts[5];
    return app;
}

Result<package::GatewayKeys> readGatewayKeysCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("cannot read gateway key CSV %1: %2").arg(path, file.errorString()));
    }
    QByteArray bytes = file.read(64 * 1024);
    const crypto::SecretBytes plain = crypto::SecretBytes::takeFrom(bytes);
    Result<package::GatewayKeys> keys = package::GatewayKeyCsv::parse(plain);
    if (!keys) {
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("gateway key CSV %1: %2").arg(path, keys.error().message));
    }
    return keys;
}

Result<crypto::RsaPrivateKey> readPrivateKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("cannot read KMS key %1: %2").arg(path, file.errorString()));
    }
    QByteArray bytes = file.read(256 * 1024);
    const crypto::SecretBytes pem = crypto::SecretBytes::takeFrom(bytes);
    Result<crypto::RsaPrivateKey> key = crypto::RsaPrivateKey::fromPem(pem.view());
    if (!key)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("KMS key %1: %2").arg(path, key.error().message));
    return key;
}

} // namespace

int PackCommand::run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    QStringList rest = arguments;
    if (rest.size() > 1)
        rest.removeAt(1);
    if (command == u"build")
        return build(rest);
    if (command == u"verify")
        return verify(rest);
    if (command == u"demo-keys")
        return DemoCommand().demoKeys(rest);
    if (command == u"demo")
        return DemoCommand().demo(rest);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        PackOutput::print(kUsage);
        return 0;
    }
    if (command == u"--version") {
        PackOutput::print(QStringLiteral("provstation-pack %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (command.isEmpty())
        return PackOutput::fail(QStringLiteral("no command given (build, verify, demo-keys, demo; see --help)"));
    return PackOutput::fail(
        QStringLiteral("unknown command \"%1\" (build, verify, demo-keys, demo; see --help)").arg(command));
}

int PackCommand::build(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("provstation-pack build: writes a provisioning package (docs/contracts/package-format.md).\n"
                       "Files get the contract's names inside the package: node/firmware.bin, node/field.cfg,\n"
                       "node/factory.cfg, apps/<name>/{firmware.bin,field.cfg,factory.cfg,hes_key.pub.pem},\n"
                       "kms_key.pub.pem (from --kms-key), gw_keys.csv.aes and gw_keys.csv.aes.sig.\n"
                       "The passphrase is the first line of --passphrase-file (as openssl -pass file: reads it).\n"
                       "Without --gateway-keys-csv, fresh random gateway and cdld keys are made.\n"
                       "The package is read back and verified before the command reports success."));
    parser.addHelpOption();
    const QCommandLineOption out(
        QStringLiteral("out"), QStringLiteral("Package to write (.tar.gz)."), QStringLiteral("PKG"));
    const QCommandLineOption configId(QStringLiteral("config-id"),
        QStringLiteral("Provisioning configuration ID (decimal or 0x hex)."), QStringLiteral("ID"));
    const QCommandLineOption appLabel(
        QStringLiteral("app-label"), QStringLiteral("Application label."), QStringLiteral("LABEL"));
    const QCommandLineOption alias(
        QStringLiteral("alias"), QStringLiteral("Configuration alias (repeatable)."), QStringLiteral("ALIAS"));
    const QCommandLineOption nodeType(QStringLiteral("node-type"), QStringLiteral("UNODE, ENODE or DNODE."),
        QStringLiteral("TYPE"), QStringLiteral("UNODE"));
    const QCommandLineOption nodeVersion(QStringLiteral("node-version"),
        QStringLiteral("Node firmware version, dotted decimal (1 to 4 parts)."), QStringLiteral("VERSION"));
    const QCommandLineOption nodeFirmware(
        QStringLiteral("node-firmware"), QStringLiteral("Node firmware image."), QStringLiteral("FILE"));
    const QCommandLineOption nodeField(
        QStringLiteral("node-field-config"), QStringLiteral("Node field configuration."), QStringLiteral("FILE"));
    const QCommandLineOption nodeFactory(
        QStringLiteral("node-factory-config"), QStringLiteral("Node factory configuration."), QStringLiteral("FILE"));
    const QCommandLineOption app(QStringLiteral("app"),
        QStringLiteral("Host application (repeatable): name:version:firmware:field:factory[:publickey.pem]."),
        QStringLiteral("SPEC"));
    const QCommandLineOption kmsKey(QStringLiteral("kms-key"),
        QStringLiteral("KMS private key (PEM, RSA >= 2048 bits) that signs the "
                       "gateway key file; its public half goes into the package."),
        QStringLiteral("PEM"));
    const QCommandLineOption passphraseFile(QStringLiteral("passphrase-file"),
        QStringLiteral("File whose first line is the passphrase."), QStringLiteral("FILE"));
    const QCommandLineOption gatewayCsv(QStringLiteral("gateway-keys-csv"),
        QStringLiteral("Plain gw_keys.csv to use instead of random keys."), QStringLiteral("FILE"));
    parser.addOptions({out, configId, appLabel, alias, nodeType, nodeVersion, nodeFirmware, nodeField, nodeFactory, app,
        kmsKey, passphraseFile, gatewayCsv});
    if (!parser.parse(arguments))
        return PackOutput::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        PackOutput::print(parser.helpText());
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return PackOutput::fail(
            QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
    }
    for (const QCommandLineOption *required :
        {&out, &configId, &appLabel, &nodeVersion, &nodeFirmware, &nodeField, &nodeFactory, &kmsKey, &passphraseFile}) {
        if (!parser.isSet(*required))
            return PackOutput::fail(QStringLiteral("--%1 is required").arg(required->names().constFirst()));
    }

    package::PackageSource source;
    const Result<ConfigId> id = ConfigId::parse(parser.value(configId));
    if (!id)
        return PackOutput::fail(QStringLiteral("--config-id: %1").arg(id.error().message));
    source.configId = *id;
    source.appLabel = parser.value(appLabel);
    source.aliases = parser.values(alias);
    source.nodeType = parser.value(nodeType);
    source.nodeVersion = parser.value(nodeVersion);
    source.nodeFirmwarePath = parser.value(nodeFirmware);
    source.nodeFieldConfigPath = parser.value(nodeField);
    source.nodeFactoryConfigPath = parser.value(nodeFactory);
    const QStringList apps = parser.values(app);
    for (const QString &spec : apps) {
        Result<package::AppSource> parsed = parseApp(spec);
        if (!parsed)
            return PackOutput::fail(parsed.error());
        source.apps.append(*parsed);
    }

    Result<crypto::SecretBytes> passphrase = package::PassphraseFile::read(parser.value(passphraseFile));
    if (!passphrase)
        return PackOutput::fail(passphrase.error());
    Result<crypto::RsaPrivateKey> key = readPrivateKey(parser.value(kmsKey));
    if (!key)
        return PackOutput::fail(key.error());
    Result<package::GatewayKeys> keys = parser.isSet(gatewayCsv) ? readGatewayKeysCsv(parser.value(gatewayCsv))
                                                                 : package::GatewayKeyFile::randomKeys();
    if (!keys)
        return PackOutput::fail(keys.error());

    const Result<package::Manifest> written
        = package::PackageWriter::write(source, *keys, *passphrase, *key, parser.value(out));
    if (!written)
        return PackOutput::fail(written.error());
    return verifyAndPrint(parser.value(out), parser.value(passphraseFile));
}

int PackCommand::verify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("provstation-pack verify: reads a package exactly as server mode's import does\n"
                       "(every rule of docs/contracts/package-format.md) and prints its information."));
    parser.addHelpOption();
    const QCommandLineOption passphraseFile(QStringLiteral("passphrase-file"),
        QStringLiteral("File whose first line is the passphrase."), QStringLiteral("FILE"));
    parser.addOption(passphraseFile);
    parser.addPositionalArgument(QStringLiteral("PACKAGE"), QStringLiteral("The .tar.gz to verify."));
    if (!parser.parse(arguments))
        return PackOutput::fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        PackOutput::print(parser.helpText());
        return 0;
    }
    if (!parser.isSet(passphraseFile))
        return PackOutput::fail(QStringLiteral("--passphrase-file is required"));
    if (parser.positionalArguments().size() != 1)
        return PackOutput::fail(QStringLiteral("give exactly one PACKAGE"));
    return verifyAndPrint(parser.positionalArguments().constFirst(), parser.value(passphraseFile));
}

int verifyAndPrint(const QString &packagePath, const QString &passphraseFile)
{
    Result<crypto::SecretBytes> passphrase = package::PassphraseFile::read(passphraseFile);
    if (!passphrase)
        return PackOutput::fail(passphrase.error());
    QTemporaryDir quarantineParent;
    if (!quarantineParent.isValid())
        return PackOutput::fail(makeError(ResultCode::InternalError,
            QStringLiteral("cannot create a temporary folder: %1").arg(quarantineParent.errorString())));
    const Result<package::VerifiedPackage> verified
        = package::readPackage(packagePath, *passphrase, package::PackageLimits {}, quarantineParent.path());
    if (!verified)
        return PackOutput::fail(verified.error());
    package::discardQuarantine(*verified);
    PackOutput::print(package::PackageInfoFormatter::toText(verified->info));
    PackOutput::print(QStringLiteral("%1: verified\n").arg(QDir::toNativeSeparators(packagePath)));
    return 0;
}

} // namespace prov::pack

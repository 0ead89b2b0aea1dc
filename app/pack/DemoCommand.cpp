#include "DemoCommand.h"

#include "PackCommand.h"
#include "PackOutput.h"

#include "crypto/Random.h"
#include "crypto/RsaKeys.h"
#include "package/GatewayKeyFile.h"
#include "package/PackageWriter.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace prov::pack {

namespace {

constexpr int kDefaultBits = 2048; // throwaway keys: the minimum the contract accepts, quick to make

struct KeyOptions
{
    QString outDir;
    int bits = kDefaultBits;
    bool force = false;
};

/// Parses --out-dir, --bits, --force (+ extras); returns -1 to go on, else an exit code.
int parseCommon(QCommandLineParser &parser, const QStringList &arguments, KeyOptions *options)
{
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out-dir"), QStringLiteral("Folder to write into (created if missing)."),
        QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("bits"), QStringLiteral("RSA key size (default 2048, at least 2048)."),
        QStringLiteral("N"), QString::number(kDefaultBits)});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Replace files that already exist.")});
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
    if (!parser.isSet(QStringLiteral("out-dir")))
        return PackOutput::fail(QStringLiteral("--out-dir is required"));
    options->outDir = parser.value(QStringLiteral("out-dir"));
    bool ok = false;
    options->bits = parser.value(QStringLiteral("bits")).toInt(&ok);
    if (!ok || options->bits < crypto::kMinRsaBits || options->bits > 16384) {
        return PackOutput::fail(QStringLiteral("--bits \"%1\" is not a key size from %2 to 16384")
                                    .arg(parser.value(QStringLiteral("bits")))
                                    .arg(crypto::kMinRsaBits));
    }
    options->force = parser.isSet(QStringLiteral("force"));
    if (!QDir().mkpath(options->outDir))
        return PackOutput::fail(QStringLiteral("cannot create folder %1").arg(options->outDir));
    return -1;
}

/// name.pem (private) and publicName (public), both owner-only.
Status writeKeyPair(const QString &dir, const QString &privateName, const QString &publicName, int bits, bool force)
{
    Result<crypto::RsaPrivateKey> key = crypto::RsaPrivateKey::generate(bits);
    if (!key)
        return key.error();
    const crypto::SecretBytes pem = key->toPem();
    if (Status s = PackOutput::writeOwnerOnly(QDir(dir).filePath(privateName), pem.view(), force); !s)
        return s;
    return PackOutput::writeOwnerOnly(QDir(dir).filePath(publicName), key->publicKey().toPem(), force);
}

Status writeKeys(const KeyOptions &options)
{
    if (Status s = writeKeyPair(
            options.outDir, QStringLiteral("kms.pem"), QStringLiteral("kms_key.pub.pem"), options.bits, options.force);
        !s)
        return s;
    return writeKeyPair(
        options.outDir, QStringLiteral("hes.pem"), QStringLiteral("hes_key.pub.pem"), options.bits, options.force);
}

Status writeRandomFile(const QString &path, qsizetype size, bool force)
{
    Result<QByteArray> bytes = crypto::randomBytes(size);
    if (!bytes)
        return bytes.error();
    return PackOutput::writeOwnerOnly(path, *bytes, force);
}

} // namespace

int DemoCommand::demoKeys(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("provstation-pack demo-keys: writes throwaway key pairs for demos and tests into DIR:\n"
                       "kms.pem + kms_key.pub.pem (the KMS that signs gateway keys and receives node keys) and\n"
                       "hes.pem + hes_key.pub.pem (an app's head-end key). Private keys are unencrypted,\n"
                       "all files owner-only. Never use them on a real line."));
    KeyOptions options;
    if (const int exit = parseCommon(parser, arguments, &options); exit >= 0)
        return exit;
    if (const Status s = writeKeys(options); !s)
        return PackOutput::fail(s.error());
    PackOutput::print(QStringLiteral("wrote kms.pem, kms_key.pub.pem, hes.pem, hes_key.pub.pem (%1-bit RSA) to %2\n")
                          .arg(options.bits)
                          .arg(QDir::toNativeSeparators(options.outDir)));
    return 0;
}

int DemoCommand::demo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "provstation-pack demo: makes a complete demo package in DIR: demo keys (as demo-keys),\n"
        "passphrase.txt, random node and app firmware/configuration files under src/, and\n"
        "demo-package.tar.gz (config ID 0x45 unless --config-id, alias DEMO-<the ID in hex> unless --alias,\n"
        "node UNODE 1.0.0.0, apps 1.0.0.0:\n"
        "emcm unless --apps; every app's key under hes_key.pub.pem).\n"
        "Import it with: provstation-server import --passphrase-file DIR/passphrase.txt DIR/demo-package.tar.gz"));
    parser.addOption({QStringLiteral("config-id"), QStringLiteral("Configuration ID (default 0x45)."),
        QStringLiteral("ID"), QStringLiteral("0x45")});
    parser.addOption({QStringLiteral("alias"),
        QStringLiteral("The configuration's alias (default DEMO- and the ID in hex, at least 4 digits)."),
        QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("apps"),
        QStringLiteral("The package's apps, comma-separated, in manifest order (default emcm)."),
        QStringLiteral("names"), QStringLiteral("emcm")});
    KeyOptions options;
    if (const int exit = parseCommon(parser, arguments, &options); exit >= 0)
        return exit;
    const Result<ConfigId> configId = ConfigId::parse(parser.value(QStringLiteral("config-id")));
    if (!configId)
        return PackOutput::fail(QStringLiteral("--config-id: %1").arg(configId.error().message));

    const QStringList apps = parser.value(QStringLiteral("apps")).split(QLatin1Char(','));
    for (const QString &app : apps) {
        const bool plain = !app.isEmpty() && std::all_of(app.cbegin(), app.cend(), [](QChar c) {
            return c.isLetterOrNumber() && c.unicode() < 0x80;
        });
        if (!plain || apps.count(app) > 1)
            return PackOutput::fail(
                QStringLiteral("--apps: \"%1\" is not a unique name of ASCII letters and digits").arg(app));
    }

    const QDir dir(options.outDir);
    if (const Status s = writeKeys(options); !s)
        return PackOutput::fail(s.error());

    // A readable random passphrase: 18 random bytes as 24 base64url characters.
    Result<crypto::SecretBytes> random = crypto::randomSecret(18);
    if (!random)
        return PackOutput::fail(random.error());
    QByteArray text = QByteArray(reinterpret_cast<const char *>(random->constData()), random->size())
                          .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const crypto::SecretBytes passphrase = crypto::SecretBytes::copyOf(text);
    text.append('\n');
    const Status wrotePassphrase
        = PackOutput::writeOwnerOnly(dir.filePath(QStringLiteral("passphrase.txt")), text, options.force);
    std::memset(text.data(), 0, static_cast<size_t>(text.size()));
    if (!wrotePassphrase)
        return PackOutput::fail(wrotePassphrase.error());

    QList<QPair<QString, qsizetype>> files {{QStringLiteral("src/node/firmware.bin"), 64 * 1024},
        {QStringLiteral("src/node/field.cfg"), 512}, {QStringLiteral("src/node/factory.cfg"), 512}};
    for (const QString &app : apps) {
        files += {{QStringLiteral("src/%1/firmware.bin").arg(app), 32 * 1024},
            {QStringLiteral("src/%1/field.cfg").arg(app), 256}, {QStringLiteral("src/%1/factory.cfg").arg(app), 256}};
    }
    for (const auto &file : files) {
        if (!dir.mkpath(QFileInfo(dir.filePath(file.first)).path()))
            return PackOutput::fail(QStringLiteral("cannot create the folder of %1").arg(dir.filePath(file.first)));
        if (const Status s = writeRandomFile(dir.filePath(file.first), file.second, options.force); !s)
            return PackOutput::fail(s.error());
    }

    package::PackageSource source;
    source.configId = *configId;
    source.appLabel = QStringLiteral("demo_unode_") + apps.join(QLatin1Char('_'));
    source.aliases = QStringList {parser.isSet(QStringLiteral("alias"))
            ? parser.value(QStringLiteral("alias"))
            : QStringLiteral("DEMO-%1").arg(configId->value(), 4, 16, QLatin1Char('0')).toUpper()};
    source.nodeType = QStringLiteral("UNODE");
    source.nodeVersion = QStringLiteral("1.0.0.0");
    source.nodeFirmwarePath = dir.filePath(QStringLiteral("src/node/firmware.bin"));
    source.nodeFieldConfigPath = dir.filePath(QStringLiteral("src/node/field.cfg"));
    source.nodeFactoryConfigPath = dir.filePath(QStringLiteral("src/node/factory.cfg"));
    for (const QString &app : apps) {
        const auto file = [&dir, &app](const char *name) {
            return dir.filePath(QStringLiteral("src/%1/%2").arg(app, QLatin1String(name)));
        };
        source.apps.append(package::AppSource {app, QStringLiteral("1.0.0.0"), file("firmware.bin"), file("field.cfg"),
            file("factory.cfg"), dir.filePath(QStringLiteral("hes_key.pub.pem"))});
    }

    QFile kmsFile(dir.filePath(QStringLiteral("kms.pem")));
    if (!kmsFile.open(QIODevice::ReadOnly))
        return PackOutput::fail(QStringLiteral("cannot read %1").arg(kmsFile.fileName()));
    QByteArray kmsBytes = kmsFile.readAll();
    const crypto::SecretBytes kmsPem = crypto::SecretBytes::takeFrom(kmsBytes);
    Result<crypto::RsaPrivateKey> kms = crypto::RsaPrivateKey::fromPem(kmsPem.view());
    if (!kms)
        return PackOutput::fail(kms.error());
    Result<package::GatewayKeys> keys = package::GatewayKeyFile::randomKeys();
    if (!keys)
        return PackOutput::fail(keys.error());
    const QString packagePath = dir.filePath(QStringLiteral("demo-package.tar.gz"));
    if (QFile::exists(packagePath) && !options.force)
        return PackOutput::fail(QStringLiteral("%1 already exists (use --force to replace it)").arg(packagePath));
    const Result<package::Manifest> written
        = package::PackageWriter::write(source, *keys, passphrase, *kms, packagePath);
    if (!written)
        return PackOutput::fail(written.error());
    const QString passphrasePath = dir.filePath(QStringLiteral("passphrase.txt"));
    const int verified = verifyAndPrint(packagePath, passphrasePath);
    if (verified != 0)
        return verified;
    PackOutput::print(QStringLiteral("import with: provstation-server import --passphrase-file %1 %2\n")
                          .arg(QDir::toNativeSeparators(passphrasePath), QDir::toNativeSeparators(packagePath)));
    return 0;
}

} // namespace prov::pack

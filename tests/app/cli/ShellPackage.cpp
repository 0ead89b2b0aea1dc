#include "ShellPackage.h"

#include "SimHarness.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryFile>

namespace prov::test {

bool ShellPackage::run(const QString &program, const QStringList &args, QString *error, QByteArray *out) const
{
    QProcess p;
    p.setWorkingDirectory(m_dir);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 %2 failed: %3")
                     .arg(program, args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAllStandardError()));
        return false;
    }
    if (out)
        *out = p.readAllStandardOutput();
    return true;
}

bool ShellPackage::build(const QString &dir, const QString &configId, const QString &alias, QString *error)
{
    m_dir = dir;
    m_configId = configId;
    m_alias = alias;
    const QString openssl = opensslProgram();
    QDir(dir).mkpath(QStringLiteral("node"));
    QDir(dir).mkpath(QStringLiteral("apps/emcm"));
    // The recipe of package-format.md, "Making a package with standard tools only".
    if (!run(openssl,
            {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), QStringLiteral("kms.pem")},
            error)
        || !run(openssl,
            {QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("kms.pem"), QStringLiteral("-pubout"),
                QStringLiteral("-out"), QStringLiteral("kms_key.pub.pem")},
            error)
        || !run(openssl,
            {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
                QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), QStringLiteral("hes.pem")},
            error)
        || !run(openssl,
            {QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("hes.pem"), QStringLiteral("-pubout"),
                QStringLiteral("-out"), QStringLiteral("apps/emcm/hes_key.pub.pem")},
            error)
        || !run(openssl, {QStringLiteral("rand"), QStringLiteral("-hex"), QStringLiteral("16")}, error, &m_gatewayHex)
        || !run(openssl, {QStringLiteral("rand"), QStringLiteral("-hex"), QStringLiteral("16")}, error, &m_cdldHex))
        return false;
    m_gatewayHex = m_gatewayHex.trimmed();
    m_cdldHex = m_cdldHex.trimmed();
    writeFile(dir + QStringLiteral("/gw_keys.csv"), "key,hex\ngateway," + m_gatewayHex + "\ncdld," + m_cdldHex + '\n');
    writeFile(passphraseFile(), "secret passphrase of the line\n");
    if (!run(openssl,
            {QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"), QStringLiteral("-iter"),
                QStringLiteral("100000"), QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-salt"),
                QStringLiteral("-pass"), QStringLiteral("file:passphrase"), QStringLiteral("-in"),
                QStringLiteral("gw_keys.csv"), QStringLiteral("-out"), QStringLiteral("gw_keys.csv.aes")},
            error)
        || !run(openssl,
            {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), QStringLiteral("kms.pem"),
                QStringLiteral("-out"), QStringLiteral("gw_keys.csv.aes.sig"), QStringLiteral("gw_keys.csv.aes")},
            error))
        return false;
    QFile::remove(dir + QStringLiteral("/gw_keys.csv"));

    const QList<std::pair<QString, QByteArray>> files = {{QStringLiteral("node/firmware.bin"), testImage(24000, 11)},
        {QStringLiteral("node/factory.cfg"), testImage(600, 12)},
        {QStringLiteral("node/field.cfg"), testImage(800, 13)},
        {QStringLiteral("apps/emcm/firmware.bin"), testImage(12000, 14)},
        {QStringLiteral("apps/emcm/factory.cfg"), testImage(300, 15)},
        {QStringLiteral("apps/emcm/field.cfg"), testImage(400, 16)}};
    QHash<QString, QString> md5;
    for (const auto &[name, data] : files) {
        writeFile(dir + QLatin1Char('/') + name, data);
        QByteArray sum;
        if (!run(QStringLiteral("md5sum"), {name}, error, &sum))
            return false;
        md5.insert(name, QString::fromLatin1(sum.split(' ').first()));
    }
    const auto line = [&md5](const char *element, const char *file) {
        return QStringLiteral("    <%1 file=\"%2\" md5=\"%3\"/>\n")
            .arg(QLatin1String(element), QLatin1String(file), md5.value(QLatin1String(file)));
    };
    const QString manifest
        = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<provisioningPackage formatVersion=\"1\">\n"
                         "  <provConfigId>%1</provConfigId>\n"
                         "  <appLabel>ge_sgm3000_falconv1_zigbeev2</appLabel>\n"
                         "  <alias>%2</alias>\n"
                         "  <kmsPublicKey file=\"kms_key.pub.pem\"/>\n"
                         "  <gatewayKeys file=\"gw_keys.csv.aes\" signature=\"gw_keys.csv.aes.sig\"/>\n"
                         "  <node type=\"UNODE\" version=\"1.2.3.4\">\n")
              .arg(m_configId, m_alias)
        + line("firmware", "node/firmware.bin") + line("fieldConfig", "node/field.cfg")
        + line("factoryConfig", "node/factory.cfg")
        + QStringLiteral("  </node>\n  <app name=\"emcm\" version=\"5.6.7.8\">\n    <publicKey "
                         "file=\"apps/emcm/hes_key.pub.pem\"/>\n")
        + line("firmware", "apps/emcm/firmware.bin") + line("fieldConfig", "apps/emcm/field.cfg")
        + line("factoryConfig", "apps/emcm/factory.cfg") + QStringLiteral("  </app>\n</provisioningPackage>\n");
    writeFile(dir + QStringLiteral("/manifest.xml"), manifest.toUtf8());
    return run(QStringLiteral("tar"),
        {QStringLiteral("-czf"), QStringLiteral("package.tar.gz"), QStringLiteral("manifest.xml"),
            QStringLiteral("kms_key.pub.pem"), QStringLiteral("gw_keys.csv.aes"), QStringLiteral("gw_keys.csv.aes.sig"),
            QStringLiteral("node"), QStringLiteral("apps")},
        error);
}

QByteArray ShellPackage::decrypt(const QByteArray &ciphertext, const QString &privateKey) const
{
    QTemporaryFile in;
    if (!in.open())
        return {};
    in.write(ciphertext);
    in.close();
    QProcess p;
    p.start(opensslProgram(),
        {QStringLiteral("pkeyutl"), QStringLiteral("-decrypt"), QStringLiteral("-inkey"), privateKey,
            QStringLiteral("-pkeyopt"), QStringLiteral("rsa_padding_mode:oaep"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_oaep_md:sha256"), QStringLiteral("-pkeyopt"), QStringLiteral("rsa_mgf1_md:sha256"),
            QStringLiteral("-in"), in.fileName()});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput().toHex();
}

} // namespace prov::test

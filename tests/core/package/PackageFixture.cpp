#include "PackageFixture.h"

#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace prov::test {

namespace {

const char *kTarScript = R"PY(
import base64, io, json, sys, tarfile, time
spec = json.load(open(sys.argv[1]))
fmt = {'pax': tarfile.PAX_FORMAT, 'ustar': tarfile.USTAR_FORMAT, 'gnu': tarfile.GNU_FORMAT}[spec['format']]
types = {'symlink': tarfile.SYMTYPE, 'hardlink': tarfile.LNKTYPE, 'fifo': tarfile.FIFOTYPE,
         'chardev': tarfile.CHRTYPE, 'blockdev': tarfile.BLKTYPE}
with tarfile.open(sys.argv[2], 'w:gz' if spec['gzip'] else 'w', format=fmt) as tar:
    for e in spec['entries']:
        info = tarfile.TarInfo(e['name'])
        info.mtime = int(time.time())
        t = e['type']
        if t == 'file':
            data = bytes(e['zeros']) if e.get('zeros') else base64.b64decode(e['data'])
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
            continue
        if t == 'dir':
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
        else:
            info.type = types[t]
            info.linkname = e.get('link', '')
            info.devmajor, info.devminor = 1, 3
        tar.addfile(info)
)PY";

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return bytes;
}

bool runOpenssl(const QStringList &arguments, const QString &dir, QString *error, const QByteArray &input = {})
{
    const ProcessResult r = runProcess(opensslProgram(), arguments, input, 60000, dir);
    if (r.exitCode != 0 || r.crashed) {
        *error = QStringLiteral("openssl %1 failed: %2").arg(arguments.join(u' '), QString::fromUtf8(r.stdErr));
        return false;
    }
    return true;
}

} // namespace

TarEntry *Staging::entry(const QString &name)
{
    for (TarEntry &e : entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

void Staging::setData(const QString &name, const QByteArray &data)
{
    if (TarEntry *e = entry(name))
        e->data = data;
    else
        entries.append(TarEntry {name, TarEntry::File, data, {}});
}

void Staging::remove(const QString &name)
{
    entries.removeIf([&](const TarEntry &e) { return e.name == name; });
}

QString PackageFixture::path(const QString &name) const
{
    return QDir(m_dir).filePath(name);
}

QByteArray PackageFixture::csv() const
{
    return "key,hex\ngateway," + m_gatewayHex + "\ncdld," + m_cdldHex + "\n";
}

bool PackageFixture::init(const QString &dir, QString *error)
{
    m_dir = dir;
    const QList<QStringList> commands {
        {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), QStringLiteral("kms.pem")},
        {QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("kms.pem"), QStringLiteral("-pubout"),
            QStringLiteral("-out"), QStringLiteral("kms_key.pub.pem")},
        {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), QStringLiteral("other.pem")},
        {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_keygen_bits:1024"), QStringLiteral("-out"), QStringLiteral("weak.pem")},
        {QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("weak.pem"), QStringLiteral("-pubout"),
            QStringLiteral("-out"), QStringLiteral("weak.pub.pem")},
        {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-out"), QStringLiteral("ec.pem")},
        {QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("ec.pem"), QStringLiteral("-pubout"),
            QStringLiteral("-out"), QStringLiteral("ec.pub.pem")},
        {QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("RSA"), QStringLiteral("-pkeyopt"),
            QStringLiteral("rsa_keygen_bits:2048"), QStringLiteral("-out"), QStringLiteral("hes.pem")},
        {QStringLiteral("pkey"), QStringLiteral("-in"), QStringLiteral("hes.pem"), QStringLiteral("-pubout"),
            QStringLiteral("-out"), QStringLiteral("hes_key.pub.pem")},
    };
    for (const QStringList &command : commands) {
        if (!runOpenssl(command, dir, error))
            return false;
    }
    m_gatewayHex = randomBytes(16).toHex();
    m_cdldHex = randomBytes(16).toHex();
    m_encrypted = opensslEncrypt(csv(), passphrase());
    m_signature = opensslSign(m_encrypted, QStringLiteral("kms.pem"));
    if (m_encrypted.isEmpty() || m_signature.isEmpty()) {
        *error = QStringLiteral("openssl enc/dgst failed");
        return false;
    }
    return true;
}

QByteArray PackageFixture::opensslEncrypt(const QByteArray &plain, const QByteArray &passphrase) const
{
    const QString in = path(QStringLiteral("enc-in.tmp"));
    const QString out = path(QStringLiteral("enc-out.tmp"));
    writeFile(in, plain);
    writeFile(path(QStringLiteral("pass.tmp")), passphrase + '\n');
    QString error;
    if (!runOpenssl({QStringLiteral("enc"), QStringLiteral("-aes-256-cbc"), QStringLiteral("-pbkdf2"),
                        QStringLiteral("-iter"), QStringLiteral("100000"), QStringLiteral("-md"),
                        QStringLiteral("sha256"), QStringLiteral("-salt"), QStringLiteral("-pass"),
                        QStringLiteral("file:pass.tmp"), QStringLiteral("-in"), in, QStringLiteral("-out"), out},
            m_dir, &error))
        return {};
    return readFile(out);
}

QByteArray PackageFixture::opensslSign(const QByteArray &data, const QString &keyName) const
{
    const QString in = path(QStringLiteral("sign-in.tmp"));
    const QString out = path(QStringLiteral("sign-out.tmp"));
    writeFile(in, data);
    QString error;
    if (!runOpenssl({QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"), path(keyName),
                        QStringLiteral("-out"), out, in},
            m_dir, &error))
        return {};
    return readFile(out);
}

QString PackageFixture::manifestTemplate()
{
    return QStringLiteral(R"(<?xml version="1.0" encoding="UTF-8"?>
<provisioningPackage formatVersion="1">
  <provConfigId>0x0000000000000045</provConfigId>
  <appLabel>ge_sgm3000_falconv1_zigbeev2</appLabel>
  <alias>82JX570141</alias>
  <alias>82JX570142</alias>
  <kmsPublicKey file="kms_key.pub.pem"/>
  <gatewayKeys file="gw_keys.csv.aes" signature="gw_keys.csv.aes.sig"/>
  <node type="UNODE" version="1.2.3.4">
    <firmware      file="node/firmware.bin" md5="%MD5:node/firmware.bin%"/>
    <fieldConfig   file="node/field.cfg"    md5="%MD5:node/field.cfg%"/>
    <factoryConfig file="node/factory.cfg"  md5="%MD5:node/factory.cfg%"/>
  </node>
  <app name="emcm" version="5.6.7.8">
    <publicKey     file="apps/emcm/hes_key.pub.pem"/>
    <firmware      file="apps/emcm/firmware.bin" md5="%MD5:apps/emcm/firmware.bin%"/>
    <fieldConfig   file="apps/emcm/field.cfg"    md5="%MD5:apps/emcm/field.cfg%"/>
    <factoryConfig file="apps/emcm/factory.cfg"  md5="%MD5:apps/emcm/factory.cfg%"/>
  </app>
</provisioningPackage>
)");
}

Staging PackageFixture::goodStaging() const
{
    Staging s;
    s.manifestTemplate = manifestTemplate();
    s.entries = {
        {QStringLiteral("kms_key.pub.pem"), TarEntry::File, readFile(path(QStringLiteral("kms_key.pub.pem"))), {}},
        {QStringLiteral("gw_keys.csv.aes"), TarEntry::File, m_encrypted, {}},
        {QStringLiteral("gw_keys.csv.aes.sig"), TarEntry::File, m_signature, {}},
        {QStringLiteral("node"), TarEntry::Dir, {}, {}},
        {QStringLiteral("node/firmware.bin"), TarEntry::File, randomBytes(4096), {}},
        {QStringLiteral("node/field.cfg"), TarEntry::File, randomBytes(200), {}},
        {QStringLiteral("node/factory.cfg"), TarEntry::File, randomBytes(210), {}},
        {QStringLiteral("apps"), TarEntry::Dir, {}, {}},
        {QStringLiteral("apps/emcm"), TarEntry::Dir, {}, {}},
        {QStringLiteral("apps/emcm/hes_key.pub.pem"), TarEntry::File, readFile(path(QStringLiteral("hes_key.pub.pem"))),
            {}},
        {QStringLiteral("apps/emcm/firmware.bin"), TarEntry::File, randomBytes(3000), {}},
        {QStringLiteral("apps/emcm/field.cfg"), TarEntry::File, randomBytes(100), {}},
        {QStringLiteral("apps/emcm/factory.cfg"), TarEntry::File, randomBytes(120), {}},
    };
    return s;
}

bool PackageFixture::build(const Staging &staging, const QString &outPath, QString *error) const
{
    QList<TarEntry> entries = staging.entries;
    if (staging.withManifest) {
        // MD5s are taken from the entries as they are now (a case that wants a
        // mismatch edits the data afterwards through editManifest or editArchive).
        QString manifest = staging.manifestTemplate;
        static const QRegularExpression placeholder(QStringLiteral("%MD5:([^%]+)%"));
        QRegularExpressionMatch m;
        while ((m = placeholder.match(manifest)).hasMatch()) {
            QByteArray data;
            for (const TarEntry &e : std::as_const(entries)) {
                if (e.name == m.captured(1))
                    data = e.data;
            }
            manifest.replace(m.capturedStart(), m.capturedLength(),
                QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex()));
        }
        if (staging.editManifest)
            manifest = staging.editManifest(manifest);
        entries.prepend(TarEntry {QStringLiteral("manifest.xml"), TarEntry::File, manifest.toUtf8(), {}});
    }
    static const char *typeNames[] = {"file", "dir", "symlink", "hardlink", "fifo", "chardev", "blockdev"};
    QJsonArray list;
    for (const TarEntry &e : std::as_const(entries)) {
        list.append(
            QJsonObject {{QStringLiteral("name"), e.name}, {QStringLiteral("type"), QLatin1String(typeNames[e.type])},
                {QStringLiteral("data"), QString::fromLatin1(e.data.toBase64())}, {QStringLiteral("link"), e.link},
                {QStringLiteral("zeros"), e.zeros}});
    }
    const QJsonObject spec {{QStringLiteral("format"), staging.tarFormat}, {QStringLiteral("gzip"), staging.gzip},
        {QStringLiteral("entries"), list}};
    const QString specPath = outPath + QStringLiteral(".json");
    writeFile(specPath, QJsonDocument(spec).toJson());
    const ProcessResult r = runProcess(
        QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(kTarScript), specPath, outPath});
    QFile::remove(specPath);
    if (r.exitCode != 0 || r.crashed) {
        *error = QStringLiteral("python3 tarfile failed: %1").arg(QString::fromUtf8(r.stdErr));
        return false;
    }
    if (staging.editArchive)
        writeFile(outPath, staging.editArchive(readFile(outPath)));
    return true;
}

QStringList leftovers(const QString &dir)
{
    QStringList found;
    QDirIterator it(
        dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        found.append(it.next());
    return found;
}

} // namespace prov::test

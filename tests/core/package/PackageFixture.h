#pragma once

#include "package/PackageInfo.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace prov::test {

/// One entry of a test archive, written by Python's tarfile module so that any
/// entry type (links, devices, FIFOs, absolute or `..` names, duplicates) can be
/// made without root and without depending on our own writer.
struct TarEntry
{
    enum Type { File, Dir, Symlink, Hardlink, Fifo, CharDevice, BlockDevice };
    QString name;
    Type type = File;
    QByteArray data;
    QString link;
    qint64 zeros = 0; ///< a File of this many zero bytes instead of data (archive bombs)
};

/// The parts of a package before it is archived. The defaults form a good
/// package (made only with the openssl command); a test case changes what it
/// needs, then build() writes the .tar.gz.
struct Staging
{
    QList<TarEntry> entries; ///< manifest.xml is added by build() unless withManifest is false
    bool withManifest = true;
    QString manifestTemplate; ///< %MD5:path% placeholders are replaced by the entry's MD5
    std::function<QString(QString)> editManifest; ///< applied to the finished manifest text
    std::function<QByteArray(QByteArray)> editArchive; ///< applied to the .tar.gz bytes
    QString tarFormat = QStringLiteral("pax"); ///< pax | ustar | gnu
    bool gzip = true;

    TarEntry *entry(const QString &name);
    void setData(const QString &name, const QByteArray &data);
    void remove(const QString &name);
};

/// Keys and material made once per test run with the real openssl command.
class PackageFixture
{
public:
    /// Makes keys (2048-bit KMS, another 2048-bit key, a 1024-bit key, an EC key,
    /// an app key) in `dir`; false with a reason on failure.
    bool init(const QString &dir, QString *error);

    [[nodiscard]] QString dir() const { return m_dir; }
    [[nodiscard]] QString path(const QString &name) const;
    [[nodiscard]] static QByteArray passphrase() { return QByteArrayLiteral("correct horse battery staple"); }
    [[nodiscard]] QByteArray gatewayHex() const { return m_gatewayHex; }
    [[nodiscard]] QByteArray cdldHex() const { return m_cdldHex; }
    [[nodiscard]] QByteArray csv() const;

    /// `openssl enc -aes-256-cbc -pbkdf2 -iter 100000 -md sha256 -salt` of `plain`.
    QByteArray opensslEncrypt(const QByteArray &plain, const QByteArray &passphrase) const;
    /// `openssl dgst -sha256 -sign key` over `data`.
    QByteArray opensslSign(const QByteArray &data, const QString &keyName) const;

    /// A good package's parts: every file of the contract example, one emcm app.
    Staging goodStaging() const;
    /// Writes `staging` to `outPath` (Python tarfile); false with a reason on failure.
    bool build(const Staging &staging, const QString &outPath, QString *error) const;

    static QString manifestTemplate();

private:
    QString m_dir;
    QByteArray m_gatewayHex;
    QByteArray m_cdldHex;
    QByteArray m_encrypted;
    QByteArray m_signature;
};

/// Files and folders left in `dir` (recursively), for "nothing left behind" checks.
QStringList leftovers(const QString &dir);

} // namespace prov::test

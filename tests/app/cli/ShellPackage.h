#pragma once

#include <QByteArray>
#include <QString>

namespace prov::test {

/// A provisioning package made the way package-format.md says anyone can
/// make one: the `openssl` and `tar` commands only (keys, gateway key file
/// encryption and signature, MD5s, the archive). Node type UNODE 1.2.3.4, one
/// app "emcm" 5.6.7.8 with its own public key.
class ShellPackage
{
public:
    /// Builds everything in `dir`; false with a reason (the failing command).
    bool build(const QString &dir, const QString &configId, const QString &alias, QString *error);

    [[nodiscard]] QString packagePath() const { return m_dir + QStringLiteral("/package.tar.gz"); }
    [[nodiscard]] QString passphraseFile() const { return m_dir + QStringLiteral("/passphrase"); }
    /// The private keys, for `openssl pkeyutl -decrypt`.
    [[nodiscard]] QString kmsPrivateKey() const { return m_dir + QStringLiteral("/kms.pem"); }
    [[nodiscard]] QString appPrivateKey() const { return m_dir + QStringLiteral("/hes.pem"); }
    [[nodiscard]] QByteArray gatewayHex() const { return m_gatewayHex; }
    [[nodiscard]] QByteArray cdldHex() const { return m_cdldHex; }

    /// `openssl pkeyutl -decrypt` of `ciphertext` with RSA-OAEP-SHA256/MGF1-SHA256 (device-keys.md); hex.
    [[nodiscard]] QByteArray decrypt(const QByteArray &ciphertext, const QString &privateKey) const;

private:
    bool run(const QString &program, const QStringList &args, QString *error, QByteArray *out = nullptr) const;

    QString m_dir;
    QString m_configId;
    QString m_alias;
    QByteArray m_gatewayHex;
    QByteArray m_cdldHex;
};

} // namespace prov::test

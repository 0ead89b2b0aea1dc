#pragma once

#include "domain/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QSslCertificate;

namespace prov::crypto {

/// What a station trusts instead of a CA: one server key or one server
/// certificate (docs/api/tls-pinning.md). Every client of the project (the
/// engine's ServerClient, the window's ApiClient, provstation-cli's --pin, the
/// pairing client) and the server's `tls-pin` output use this one type, so a
/// pin printed by one tool is accepted by all of them in the same forms.
class CertificatePin
{
public:
    enum class Kind {
        SpkiSha256, ///< SHA-256 of the SubjectPublicKeyInfo DER (survives a renewal with the same key)
        CertificateSha256, ///< SHA-256 of the whole certificate DER (openssl x509 -fingerprint -sha256)
    };

    CertificatePin() = default; ///< a null pin

    /// Accepts, with surrounding blanks ignored:
    /// - `sha256//BASE64` (curl's --pinnedpubkey), `sha256/BASE64`, or the bare
    ///   44-character BASE64 of a 32-byte SPKI SHA-256;
    /// - 64 hex digits of the certificate's SHA-256, any case, with or without
    ///   colons between the bytes;
    /// - either after the label `provstation-server tls-pin` prints
    ///   (`sha256-spki:`, `sha256-cert:`) or `openssl x509 -fingerprint` prints
    ///   (`sha256 Fingerprint=`).
    /// The error names the text and says which forms are accepted.
    [[nodiscard]] static Result<CertificatePin> parse(const QString &text);
    /// Parses each entry; the first bad one is the error.
    [[nodiscard]] static Result<QList<CertificatePin>> parseList(const QStringList &texts);

    /// The SPKI pin of `certificate` (a null pin for a null or undecodable certificate).
    [[nodiscard]] static CertificatePin ofPublicKey(const QSslCertificate &certificate);
    /// The whole-certificate fingerprint pin of `certificate`.
    [[nodiscard]] static CertificatePin ofCertificate(const QSslCertificate &certificate);

    [[nodiscard]] bool isNull() const { return m_digest.isEmpty(); }
    [[nodiscard]] Kind kind() const { return m_kind; }
    /// The 32 digest bytes.
    [[nodiscard]] QByteArray digest() const { return m_digest; }

    /// One text per pin: `sha256//BASE64` for a key, upper-case hex with colons
    /// (as openssl prints it) for a certificate. parse(toString()) gives the pin back.
    [[nodiscard]] QString toString() const;

    /// Whether `certificate` is the pinned key's or the pinned certificate
    /// (constant-time comparison).
    [[nodiscard]] bool matches(const QSslCertificate &certificate) const;
    /// Whether any of `pins` matches `certificate`.
    [[nodiscard]] static bool anyMatches(const QList<CertificatePin> &pins, const QSslCertificate &certificate);

    friend bool operator==(const CertificatePin &a, const CertificatePin &b)
    {
        return a.m_kind == b.m_kind && a.m_digest == b.m_digest;
    }
    friend bool operator!=(const CertificatePin &a, const CertificatePin &b) { return !(a == b); }

private:
    CertificatePin(Kind kind, QByteArray digest);

    Kind m_kind = Kind::SpkiSha256;
    QByteArray m_digest;
};

/// The SHA-256 of `certificate`'s SubjectPublicKeyInfo exactly as the
/// certificate encodes it (empty for a null or undecodable certificate).
[[nodiscard]] QByteArray spkiSha256(const QSslCertificate &certificate);

} // namespace prov::crypto

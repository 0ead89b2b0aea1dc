#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QString>

namespace prov::crypto {

/// The one-time code that pairs a station with the server, and the two proofs
/// of the pairing protocol (docs/api/pairing.md). Both sides use these.
///
/// A code is 10 Crockford base32 characters (no I, L, O, U), shown
/// `XXXX-XXXX-XX`: 2 characters name the code on the server (its ID, public),
/// 7 are the secret (35 bits) and the last is a check character over the
/// other nine, so a mistyped code is caught on the station before it is sent.
class PairingCode
{
public:
    static constexpr int kLength = 10;
    static constexpr int kIdLength = 2;
    /// PBKDF2 rounds from code to key: slows offline guessing of a code from
    /// one proof (the code is burned long before, see docs/api/pairing.md).
    static constexpr int kKeyIterations = 200000;

    /// A new random code.
    [[nodiscard]] static Result<PairingCode> generate();
    /// Reads a typed code: case, blanks and dashes do not matter, and I/L read as
    /// 1 and O as 0 (Crockford). The error names the text and what is wrong with it.
    [[nodiscard]] static Result<PairingCode> parse(const QString &text);

    /// `7KQ4-M9XD-2R`.
    [[nodiscard]] QString display() const;
    /// The public part the server looks the code up by.
    [[nodiscard]] QString id() const { return m_code.left(kIdLength); }
    /// The shared key both sides derive from the code (PBKDF2-HMAC-SHA256).
    [[nodiscard]] Result<SecretBytes> deriveKey() const;

private:
    explicit PairingCode(QString code);
    QString m_code; ///< the 10 canonical characters
};

/// Nonces and key hashes are 32 bytes each.
inline constexpr qsizetype kPairingNonceSize = 32;

/// HMAC-SHA256(key, "provstation-pair server" ‖ 0 ‖ stationNonce ‖ serverKeyHash):
/// the server's proof that it knows the code, bound to the TLS key the station sees.
[[nodiscard]] QByteArray pairingServerProof(
    const SecretBytes &key, const QByteArray &stationNonce, const QByteArray &serverKeyHash);
/// HMAC-SHA256(key, "provstation-pair station" ‖ 0 ‖ serverNonce ‖ serverKeyHash).
[[nodiscard]] QByteArray pairingStationProof(
    const SecretBytes &key, const QByteArray &serverNonce, const QByteArray &serverKeyHash);
/// Constant-time equality of two proofs (different sizes are unequal).
[[nodiscard]] bool proofsEqual(const QByteArray &a, const QByteArray &b);

} // namespace prov::crypto

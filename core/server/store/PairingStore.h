#pragma once

#include "crypto/CertificatePin.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QLatin1String>
#include <QString>

#include <functional>

namespace prov::server {

class AuditLog;
class Database;
class TokenStore;

/// Error::context of pairing failures, so the HTTP layer can pick the status.
inline constexpr QLatin1String kPairingUnknownCode("pairing.unknown-code"); ///< 404
inline constexpr QLatin1String kPairingCodeUnusable("pairing.code-unusable"); ///< 410 (used, expired, burned)
inline constexpr QLatin1String kPairingKeyMismatch("pairing.key-mismatch"); ///< 409
inline constexpr QLatin1String kPairingWrongProof("pairing.wrong-proof"); ///< 403
inline constexpr QLatin1String kPairingThrottled("pairing.throttled"); ///< 429

/// Limits of the pairing protocol (docs/api/pairing.md).
struct PairingPolicy
{
    qint64 codeLifetimeMs = 15ll * 60 * 1000;
    /// How long the station has, after the server's proof, to send its own.
    qint64 challengeWindowMs = 2ll * 60 * 1000;
    int maxFailedProofs = 3; ///< wrong station proofs that burn a code
    int maxRequestsPerAddress = 10; ///< pairing requests per address per window
    qint64 addressWindowMs = 15ll * 60 * 1000;
};

/// A new code as the admin sees it (once).
struct PairingCodeIssued
{
    QString code; ///< XXXX-XXXX-XX
    QString station;
    QDateTime expiresAt;
};

/// The server's answer to a station's challenge.
struct PairingChallenge
{
    QByteArray serverNonce;
    QByteArray serverProof;
};

/// What a completed pairing gives the station.
struct PairingResult
{
    QString station;
    QString token; ///< a station token (TokenStore), shown once
    QString tokenId;
    QDateTime expiresAt;
};

/// One-time pairing codes and the server's half of the pairing protocol. A
/// code is stored only as the key PBKDF2 derives from it; its state
/// (open → challenged → used, or burned) lives in the database, so several
/// server processes may share it. Every step is audited.
class PairingStore
{
public:
    using Policy = PairingPolicy;

    PairingStore(const Database &database, const AuditLog &audit, TokenStore &tokens, Policy policy = Policy());

    void setClock(std::function<qint64()> clock);
    [[nodiscard]] const Policy &policy() const { return m_policy; }

    /// A new code for station `station` (a name like a user name).
    [[nodiscard]] Result<PairingCodeIssued> createCode(const QString &station, const QString &actor);

    /// Step 1. `seenKey` is the SPKI SHA-256 the station saw, `ownKey` this
    /// server's. A key that is not the server's is refused without touching
    /// the code; otherwise the code is challenged (a second challenge burns it).
    [[nodiscard]] Result<PairingChallenge> challenge(const QString &codeId, const QByteArray &stationNonce,
        const QByteArray &seenKey, const QByteArray &ownKey, const QString &peerAddress);

    /// Step 2: checks the station's proof over the server nonce of step 1 and
    /// issues the station token (the code is used up).
    [[nodiscard]] Result<PairingResult> complete(const QString &codeId, const QByteArray &serverNonce,
        const QByteArray &stationProof, const QByteArray &seenKey, const QString &peerAddress);

private:
    [[nodiscard]] qint64 now() const;
    /// Counts a request from `peerAddress`; the error when it is over the limit.
    [[nodiscard]] Status countRequest(const QString &peerAddress);
    [[nodiscard]] Status burn(const QString &codeId, const QString &actor, const QString &why);

    const Database &m_database;
    const AuditLog &m_audit;
    TokenStore &m_tokens;
    Policy m_policy;
    std::function<qint64()> m_clock;
};

} // namespace prov::server

#pragma once

#include "crypto/SecretBytes.h"
#include "domain/Result.h"
#include "server/store/AccountStore.h"
#include "server/store/LoginThrottle.h"

#include <QDateTime>
#include <QLatin1String>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace prov::server {

class AuditLog;
class Database;

/// Error::context of authentication failures, so the HTTP layer can pick the status.
inline constexpr QLatin1String kAuthInvalidCredentials("auth.invalid-credentials"); ///< 401
inline constexpr QLatin1String kAuthThrottled("auth.throttled"); ///< 429 (Retry-After: retryAfterSeconds())
inline constexpr QLatin1String kAuthInvalidToken("auth.invalid-token"); ///< 401 (unknown, expired or revoked)

/// Who a request acts as, from a bearer token.
struct Principal
{
    enum class Kind { User, Station };
    Kind kind = Kind::User;
    QString name; ///< user name, or station name for a station token
    Role role = Role::Station;
    QDateTime expiresAt;
    QString tokenId; ///< first 12 hex digits of the token's SHA-256 (for lists and revocation)

    /// "user:alice" or "station:line1-st3", as the audit log writes it.
    [[nodiscard]] QString actor() const;
};

/// A login's bearer token. `token` is shown once and stored only hashed.
struct Session
{
    QString token;
    QString userName;
    Role role = Role::Station;
    QDateTime expiresAt;
};

/// A station token as issued (token shown once).
struct IssuedToken
{
    QString token;
    QString tokenId;
    QString station;
    QDateTime expiresAt;
};

struct TokenInfo
{
    QString tokenId;
    QString kind; ///< session | station | setup
    QString owner; ///< user or station name
    Role role = Role::Station;
    QDateTime createdAt;
    QDateTime expiresAt;
    bool revoked = false;
};

/// Sessions, station tokens, the setup code and the failed-login throttle, all
/// in the database (several server processes may share it; none keeps state in
/// memory). Tokens are 256 random bits stored as SHA-256. Passwords and badges
/// are checked by AccountStore; there is no default password: the first admin
/// comes from `provstation-server user add` or the one-time setup code.
class TokenStore
{
public:
    TokenStore(const Database &database, const AuditLog &audit, AccountStore &accounts, UserPolicy policy = {});

    /// Replaces the wall clock (milliseconds since the epoch; the account store's too), for expiry tests.
    void setClock(std::function<qint64()> clock);
    [[nodiscard]] const UserPolicy &policy() const { return m_policy; }

    /// Checks the password (throttled per account and address, per address and
    /// per account: LoginThrottle) and opens a session. Failures: context kAuthInvalidCredentials or kAuthThrottled;
    /// every failure is audited.
    [[nodiscard]] Result<Session> authenticate(
        const QString &userName, const crypto::SecretBytes &password, const QString &peerAddress);
    /// Opens a session for the operator or supervisor who carries this badge,
    /// under the same throttle (the account is kBadgeAccount).
    [[nodiscard]] Result<Session> authenticateBadge(const crypto::SecretBytes &badge, const QString &peerAddress);
    /// Seconds until `userName` / `peerAddress` may try again (0 when not blocked).
    [[nodiscard]] Result<qint64> retryAfterSeconds(const QString &userName, const QString &peerAddress) const;
    /// The principal a bearer token stands for (context kAuthInvalidToken when unknown,
    /// expired or revoked). A session's role is read from the user's current row.
    [[nodiscard]] Result<Principal> authorize(const QString &token) const;
    /// Ends a session (or revokes any token) given the token itself.
    [[nodiscard]] Status logout(const QString &token);

    [[nodiscard]] Result<IssuedToken> issueStationToken(
        const QString &station, const QString &actor, qint64 lifetimeMs = 0);
    /// Revokes by token ID (the 12 hex digits shown by list()).
    [[nodiscard]] Status revokeToken(const QString &tokenId, const QString &actor);
    /// Revokes every active token of station `station`; the number revoked (0 is an error naming the station).
    [[nodiscard]] Result<int> revokeStationTokens(const QString &station, const QString &actor);
    /// Unexpired tokens, newest first.
    [[nodiscard]] Result<QList<TokenInfo>> list() const;

    // First start (SetupCode.cpp)
    /// While no admin exists: the setup code that creates the first admin. Made
    /// once and then the same on every start and for every server on this
    /// database until it is used or an admin exists (then removed: nullopt). It
    /// is kept hashed (for checking) and sealed with the master key (so
    /// `provstation-server setup-code` can show it again) in server_settings.
    [[nodiscard]] Result<std::optional<QString>> ensureSetupCode(const crypto::SecretBytes &masterKey);
    /// Creates the first admin with the setup code (consumed; refused once an admin
    /// exists). The code is compared as normalizeSetupCode() writes it.
    [[nodiscard]] Status redeemSetupCode(
        const QString &setupCode, const QString &name, const crypto::SecretBytes &password, const QString &peerAddress);
    /// "7KQ2-M9XA-..." as typed (any case, with or without dashes or spaces; O
    /// read as 0, I and L as 1, as Crockford's base32 does) in its printed form.
    [[nodiscard]] static QString normalizeSetupCode(const QString &typed);

    /// The token ID of a token (first 12 hex digits of its SHA-256).
    [[nodiscard]] static QString tokenIdOf(const QString &token);

    /// The throttle's account name for badge logins (a badge names no user until it matches).
    static constexpr QLatin1String kBadgeAccount {"(badge)"};

private:
    [[nodiscard]] qint64 now() const;
    /// Throttle wait, then the check, then the session: both kinds of login.
    [[nodiscard]] Result<Session> login(const QString &throttleAccount, const QString &peerAddress,
        const QString &method, const std::function<Result<std::optional<Account>>()> &check);
    [[nodiscard]] Status recordFailure(const QString &userName, const QString &peerAddress, const QString &why);

    const Database &m_database;
    const AuditLog &m_audit;
    AccountStore &m_accounts;
    UserPolicy m_policy;
    std::function<qint64()> m_clock;
    LoginThrottle m_throttle;
};

} // namespace prov::server

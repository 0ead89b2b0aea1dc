#pragma once

#include "crypto/PasswordHash.h"
#include "crypto/SecretBytes.h"
#include "domain/Result.h"
#include "server/store/LoginThrottle.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace prov::server {

class AuditLog;
class Database;
class SqlTransaction;

/// From most to least rights: an admin does everything; a supervisor runs the
/// line (station settings, shifts, yield, history) but never exports keys or
/// manages users and tokens; an operator runs devices; a station token uploads.
enum class Role { Admin, Supervisor, Operator, Station };

[[nodiscard]] QString roleName(Role role);
[[nodiscard]] Result<Role> parseRole(const QString &text);
/// Roles that may carry a badge (a station login by scanning).
[[nodiscard]] bool mayHaveBadge(Role role);

struct UserInfo
{
    QString name;
    Role role = Role::Station;
    QDateTime createdAt;
    bool hasBadge = false;
};

/// A user found by a login (its name as stored, its current role).
struct Account
{
    QString name;
    Role role = Role::Station;
};

/// Lifetimes, throttle rules and password rules of the account and token stores.
struct UserPolicy
{
    qint64 sessionLifetimeMs = 12ll * 3600 * 1000;
    qint64 stationTokenLifetimeMs = 365ll * 24 * 3600 * 1000;
    ThrottlePolicy throttle;
    int minPasswordLength = 12;
    int minBadgeLength = 6;
    int passwordIterations = crypto::kPasswordIterations; ///< tests lower it for speed
};

/// Users, their passwords and badges, in the database. Passwords are
/// PBKDF2-HMAC-SHA256 hashes (crypto/PasswordHash.h) with a salt per user.
/// A badge is hashed the same way but with one salt per deployment (kept in
/// server_settings), so a scanned code finds its user with one hash and a
/// lookup instead of one hash per user; two users cannot share a badge. No
/// password or badge is ever stored or logged in the clear. Slow work (hashing)
/// happens outside transactions.
class AccountStore
{
public:
    AccountStore(const Database &database, const AuditLog &audit, const UserPolicy &policy);

    /// Replaces the wall clock (milliseconds since the epoch).
    void setClock(std::function<qint64()> clock);

    [[nodiscard]] Status addUser(
        const QString &name, Role role, const crypto::SecretBytes &password, const QString &actor);
    [[nodiscard]] Status setPassword(const QString &name, const crypto::SecretBytes &password, const QString &actor);
    /// Sets the user's badge code (operators and supervisors only); an empty
    /// code removes it. Refused when another user has the same badge.
    [[nodiscard]] Status setBadge(const QString &name, const crypto::SecretBytes &badge, const QString &actor);
    /// Refuses to remove the last admin. The user's sessions go with it.
    [[nodiscard]] Status removeUser(const QString &name, const QString &actor);
    [[nodiscard]] Result<QList<UserInfo>> users() const;
    [[nodiscard]] Result<bool> hasAdmin() const;

    /// The user whose password this is; nullopt for an unknown user or a wrong
    /// password, which cost the same time (user names cannot be probed by timing).
    [[nodiscard]] Result<std::optional<Account>> checkPassword(
        const QString &name, const crypto::SecretBytes &password) const;
    /// The user who carries this badge; nullopt when none does.
    [[nodiscard]] Result<std::optional<Account>> checkBadge(const crypto::SecretBytes &badge) const;

    /// A new user, checked and hashed: the one prologue of every path that makes one.
    struct NewUser
    {
        QString name;
        Role role = Role::Station;
        QString passwordHash;
    };
    [[nodiscard]] Result<NewUser> prepareUser(
        const QString &name, Role role, const crypto::SecretBytes &password) const;
    /// Inserts a prepared user inside the caller's write transaction and audits it.
    [[nodiscard]] Status insertUser(
        const SqlTransaction &transaction, const NewUser &user, const QString &actor, const QString &detail) const;

    /// 1 to 64 characters of A-Z a-z 0-9 . _ @ - (users and station names).
    [[nodiscard]] static Status validateName(const QString &name);

private:
    [[nodiscard]] qint64 now() const;
    [[nodiscard]] Result<QString> hashNewPassword(const crypto::SecretBytes &password) const;
    /// "<iterations>$<base64 salt>" of badge hashes; made on first use when `create`.
    [[nodiscard]] Result<QString> badgeSalt(bool create) const;
    [[nodiscard]] static Result<QString> hashBadge(const crypto::SecretBytes &badge, const QString &salt);

    const Database &m_database;
    const AuditLog &m_audit;
    UserPolicy m_policy;
    std::function<qint64()> m_clock;
};

} // namespace prov::server

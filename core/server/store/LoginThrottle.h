#pragma once

#include "domain/Result.h"

#include <QString>

#include <atomic>
#include <functional>

QT_BEGIN_NAMESPACE
class QSqlDatabase;
QT_END_NAMESPACE

namespace prov::server {

class Database;

/// The rules of the failed-login throttle (part of UserPolicy).
struct ThrottlePolicy
{
    /// Per (account, address): failures before any delay; then 1 s, doubling up to maxBlockMs.
    int freeFailures = 5;
    /// Per address, across all accounts: failures before any delay; then doubling as above.
    int addressFreeFailures = 20;
    /// Per account, across all addresses: failures a minute (a burst of as many, then
    /// one every 60/N s). Over it, only addresses that have not failed on the
    /// account are still heard, so a stranger's guessing never locks the owner out.
    int accountFailuresPerMinute = 10;
    qint64 maxBlockMs = 15ll * 60 * 1000; ///< the delay doubles up to this
    qint64 failureWindowMs = 15ll * 60 * 1000; ///< failures older than this are forgotten
};

/// The failed-login throttle, kept in the database table login_throttle so that
/// several server processes on one database share it. Three kinds of rows:
///  - "pair:<account>|<address>": exponential backoff after freeFailures;
///  - "addr:<address>": the same across accounts, after addressFreeFailures;
///  - "acct:<account>": a rate (GCRA): blocked_until is the moment the account
///    may take its next failure; it applies only to addresses that have a
///    "pair" failure on the account, so a fresh address can always try once.
/// Rows whose block and window are over are deleted (at most once a minute).
class LoginThrottle
{
public:
    using Policy = ThrottlePolicy;

    LoginThrottle(const Database &database, const Policy &policy, std::function<qint64()> clock);

    /// Milliseconds until `account` may be tried from `address` (0: now).
    [[nodiscard]] Result<qint64> retryAfterMs(const QString &account, const QString &address) const;
    /// Counts one failure on all three rows (inside the caller's write transaction).
    [[nodiscard]] Status recordFailure(const QSqlDatabase &db, const QString &account, const QString &address);
    /// After a successful login: the address's own failures on the account are
    /// forgotten. The address row stays (one valid account must not reset a
    /// guessing address) and so does the account's rate (the owner's login must
    /// not hand an attacker a fresh burst).
    [[nodiscard]] Status recordSuccess(const QSqlDatabase &db, const QString &account, const QString &address);

private:
    [[nodiscard]] qint64 emissionIntervalMs() const;
    [[nodiscard]] Status bumpBackoff(const QSqlDatabase &db, const QString &key, int freeFailures, qint64 at);
    [[nodiscard]] Status bumpRate(const QSqlDatabase &db, const QString &key, qint64 at);
    [[nodiscard]] Status purge(const QSqlDatabase &db, qint64 at);

    const Database &m_database;
    Policy m_policy;
    std::function<qint64()> m_clock;
    std::atomic<qint64> m_lastPurgeMs {0}; ///< logins run on worker threads
};

} // namespace prov::server

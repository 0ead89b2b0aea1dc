#include "server/store/LoginThrottle.h"

#include "server/store/Database.h"
#include "server/store/SqlSupport.h"

#include <QSqlQuery>

namespace prov::server {

namespace {

constexpr qint64 kPurgeIntervalMs = 60 * 1000;
/// Real names are at most 64 characters; longer guesses share one row per prefix.
constexpr qsizetype kMaxAccountKey = 100;

QString account(const QString &name)
{
    return name.left(kMaxAccountKey).toLower();
}

QString pairKey(const QString &name, const QString &address)
{
    return QStringLiteral("pair:") + account(name) + u'|' + address;
}

QString addressKey(const QString &address)
{
    return QStringLiteral("addr:") + address;
}

QString accountKey(const QString &name)
{
    return QStringLiteral("acct:") + account(name);
}

struct Row
{
    int failures = 0;
    qint64 lastFailureAt = 0;
    qint64 blockedUntil = 0;
};

/// The row of `key`, locked for the rest of the transaction (created empty when missing).
Result<Row> lockRow(const QSqlDatabase &db, const Database &database, const QString &key)
{
    auto seed = runSql(db,
        QStringLiteral("INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until)"
                       " VALUES (?, 0, 0, 0) ON CONFLICT (throttle_key) DO NOTHING"),
        {key});
    if (!seed)
        return seed.error();
    auto row = runSql(db,
        QStringLiteral("SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE throttle_key = ?")
            + database.forUpdate(),
        {key});
    if (!row)
        return row.error();
    Row result;
    if (row->next())
        result = {row->value(0).toInt(), row->value(1).toLongLong(), row->value(2).toLongLong()};
    return result;
}

Status storeRow(const QSqlDatabase &db, const QString &key, const Row &row)
{
    auto update = runSql(db,
        QStringLiteral("UPDATE login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ?"
                       " WHERE throttle_key = ?"),
        {row.failures, row.lastFailureAt, row.blockedUntil, key});
    if (!update)
        return update.error();
    return {};
}

} // namespace

LoginThrottle::LoginThrottle(const Database &database, const Policy &policy, std::function<qint64()> clock)
    : m_database(database)
    , m_policy(policy)
    , m_clock(std::move(clock))
{ }

qint64 LoginThrottle::emissionIntervalMs() const
{
    return 60 * 1000 / qMax(1, m_policy.accountFailuresPerMinute);
}

Result<qint64> LoginThrottle::retryAfterMs(const QString &name, const QString &address) const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    const QString pair = pairKey(name, address);
    const QString acct = accountKey(name);
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT throttle_key, failures, last_failure_at, blocked_until FROM login_throttle"
                       " WHERE throttle_key IN (?, ?, ?)"),
        {pair, addressKey(address), acct});
    if (!rows)
        return rows.error();
    const qint64 at = m_clock();
    qint64 until = 0;
    qint64 accountUntil = 0;
    bool failedHere = false;
    while (rows->next()) {
        const QString key = rows->value(0).toString();
        const qint64 blockedUntil = rows->value(3).toLongLong();
        if (key == acct) {
            accountUntil = blockedUntil;
            continue;
        }
        until = qMax(until, blockedUntil);
        if (key == pair)
            failedHere = rows->value(1).toInt() > 0 && at - rows->value(2).toLongLong() <= m_policy.failureWindowMs;
    }
    if (failedHere)
        until = qMax(until, accountUntil);
    return qMax<qint64>(0, until - at);
}

Status LoginThrottle::bumpBackoff(const QSqlDatabase &db, const QString &key, int freeFailures, qint64 at)
{
    auto row = lockRow(db, m_database, key);
    if (!row)
        return row.error();
    int failures = at - row->lastFailureAt > m_policy.failureWindowMs ? 0 : row->failures;
    ++failures;
    qint64 blockedUntil = 0;
    if (failures > freeFailures) {
        const int doublings = qMin(failures - freeFailures - 1, 30);
        blockedUntil = at + qMin(m_policy.maxBlockMs, qint64(1000) << doublings);
    }
    return storeRow(db, key, {failures, at, blockedUntil});
}

Status LoginThrottle::bumpRate(const QSqlDatabase &db, const QString &key, qint64 at)
{
    // Generic cell rate algorithm: a burst of N, then one every T = 60 s / N.
    // The theoretical arrival time is blockedUntil + tolerance.
    auto row = lockRow(db, m_database, key);
    if (!row)
        return row.error();
    const qint64 interval = emissionIntervalMs();
    const qint64 tolerance = interval * (qMax(1, m_policy.accountFailuresPerMinute) - 1);
    const qint64 arrival = qMax(row->blockedUntil + tolerance, at) + interval;
    const int failures = at - row->lastFailureAt > m_policy.failureWindowMs ? 1 : row->failures + 1;
    return storeRow(db, key, {failures, at, arrival - tolerance});
}

Status LoginThrottle::recordFailure(const QSqlDatabase &db, const QString &name, const QString &address)
{
    const qint64 at = m_clock();
    if (auto ok = bumpBackoff(db, pairKey(name, address), m_policy.freeFailures, at); !ok)
        return ok;
    if (auto ok = bumpBackoff(db, addressKey(address), m_policy.addressFreeFailures, at); !ok)
        return ok;
    if (auto ok = bumpRate(db, accountKey(name), at); !ok)
        return ok;
    return purge(db, at);
}

Status LoginThrottle::recordSuccess(const QSqlDatabase &db, const QString &name, const QString &address)
{
    auto clear
        = runSql(db, QStringLiteral("DELETE FROM login_throttle WHERE throttle_key = ?"), {pairKey(name, address)});
    if (!clear)
        return clear.error();
    return purge(db, m_clock());
}

Status LoginThrottle::purge(const QSqlDatabase &db, qint64 at)
{
    // Guessed names and addresses must not pile up: a row whose block is over
    // and whose failures have left the window holds nothing.
    qint64 last = m_lastPurgeMs.load();
    if (at - last < kPurgeIntervalMs || !m_lastPurgeMs.compare_exchange_strong(last, at))
        return {};
    auto purge
        = runSql(db, QStringLiteral("DELETE FROM login_throttle WHERE blocked_until < ? AND last_failure_at < ?"),
            {at, at - m_policy.failureWindowMs});
    if (!purge)
        return purge.error();
    return {};
}

} // namespace prov::server

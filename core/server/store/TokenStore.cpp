#include "server/store/TokenStore.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "server/store/AuditLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>

namespace prov::server {

namespace {

const QString kTokenPrefix = QStringLiteral("pst_");

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(crypto::Digest::hash(text.toUtf8(), crypto::Digest::Algorithm::Sha256).toHex());
}

Result<QString> newToken()
{
    auto bytes = crypto::randomBytes(32);
    if (!bytes)
        return bytes.error();
    return kTokenPrefix
        + QString::fromLatin1(bytes->toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Error invalidCredentials()
{
    return makeError(
        ResultCode::InvalidArguments, QStringLiteral("wrong user name or password"), QString(kAuthInvalidCredentials));
}

Error invalidToken(const QString &why)
{
    return makeError(ResultCode::InvalidArguments, why, QString(kAuthInvalidToken));
}

} // namespace

QString Principal::actor() const
{
    return (kind == Kind::User ? QStringLiteral("user:") : QStringLiteral("station:")) + name;
}

TokenStore::TokenStore(const Database &database, const AuditLog &audit, AccountStore &accounts, UserPolicy policy)
    : m_database(database)
    , m_audit(audit)
    , m_accounts(accounts)
    , m_policy(policy)
    , m_throttle(database, policy.throttle, [this] { return now(); })
{ }

void TokenStore::setClock(std::function<qint64()> clock)
{
    m_accounts.setClock(clock);
    m_clock = std::move(clock);
}

qint64 TokenStore::now() const
{
    return m_clock ? m_clock() : nowMs();
}

QString TokenStore::tokenIdOf(const QString &token)
{
    return sha256Hex(token).left(12);
}

Result<qint64> TokenStore::retryAfterSeconds(const QString &userName, const QString &peerAddress) const
{
    auto remaining = m_throttle.retryAfterMs(userName, peerAddress);
    if (!remaining)
        return remaining.error();
    return (remaining.value() + 999) / 1000;
}

Status TokenStore::recordFailure(const QString &userName, const QString &peerAddress, const QString &why)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    if (auto ok = m_throttle.recordFailure(transaction->db(), userName, peerAddress); !ok)
        return ok;
    if (auto ok = m_audit.append(transaction.value(), QStringLiteral("anonymous@") + peerAddress,
            QStringLiteral("login.failed"), userName, why);
        !ok)
        return ok;
    return transaction->commit();
}

Result<Session> TokenStore::authenticate(
    const QString &userName, const crypto::SecretBytes &password, const QString &peerAddress)
{
    return login(userName, peerAddress, QStringLiteral("password"),
        [this, &userName, &password] { return m_accounts.checkPassword(userName, password); });
}

Result<Session> TokenStore::authenticateBadge(const crypto::SecretBytes &badge, const QString &peerAddress)
{
    return login(
        kBadgeAccount, peerAddress, QStringLiteral("badge"), [this, &badge] { return m_accounts.checkBadge(badge); });
}

Result<Session> TokenStore::login(const QString &throttleAccount, const QString &peerAddress, const QString &method,
    const std::function<Result<std::optional<Account>>()> &check)
{
    auto wait = retryAfterSeconds(throttleAccount, peerAddress);
    if (!wait)
        return wait.error();
    if (wait.value() > 0) {
        if (auto ok = m_audit.record(QStringLiteral("anonymous@") + peerAddress, QStringLiteral("login.throttled"),
                throttleAccount, QStringLiteral("retry in %1 s").arg(wait.value()));
            !ok)
            return ok.error();
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("too many failed logins: try again in %1 s").arg(wait.value()), QString(kAuthThrottled));
    }
    auto found = check();
    if (!found)
        return found.error();
    if (!found->has_value()) {
        if (auto ok = recordFailure(throttleAccount, peerAddress,
                method == u"badge" ? QStringLiteral("unknown badge") : QStringLiteral("wrong user name or password"));
            !ok)
            return ok.error();
        return invalidCredentials();
    }
    const Account account = **found;
    auto token = newToken();
    if (!token)
        return token.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    const qint64 at = now();
    const qint64 expires = at + m_policy.sessionLifetimeMs;
    auto insert = runSql(db,
        QStringLiteral("INSERT INTO tokens (token_hash, kind, user_name, station, role, created_by,"
                       " created_at, expires_at) VALUES (?, 'session', ?, NULL, ?, ?, ?, ?)"),
        {sha256Hex(token.value()), account.name, roleName(account.role), QStringLiteral("user:") + account.name, at,
            expires});
    if (!insert)
        return insert.error();
    if (auto ok = m_throttle.recordSuccess(db, throttleAccount, peerAddress); !ok)
        return ok.error();
    // Forget expired tokens while here (cheap, indexed).
    auto purge = runSql(db, QStringLiteral("DELETE FROM tokens WHERE expires_at < ?"), {at - 24ll * 3600 * 1000});
    if (!purge)
        return purge.error();
    if (auto ok = m_audit.append(transaction.value(), QStringLiteral("user:") + account.name, QStringLiteral("login"),
            account.name, QStringLiteral("%1 from %2, token %3").arg(method, peerAddress, tokenIdOf(token.value())));
        !ok)
        return ok.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return Session {token.value(), account.name, account.role, fromMs(expires)};
}

Result<Principal> TokenStore::authorize(const QString &token) const
{
    if (!token.startsWith(kTokenPrefix) || token.size() > 128)
        return invalidToken(QStringLiteral("the bearer token is not a ProvStation token"));
    // Every request asks: one statement prepared once per connection.
    auto found = runPrepared(m_database,
        QStringLiteral("SELECT t.kind, t.user_name, t.station, t.role, t.expires_at, t.revoked_at, u.role"
                       " FROM tokens t LEFT JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?"),
        {sha256Hex(token)});
    if (!found)
        return found.error();
    QSqlQuery *query = found.value();
    if (!query->next())
        return invalidToken(QStringLiteral("unknown token"));
    // Read it all and end the statement: a kept SQLite statement not reset would
    // hold this connection's read snapshot open.
    const QSqlRecord row = query->record();
    query->finish();
    const QString kind = row.value(0).toString();
    if (kind == u"setup")
        return invalidToken(QStringLiteral("a setup token only creates the first admin"));
    if (!row.value(5).isNull())
        return invalidToken(QStringLiteral("token %1 was revoked").arg(tokenIdOf(token)));
    const qint64 expires = row.value(4).toLongLong();
    if (expires <= now())
        return invalidToken(
            QStringLiteral("token %1 expired at %2").arg(tokenIdOf(token), fromMs(expires).toString(Qt::ISODate)));
    Principal principal;
    principal.expiresAt = fromMs(expires);
    principal.tokenId = tokenIdOf(token);
    if (kind == u"station") {
        principal.kind = Principal::Kind::Station;
        principal.name = row.value(2).toString();
        principal.role = Role::Station;
    } else {
        if (row.value(6).isNull())
            return invalidToken(QStringLiteral("the token's user no longer exists"));
        auto role = parseRole(row.value(6).toString());
        if (!role)
            return role.error();
        principal.kind = Principal::Kind::User;
        principal.name = row.value(1).toString();
        principal.role = role.value();
    }
    return principal;
}

Status TokenStore::logout(const QString &token)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto update = runSql(db.value(),
        QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL"),
        {now(), sha256Hex(token)});
    if (!update)
        return update.error();
    return {};
}

Result<IssuedToken> TokenStore::issueStationToken(const QString &station, const QString &actor, qint64 lifetimeMs)
{
    if (auto ok = AccountStore::validateName(station); !ok)
        return ok.error();
    auto token = newToken();
    if (!token)
        return token.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const qint64 at = now();
    const qint64 expires = at + (lifetimeMs > 0 ? lifetimeMs : m_policy.stationTokenLifetimeMs);
    const QString id = tokenIdOf(token.value());
    auto insert = runSql(transaction->db(),
        QStringLiteral("INSERT INTO tokens (token_hash, kind, user_name, station, role, created_by,"
                       " created_at, expires_at) VALUES (?, 'station', NULL, ?, 'station', ?, ?, ?)"),
        {sha256Hex(token.value()), station, actor, at, expires});
    if (!insert)
        return insert.error();
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("token.issue"), station,
            QStringLiteral("token %1 expires %2").arg(id, fromMs(expires).toString(Qt::ISODate)));
        !ok)
        return ok.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return IssuedToken {token.value(), id, station, fromMs(expires)};
}

Status TokenStore::revokeToken(const QString &tokenId, const QString &actor)
{
    static const QRegularExpression idPattern(QStringLiteral("^[0-9a-f]{12}$"));
    if (!idPattern.match(tokenId).hasMatch())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("token ID '%1' is not 12 lower-case hex digits").arg(tokenId.left(40)));
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    auto update = runSql(transaction->db(),
        QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE token_hash LIKE ? AND revoked_at IS NULL"),
        {now(), tokenId + u'%'});
    if (!update)
        return update.error();
    const int affected = update->numRowsAffected();
    update->finish();
    if (affected == 0)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no active token with ID %1").arg(tokenId));
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("token.revoke"), tokenId); !ok)
        return ok;
    return transaction->commit();
}

Result<int> TokenStore::revokeStationTokens(const QString &station, const QString &actor)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    auto update = runSql(transaction->db(),
        QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE kind = 'station' AND station = ? AND revoked_at IS NULL"
                       " AND expires_at > ?"),
        {now(), station, now()});
    if (!update)
        return update.error();
    const int count = update->numRowsAffected();
    if (count <= 0)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("station %1 has no active token").arg(station));
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("station.revoke"), station,
            QStringLiteral("%1 token(s)").arg(count));
        !ok)
        return ok.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return count;
}

Result<QList<TokenInfo>> TokenStore::list() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT token_hash, kind, COALESCE(user_name, station, ''), role, created_at,"
                       " expires_at, revoked_at FROM tokens WHERE expires_at > ? AND kind <> 'setup'"
                       " ORDER BY created_at DESC"),
        {now()});
    if (!rows)
        return rows.error();
    QList<TokenInfo> list;
    while (rows->next()) {
        auto role = parseRole(rows->value(3).toString());
        list.append({rows->value(0).toString().left(12), rows->value(1).toString(), rows->value(2).toString(),
            role ? role.value() : Role::Station, fromMs(rows->value(4).toLongLong()),
            fromMs(rows->value(5).toLongLong()), !rows->value(6).isNull()});
    }
    return list;
}

} // namespace prov::server

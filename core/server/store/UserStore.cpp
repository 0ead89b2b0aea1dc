#include "server/store/UserStore.h"

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

/// A hash to check against when the user does not exist, so a miss costs as much
/// time as a wrong password and user names cannot be probed by timing.
const QString &dummyHash(int iterations)
{
    static const QString hash = [iterations] {
        auto secret = crypto::randomSecret(16);
        if (!secret)
            return QString();
        auto hashed = crypto::hashPassword(secret.value(), iterations);
        return hashed ? hashed.value() : QString();
    }();
    return hash;
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Station:
        return QStringLiteral("station");
    }
    return QStringLiteral("station");
}

Result<Role> parseRole(const QString &text)
{
    if (text == u"admin")
        return Role::Admin;
    if (text == u"operator")
        return Role::Operator;
    if (text == u"station")
        return Role::Station;
    return makeError(
        ResultCode::InvalidArguments, QStringLiteral("role '%1' is not one of admin, operator, station").arg(text));
}

QString Principal::actor() const
{
    return (kind == Kind::User ? QStringLiteral("user:") : QStringLiteral("station:")) + name;
}

UserStore::UserStore(const Database &database, const AuditLog &audit, Policy policy)
    : m_database(database)
    , m_audit(audit)
    , m_policy(policy)
    , m_throttle(database, policy.throttle, [this] { return now(); })
{ }

void UserStore::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 UserStore::now() const
{
    return m_clock ? m_clock() : nowMs();
}

QString UserStore::tokenIdOf(const QString &token)
{
    return sha256Hex(token).left(12);
}

Status UserStore::validateUserName(const QString &name) const
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!pattern.match(name).hasMatch()) {
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("name '%1' is not 1 to 64 characters of A-Z a-z 0-9 . _ @ - "
                           "(starting with a letter or digit)")
                .arg(name.left(80)));
    }
    return {};
}

Result<QString> UserStore::hashNewPassword(const crypto::SecretBytes &password) const
{
    const qsizetype length = QString::fromUtf8(password.view()).size();
    if (length < m_policy.minPasswordLength)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the password is too short (at least %1 characters)").arg(m_policy.minPasswordLength));
    return crypto::hashPassword(password, m_policy.passwordIterations);
}

Status UserStore::addUser(const QString &name, Role role, const crypto::SecretBytes &password, const QString &actor)
{
    if (auto ok = validateUserName(name); !ok)
        return ok;
    auto hash = hashNewPassword(password);
    if (!hash)
        return hash.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    {
        auto existing = runSql(db, QStringLiteral("SELECT name FROM users WHERE LOWER(name) = LOWER(?)"), {name});
        if (!existing)
            return existing.error();
        if (existing->next())
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("user '%1' already exists").arg(existing->value(0).toString()));
    }
    const qint64 at = now();
    auto insert = runSql(db,
        QStringLiteral("INSERT INTO users (name, role, password_hash, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?)"),
        {name, roleName(role), hash.value(), at, at});
    if (!insert)
        return insert.error();
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("user.add"), name,
            QStringLiteral("role %1").arg(roleName(role)));
        !ok)
        return ok;
    return transaction->commit();
}

Status UserStore::setPassword(const QString &name, const crypto::SecretBytes &password, const QString &actor)
{
    auto hash = hashNewPassword(password);
    if (!hash)
        return hash.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    auto update = runSql(db, QStringLiteral("UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?"),
        {hash.value(), now(), name});
    if (!update)
        return update.error();
    if (update->numRowsAffected() != 1)
        return makeError(ResultCode::InvalidArguments, QStringLiteral("no user '%1'").arg(name));
    update->finish();
    // A new password ends the sessions opened with the old one.
    auto revoke = runSql(db,
        QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL"), {now(), name});
    if (!revoke)
        return revoke.error();
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("user.password"), name); !ok)
        return ok;
    return transaction->commit();
}

Status UserStore::removeUser(const QString &name, const QString &actor)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    QString role;
    {
        auto user
            = runSql(db, QStringLiteral("SELECT role FROM users WHERE name = ?") + m_database.forUpdate(), {name});
        if (!user)
            return user.error();
        if (!user->next())
            return makeError(ResultCode::InvalidArguments, QStringLiteral("no user '%1'").arg(name));
        role = user->value(0).toString();
    }
    if (role == u"admin") {
        // Lock all admin rows so two concurrent removals cannot both pass the check.
        auto admins
            = runSql(db, QStringLiteral("SELECT name FROM users WHERE role = 'admin'") + m_database.forUpdate());
        if (!admins)
            return admins.error();
        int count = 0;
        while (admins->next())
            ++count;
        if (count <= 1)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("user '%1' is the last admin and cannot be removed").arg(name));
    }
    auto tokens = runSql(db, QStringLiteral("DELETE FROM tokens WHERE user_name = ?"), {name});
    if (!tokens)
        return tokens.error();
    auto remove = runSql(db, QStringLiteral("DELETE FROM users WHERE name = ?"), {name});
    if (!remove)
        return remove.error();
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("user.remove"), name); !ok)
        return ok;
    return transaction->commit();
}

Result<QList<UserInfo>> UserStore::users() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(), QStringLiteral("SELECT name, role, created_at FROM users ORDER BY name"));
    if (!rows)
        return rows.error();
    QList<UserInfo> list;
    while (rows->next()) {
        auto role = parseRole(rows->value(1).toString());
        list.append(
            {rows->value(0).toString(), role ? role.value() : Role::Station, fromMs(rows->value(2).toLongLong())});
    }
    return list;
}

Result<bool> UserStore::hasAdmin() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(), QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin'"));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toLongLong() > 0;
}

Result<qint64> UserStore::retryAfterMs(const QString &userName, const QString &peerAddress) const
{
    return m_throttle.retryAfterMs(userName, peerAddress);
}

Result<qint64> UserStore::retryAfterSeconds(const QString &userName, const QString &peerAddress) const
{
    auto remaining = retryAfterMs(userName, peerAddress);
    if (!remaining)
        return remaining.error();
    return (remaining.value() + 999) / 1000;
}

Status UserStore::recordFailure(const QString &userName, const QString &peerAddress, const QString &why)
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

Result<Session> UserStore::authenticate(
    const QString &userName, const crypto::SecretBytes &password, const QString &peerAddress)
{
    auto wait = retryAfterSeconds(userName, peerAddress);
    if (!wait)
        return wait.error();
    if (wait.value() > 0) {
        if (auto ok = m_audit.record(QStringLiteral("anonymous@") + peerAddress, QStringLiteral("login.throttled"),
                userName, QStringLiteral("retry in %1 s").arg(wait.value()));
            !ok)
            return ok.error();
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("too many failed logins: try again in %1 s").arg(wait.value()), QString(kAuthThrottled));
    }
    QString storedHash;
    QString storedName;
    Role role = Role::Station;
    {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        auto row = runSql(
            db.value(), QStringLiteral("SELECT name, role, password_hash FROM users WHERE name = ?"), {userName});
        if (!row)
            return row.error();
        if (row->next()) {
            storedName = row->value(0).toString();
            auto parsed = parseRole(row->value(1).toString());
            role = parsed ? parsed.value() : Role::Station;
            storedHash = row->value(2).toString();
        }
    }
    const bool known = !storedHash.isEmpty();
    const bool matches = crypto::verifyPassword(password, known ? storedHash : dummyHash(m_policy.passwordIterations));
    if (!known || !matches) {
        if (auto ok = recordFailure(
                userName, peerAddress, known ? QStringLiteral("wrong password") : QStringLiteral("unknown user"));
            !ok)
            return ok.error();
        return invalidCredentials();
    }
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
        {sha256Hex(token.value()), storedName, roleName(role), QStringLiteral("user:") + storedName, at, expires});
    if (!insert)
        return insert.error();
    if (auto ok = m_throttle.recordSuccess(db, userName, peerAddress); !ok)
        return ok.error();
    // Forget expired tokens while here (cheap, indexed).
    auto purge = runSql(db, QStringLiteral("DELETE FROM tokens WHERE expires_at < ?"), {at - 24ll * 3600 * 1000});
    if (!purge)
        return purge.error();
    if (auto ok = m_audit.append(transaction.value(), QStringLiteral("user:") + storedName, QStringLiteral("login"),
            storedName, QStringLiteral("from %1, token %2").arg(peerAddress, tokenIdOf(token.value())));
        !ok)
        return ok.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return Session {token.value(), storedName, role, fromMs(expires)};
}

Result<Principal> UserStore::authorize(const QString &token) const
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

Status UserStore::logout(const QString &token)
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

Result<IssuedToken> UserStore::issueStationToken(const QString &station, const QString &actor, qint64 lifetimeMs)
{
    if (auto ok = validateUserName(station); !ok)
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

Status UserStore::revokeToken(const QString &tokenId, const QString &actor)
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

Result<int> UserStore::revokeStationTokens(const QString &station, const QString &actor)
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

Result<QList<TokenInfo>> UserStore::tokens() const
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

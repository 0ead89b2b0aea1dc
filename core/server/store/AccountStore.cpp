#include "server/store/AccountStore.h"

#include "crypto/Random.h"
#include "server/store/AuditLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace prov::server {

namespace {

const QString kBadgeSaltSetting = QStringLiteral("badge-salt");
constexpr qsizetype kBadgeSaltBytes = 16;
constexpr qsizetype kBadgeHashBytes = 32;

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

/// A hash to check against when the user does not exist, so a miss costs as much
/// time as a wrong password.
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

Error noUser(const QString &name)
{
    return makeError(ResultCode::InvalidArguments, QStringLiteral("no user '%1'").arg(name));
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return QStringLiteral("admin");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Station:
        return QStringLiteral("station");
    }
    return QStringLiteral("station");
}

Result<Role> parseRole(const QString &text)
{
    for (Role role : {Role::Admin, Role::Supervisor, Role::Operator, Role::Station}) {
        if (text == roleName(role))
            return role;
    }
    return makeError(ResultCode::InvalidArguments,
        QStringLiteral("role '%1' is not one of admin, supervisor, operator, station").arg(text.left(40)));
}

bool mayHaveBadge(Role role)
{
    return role == Role::Operator || role == Role::Supervisor;
}

AccountStore::AccountStore(const Database &database, const AuditLog &audit, const UserPolicy &policy)
    : m_database(database)
    , m_audit(audit)
    , m_policy(policy)
{ }

void AccountStore::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 AccountStore::now() const
{
    return m_clock ? m_clock() : nowMs();
}

Status AccountStore::validateName(const QString &name)
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

Result<QString> AccountStore::hashNewPassword(const crypto::SecretBytes &password) const
{
    const qsizetype length = QString::fromUtf8(password.view()).size();
    if (length < m_policy.minPasswordLength)
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("the password is too short (at least %1 characters)").arg(m_policy.minPasswordLength));
    return crypto::hashPassword(password, m_policy.passwordIterations);
}

Result<AccountStore::NewUser> AccountStore::prepareUser(
    const QString &name, Role role, const crypto::SecretBytes &password) const
{
    if (auto ok = validateName(name); !ok)
        return ok.error();
    auto hash = hashNewPassword(password);
    if (!hash)
        return hash.error();
    return NewUser {name, role, hash.value()};
}

Status AccountStore::insertUser(
    const SqlTransaction &transaction, const NewUser &user, const QString &actor, const QString &detail) const
{
    const QSqlDatabase &db = transaction.db();
    {
        auto existing = runSql(db, QStringLiteral("SELECT name FROM users WHERE LOWER(name) = LOWER(?)"), {user.name});
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
        {user.name, roleName(user.role), user.passwordHash, at, at});
    if (!insert)
        return insert.error();
    return m_audit.append(transaction, actor, QStringLiteral("user.add"), user.name, detail);
}

Status AccountStore::addUser(const QString &name, Role role, const crypto::SecretBytes &password, const QString &actor)
{
    auto user = prepareUser(name, role, password);
    if (!user)
        return user.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    if (auto ok = insertUser(transaction.value(), user.value(), actor, QStringLiteral("role %1").arg(roleName(role)));
        !ok)
        return ok;
    return transaction->commit();
}

Status AccountStore::setPassword(const QString &name, const crypto::SecretBytes &password, const QString &actor)
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
        return noUser(name);
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

Result<QString> AccountStore::badgeSalt(bool create) const
{
    auto read = [this]() -> Result<QString> {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        auto row = runSql(
            db.value(), QStringLiteral("SELECT value FROM server_settings WHERE name = ?"), {kBadgeSaltSetting});
        if (!row)
            return row.error();
        return row->next() ? row->value(0).toString() : QString();
    };
    auto stored = read();
    if (!stored || !stored->isEmpty() || !create)
        return stored;
    auto salt = crypto::randomBytes(kBadgeSaltBytes);
    if (!salt)
        return salt.error();
    // ON CONFLICT: another server on this database made one meanwhile; the re-read takes that one.
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    auto insert = runSql(transaction->db(),
        QStringLiteral("INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"),
        {kBadgeSaltSetting,
            QString::number(m_policy.passwordIterations) + QLatin1Char('$') + QString::fromLatin1(salt->toBase64())});
    if (!insert)
        return insert.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return read();
}

Result<QString> AccountStore::hashBadge(const crypto::SecretBytes &badge, const QString &salt)
{
    bool ok = false;
    const int iterations = salt.section(QLatin1Char('$'), 0, 0).toInt(&ok);
    const QByteArray saltBytes = QByteArray::fromBase64(salt.section(QLatin1Char('$'), 1).toLatin1());
    if (!ok || saltBytes.isEmpty())
        return makeError(ResultCode::InternalError, QStringLiteral("the stored badge salt is malformed"));
    auto hash = crypto::pbkdf2HmacSha256(badge, saltBytes, iterations, kBadgeHashBytes);
    if (!hash)
        return hash.error();
    // The format of crypto::hashPassword(), so verifyPassword() reads it too.
    return QStringLiteral("pbkdf2-sha256$") + salt + QLatin1Char('$')
        + QString::fromLatin1(QByteArray(hash->view().data(), hash->size()).toBase64());
}

Status AccountStore::setBadge(const QString &name, const crypto::SecretBytes &badge, const QString &actor)
{
    QVariant hash; // NULL removes the badge
    if (!badge.isEmpty()) {
        const qsizetype length = QString::fromUtf8(badge.view()).size();
        if (length < m_policy.minBadgeLength)
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("the badge code is too short (at least %1 characters)").arg(m_policy.minBadgeLength));
        auto salt = badgeSalt(true);
        if (!salt)
            return salt.error();
        auto hashed = hashBadge(badge, salt.value());
        if (!hashed)
            return hashed.error();
        hash = hashed.value();
    }
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    {
        auto user = runSql(db, QStringLiteral("SELECT role FROM users WHERE name = ?"), {name});
        if (!user)
            return user.error();
        if (!user->next())
            return noUser(name);
        auto role = parseRole(user->value(0).toString());
        if (!role)
            return role.error();
        if (!badge.isEmpty() && !mayHaveBadge(role.value()))
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("user '%1' is an %2: only operators and supervisors log in with a badge")
                    .arg(name, roleName(role.value())));
    }
    if (!hash.isNull()) {
        auto taken = runSql(
            db, QStringLiteral("SELECT name FROM users WHERE badge_hash = ? AND name <> ?"), {hash.toString(), name});
        if (!taken)
            return taken.error();
        if (taken->next())
            return makeError(ResultCode::InvalidArguments,
                QStringLiteral("this badge is already user '%1''s: a badge names one user")
                    .arg(taken->value(0).toString()));
    }
    auto update = runSql(db, QStringLiteral("UPDATE users SET badge_hash = ?, updated_at = ? WHERE name = ?"),
        {hash.isNull() ? QVariant(QMetaType::fromType<QString>()) : hash, now(), name});
    if (!update)
        return update.error();
    update->finish();
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("user.badge"), name,
            hash.isNull() ? QStringLiteral("removed") : QStringLiteral("set"));
        !ok)
        return ok;
    return transaction->commit();
}

Status AccountStore::removeUser(const QString &name, const QString &actor)
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
            return noUser(name);
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

Result<QList<UserInfo>> AccountStore::users() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(
        db.value(), QStringLiteral("SELECT name, role, created_at, badge_hash IS NOT NULL FROM users ORDER BY name"));
    if (!rows)
        return rows.error();
    QList<UserInfo> list;
    while (rows->next()) {
        auto role = parseRole(rows->value(1).toString());
        list.append({rows->value(0).toString(), role ? role.value() : Role::Station,
            fromMs(rows->value(2).toLongLong()), rows->value(3).toBool()});
    }
    return list;
}

Result<bool> AccountStore::hasAdmin() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(), QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin'"));
    if (!rows)
        return rows.error();
    return rows->next() && rows->value(0).toLongLong() > 0;
}

Result<std::optional<Account>> AccountStore::checkPassword(
    const QString &name, const crypto::SecretBytes &password) const
{
    QString storedHash;
    Account account;
    {
        auto db = m_database.connection();
        if (!db)
            return db.error();
        auto row
            = runSql(db.value(), QStringLiteral("SELECT name, role, password_hash FROM users WHERE name = ?"), {name});
        if (!row)
            return row.error();
        if (row->next()) {
            account.name = row->value(0).toString();
            auto parsed = parseRole(row->value(1).toString());
            account.role = parsed ? parsed.value() : Role::Station;
            storedHash = row->value(2).toString();
        }
    }
    const bool known = !storedHash.isEmpty();
    const bool matches = crypto::verifyPassword(password, known ? storedHash : dummyHash(m_policy.passwordIterations));
    if (!known || !matches)
        return std::optional<Account>();
    return std::optional<Account>(account);
}

Result<std::optional<Account>> AccountStore::checkBadge(const crypto::SecretBytes &badge) const
{
    auto salt = badgeSalt(false);
    if (!salt)
        return salt.error();
    if (salt->isEmpty()) {
        // No badge was ever set: the miss still costs one hash.
        (void)crypto::verifyPassword(badge, dummyHash(m_policy.passwordIterations));
        return std::optional<Account>();
    }
    auto hash = hashBadge(badge, salt.value());
    if (!hash)
        return hash.error();
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto row = runSql(db.value(), QStringLiteral("SELECT name, role FROM users WHERE badge_hash = ?"), {hash.value()});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<Account>();
    auto role = parseRole(row->value(1).toString());
    if (!role)
        return role.error();
    // A badge left on a user whose role no longer allows one does not log in.
    if (!mayHaveBadge(role.value()))
        return std::optional<Account>();
    return std::optional<Account>(Account {row->value(0).toString(), role.value()});
}

} // namespace prov::server

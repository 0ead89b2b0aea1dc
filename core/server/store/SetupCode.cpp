// TokenStore's first-start part: the setup code that creates the first admin.
#include "server/store/TokenStore.h"

#include "crypto/Digest.h"
#include "crypto/Random.h"
#include "crypto/SymmetricCrypto.h"
#include "server/store/AuditLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QSqlQuery>

namespace prov::server {

namespace {

const QString kSetting = QStringLiteral("setup-code");
constexpr QByteArrayView kSealContext("provstation setup code v1");
/// Crockford's base32: no I, L, O, U, so nothing reads as something else.
constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kCodeBytes = 10; ///< 80 bits: 16 characters

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(crypto::Digest::hash(text.toUtf8(), crypto::Digest::Algorithm::Sha256).toHex());
}

/// 16 characters in four groups of four.
QString encode(QByteArrayView bytes)
{
    QString code;
    quint32 buffer = 0;
    int bits = 0;
    for (char byte : bytes) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            if (!code.isEmpty() && (code.size() + 1) % 5 == 0)
                code += QLatin1Char('-');
            code += QLatin1Char(kAlphabet[(buffer >> bits) & 31]);
        }
    }
    return code;
}

Result<bool> adminExists(const QSqlDatabase &db)
{
    auto admins = runSql(db, QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin'"));
    if (!admins)
        return admins.error();
    return admins->next() && admins->value(0).toLongLong() > 0;
}

/// The stored "<sha256 hex> <base64 sealed code>", or empty.
Result<QString> storedValue(const QSqlDatabase &db)
{
    auto row = runSql(db, QStringLiteral("SELECT value FROM server_settings WHERE name = ?"), {kSetting});
    if (!row)
        return row.error();
    return row->next() ? row->value(0).toString() : QString();
}

} // namespace

QString TokenStore::normalizeSetupCode(const QString &typed)
{
    QString plain;
    for (QChar c : typed.toUpper()) {
        if (c == u'-' || c.isSpace())
            continue;
        if (c == u'O')
            c = u'0';
        else if (c == u'I' || c == u'L')
            c = u'1';
        plain += c;
    }
    QString grouped;
    for (qsizetype i = 0; i < plain.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            grouped += QLatin1Char('-');
        grouped += plain.at(i);
    }
    return grouped;
}

Result<std::optional<QString>> TokenStore::ensureSetupCode(const crypto::SecretBytes &masterKey)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    auto admin = adminExists(db);
    if (!admin)
        return admin.error();
    if (admin.value()) {
        // Nothing left to set up: the code would only be a way in.
        if (auto removed = runSql(db, QStringLiteral("DELETE FROM server_settings WHERE name = ?"), {kSetting});
            !removed)
            return removed.error();
        if (auto ok = transaction->commit(); !ok)
            return ok.error();
        return std::optional<QString>();
    }
    auto stored = storedValue(db);
    if (!stored)
        return stored.error();
    if (stored->isEmpty()) {
        auto bytes = crypto::randomBytes(kCodeBytes);
        if (!bytes)
            return bytes.error();
        const QString code = encode(bytes.value());
        QByteArray plain = code.toLatin1();
        auto sealed = crypto::aesGcmSeal(masterKey, crypto::SecretBytes::takeFrom(plain), kSealContext);
        if (!sealed)
            return sealed.error();
        // ON CONFLICT: another server on this database made one meanwhile; the
        // re-read below then takes that one.
        auto insert = runSql(db,
            QStringLiteral("INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"),
            {kSetting, sha256Hex(code) + QLatin1Char(' ') + QString::fromLatin1(sealed->toBase64())});
        if (!insert)
            return insert.error();
        if (auto ok = m_audit.append(transaction.value(), QStringLiteral("server"), QStringLiteral("setup-code.issue"),
                QString(), QStringLiteral("no admin exists"));
            !ok)
            return ok.error();
        stored = storedValue(db);
        if (!stored)
            return stored.error();
    }
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    const QByteArray sealed = QByteArray::fromBase64(stored->section(QLatin1Char(' '), 1).toLatin1());
    auto code = crypto::aesGcmOpen(masterKey, sealed, kSealContext);
    if (!code)
        return makeError(ResultCode::InternalError,
            QStringLiteral("the stored setup code cannot be opened with this master key: %1")
                .arg(code.error().message));
    return std::optional<QString>(QString::fromLatin1(code->view()));
}

Status TokenStore::redeemSetupCode(
    const QString &setupCode, const QString &name, const crypto::SecretBytes &password, const QString &peerAddress)
{
    auto user = m_accounts.prepareUser(name, Role::Admin, password);
    if (!user)
        return user.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    auto admin = adminExists(db);
    if (!admin)
        return admin.error();
    if (admin.value())
        return makeError(
            ResultCode::InvalidArguments, QStringLiteral("an admin already exists"), QString(kAuthInvalidToken));
    auto stored = storedValue(db);
    if (!stored)
        return stored.error();
    const QString expected = stored->section(QLatin1Char(' '), 0, 0);
    if (expected.isEmpty() || sha256Hex(normalizeSetupCode(setupCode)) != expected) {
        transaction->rollback();
        if (auto ok = recordFailure(QStringLiteral("(setup)"), peerAddress, QStringLiteral("invalid setup code")); !ok)
            return ok;
        return makeError(ResultCode::InvalidArguments, QStringLiteral("the setup code is wrong or already used"),
            QString(kAuthInvalidToken));
    }
    if (auto removed = runSql(db, QStringLiteral("DELETE FROM server_settings WHERE name = ?"), {kSetting}); !removed)
        return removed.error();
    if (auto ok = m_accounts.insertUser(transaction.value(), user.value(), QStringLiteral("setup@") + peerAddress,
            QStringLiteral("role admin, with the setup code"));
        !ok)
        return ok;
    return transaction->commit();
}

} // namespace prov::server

#include "server/store/PairingStore.h"

#include "crypto/PairingCode.h"
#include "crypto/Random.h"
#include "server/store/AuditLog.h"
#include "server/store/Database.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"
#include "server/store/TokenStore.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace prov::server {

namespace {

constexpr int kMaxCodeTries = 20; // a free code ID among 1024 is found at once in practice

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

Error pairingError(const QString &message, QLatin1String context)
{
    return makeError(ResultCode::InvalidArguments, message, QString(context));
}

QString pairingActor(const QString &peerAddress)
{
    return QStringLiteral("anonymous@") + peerAddress;
}

/// The stored row of a code.
struct CodeRow
{
    QString station;
    crypto::SecretBytes key;
    QString state;
    int failures = 0;
    QByteArray serverNonce;
    QByteArray challengedKey;
    qint64 challengedAt = 0;
    qint64 expiresAt = 0;
};

Result<std::optional<CodeRow>> readCode(const SqlTransaction &transaction, const Database &database, const QString &id)
{
    auto row = runSql(transaction.db(),
        QStringLiteral("SELECT station, code_key, state, failures, server_nonce, challenged_key, challenged_at,"
                       " expires_at FROM pairing_codes WHERE locator = ?")
            + database.forUpdate(),
        {id});
    if (!row)
        return row.error();
    if (!row->next())
        return std::optional<CodeRow>();
    CodeRow code;
    code.station = row->value(0).toString();
    QString error;
    const QByteArray hex = row->value(1).toString().toLatin1();
    if (!crypto::SecretBytes::fromHex(hex, &code.key, &error))
        return makeError(ResultCode::InternalError, QStringLiteral("pairing code %1: stored key: %2").arg(id, error));
    code.state = row->value(2).toString();
    code.failures = row->value(3).toInt();
    code.serverNonce = QByteArray::fromBase64(row->value(4).toString().toLatin1());
    code.challengedKey = QByteArray::fromBase64(row->value(5).toString().toLatin1());
    code.challengedAt = row->value(6).toLongLong();
    code.expiresAt = row->value(7).toLongLong();
    return std::optional<CodeRow>(std::move(code));
}

/// Why a code in `state` cannot be used, in words for the station's user.
QString unusableReason(const QString &id, const CodeRow &code, qint64 now)
{
    if (code.state == u"used")
        return QStringLiteral("pairing code %1… was already used: create a new one with "
                              "`provstation-server station pair --name %2`")
            .arg(id, code.station);
    if (code.state == u"burned")
        return QStringLiteral("pairing code %1… was voided after a pairing attempt that did not complete: create a "
                              "new one")
            .arg(id);
    if (code.expiresAt <= now)
        return QStringLiteral("pairing code %1… expired at %2: create a new one")
            .arg(id, fromMs(code.expiresAt).toString(Qt::ISODate));
    return {};
}

} // namespace

PairingStore::PairingStore(const Database &database, const AuditLog &audit, TokenStore &tokens, Policy policy)
    : m_database(database)
    , m_audit(audit)
    , m_tokens(tokens)
    , m_policy(policy)
{ }

void PairingStore::setClock(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 PairingStore::now() const
{
    return m_clock ? m_clock() : nowMs();
}

Result<PairingCodeIssued> PairingStore::createCode(const QString &station, const QString &actor)
{
    static const QRegularExpression kName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$"));
    if (!kName.match(station).hasMatch())
        return makeError(ResultCode::InvalidArguments,
            QStringLiteral("station name '%1' must be 1-64 letters, digits or . _ @ : - (starting with a letter or "
                           "digit)")
                .arg(station.left(80)));
    for (int attempt = 0; attempt < kMaxCodeTries; ++attempt) {
        auto code = crypto::PairingCode::generate();
        if (!code)
            return code.error();
        // Deriving takes a moment: outside the transaction.
        auto key = code->deriveKey();
        if (!key)
            return key.error();
        auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
        if (!transaction)
            return transaction.error();
        const qint64 at = now();
        // A code ID is reused only once its old code can no longer be used.
        auto purge = runSql(transaction->db(),
            QStringLiteral("DELETE FROM pairing_codes WHERE locator = ? AND (expires_at <= ? OR state IN "
                           "('used', 'burned'))"),
            {code->id(), at});
        if (!purge)
            return purge.error();
        auto taken
            = runSql(transaction->db(), QStringLiteral("SELECT 1 FROM pairing_codes WHERE locator = ?"), {code->id()});
        if (!taken)
            return taken.error();
        if (taken->next())
            continue;
        taken->finish();
        const qint64 expires = at + m_policy.codeLifetimeMs;
        auto insert = runSql(transaction->db(),
            QStringLiteral("INSERT INTO pairing_codes (locator, station, code_key, state, failures, created_by,"
                           " created_at, expires_at) VALUES (?, ?, ?, 'open', 0, ?, ?, ?)"),
            {code->id(), station, QString::fromLatin1(key->view().toByteArray().toHex()), actor, at, expires});
        if (!insert)
            return insert.error();
        if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("pairing.create"), station,
                QStringLiteral("code %1… expires %2").arg(code->id(), fromMs(expires).toString(Qt::ISODate)));
            !ok)
            return ok.error();
        if (auto ok = transaction->commit(); !ok)
            return ok.error();
        return PairingCodeIssued {code->display(), station, fromMs(expires)};
    }
    return makeError(ResultCode::InternalError,
        QStringLiteral("no free pairing code ID after %1 tries: too many open codes").arg(kMaxCodeTries));
}

Status PairingStore::countRequest(const QString &peerAddress)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    const QSqlDatabase &db = transaction->db();
    const qint64 at = now();
    auto seed = runSql(db,
        QStringLiteral("INSERT INTO pairing_throttle (address, window_start, attempts) VALUES (?, ?, 0)"
                       " ON CONFLICT (address) DO NOTHING"),
        {peerAddress, at});
    if (!seed)
        return seed.error();
    qint64 windowStart = at;
    int attempts = 0;
    {
        auto row = runSql(db,
            QStringLiteral("SELECT window_start, attempts FROM pairing_throttle WHERE address = ?")
                + m_database.forUpdate(),
            {peerAddress});
        if (!row)
            return row.error();
        if (row->next()) {
            windowStart = row->value(0).toLongLong();
            attempts = row->value(1).toInt();
        }
    }
    if (at - windowStart >= m_policy.addressWindowMs) {
        windowStart = at;
        attempts = 0;
    }
    if (attempts >= m_policy.maxRequestsPerAddress) {
        const qint64 seconds = (windowStart + m_policy.addressWindowMs - at + 999) / 1000;
        return pairingError(
            QStringLiteral("too many pairing requests from %1: try again in %2 s").arg(peerAddress).arg(seconds),
            kPairingThrottled);
    }
    auto update
        = runSql(db, QStringLiteral("UPDATE pairing_throttle SET window_start = ?, attempts = ? WHERE address = ?"),
            {windowStart, attempts + 1, peerAddress});
    if (!update)
        return update.error();
    return transaction->commit();
}

Status PairingStore::burn(const QString &codeId, const QString &actor, const QString &why)
{
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    auto update = runSql(transaction->db(),
        QStringLiteral(
            "UPDATE pairing_codes SET state = 'burned' WHERE locator = ? AND state IN ('open', 'challenged')"),
        {codeId});
    if (!update)
        return update.error();
    if (auto ok = m_audit.append(transaction.value(), actor, QStringLiteral("pairing.burn"), codeId, why); !ok)
        return ok;
    return transaction->commit();
}

Result<PairingChallenge> PairingStore::challenge(const QString &codeId, const QByteArray &stationNonce,
    const QByteArray &seenKey, const QByteArray &ownKey, const QString &peerAddress)
{
    if (auto counted = countRequest(peerAddress); !counted)
        return counted.error();
    if (seenKey != ownKey) {
        // Someone between the station and this server terminates TLS with another
        // key. The code stays as it was: the honest station can try again once
        // the path is clean, and no proof over the code was given out.
        if (auto ok = m_audit.record(pairingActor(peerAddress), QStringLiteral("pairing.key-mismatch"), codeId,
                QStringLiteral("station saw sha256//%1").arg(QString::fromLatin1(seenKey.toBase64())));
            !ok)
            return ok.error();
        return pairingError(QStringLiteral("the station sees the TLS key %1, but this server's key is %2: a machine "
                                           "between the station and the server answers in its place. Nothing was "
                                           "paired and the code is still valid")
                                .arg(QStringLiteral("sha256//") + QString::fromLatin1(seenKey.toBase64()),
                                    QStringLiteral("sha256//") + QString::fromLatin1(ownKey.toBase64())),
            kPairingKeyMismatch);
    }
    auto nonce = crypto::randomBytes(crypto::kPairingNonceSize);
    if (!nonce)
        return nonce.error();
    auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
    if (!transaction)
        return transaction.error();
    auto code = readCode(transaction.value(), m_database, codeId);
    if (!code)
        return code.error();
    const qint64 at = now();
    if (!code->has_value())
        return pairingError(
            QStringLiteral("there is no pairing code %1…: check the code, or create one with `provstation-server "
                           "station pair --name NAME`")
                .arg(codeId),
            kPairingUnknownCode);
    CodeRow &row = **code;
    if (const QString why = unusableReason(codeId, row, at); !why.isEmpty())
        return pairingError(why, kPairingCodeUnusable);
    if (row.state == u"challenged") {
        transaction->rollback();
        if (auto ok = burn(codeId, pairingActor(peerAddress), QStringLiteral("a second challenge")); !ok)
            return ok.error();
        return pairingError(QStringLiteral("pairing code %1… was already challenged by a pairing attempt that "
                                           "did not complete, and is now void: create a new one")
                                .arg(codeId),
            kPairingCodeUnusable);
    }
    auto update = runSql(transaction->db(),
        QStringLiteral("UPDATE pairing_codes SET state = 'challenged', server_nonce = ?, challenged_key = ?,"
                       " challenged_at = ? WHERE locator = ?"),
        {QString::fromLatin1(nonce->toBase64()), QString::fromLatin1(seenKey.toBase64()), at, codeId});
    if (!update)
        return update.error();
    if (auto ok = m_audit.append(transaction.value(), pairingActor(peerAddress), QStringLiteral("pairing.challenge"),
            row.station, QStringLiteral("code %1…").arg(codeId));
        !ok)
        return ok.error();
    if (auto ok = transaction->commit(); !ok)
        return ok.error();
    return PairingChallenge {nonce.value(), crypto::pairingServerProof(row.key, stationNonce, seenKey)};
}

Result<PairingResult> PairingStore::complete(const QString &codeId, const QByteArray &serverNonce,
    const QByteArray &stationProof, const QByteArray &seenKey, const QString &peerAddress)
{
    if (auto counted = countRequest(peerAddress); !counted)
        return counted.error();
    QString station;
    {
        auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
        if (!transaction)
            return transaction.error();
        auto code = readCode(transaction.value(), m_database, codeId);
        if (!code)
            return code.error();
        const qint64 at = now();
        if (!code->has_value())
            return pairingError(QStringLiteral("there is no pairing code %1…").arg(codeId), kPairingUnknownCode);
        CodeRow &row = **code;
        if (const QString why = unusableReason(codeId, row, at); !why.isEmpty())
            return pairingError(why, kPairingCodeUnusable);
        if (row.state != u"challenged" || row.serverNonce != serverNonce || row.challengedKey != seenKey)
            return pairingError(
                QStringLiteral("pairing code %1… has no challenge with this nonce and key: start the pairing again")
                    .arg(codeId),
                kPairingWrongProof);
        if (at - row.challengedAt > m_policy.challengeWindowMs) {
            transaction->rollback();
            if (auto ok = burn(codeId, pairingActor(peerAddress), QStringLiteral("challenge answered too late")); !ok)
                return ok.error();
            return pairingError(
                QStringLiteral("pairing code %1… was voided: the station answered later than %2 s after the "
                               "server's proof")
                    .arg(codeId)
                    .arg(m_policy.challengeWindowMs / 1000),
                kPairingCodeUnusable);
        }
        if (!crypto::proofsEqual(crypto::pairingStationProof(row.key, serverNonce, seenKey), stationProof)) {
            const int failures = row.failures + 1;
            const bool burned = failures >= m_policy.maxFailedProofs;
            auto update = runSql(transaction->db(),
                QStringLiteral("UPDATE pairing_codes SET failures = ?, state = ? WHERE locator = ?"),
                {failures, burned ? QStringLiteral("burned") : row.state, codeId});
            if (!update)
                return update.error();
            if (auto ok = m_audit.append(transaction.value(), pairingActor(peerAddress),
                    QStringLiteral("pairing.failed"), row.station,
                    QStringLiteral("code %1…, wrong proof %2 of %3")
                        .arg(codeId)
                        .arg(failures)
                        .arg(m_policy.maxFailedProofs));
                !ok)
                return ok.error();
            if (auto ok = transaction->commit(); !ok)
                return ok.error();
            return pairingError(burned
                    ? QStringLiteral("wrong pairing proof for code %1…; the code is now void").arg(codeId)
                    : QStringLiteral("wrong pairing proof for code %1…").arg(codeId),
                burned ? kPairingCodeUnusable : kPairingWrongProof);
        }
        // Used before the token exists: a race of two proofs issues one token.
        auto update = runSql(transaction->db(),
            QStringLiteral("UPDATE pairing_codes SET state = 'used' WHERE locator = ? AND state = 'challenged'"),
            {codeId});
        if (!update)
            return update.error();
        if (auto ok = transaction->commit(); !ok)
            return ok.error();
        station = row.station;
    }
    auto issued = m_tokens.issueStationToken(station, QStringLiteral("pairing:%1@%2").arg(codeId, peerAddress));
    if (!issued)
        return issued.error();
    return PairingResult {issued->station, issued->token, issued->tokenId, issued->expiresAt};
}

} // namespace prov::server

#include "server/store/DatabaseContentStore.h"

#include "crypto/Digest.h"
#include "server/ServerLog.h"
#include "server/store/Database.h"
#include "server/store/FolderContentStore.h"
#include "server/store/SqlSupport.h"
#include "server/store/SqlTransaction.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

#include <algorithm>

namespace prov::server {

namespace {

Error unreadable(const QString &sha256Hex, const QString &why)
{
    qCWarning(lcServerStore).noquote() << "stored file" << sha256Hex << why;
    return makeError(ResultCode::InternalError,
        QStringLiteral("the stored file %1 cannot be read from the database").arg(sha256Hex));
}

/// A byte range of a file in content_chunks, one chunk fetched at a time on the
/// calling thread's connection.
class ChunkReader : public ContentReader
{
public:
    ChunkReader(const Database &database, QString sha256Hex, qint64 start, qint64 length)
        : m_database(database)
        , m_sha256(std::move(sha256Hex))
        , m_next(start / DatabaseContentStore::kChunkBytes)
        , m_skip(start % DatabaseContentStore::kChunkBytes)
        , m_remaining(length)
    { }

    Status read(qint64 maxBytes, QByteArray &out) override
    {
        if (m_remaining == 0)
            return {};
        if (m_offset >= m_chunk.size()) {
            auto db = m_database.connection();
            if (!db)
                return db.error();
            auto row = runSql(db.value(),
                QStringLiteral("SELECT data FROM content_chunks WHERE sha256 = ? AND seq = ?"), {m_sha256, m_next});
            if (!row)
                return unreadable(m_sha256, row.error().message);
            if (!row->next())
                return unreadable(m_sha256, QStringLiteral("has no chunk %1").arg(m_next));
            m_chunk = row->value(0).toByteArray();
            m_offset = m_skip;
            m_skip = 0;
            ++m_next;
            if (m_offset >= m_chunk.size())
                return unreadable(m_sha256, QStringLiteral("is shorter than its size"));
        }
        const qint64 n = std::min({maxBytes, m_remaining, qint64(m_chunk.size() - m_offset)});
        out.append(m_chunk.constData() + m_offset, n);
        m_offset += n;
        m_remaining -= n;
        if (m_remaining == 0)
            m_chunk.clear();
        return {};
    }

    bool atEnd() const override { return m_remaining == 0; }

private:
    const Database &m_database;
    QString m_sha256;
    qint64 m_next;
    qint64 m_skip;
    qint64 m_remaining;
    QByteArray m_chunk;
    qsizetype m_offset = 0;
};

} // namespace

DatabaseContentStore::DatabaseContentStore(const Database &database)
    : m_database(database)
{ }

QString DatabaseContentStore::describe() const
{
    return QStringLiteral("the database (table content_chunks)");
}

Result<bool> DatabaseContentStore::put(const QString &source, const QString &sha256Hex)
{
    if (!isSha256Hex(sha256Hex))
        return makeError(
            ResultCode::InternalError, QStringLiteral("'%1' is not a SHA-256 in hex").arg(sha256Hex.left(80)));
    auto db = m_database.connection();
    if (!db)
        return db.error();
    {
        auto row = runSql(
            db.value(), QStringLiteral("SELECT 1 FROM content_chunks WHERE sha256 = ? AND seq = 0"), {sha256Hex});
        if (!row)
            return row.error();
        if (row->next())
            return false;
    }
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
    // One statement prepared for every chunk. ON CONFLICT: a server adopting its
    // old folder may store the same content at the same time (same bytes).
    QSqlQuery insert(db.value());
    if (!insert.prepare(QStringLiteral("INSERT INTO content_chunks (sha256, seq, data) VALUES (?, ?, ?)"
                                       " ON CONFLICT (sha256, seq) DO NOTHING")))
        return sqlError(insert, QStringLiteral("preparing to store a file"));
    int seq = 0;
    do {
        const QByteArray chunk = in.read(kChunkBytes);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError)
            return makeError(
                ResultCode::InternalError, QStringLiteral("cannot read %1: %2").arg(source, in.errorString()));
        if (chunk.isEmpty() && seq > 0)
            break;
        insert.bindValue(0, sha256Hex);
        insert.bindValue(1, seq++);
        insert.bindValue(2, chunk); // an empty file is one empty chunk, so seq 0 always exists
        if (!insert.exec())
            return sqlError(insert, QStringLiteral("storing file %1").arg(sha256Hex));
    } while (!in.atEnd());
    return true;
}

void DatabaseContentStore::remove(const QString &)
{
    // Nothing: the chunks were written in the import's transaction, which rolls back.
}

Result<std::unique_ptr<ContentReader>> DatabaseContentStore::open(
    const QString &sha256Hex, qint64 start, qint64 length) const
{
    if (!isSha256Hex(sha256Hex))
        return makeError(ResultCode::InvalidArguments, QStringLiteral("'%1' is not a SHA-256").arg(sha256Hex.left(80)));
    auto db = m_database.connection();
    if (!db)
        return db.error();
    // The whole file must be there, not only the first chunk a range needs.
    auto row = runSql(db.value(),
        QStringLiteral("SELECT COALESCE(SUM(octet_length(data)), -1) FROM content_chunks WHERE sha256 = ?"),
        {sha256Hex});
    if (!row)
        return row.error();
    const qint64 stored = row->next() ? row->value(0).toLongLong() : -1;
    if (stored < start + length)
        return unreadable(sha256Hex, QStringLiteral("is missing or shorter than %1 bytes").arg(start + length));
    return std::unique_ptr<ContentReader>(std::make_unique<ChunkReader>(m_database, sha256Hex, start, length));
}

Result<QStringList> DatabaseContentStore::missing() const
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto rows = runSql(db.value(),
        QStringLiteral("SELECT c.sha256 FROM content_files c LEFT JOIN"
                       " (SELECT sha256, SUM(octet_length(data)) AS bytes FROM content_chunks GROUP BY sha256) k"
                       " ON k.sha256 = c.sha256 WHERE k.bytes IS NULL OR k.bytes <> c.size ORDER BY c.sha256"));
    if (!rows)
        return rows.error();
    QStringList list;
    while (rows->next())
        list.append(rows->value(0).toString());
    return list;
}

Result<int> DatabaseContentStore::adoptFolder(const QString &dataDir)
{
    auto absent = missing();
    if (!absent)
        return absent.error();
    int adopted = 0;
    for (const QString &sha : std::as_const(absent.value())) {
        const QString path = FolderContentStore::pathIn(dataDir, sha);
        if (!QFileInfo(path).isFile())
            continue;
        auto digests = crypto::digestFile(path);
        if (!digests || QString::fromLatin1(digests->sha256.toHex()) != sha) {
            qCWarning(lcServerStore) << "not storing" << path << "in the database: its content is not" << sha;
            continue;
        }
        auto transaction = SqlTransaction::begin(m_database, SqlTransaction::Mode::Write);
        if (!transaction)
            return transaction.error();
        auto put = this->put(path, sha);
        if (!put)
            return put.error();
        if (auto ok = transaction->commit(); !ok)
            return ok.error();
        if (put.value())
            ++adopted;
    }
    return adopted;
}

} // namespace prov::server

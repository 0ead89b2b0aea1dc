#include "engine/KeyOutbox.h"

#include "engine/EngineLog.h"
#include "support/SqliteWal.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace prov::engine {

namespace {

constexpr int kSchemaVersion = 2; // 2: run_outbox

Error dbError(const QString &path, const QString &what, const QSqlError &error)
{
    return makeError(ResultCode::UnknownError, QStringLiteral("%1: %2").arg(what, error.text()),
        QStringLiteral("key outbox %1").arg(QDir::toNativeSeparators(path)));
}

bool parseServerState(const QString &text, ServerState *state)
{
    for (ServerState s : {ServerState::None, ServerState::Pending, ServerState::Done, ServerState::Failed}) {
        if (text == serverStateName(s)) {
            *state = s;
            return true;
        }
    }
    return false;
}

} // namespace

QString escrowStageName(EscrowStage stage)
{
    switch (stage) {
    case EscrowStage::Escrowed:
        return QStringLiteral("escrowed");
    case EscrowStage::Verified:
        return QStringLiteral("verified");
    case EscrowStage::Unverified:
        return QStringLiteral("unverified");
    case EscrowStage::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

bool parseEscrowStage(QStringView text, EscrowStage *stage)
{
    for (EscrowStage s : {EscrowStage::Escrowed, EscrowStage::Verified, EscrowStage::Unverified, EscrowStage::Failed}) {
        if (text == escrowStageName(s)) {
            *stage = s;
            return true;
        }
    }
    return false;
}

QJsonObject OutboxEntry::toRowJson() const
{
    QJsonObject json = record.toJson();
    json.remove(QStringLiteral("state"));
    json.insert(QStringLiteral("stage"), escrowStageName(stage));
    json.insert(QStringLiteral("run"), run);
    return json;
}

Result<OutboxEntry> OutboxEntry::fromRowJson(const QJsonObject &json)
{
    OutboxEntry entry;
    Result<domain::EscrowRecord> record = domain::EscrowRecord::fromJson(json);
    if (!record.ok())
        return record.error();
    entry.record = std::move(record).value();
    const QString stage = json.value(QLatin1String("stage")).toString();
    if (!parseEscrowStage(stage, &entry.stage))
        return makeError(ResultCode::InternalError, QStringLiteral("has an unknown stage \"%1\"").arg(stage),
            QStringLiteral("escrow record"));
    entry.run = json.value(QLatin1String("run")).toObject();
    return entry;
}

KeyOutbox::KeyOutbox(QString dataDir, QString path)
    : m_dataDir(std::move(dataDir))
    , m_path(std::move(path))
    , m_owner(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_connectionPrefix(QStringLiteral("provstation-outbox-") + m_owner)
{ }

KeyOutbox::~KeyOutbox()
{
    // Connections of other threads are closed when those threads' outboxes end;
    // Qt warns about connections still in use, so only names are removed here.
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(m_connectionPrefix))
            QSqlDatabase::removeDatabase(name);
    }
    if (m_ownerLock) {
        m_ownerLock->unlock();
        QFile::remove(lockPathFor(m_owner));
    }
}

Result<std::unique_ptr<KeyOutbox>> KeyOutbox::open(const QString &dataDir)
{
    const QString owners = QDir(dataDir).filePath(QStringLiteral("outbox-owners"));
    if (!QDir().mkpath(owners))
        return makeError(ResultCode::UnknownError,
            QStringLiteral("cannot create the station data folder %1").arg(QDir::toNativeSeparators(owners)));
    std::unique_ptr<KeyOutbox> outbox(new KeyOutbox(dataDir, QDir(dataDir).filePath(QLatin1String(kFileName))));
    outbox->m_ownerLock = std::make_unique<QLockFile>(outbox->lockPathFor(outbox->m_owner));
    outbox->m_ownerLock->setStaleLockTime(0);
    if (!outbox->m_ownerLock->tryLock(0))
        return makeError(ResultCode::UnknownError,
            QStringLiteral("cannot create the lock file %1").arg(outbox->lockPathFor(outbox->m_owner)));

    Result<QSqlDatabase> db = outbox->connection();
    if (!db.ok())
        return db.error();
    const QStringList schema = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS outbox ("
                       " uuid TEXT PRIMARY KEY,"
                       " node_id INTEGER NOT NULL,"
                       " created_at INTEGER NOT NULL,"
                       " stage TEXT NOT NULL,"
                       " server_state TEXT NOT NULL,"
                       " owner TEXT NOT NULL,"
                       " record TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS run_outbox ("
                       " uuid TEXT NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " created_at INTEGER NOT NULL,"
                       " body TEXT NOT NULL,"
                       " PRIMARY KEY (uuid, kind))"),
        QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
    };
    for (const QString &sql : schema) {
        QSqlQuery q(db.value());
        if (!q.exec(sql))
            return dbError(outbox->m_path, QStringLiteral("cannot create the table"), q.lastError());
    }
    return outbox;
}

QString KeyOutbox::lockPathFor(const QString &owner) const
{
    return QDir(m_dataDir).filePath(QStringLiteral("outbox-owners/%1.lock").arg(owner));
}

Result<QSqlDatabase> KeyOutbox::connection() const
{
    // QSqlDatabase connections belong to the thread that opened them.
    // A per-thread serial number rather than the QThread address, which a later
    // thread may reuse while the old connection's name still exists.
    static QAtomicInteger<quint64> nextThreadSerial {1};
    thread_local const quint64 threadSerial = nextThreadSerial.fetchAndAddRelaxed(1);
    const QString name = m_connectionPrefix + QLatin1Char('-') + QString::number(threadSerial);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open())
        return dbError(m_path, QStringLiteral("cannot open"), db.lastError());
    // WAL lets readers (the GUI's outbox view, another CLI) run beside the
    // writer; synchronous=FULL fsyncs every commit, so put() is durable.
    if (Status wal = enableWal(db); !wal.ok())
        return wal.error();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA synchronous=FULL")))
        return dbError(m_path, QStringLiteral("PRAGMA synchronous=FULL"), q.lastError());
    return db;
}

Status KeyOutbox::enableWal(QSqlDatabase &db) const
{
    // Several CLI processes may start on a new station folder at once.
    QString why;
    if (switchToWal(db, kBusyTimeoutMs, &why))
        return {};
    return makeError(ResultCode::UnknownError, QStringLiteral("PRAGMA journal_mode=WAL: %1").arg(why),
        QStringLiteral("key outbox %1").arg(QDir::toNativeSeparators(m_path)));
}

QString KeyOutbox::pragma(const QString &name) const
{
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return {};
    QSqlQuery q(db.value());
    if (!q.exec(QStringLiteral("PRAGMA ") + name) || !q.next())
        return {};
    return q.value(0).toString();
}

void KeyOutbox::failWritesForTest(const QStringList &fragments)
{
    QMutexLocker lock(&m_heldMutex);
    m_failingWrites = fragments;
}

Status KeyOutbox::exec(const QString &sql, const QVariantList &values) const
{
    {
        QMutexLocker held(&m_heldMutex);
        for (const QString &fragment : m_failingWrites) {
            if (sql.contains(fragment))
                return makeError(ResultCode::UnknownError,
                    QStringLiteral("cannot write: database or disk is full (injected by a test)"),
                    QStringLiteral("key outbox %1").arg(QDir::toNativeSeparators(m_path)));
        }
    }
    QMutexLocker lock(&m_mutex);
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    QSqlQuery q(db.value());
    if (!q.prepare(sql))
        return dbError(m_path, QStringLiteral("cannot prepare a statement"), q.lastError());
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return dbError(m_path, QStringLiteral("cannot write"), q.lastError());
    if (q.numRowsAffected() == 0 && !sql.startsWith(QLatin1String("DELETE")))
        return makeError(ResultCode::UnknownError, QStringLiteral("no record %1").arg(values.last().toString()),
            QStringLiteral("key outbox %1").arg(QDir::toNativeSeparators(m_path)));
    return {};
}

Status KeyOutbox::put(const OutboxEntry &entry)
{
    const domain::EscrowRecord &record = entry.record;
    const QByteArray json = QJsonDocument(entry.toRowJson()).toJson(QJsonDocument::Compact);
    const Status s = exec(QStringLiteral("INSERT INTO outbox (uuid, node_id, created_at, stage, server_state, owner, "
                                         "record) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {record.uuid.toString(QUuid::WithoutBraces), qint64(record.nodeId.value()),
            record.provisionedAt.toMSecsSinceEpoch(), escrowStageName(entry.stage), serverStateName(ServerState::None),
            m_owner, QString::fromUtf8(json)});
    if (s.ok())
        qCInfo(lcOutbox).noquote() << "escrow record" << record.uuid.toString(QUuid::WithoutBraces) << "for node"
                                   << record.nodeId.toString() << "stored";
    return s;
}

Status KeyOutbox::update(const OutboxEntry &entry)
{
    const QUuid &uuid = entry.record.uuid;
    const QByteArray json = QJsonDocument(entry.toRowJson()).toJson(QJsonDocument::Compact);
    const Status s = exec(QStringLiteral("UPDATE outbox SET stage = ?, record = ? WHERE uuid = ?"),
        {escrowStageName(entry.stage), QString::fromUtf8(json), uuid.toString(QUuid::WithoutBraces)});
    hold(uuid, !s.ok(), [this, &entry](std::optional<OutboxEntry> &held) {
        // The server state and owner are the row's, not the caller's.
        const ServerState serverState = held ? held->serverState : ServerState::None;
        const QString owner = held ? held->owner : m_owner;
        held = entry;
        held->serverState = serverState;
        held->owner = owner;
    });
    return s;
}

Status KeyOutbox::setServerState(const QUuid &uuid, ServerState state)
{
    const Status s = exec(QStringLiteral("UPDATE outbox SET server_state = ? WHERE uuid = ?"),
        {serverStateName(state), uuid.toString(QUuid::WithoutBraces)});
    hold(uuid, !s.ok(), [state](std::optional<OutboxEntry> &entry) {
        if (entry)
            entry->serverState = state;
    });
    return s;
}

Status KeyOutbox::remove(const QUuid &uuid)
{
    const Status s = exec(QStringLiteral("DELETE FROM outbox WHERE uuid = ?"), {uuid.toString(QUuid::WithoutBraces)});
    if (s.ok()) {
        QMutexLocker held(&m_heldMutex);
        m_held.remove(uuid);
        qCInfo(lcOutbox).noquote() << "escrow record" << uuid.toString(QUuid::WithoutBraces)
                                   << "committed by the server; removed";
        return s;
    }
    QMutexLocker held(&m_heldMutex);
    m_held.insert(uuid, std::nullopt);
    return s;
}

void KeyOutbox::hold(const QUuid &uuid, bool refused, const std::function<void(std::optional<OutboxEntry> &)> &change)
{
    {
        QMutexLocker held(&m_heldMutex);
        auto it = m_held.find(uuid);
        if (it != m_held.end()) {
            if (it->has_value())
                change(*it);
            return;
        }
    }
    if (!refused)
        return;
    // The first refused write of this record: start from what the file holds.
    std::optional<OutboxEntry> entry;
    if (const Result<QList<OutboxEntry>> stored = storedEntries(); stored.ok()) {
        for (const OutboxEntry &e : stored.value()) {
            if (e.record.uuid == uuid)
                entry = e;
        }
    }
    change(entry);
    if (!entry)
        return;
    qCWarning(lcOutbox).noquote() << "escrow record" << uuid.toString(QUuid::WithoutBraces)
                                  << "kept in memory: the outbox refused a write";
    QMutexLocker held(&m_heldMutex);
    m_held.insert(uuid, std::move(entry));
}

Result<QList<OutboxEntry>> KeyOutbox::entries() const
{
    Result<QList<OutboxEntry>> stored = storedEntries();
    QMutexLocker held(&m_heldMutex);
    if (!stored.ok() || m_held.isEmpty())
        return stored;
    QList<OutboxEntry> out;
    QSet<QUuid> seen;
    for (OutboxEntry &e : stored.value()) {
        seen.insert(e.record.uuid);
        const auto it = m_held.constFind(e.record.uuid);
        if (it == m_held.cend())
            out.append(std::move(e));
        else if (it->has_value())
            out.append(**it);
    }
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it) {
        if (it->has_value() && !seen.contains(it.key()))
            out.append(**it);
    }
    return out;
}

Result<QList<OutboxEntry>> KeyOutbox::storedEntries() const
{
    QMutexLocker lock(&m_mutex);
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    QSqlQuery q(db.value());
    if (!q.exec(QStringLiteral("SELECT record, server_state, owner FROM outbox ORDER BY created_at, uuid")))
        return dbError(m_path, QStringLiteral("cannot read"), q.lastError());
    QList<OutboxEntry> out;
    while (q.next()) {
        const QJsonObject json = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        Result<OutboxEntry> read = OutboxEntry::fromRowJson(json);
        if (!read.ok()) {
            qCWarning(lcOutbox).noquote() << "skipping an unreadable outbox row:" << read.error().toString();
            continue;
        }
        OutboxEntry entry = std::move(read).value();
        if (!parseServerState(q.value(1).toString(), &entry.serverState))
            entry.serverState = ServerState::None;
        entry.owner = q.value(2).toString();
        out.append(std::move(entry));
    }
    return out;
}

Result<std::optional<OutboxEntry>> KeyOutbox::entry(const QUuid &uuid) const
{
    Result<QList<OutboxEntry>> all = entries();
    if (!all.ok())
        return all.error();
    for (OutboxEntry &e : all.value()) {
        if (e.record.uuid == uuid)
            return std::optional<OutboxEntry>(std::move(e));
    }
    return std::optional<OutboxEntry>();
}

Result<int> KeyOutbox::count() const
{
    {
        QMutexLocker held(&m_heldMutex);
        if (!m_held.isEmpty()) {
            held.unlock();
            const Result<QList<OutboxEntry>> all = entries();
            if (!all.ok())
                return all.error();
            return int(all->size());
        }
    }
    QMutexLocker lock(&m_mutex);
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    QSqlQuery q(db.value());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) || !q.next())
        return dbError(m_path, QStringLiteral("cannot count"), q.lastError());
    return q.value(0).toInt();
}

bool KeyOutbox::ownerIsGone(const OutboxEntry &entry) const
{
    if (entry.owner == m_owner)
        return false;
    const QString path = lockPathFor(entry.owner);
    if (!QFile::exists(path))
        return true;
    // QLockFile treats a lock whose process is gone as stale and takes it over.
    QLockFile probe(path);
    probe.setStaleLockTime(0);
    if (!probe.tryLock(0))
        return false;
    probe.unlock();
    QFile::remove(path);
    return true;
}

Status KeyOutbox::putRun(const PendingRun &run)
{
    const QByteArray json = QJsonDocument(run.body).toJson(QJsonDocument::Compact);
    return exec(QStringLiteral("INSERT OR REPLACE INTO run_outbox (uuid, kind, created_at, body) VALUES (?, ?, ?, ?)"),
        {run.uuid.toString(QUuid::WithoutBraces), run.kind, QDateTime::currentMSecsSinceEpoch(),
            QString::fromUtf8(json)});
}

Status KeyOutbox::removeRun(const QUuid &uuid, const QString &kind)
{
    return exec(QStringLiteral("DELETE FROM run_outbox WHERE uuid = ? AND kind = ?"),
        {uuid.toString(QUuid::WithoutBraces), kind});
}

Result<QList<PendingRun>> KeyOutbox::pendingRuns() const
{
    QMutexLocker lock(&m_mutex);
    Result<QSqlDatabase> db = connection();
    if (!db.ok())
        return db.error();
    QSqlQuery q(db.value());
    // "reject" sorts after "run" of the same instant: a run goes before its rejection.
    if (!q.exec(QStringLiteral("SELECT uuid, kind, body FROM run_outbox ORDER BY created_at, kind DESC, uuid")))
        return dbError(m_path, QStringLiteral("cannot read"), q.lastError());
    QList<PendingRun> out;
    while (q.next()) {
        out.append({QUuid::fromString(q.value(0).toString()), q.value(1).toString(),
            QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object()});
    }
    return out;
}

} // namespace prov::engine

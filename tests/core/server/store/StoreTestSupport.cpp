#include "StoreTestSupport.h"

#include "crypto/Digest.h"
#include "server/store/SqlSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace prov::test {

namespace {

/// A plain connection to the test PostgreSQL database (no schema) for CREATE/DROP SCHEMA.
bool adminSql(const QString &sql, QString *error)
{
    auto config = server::DatabaseConfig::fromUrl(postgresUrl(), QString());
    if (!config) {
        *error = config.error().message;
        return false;
    }
    const QString name = QStringLiteral("scratch-admin-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(config->host);
        db.setPort(config->port);
        db.setUserName(config->user);
        db.setPassword(config->password);
        db.setDatabaseName(config->databaseName);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(QStringLiteral("SET client_min_messages TO WARNING")) && query.exec(sql);
            if (!ok)
                *error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

QString postgresUrl()
{
    return qEnvironmentVariable("PROVSTATION_TEST_PG_URL");
}

ScratchStore::ScratchStore(const QString &engine)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return;
    }
    if (engine == u"postgres") {
        if (postgresUrl().isEmpty()) {
            m_skipped = true;
            m_skipReason = QStringLiteral("PostgreSQL not configured: set PROVSTATION_TEST_PG_URL "
                                          "(eval \"$(scripts/start-postgres.sh)\")");
            return;
        }
        m_schema = QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(20);
        QString error;
        if (!adminSql(QStringLiteral("CREATE SCHEMA %1").arg(m_schema), &error)) {
            m_error = QStringLiteral("cannot create schema %1: %2").arg(m_schema, error);
            m_schema.clear();
            return;
        }
        QUrl url(postgresUrl());
        url.setQuery(QStringLiteral("schema=") + m_schema);
        m_url = url.toString();
    }
}

ScratchStore::~ScratchStore()
{
    if (!m_schema.isEmpty()) {
        QString error;
        if (!adminSql(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(m_schema), &error))
            qWarning("cannot drop test schema %s: %s", qPrintable(m_schema), qPrintable(error));
    }
}

server::StoreOptions ScratchStore::options() const
{
    server::StoreOptions options;
    options.dataDir = dataDir();
    options.databaseUrl = m_url;
    options.masterKeyFile = masterKeyFile();
    options.useKeychain = false;
    options.userPolicy.passwordIterations = 1000;
    return options;
}

Result<std::unique_ptr<server::ServerStore>> ScratchStore::open() const
{
    return server::ServerStore::open(options());
}

QByteArray dumpStore(server::ServerStore &store)
{
    QByteArray out;
    auto db = store.database().connection();
    if (!db)
        return "cannot connect: " + db.error().message.toUtf8();
    QStringList tables;
    {
        const QString sql = store.database().isPostgres()
            ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'");
        auto query = server::runSql(db.value(), sql);
        if (!query)
            return "cannot list tables: " + query.error().message.toUtf8();
        while (query->next())
            tables.append(query->value(0).toString());
    }
    tables.sort();
    for (const QString &table : std::as_const(tables)) {
        auto query = server::runSql(db.value(), QStringLiteral("SELECT * FROM %1").arg(table));
        if (!query)
            return "cannot dump " + table.toUtf8();
        QList<QByteArray> rows;
        while (query->next()) {
            QByteArray row;
            const QSqlRecord record = query->record();
            for (int i = 0; i < record.count(); ++i) {
                row += record.fieldName(i).toUtf8() + '=';
                const QVariant value = query->value(i);
                if (value.isNull())
                    row += "NULL";
                else if (value.typeId() == QMetaType::QByteArray) // content_chunks: its hash stands for it
                    row += "sha256:"
                        + QCryptographicHash::hash(value.toByteArray(), QCryptographicHash::Sha256).toHex();
                else
                    row += value.toString().toUtf8();
                row += '|';
            }
            rows.append(row);
        }
        std::sort(rows.begin(), rows.end());
        out += "table " + table.toUtf8() + " (" + QByteArray::number(rows.size()) + " rows)\n";
        for (const QByteArray &row : std::as_const(rows))
            out += "  " + row + '\n';
    }
    QStringList files;
    QDirIterator it(store.dataDir(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(store.dataDir()).relativeFilePath(path);
        // The SQLite files change physically (WAL frames) without a logical change;
        // their content is compared table by table above.
        if (relative.startsWith(QLatin1String("provstation.sqlite")))
            continue;
        // The folder's own identity (ScratchArea), not the store's content: a
        // restored copy in another folder has another.
        if (relative == u"scratch.id")
            continue;
        const QFileInfo info(path);
        if (info.isDir()) {
            files.append(relative + QStringLiteral("/"));
        } else {
            QFile file(path);
            QByteArray sha;
            if (file.open(QIODevice::ReadOnly))
                sha = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
            files.append(QStringLiteral("%1 %2 %3").arg(relative).arg(info.size()).arg(QString::fromLatin1(sha)));
        }
    }
    files.sort();
    out += "files\n";
    for (const QString &file : std::as_const(files))
        out += "  " + file.toUtf8() + '\n';
    return out;
}

QByteArray dumpDiff(const QByteArray &before, const QByteArray &after)
{
    const QList<QByteArray> a = before.split('\n');
    const QList<QByteArray> b = after.split('\n');
    QByteArray out = "store changed:\n";
    for (const QByteArray &line : a) {
        if (!b.contains(line))
            out += "- " + line + '\n';
    }
    for (const QByteArray &line : b) {
        if (!a.contains(line))
            out += "+ " + line + '\n';
    }
    return out;
}

bool execSql(server::ServerStore &store, const QString &sql, QString *error)
{
    auto db = store.database().connection();
    if (!db) {
        if (error)
            *error = db.error().message;
        return false;
    }
    QSqlQuery query(db.value());
    if (!query.exec(sql)) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace prov::test

namespace prov::test {

QByteArray readStoredFile(server::ServerStore &store, const QString &sha256Hex, qint64 size, QString *error)
{
    auto reader = store.content().open(sha256Hex, 0, size);
    if (!reader) {
        if (error)
            *error = reader.error().message;
        return {};
    }
    QByteArray all;
    while (!reader.value()->atEnd()) {
        if (Status ok = reader.value()->read(1 << 20, all); !ok) {
            if (error)
                *error = ok.error().message;
            return {};
        }
    }
    return all;
}

int storedFileCount(server::ServerStore &store)
{
    if (store.database().isPostgres()) {
        auto db = store.database().connection();
        if (!db)
            return -1;
        auto row = server::runSql(db.value(), QStringLiteral("SELECT COUNT(DISTINCT sha256) FROM content_chunks"));
        return row && row->next() ? row->value(0).toInt() : -1;
    }
    int count = 0;
    QDirIterator it(store.dataDir() + QStringLiteral("/files"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++count;
    }
    return count;
}

void StoreTest::initTestCase_data()
{
    PROV_BOTH_ENGINES();
}

bool StoreTest::openStore()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<ScratchStore>(engine);
    if (m_scratch->isSkipped()) {
        QTest::qSkip(qPrintable(m_scratch->skipReason()), __FILE__, __LINE__);
        return false;
    }
    if (!QTest::qVerify(m_scratch->error().isEmpty(), "m_scratch->error().isEmpty()", qPrintable(m_scratch->error()),
            __FILE__, __LINE__))
        return false;
    auto store = m_scratch->open();
    if (!QTest::qVerify(
            store.ok(), "m_scratch->open()", qPrintable(store ? QString() : store.error().message), __FILE__, __LINE__))
        return false;
    m_store = std::move(store).value();
    return true;
}

void StoreTest::init()
{
    if (openStore() && m_clock == Clock::Fixed)
        useTestClock();
}

void StoreTest::useTestClock()
{
    m_now = 1'900'000'000'000;
    m_store->tokens().setClock([this] { return m_now; });
    m_store->pairing().setClock([this] { return m_now; });
}

void StoreTest::addUser(const QString &name, server::Role role, const char *password)
{
    auto ok = m_store->accounts().addUser(name, role, secret(password), QStringLiteral("cli:test"));
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
}

void StoreTest::cleanup()
{
    m_store.reset();
    m_scratch.reset();
}

} // namespace prov::test

#pragma once

#include "crypto/SecretBytes.h"
#include "server/store/AccountStore.h"
#include "server/store/ServerStore.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace prov::test {

/// The PostgreSQL server the tests may use (PROVSTATION_TEST_PG_URL, set by
/// `eval "$(scripts/start-postgres.sh)"`); empty when none.
[[nodiscard]] QString postgresUrl();

/// A fresh, empty store for one test: a temporary data directory and either
/// SQLite in it or a PostgreSQL schema of its own (dropped on destruction).
class ScratchStore
{
public:
    /// engine "sqlite" or "postgres". isSkipped() when PostgreSQL is not configured.
    explicit ScratchStore(const QString &engine);
    ~ScratchStore();
    ScratchStore(const ScratchStore &) = delete;
    ScratchStore &operator=(const ScratchStore &) = delete;

    [[nodiscard]] bool isSkipped() const { return m_skipped; }
    [[nodiscard]] QString skipReason() const { return m_skipReason; }
    /// Empty when setting up failed (see error()).
    [[nodiscard]] QString error() const { return m_error; }

    [[nodiscard]] QString dataDir() const { return m_dir.path() + QStringLiteral("/data"); }
    /// Empty for SQLite, else postgresql://...?schema=NAME.
    [[nodiscard]] QString databaseUrl() const { return m_url; }
    [[nodiscard]] QString masterKeyFile() const { return m_dir.path() + QStringLiteral("/master.key"); }
    [[nodiscard]] QString scratchDir() const { return m_dir.path(); }
    /// Leaves the directory (and the PostgreSQL schema) behind, for a look afterwards.
    void keep()
    {
        m_dir.setAutoRemove(false);
        m_schema.clear();
    }

    /// Options for ServerStore::open: key file forced, keychain off, fast password hashing.
    [[nodiscard]] server::StoreOptions options() const;
    /// Opens (another) ServerStore on this scratch store.
    [[nodiscard]] Result<std::unique_ptr<server::ServerStore>> open() const;

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_schema;
    QString m_error;
    QString m_skipReason;
    bool m_skipped = false;
};

/// The fixture of the store tests: every test function gets a fresh, empty
/// store (m_store, in m_scratch), once on SQLite and once on PostgreSQL (that
/// row is skipped when no PostgreSQL is configured). A test class derives from
/// it; one that needs more before each test declares its own init() slot and
/// starts it with `if (!openStore()) return;` (and useTestClock() where it
/// asked for the fixed clock).
class StoreTest : public QObject
{
    Q_OBJECT

public:
    /// Fixed: the token and pairing stores read m_now instead of the clock (useTestClock()).
    enum class Clock { System, Fixed };
    explicit StoreTest(Clock clock = Clock::System)
        : m_clock(clock)
    { }

protected:
    /// Opens a fresh store on the engine of the current global data row;
    /// false when the row is skipped or the store did not open (the test then fails).
    [[nodiscard]] bool openStore();

    /// The token and pairing stores read m_now from now on, starting at a fixed instant.
    void useTestClock();
    /// Adds a user with a password; the test fails when the store refuses.
    void addUser(const QString &name, server::Role role, const char *password);

    std::unique_ptr<ScratchStore> m_scratch;
    std::unique_ptr<server::ServerStore> m_store;
    /// What the stores' clock says after useTestClock(); tests move it on.
    qint64 m_now = 0;

private slots:
    void initTestCase_data();
    void init();
    void cleanup();

private:
    Clock m_clock;
};

/// A password or badge as the stores take it.
[[nodiscard]] inline crypto::SecretBytes secret(const char *text)
{
    return crypto::SecretBytes::copyOf(QByteArrayView(text));
}

/// Every row of every table (sorted, one line per row) and the data directory's
/// file tree with SHA-256 of each file: compare before and after an operation
/// that must change nothing.
[[nodiscard]] QByteArray dumpStore(server::ServerStore &store);

/// The lines only in `before` (-) or only in `after` (+): what a failed dump comparison shows.
[[nodiscard]] QByteArray dumpDiff(const QByteArray &before, const QByteArray &after);

/// A stored file's bytes as the content store serves them (empty with `error` when it cannot).
[[nodiscard]] QByteArray readStoredFile(
    server::ServerStore &store, const QString &sha256Hex, qint64 size, QString *error = nullptr);
/// How many distinct files the content store holds (folder or database).
[[nodiscard]] int storedFileCount(server::ServerStore &store);

/// Runs one SQL statement on a store's connection (tests that tamper on purpose).
[[nodiscard]] bool execSql(server::ServerStore &store, const QString &sql, QString *error = nullptr);

} // namespace prov::test

/// Compares two store dumps, printing only the lines that differ.
#define PROV_COMPARE_DUMP(actual, expected)                                                                            \
    do {                                                                                                               \
        const QByteArray provActual = (actual);                                                                        \
        const QByteArray provExpected = (expected);                                                                    \
        QVERIFY2(provActual == provExpected, prov::test::dumpDiff(provExpected, provActual).constData());              \
    } while (false)

/// initTestCase_data() body: every test runs once on SQLite and once on PostgreSQL.
#define PROV_BOTH_ENGINES()                                                                                            \
    do {                                                                                                               \
        QTest::addColumn<QString>("engine");                                                                           \
        QTest::newRow("sqlite") << QStringLiteral("sqlite");                                                           \
        QTest::newRow("postgres") << QStringLiteral("postgres");                                                       \
    } while (false)

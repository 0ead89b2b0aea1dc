#include "StoreTestSupport.h"
#include "TestSupport.h"

#include "support/DataPaths.h"

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <memory>

using namespace prov;

class TestServerCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup() { m_scratch.reset(); }

    void globalOptionsStandBeforeOrAfter();
    void badCommandLinesFailWithOneLine_data();
    void badCommandLinesFailWithOneLine();
    void userAddReadsThePasswordFromStdin();
    void tokenIssuePrintsOnlyTheToken();
    void auditVerifyFailsOnATamperedLog();
    void configFileSetsOptionsTheCommandLineWins();
    void configFileErrorsNameFileLineAndKey_data();
    void configFileErrorsNameFileLineAndKey();
    void defaultDataDirIsTheSharedOne();
    void rootRunsAsTheDataDirOwner();

private:
    test::ProcessResult run(const QStringList &arguments, const QByteArray &input = {}, bool globalsFirst = true) const;

    std::unique_ptr<test::ScratchStore> m_scratch;
};

void TestServerCli::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
}

test::ProcessResult TestServerCli::run(const QStringList &arguments, const QByteArray &input, bool globalsFirst) const
{
    QStringList globals {QStringLiteral("--data-dir"), m_scratch->dataDir(), QStringLiteral("--master-key-file"),
        m_scratch->masterKeyFile()};
    if (!m_scratch->databaseUrl().isEmpty())
        globals << QStringLiteral("--db") << m_scratch->databaseUrl();
    const QStringList all = globalsFirst ? globals + arguments : arguments + globals;
    return test::runProcess(test::binPath(QStringLiteral("provstation-server")), all, input, 120000);
}

void TestServerCli::globalOptionsStandBeforeOrAfter()
{
    auto added = run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("alice"), QStringLiteral("--role"),
                         QStringLiteral("admin")},
        "alice's long password\n", false);
    QVERIFY2(added.exitCode == 0, added.stdErr.constData());
    auto listed = run({QStringLiteral("user"), QStringLiteral("list")}, {}, true);
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.stdOut.startsWith("alice\tadmin\t"), listed.stdOut.constData());
}

void TestServerCli::badCommandLinesFailWithOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("unknown subcommand") << QStringList {QStringLiteral("frobnicate")}
                                        << QByteArray("unknown subcommand 'frobnicate'");
    QTest::newRow("user without role") << QStringList {QStringLiteral("user"), QStringLiteral("add"),
        QStringLiteral("bob")} << QByteArray("needs --role");
    QTest::newRow("bad role") << QStringList {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("bob"),
        QStringLiteral("--role"), QStringLiteral("root")}
                              << QByteArray("role 'root' is not one of");
    QTest::newRow("unknown option") << QStringList {QStringLiteral("audit"), QStringLiteral("verify"),
        QStringLiteral("--fast")} << QByteArray("Unknown option 'fast'");
    QTest::newRow("token without station")
        << QStringList {QStringLiteral("token"), QStringLiteral("issue")} << QByteArray("usage: token issue");
    QTest::newRow("bad database url") << QStringList {QStringLiteral("audit"), QStringLiteral("verify"),
        QStringLiteral("--db"), QStringLiteral("mysql://x@y/z")}
                                      << QByteArray("is not of the form postgresql://");
}

void TestServerCli::badCommandLinesFailWithOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    // A --db in the row must come after the scratch one to win.
    auto result = run(arguments, "a password that is long\n", arguments.contains(QStringLiteral("--db")));
    QVERIFY(!result.crashed);
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.stdErr.contains(message), result.stdErr.constData());
    QCOMPARE(result.stdErr.count('\n'), 1);
    QVERIFY(result.stdErr.startsWith("provstation-server: "));
}

void TestServerCli::userAddReadsThePasswordFromStdin()
{
    auto added = run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"),
                         QStringLiteral("operator")},
        "olga's long password\n");
    QVERIFY2(added.exitCode == 0, added.stdErr.constData());
    auto again = run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("olga"), QStringLiteral("--role"),
                         QStringLiteral("operator")},
        "olga's long password\n");
    QVERIFY(again.exitCode != 0);
    QVERIFY2(again.stdErr.contains("user 'olga' already exists"), again.stdErr.constData());
    auto empty = run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("pete"), QStringLiteral("--role"),
        QStringLiteral("operator")});
    QVERIFY(empty.exitCode != 0);
    QVERIFY2(empty.stdErr.contains("no password on stdin"), empty.stdErr.constData());

    auto store = m_scratch->open();
    QVERIFY(store);
    auto session = store.value()->tokens().authenticate(
        QStringLiteral("olga"), crypto::SecretBytes::copyOf("olga's long password"), QStringLiteral("127.0.0.1"));
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(session->role, server::Role::Operator);
    QVERIFY(!test::dumpStore(*store.value()).contains("olga's long password"));
}

void TestServerCli::tokenIssuePrintsOnlyTheToken()
{
    auto issued = run(
        {QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"), QStringLiteral("line1-st3")});
    QVERIFY2(issued.exitCode == 0, issued.stdErr.constData());
    const QString token = QString::fromUtf8(issued.stdOut).trimmed();
    QCOMPARE(issued.stdOut.count('\n'), 1);
    auto store = m_scratch->open();
    QVERIFY(store);
    auto principal = store.value()->tokens().authorize(token);
    QVERIFY2(principal, qPrintable(principal ? QString() : principal.error().message));
    QCOMPARE(principal->name, QStringLiteral("line1-st3"));

    auto revoked = run({QStringLiteral("token"), QStringLiteral("revoke"), server::TokenStore::tokenIdOf(token)});
    QVERIFY2(revoked.exitCode == 0, revoked.stdErr.constData());
    QVERIFY(!store.value()->tokens().authorize(token));
}

void TestServerCli::auditVerifyFailsOnATamperedLog()
{
    QCOMPARE(run({QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"), QStringLiteral("a")})
                 .exitCode,
        0);
    QCOMPARE(run({QStringLiteral("token"), QStringLiteral("issue"), QStringLiteral("--station"), QStringLiteral("b")})
                 .exitCode,
        0);
    auto verified = run({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0, verified.stdErr.constData());
    QVERIFY(verified.stdOut.contains("2 rows"));
    // What an operator compares with a note or a backup manifest.
    QVERIFY2(verified.stdOut.contains("last row: #2 at ") && verified.stdOut.contains("(token.issue), head hash "),
        verified.stdOut.constData());

    auto store = m_scratch->open();
    QVERIFY(store);
    const bool postgres = store.value()->database().isPostgres();
    QVERIFY(test::execSql(*store.value(),
        postgres ? QStringLiteral("DROP TRIGGER audit_log_no_change ON audit_log")
                 : QStringLiteral("DROP TRIGGER audit_log_no_update")));
    QVERIFY(test::execSql(*store.value(), QStringLiteral("UPDATE audit_log SET subject = 'c' WHERE seq = 1")));
    auto tampered = run({QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY(tampered.exitCode != 0);
    QVERIFY2(tampered.stdErr.contains("row 1 was edited"), tampered.stdErr.constData());
}

QTEST_GUILESS_MAIN(TestServerCli)
void TestServerCli::configFileSetsOptionsTheCommandLineWins()
{
    QTemporaryDir dir;
    const QString conf = dir.filePath(QStringLiteral("server.conf"));
    // Relative paths are taken from the file's folder.
    QByteArray text = "# a comment\n\ndata-dir = store\nmaster-key-file = store/master.key\n";
    if (!m_scratch->databaseUrl().isEmpty())
        text += "db = " + m_scratch->databaseUrl().toUtf8() + "\n";
    QVERIFY(test::writeFile(conf, text));
    const QString program = test::binPath(QStringLiteral("provstation-server"));
    auto added = test::runProcess(program,
        {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("carol"), QStringLiteral("--role"),
            QStringLiteral("admin"), QStringLiteral("--config"), conf},
        "carol's long password\n");
    QVERIFY2(added.exitCode == 0, added.stdErr.constData());
    if (m_scratch->databaseUrl().isEmpty())
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("store/provstation.sqlite"))));
    auto listed
        = test::runProcess(program, {QStringLiteral("--config"), conf, QStringLiteral("user"), QStringLiteral("list")});
    QVERIFY2(listed.stdOut.startsWith("carol\tadmin\t"), listed.stdOut.constData());
    // --data-dir on the command line wins over the file's.
    if (m_scratch->databaseUrl().isEmpty()) {
        auto other = run({QStringLiteral("--config"), conf, QStringLiteral("user"), QStringLiteral("list")});
        QCOMPARE(other.exitCode, 0);
        QVERIFY2(!other.stdOut.contains("carol"), other.stdOut.constData());
    }
}

void TestServerCli::configFileErrorsNameFileLineAndKey_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("unknown key") << QByteArray("listen = 127.0.0.1:0\ncolour = blue\n")
                                 << QByteArray("server.conf line 2 (colour): unknown key");
    QTest::newRow("bad listen") << QByteArray("listen = nowhere\n")
                                << QByteArray("server.conf line 1 (listen): --listen nowhere is not ADDRESS:PORT");
    QTest::newRow("bad limit") << QByteArray("# limits\nmax-body-bytes = 0\n")
                               << QByteArray("server.conf line 2 (max-body-bytes): --max-body-bytes 0 is not a number");
    QTest::newRow("bad package limit") << QByteArray("max-file-mb = lots\n")
                                       << QByteArray("server.conf line 1 (max-file-mb): --max-file-mb 'lots'");
    QTest::newRow("bad boolean") << QByteArray("insecure-http = maybe\n")
                                 << QByteArray("server.conf line 1 (insecure-http): 'maybe' is not true or false");
    QTest::newRow("no equals") << QByteArray("\n\nlisten 127.0.0.1:8085\n")
                               << QByteArray("server.conf line 3: 'listen 127.0.0.1:8085' is not key = value");
    QTest::newRow("twice") << QByteArray("db = a\ndb = b\n") << QByteArray("server.conf line 2 (db): set twice");
}

void TestServerCli::configFileErrorsNameFileLineAndKey()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    const QString conf = dir.filePath(QStringLiteral("server.conf"));
    QVERIFY(test::writeFile(conf, text));
    // Checked for every subcommand, not only when serving.
    auto result = run({QStringLiteral("--config"), conf, QStringLiteral("user"), QStringLiteral("list")});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.stdErr.contains(message), result.stdErr.constData());
    QCOMPARE(result.stdErr.count('\n'), 1);
}

void TestServerCli::defaultDataDirIsTheSharedOne()
{
    if (!m_scratch->databaseUrl().isEmpty())
        QSKIP("about the data folder: SQLite only");
    QTemporaryDir home;
    const QByteArray saved = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path()));
    // provstation --server takes its default from the same function.
    const QString shared = defaultServerDataDir();
    auto listed = test::runProcess(test::binPath(QStringLiteral("provstation-server")),
        {QStringLiteral("--master-key-file"), m_scratch->masterKeyFile(), QStringLiteral("user"),
            QStringLiteral("list")});
    qputenv("XDG_DATA_HOME", saved);
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(shared, home.filePath(QStringLiteral("provstation/server")));
    QVERIFY(QFile::exists(shared + QStringLiteral("/provstation.sqlite")));
}

void TestServerCli::rootRunsAsTheDataDirOwner()
{
    if (::geteuid() != 0)
        QSKIP("needs root (an admin's sudo on the server PC)");
    if (!m_scratch->databaseUrl().isEmpty())
        QSKIP("about files in the data directory: SQLite only");
    QTemporaryDir parent;
    QVERIFY(::chmod(QFile::encodeName(parent.path()).constData(), 0755) == 0);
    const QString data = parent.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkdir(data));
    const uid_t nobody = 65534;
    QVERIFY(::chown(QFile::encodeName(data).constData(), nobody, nobody) == 0);
    QVERIFY(::chmod(QFile::encodeName(data).constData(), 0700) == 0);
    auto added = test::runProcess(test::binPath(QStringLiteral("provstation-server")),
        {QStringLiteral("--data-dir"), data, QStringLiteral("--master-key-file"), data + QStringLiteral("/master.key"),
            QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("dora"), QStringLiteral("--role"),
            QStringLiteral("admin")},
        "dora's long password\n");
    QVERIFY2(added.exitCode == 0, added.stdErr.constData());
    auto code = test::runProcess(test::binPath(QStringLiteral("provstation-server")),
        {QStringLiteral("--data-dir"), data, QStringLiteral("--master-key-file"), data + QStringLiteral("/master.key"),
            QStringLiteral("tls-pin")});
    QVERIFY(code.exitCode != 0); // no certificate yet: nothing made by tls-pin
    int files = 0;
    QDirIterator it(data, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat info = {};
        QVERIFY(::lstat(QFile::encodeName(path).constData(), &info) == 0);
        QVERIFY2(info.st_uid == nobody, qPrintable(path + QStringLiteral(" is not owned by the data dir's owner")));
        ++files;
    }
    QVERIFY(files > 0);
}

#include "tst_servercli.moc"

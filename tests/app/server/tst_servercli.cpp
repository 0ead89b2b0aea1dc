#include "StoreTestSupport.h"
#include "TestSupport.h"

#include <QTest>

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
    auto session = store.value()->users().authenticate(
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
    auto principal = store.value()->users().authorize(token);
    QVERIFY2(principal, qPrintable(principal ? QString() : principal.error().message));
    QCOMPARE(principal->name, QStringLiteral("line1-st3"));

    auto revoked = run({QStringLiteral("token"), QStringLiteral("revoke"), server::UserStore::tokenIdOf(token)});
    QVERIFY2(revoked.exitCode == 0, revoked.stdErr.constData());
    QVERIFY(!store.value()->users().authorize(token));
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
#include "tst_servercli.moc"

// Accounts, roles, passwords and badges (AccountStore), and badge logins
// through TokenStore; on SQLite and on PostgreSQL.
#include "StoreTestSupport.h"

#include "crypto/PasswordHash.h"
#include "server/store/TokenStore.h"

#include <QDirIterator>
#include <QTest>

#include <memory>

using namespace prov;
using namespace prov::server;
using test::secret;

namespace {

const QString kPeer = QStringLiteral("192.0.2.10");
constexpr const char *kBadge = "BADGE-0042-7781";

/// Every byte the store keeps on disk: the SQLite files (database, WAL) and the
/// logical dump (PostgreSQL's rows, which live elsewhere).
QByteArray everythingStored(ServerStore &store)
{
    QByteArray all = test::dumpStore(store);
    QDirIterator it(store.dataDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace

class TestAccountStore : public test::StoreTest
{
    Q_OBJECT

public:
    TestAccountStore()
        : StoreTest(Clock::Fixed)
    { }

private slots:
    void rolesAreNamedAndParsed();
    void passwordsAreStoredAsPbkdf2Only();
    void supervisorLogsInAsSupervisor();
    void badgeLogsItsUserIn();
    void badgeIsNeverStoredInTheClear();
    void badgesAreForOperatorsAndSupervisorsAndUnique();
    void wrongBadgesAreThrottled();
    void clearedOrRemovedUsersBadgeNoLongerWorks();
};

void TestAccountStore::rolesAreNamedAndParsed()
{
    for (Role role : {Role::Admin, Role::Supervisor, Role::Operator, Role::Station})
        QCOMPARE(parseRole(roleName(role)).value(), role);
    QCOMPARE(roleName(Role::Supervisor), QStringLiteral("supervisor"));
    auto bad = parseRole(QStringLiteral("foreman"));
    QVERIFY(!bad);
    QVERIFY(bad.error().message.contains(QStringLiteral("supervisor")));
}

void TestAccountStore::passwordsAreStoredAsPbkdf2Only()
{
    // The production policy (600,000 iterations), not the fast test one.
    AccountStore accounts(m_store->database(), m_store->audit(), UserPolicy());
    QVERIFY(
        accounts.addUser(QStringLiteral("alice"), Role::Admin, secret("alice's password"), QStringLiteral("cli:test")));
    const QByteArray dump = test::dumpStore(*m_store);
    QVERIFY(!dump.contains("alice's password"));
    QVERIFY2(dump.contains("password_hash=pbkdf2-sha256$600000$"), dump.constData());
    auto found = accounts.checkPassword(QStringLiteral("alice"), secret("alice's password"));
    QVERIFY(found && found->has_value());
    QCOMPARE(found->value().role, Role::Admin);
}

void TestAccountStore::supervisorLogsInAsSupervisor()
{
    addUser(QStringLiteral("sam"), Role::Supervisor, "sam's password");
    auto session = m_store->tokens().authenticate(QStringLiteral("sam"), secret("sam's password"), kPeer);
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(session->role, Role::Supervisor);
    auto principal = m_store->tokens().authorize(session->token);
    QVERIFY(principal);
    QCOMPARE(principal->role, Role::Supervisor);
    auto users = m_store->accounts().users();
    QVERIFY(users);
    QCOMPARE(users->size(), 1);
    QCOMPARE(users->first().role, Role::Supervisor);
}

void TestAccountStore::badgeLogsItsUserIn()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    addUser(QStringLiteral("sam"), Role::Supervisor, "sam's password");
    QVERIFY(m_store->accounts().setBadge(QStringLiteral("olga"), secret(kBadge), QStringLiteral("user:admin")));
    QVERIFY(m_store->accounts().setBadge(QStringLiteral("sam"), secret("SUPER-BADGE-1"), QStringLiteral("user:admin")));
    auto session = m_store->tokens().authenticateBadge(secret(kBadge), kPeer);
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(session->userName, QStringLiteral("olga"));
    QCOMPARE(session->role, Role::Operator);
    auto supervisor = m_store->tokens().authenticateBadge(secret("SUPER-BADGE-1"), kPeer);
    QVERIFY(supervisor);
    QCOMPARE(supervisor->userName, QStringLiteral("sam"));
    QCOMPARE(supervisor->role, Role::Supervisor);
    auto wrong = m_store->tokens().authenticateBadge(secret("BADGE-0042-7782"), kPeer);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().context, QString(kAuthInvalidCredentials));
    // The list says who has a badge, never what it is.
    auto users = m_store->accounts().users();
    QVERIFY(users);
    QVERIFY(users->at(0).hasBadge && users->at(1).hasBadge);
}

void TestAccountStore::badgeIsNeverStoredInTheClear()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    QVERIFY(m_store->accounts().setBadge(QStringLiteral("olga"), secret(kBadge), QStringLiteral("user:admin")));
    QVERIFY(m_store->tokens().authenticateBadge(secret(kBadge), kPeer));
    QVERIFY(!m_store->tokens().authenticateBadge(secret("BADGE-9999-0000"), kPeer));
    const QByteArray stored = everythingStored(*m_store);
    QVERIFY(!stored.isEmpty());
    QVERIFY(!stored.contains(kBadge));
    QVERIFY(!stored.contains(QString::fromLatin1(kBadge).toUtf8().toBase64()));
    QVERIFY(!stored.contains("BADGE-9999-0000")); // nor a wrong one, in the audit or the throttle
    QVERIFY2(stored.contains("badge_hash=pbkdf2-sha256$1000$"), stored.left(4000).constData());
}

void TestAccountStore::badgesAreForOperatorsAndSupervisorsAndUnique()
{
    addUser(QStringLiteral("root"), Role::Admin, "root's password");
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    addUser(QStringLiteral("oleg"), Role::Operator, "oleg's password");
    AccountStore &accounts = m_store->accounts();
    auto admin = accounts.setBadge(QStringLiteral("root"), secret(kBadge), QStringLiteral("cli:test"));
    QVERIFY(!admin);
    QVERIFY(admin.error().message.contains(QStringLiteral("operators and supervisors")));
    auto shortOne = accounts.setBadge(QStringLiteral("olga"), secret("12345"), QStringLiteral("cli:test"));
    QVERIFY(!shortOne);
    QVERIFY(shortOne.error().message.contains(QStringLiteral("too short")));
    QVERIFY(!accounts.setBadge(QStringLiteral("nobody"), secret(kBadge), QStringLiteral("cli:test")));
    QVERIFY(accounts.setBadge(QStringLiteral("olga"), secret(kBadge), QStringLiteral("cli:test")));
    auto taken = accounts.setBadge(QStringLiteral("oleg"), secret(kBadge), QStringLiteral("cli:test"));
    QVERIFY(!taken);
    QVERIFY(taken.error().message.contains(QStringLiteral("olga")));
    // Setting it again on its own user is no conflict.
    QVERIFY(accounts.setBadge(QStringLiteral("olga"), secret(kBadge), QStringLiteral("cli:test")));
}

void TestAccountStore::wrongBadgesAreThrottled()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    QVERIFY(m_store->accounts().setBadge(QStringLiteral("olga"), secret(kBadge), QStringLiteral("user:admin")));
    TokenStore &tokens = m_store->tokens();
    const QString scanner = QStringLiteral("198.51.100.7");
    for (int i = 0; i <= tokens.policy().throttle.freeFailures; ++i) {
        auto attempt = tokens.authenticateBadge(secret("BADGE-GUESS-1"), scanner);
        QCOMPARE(attempt.error().context, QString(kAuthInvalidCredentials));
    }
    QVERIFY(tokens.retryAfterSeconds(QString(TokenStore::kBadgeAccount), scanner).value() > 0);
    // Even the right badge waits out the block from that address...
    auto blocked = tokens.authenticateBadge(secret(kBadge), scanner);
    QCOMPARE(blocked.error().context, QString(kAuthThrottled));
    // ...while another station's scanner is heard.
    QVERIFY(tokens.authenticateBadge(secret(kBadge), QStringLiteral("203.0.113.1")));
    m_now += tokens.retryAfterSeconds(QString(TokenStore::kBadgeAccount), scanner).value() * 1000;
    QVERIFY(tokens.authenticateBadge(secret(kBadge), scanner));
    // Every failure is audited, without the code.
    auto entries = m_store->audit().latest(50);
    QVERIFY(entries);
    int failed = 0;
    for (const AuditEntry &entry : entries.value()) {
        if (entry.action == u"login.failed") {
            ++failed;
            QCOMPARE(entry.subject, QString(TokenStore::kBadgeAccount));
        }
    }
    QCOMPARE(failed, tokens.policy().throttle.freeFailures + 1);
}

void TestAccountStore::clearedOrRemovedUsersBadgeNoLongerWorks()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    addUser(QStringLiteral("oleg"), Role::Operator, "oleg's password");
    AccountStore &accounts = m_store->accounts();
    QVERIFY(accounts.setBadge(QStringLiteral("olga"), secret(kBadge), QStringLiteral("cli:test")));
    QVERIFY(accounts.setBadge(QStringLiteral("oleg"), secret("OLEG-BADGE-77"), QStringLiteral("cli:test")));
    QVERIFY(m_store->tokens().authenticateBadge(secret(kBadge), kPeer));
    // A lost badge is cleared: it no longer opens a session, the password still does.
    QVERIFY(accounts.setBadge(QStringLiteral("olga"), crypto::SecretBytes(), QStringLiteral("cli:test")));
    QCOMPARE(
        m_store->tokens().authenticateBadge(secret(kBadge), kPeer).error().context, QString(kAuthInvalidCredentials));
    QVERIFY(m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer));
    // A user who left is removed, and their badge with them.
    QVERIFY(accounts.removeUser(QStringLiteral("oleg"), QStringLiteral("cli:test")));
    QCOMPARE(m_store->tokens().authenticateBadge(secret("OLEG-BADGE-77"), kPeer).error().context,
        QString(kAuthInvalidCredentials));
}

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"

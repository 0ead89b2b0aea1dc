#include "StoreTestSupport.h"

#include "crypto/PasswordHash.h"
#include "server/store/UserStore.h"

#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace prov;
using namespace prov::server;

namespace {

crypto::SecretBytes secret(const char *text)
{
    return crypto::SecretBytes::copyOf(QByteArrayView(text));
}

const QString kPeer = QStringLiteral("192.0.2.10");

} // namespace

class TestUserStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { PROV_BOTH_ENGINES(); }
    void init();
    void cleanup();

    void usersAreAddedOnceWithValidNames_data();
    void usersAreAddedOnceWithValidNames();
    void passwordsAreStoredAsPbkdf2Only();
    void loginOpensASessionForTheUsersRole();
    void wrongPasswordAndUnknownUserLookTheSame();
    void failedLoginsAreThrottledPerUser();
    void failedLoginsAreThrottledPerAddress();
    void sessionsExpire();
    void stationTokensAreRevocable();
    void removedUserLosesSessionsAndLastAdminStays();
    void passwordChangeEndsSessions();
    void setupCodeIsKeptUntilTheFirstAdmin();
    void everyChangeIsAudited();

private:
    void addUser(const QString &name, Role role, const char *password);

    std::unique_ptr<test::ScratchStore> m_scratch;
    std::unique_ptr<ServerStore> m_store;
    qint64 m_now = 1'900'000'000'000;
};

void TestUserStore::init()
{
    QFETCH_GLOBAL(QString, engine);
    m_scratch = std::make_unique<test::ScratchStore>(engine);
    if (m_scratch->isSkipped())
        QSKIP(qPrintable(m_scratch->skipReason()));
    QVERIFY2(m_scratch->error().isEmpty(), qPrintable(m_scratch->error()));
    auto store = m_scratch->open();
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    m_store = std::move(store.value());
    m_now = 1'900'000'000'000;
    m_store->users().setClock([this] { return m_now; });
}

void TestUserStore::cleanup()
{
    m_store.reset();
    m_scratch.reset();
}

void TestUserStore::addUser(const QString &name, Role role, const char *password)
{
    auto ok = m_store->users().addUser(name, role, secret(password), QStringLiteral("cli:test"));
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().message));
}

void TestUserStore::usersAreAddedOnceWithValidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QString>("error");
    QTest::newRow("ok") << QStringLiteral("carol") << QByteArray("correct horse battery") << QString();
    QTest::newRow("duplicate") << QStringLiteral("alice") << QByteArray("correct horse battery")
                               << QStringLiteral("user 'alice' already exists");
    QTest::newRow("duplicate other case") << QStringLiteral("ALICE") << QByteArray("correct horse battery")
                                          << QStringLiteral("user 'alice' already exists");
    QTest::newRow("space") << QStringLiteral("bad name") << QByteArray("correct horse battery")
                           << QStringLiteral("name 'bad name' is not");
    QTest::newRow("empty") << QString() << QByteArray("correct horse battery") << QStringLiteral("name '' is not");
    QTest::newRow("short password") << QStringLiteral("dave") << QByteArray("short") << QStringLiteral("too short");
}

void TestUserStore::usersAreAddedOnceWithValidNames()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, password);
    QFETCH(QString, error);
    addUser(QStringLiteral("alice"), Role::Admin, "alice's password");
    auto ok = m_store->users().addUser(
        name, Role::Operator, crypto::SecretBytes::copyOf(password), QStringLiteral("cli:test"));
    QCOMPARE(ok.ok(), error.isEmpty());
    if (!ok)
        QVERIFY2(ok.error().message.contains(error), qPrintable(ok.error().message));
    auto users = m_store->users().users();
    QVERIFY(users);
    QCOMPARE(users->size(), error.isEmpty() ? 2 : 1);
}

void TestUserStore::passwordsAreStoredAsPbkdf2Only()
{
    // The production policy (600,000 iterations), not the fast test one.
    UserStore users(m_store->database(), m_store->audit());
    QVERIFY(
        users.addUser(QStringLiteral("alice"), Role::Admin, secret("alice's password"), QStringLiteral("cli:test")));
    const QByteArray dump = test::dumpStore(*m_store);
    QVERIFY(!dump.contains("alice's password"));
    QVERIFY2(dump.contains("password_hash=pbkdf2-sha256$600000$"), dump.constData());
    QVERIFY(users.authenticate(QStringLiteral("alice"), secret("alice's password"), kPeer));
}

void TestUserStore::loginOpensASessionForTheUsersRole()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->users().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(session->role, Role::Operator);
    QCOMPARE(session->expiresAt.toMSecsSinceEpoch(), m_now + m_store->users().policy().sessionLifetimeMs);
    QVERIFY(session->token.startsWith(QLatin1String("pst_")));
    // Stored hashed only.
    QVERIFY(!test::dumpStore(*m_store).contains(session->token.toUtf8()));

    auto principal = m_store->users().authorize(session->token);
    QVERIFY2(principal, qPrintable(principal ? QString() : principal.error().message));
    QCOMPARE(principal->kind, Principal::Kind::User);
    QCOMPARE(principal->name, QStringLiteral("olga"));
    QCOMPARE(principal->role, Role::Operator);
    QCOMPARE(principal->actor(), QStringLiteral("user:olga"));

    auto bogus = m_store->users().authorize(session->token + u'x');
    QVERIFY(!bogus);
    QCOMPARE(bogus.error().context, QString(kAuthInvalidToken));
    QVERIFY(!m_store->users().authorize(QStringLiteral("not-a-token")));

    QVERIFY(m_store->users().logout(session->token));
    QVERIFY(!m_store->users().authorize(session->token));
}

void TestUserStore::wrongPasswordAndUnknownUserLookTheSame()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto wrong = m_store->users().authenticate(QStringLiteral("olga"), secret("guess guess guess"), kPeer);
    auto unknown = m_store->users().authenticate(QStringLiteral("nobody"), secret("guess guess guess"), kPeer);
    QVERIFY(!wrong);
    QVERIFY(!unknown);
    QCOMPARE(wrong.error().context, QString(kAuthInvalidCredentials));
    QCOMPARE(unknown.error().message, wrong.error().message);
    QVERIFY(!wrong.error().message.contains(QLatin1String("guess")));
}

void TestUserStore::failedLoginsAreThrottledPerUser()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    UserStore &users = m_store->users();
    const int free = users.policy().freeFailures;
    for (int i = 0; i < free; ++i) {
        auto attempt = users.authenticate(
            QStringLiteral("olga"), secret("wrong password!"), QStringLiteral("198.51.100.%1").arg(i));
        QCOMPARE(attempt.error().context, QString(kAuthInvalidCredentials));
        auto wait = users.retryAfterSeconds(QStringLiteral("olga"), QStringLiteral("203.0.113.1"));
        QVERIFY(wait);
        QCOMPARE(wait.value(), qint64(0));
    }
    // One more failure starts the delay, even from a new address.
    QVERIFY(!users.authenticate(QStringLiteral("olga"), secret("wrong password!"), QStringLiteral("198.51.100.99")));
    auto wait = users.retryAfterSeconds(QStringLiteral("olga"), QStringLiteral("203.0.113.1"));
    QVERIFY(wait);
    QCOMPARE(wait.value(), qint64(1));
    auto blocked = users.authenticate(QStringLiteral("olga"), secret("olga's password"), QStringLiteral("203.0.113.1"));
    QVERIFY(!blocked);
    QCOMPARE(blocked.error().context, QString(kAuthThrottled));

    // The delay doubles with each further failure.
    m_now += 1000;
    QVERIFY(!users.authenticate(QStringLiteral("olga"), secret("wrong password!"), QStringLiteral("198.51.100.98")));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), QString()).value(), qint64(2));
    m_now += 2000;
    QVERIFY(!users.authenticate(QStringLiteral("olga"), secret("wrong password!"), QStringLiteral("198.51.100.97")));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), QString()).value(), qint64(4));

    // After the delay the right password works and clears the counter.
    m_now += 4000;
    auto session = users.authenticate(QStringLiteral("olga"), secret("olga's password"), QStringLiteral("203.0.113.1"));
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), QStringLiteral("203.0.113.1")).value(), qint64(0));
}

void TestUserStore::failedLoginsAreThrottledPerAddress()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    UserStore &users = m_store->users();
    const QString attacker = QStringLiteral("203.0.113.66");
    for (int i = 0; i <= users.policy().freeFailures; ++i)
        QVERIFY(!users.authenticate(QStringLiteral("user%1").arg(i), secret("wrong password!"), attacker));
    // The address is blocked for every user name, the user is not blocked elsewhere.
    auto blocked = users.authenticate(QStringLiteral("olga"), secret("olga's password"), attacker);
    QCOMPARE(blocked.error().context, QString(kAuthThrottled));
    QVERIFY(users.authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer));
    // Old failures are forgotten after the window.
    m_now += users.policy().failureWindowMs + users.policy().maxBlockMs + 1;
    QVERIFY(users.authenticate(QStringLiteral("olga"), secret("olga's password"), attacker));
}

void TestUserStore::sessionsExpire()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->users().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY(session);
    m_now += m_store->users().policy().sessionLifetimeMs - 1;
    QVERIFY(m_store->users().authorize(session->token));
    m_now += 1;
    auto expired = m_store->users().authorize(session->token);
    QVERIFY(!expired);
    QVERIFY2(expired.error().message.contains(QLatin1String("expired")), qPrintable(expired.error().message));
}

void TestUserStore::stationTokensAreRevocable()
{
    auto issued = m_store->users().issueStationToken(QStringLiteral("line1-st3"), QStringLiteral("cli:test"));
    QVERIFY2(issued, qPrintable(issued ? QString() : issued.error().message));
    QCOMPARE(issued->tokenId, UserStore::tokenIdOf(issued->token));
    auto principal = m_store->users().authorize(issued->token);
    QVERIFY(principal);
    QCOMPARE(principal->kind, Principal::Kind::Station);
    QCOMPARE(principal->name, QStringLiteral("line1-st3"));
    QCOMPARE(principal->role, Role::Station);
    QCOMPARE(principal->actor(), QStringLiteral("station:line1-st3"));

    auto tokens = m_store->users().tokens();
    QVERIFY(tokens);
    QCOMPARE(tokens->size(), 1);
    QCOMPARE(tokens->at(0).tokenId, issued->tokenId);
    QVERIFY(!tokens->at(0).revoked);

    QVERIFY(!m_store->users().revokeToken(QStringLiteral("000000000000"), QStringLiteral("cli:test")));
    QVERIFY(!m_store->users().revokeToken(QStringLiteral("%"), QStringLiteral("cli:test")));
    auto revokedOk = m_store->users().revokeToken(issued->tokenId, QStringLiteral("cli:test"));
    QVERIFY2(revokedOk, qPrintable(revokedOk ? QString() : revokedOk.error().message));
    auto revoked = m_store->users().authorize(issued->token);
    QVERIFY(!revoked);
    QVERIFY2(revoked.error().message.contains(QLatin1String("revoked")), qPrintable(revoked.error().message));

    auto shortLived = m_store->users().issueStationToken(QStringLiteral("line2"), QStringLiteral("cli:test"), 60000);
    QVERIFY(shortLived);
    m_now += 60000;
    QVERIFY(!m_store->users().authorize(shortLived->token));
    QVERIFY(!m_store->users().issueStationToken(QStringLiteral("bad station"), QStringLiteral("cli:test")));
}

void TestUserStore::removedUserLosesSessionsAndLastAdminStays()
{
    addUser(QStringLiteral("alice"), Role::Admin, "alice's password");
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->users().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY(session);
    QVERIFY(m_store->users().removeUser(QStringLiteral("olga"), QStringLiteral("cli:test")));
    QVERIFY(!m_store->users().authorize(session->token));
    auto last = m_store->users().removeUser(QStringLiteral("alice"), QStringLiteral("cli:test"));
    QVERIFY(!last);
    QVERIFY2(last.error().message.contains(QLatin1String("last admin")), qPrintable(last.error().message));
    QVERIFY(!m_store->users().removeUser(QStringLiteral("nobody"), QStringLiteral("cli:test")));
}

void TestUserStore::passwordChangeEndsSessions()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->users().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY(session);
    QVERIFY(m_store->users().setPassword(
        QStringLiteral("olga"), secret("olga's new password"), QStringLiteral("cli:test")));
    QVERIFY(!m_store->users().authorize(session->token));
    QVERIFY(!m_store->users().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer));
    QVERIFY(m_store->users().authenticate(QStringLiteral("olga"), secret("olga's new password"), kPeer));
}

void TestUserStore::setupCodeIsKeptUntilTheFirstAdmin()
{
    UserStore &users = m_store->users();
    const crypto::SecretBytes masterKey = crypto::SecretBytes::copyOf(QByteArray(32, '\x5a'));
    auto first = users.ensureSetupCode(masterKey);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QVERIFY(first->has_value());
    // Short enough to type: 16 Crockford base32 characters in groups of four.
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"))
                 .match(**first)
                 .hasMatch(),
        qPrintable(**first));
    // A restart (or a second server on this database) shows the same working code.
    auto second = users.ensureSetupCode(masterKey);
    QVERIFY(second && second->has_value());
    QCOMPARE(**second, **first);
    // Kept hashed and sealed, never in the clear.
    QVERIFY(!test::dumpStore(*m_store).contains((**first).toUtf8()));
    QVERIFY(!test::dumpStore(*m_store).contains(QString(**first).remove(u'-').toUtf8()));
    // A setup code is no bearer token, and another master key cannot show it.
    QVERIFY(!users.authorize(**first));
    QVERIFY(!users.ensureSetupCode(crypto::SecretBytes::copyOf(QByteArray(32, '\x11'))));

    QVERIFY(!users.redeemSetupCode(
        QStringLiteral("0000-0000-0000-0000"), QStringLiteral("root"), secret("root's password"), kPeer));
    // Typed as people type it: lower case, no dashes, O for 0 and l for 1.
    QString typed = QString(**first).remove(u'-').toLower();
    typed.replace(u'0', u'o').replace(u'1', u'l');
    auto redeemed = users.redeemSetupCode(typed, QStringLiteral("root"), secret("root's password"), kPeer);
    QVERIFY2(redeemed, qPrintable(redeemed ? QString() : redeemed.error().message));
    QVERIFY(users.hasAdmin().value());
    QVERIFY(!users.redeemSetupCode(**first, QStringLiteral("root2"), secret("root's password"), kPeer));
    auto none = users.ensureSetupCode(masterKey);
    QVERIFY(none);
    QVERIFY(!none->has_value());
    auto session = users.authenticate(QStringLiteral("root"), secret("root's password"), kPeer);
    QVERIFY(session);
    QCOMPARE(session->role, Role::Admin);
}

void TestUserStore::everyChangeIsAudited()
{
    addUser(QStringLiteral("alice"), Role::Admin, "alice's password");
    QVERIFY(!m_store->users().authenticate(QStringLiteral("alice"), secret("wrong password!"), kPeer));
    QVERIFY(m_store->users().issueStationToken(QStringLiteral("line1"), QStringLiteral("user:alice")));
    auto entries = m_store->audit().latest(10);
    QVERIFY(entries);
    QStringList actions;
    for (const AuditEntry &entry : entries.value())
        actions.prepend(entry.action + u' ' + entry.subject);
    QCOMPARE(actions,
        (QStringList {QStringLiteral("user.add alice"), QStringLiteral("login.failed alice"),
            QStringLiteral("token.issue line1")}));
    auto verified = m_store->audit().verify();
    QVERIFY(verified && verified->intact);
}

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"

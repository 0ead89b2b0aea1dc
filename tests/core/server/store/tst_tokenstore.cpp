#include "StoreTestSupport.h"

#include "crypto/PasswordHash.h"
#include "server/store/TokenStore.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace prov;
using namespace prov::server;
using test::secret;

namespace {

const QString kPeer = QStringLiteral("192.0.2.10");

} // namespace

class TestTokenStore : public test::StoreTest
{
    Q_OBJECT

public:
    TestTokenStore()
        : StoreTest(Clock::Fixed)
    { }

private slots:
    void usersAreAddedOnceWithValidNames_data();
    void usersAreAddedOnceWithValidNames();
    void loginOpensASessionForTheUsersRole();
    void wrongPasswordAndUnknownUserLookTheSame();
    void failedLoginsBackOffPerAccountAndAddress();
    void failedLoginsAreThrottledPerAddress();
    void strangerCannotLockTheOwnerOut();
    void guessesPerAccountAreBounded();
    void guessesPerAddressAreBounded();
    void throttleRowsAreForgotten();
    void sessionsExpire();
    void stationTokensAreRevocable();
    void removedUserLosesSessionsAndLastAdminStays();
    void passwordChangeEndsSessions();
    void setupCodeIsKeptUntilTheFirstAdmin();
    void everyChangeIsAudited();

private:
    /// Failed guesses per minute by attackers at `addresses` who each try
    /// `accounts` in turn as soon as the throttle lets them, for `minutes`.
    QList<int> guessPerMinute(const QStringList &addresses, const QStringList &accounts, int minutes);
};

void TestTokenStore::usersAreAddedOnceWithValidNames_data()
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

void TestTokenStore::usersAreAddedOnceWithValidNames()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, password);
    QFETCH(QString, error);
    addUser(QStringLiteral("alice"), Role::Admin, "alice's password");
    auto ok = m_store->accounts().addUser(
        name, Role::Operator, crypto::SecretBytes::copyOf(password), QStringLiteral("cli:test"));
    QCOMPARE(ok.ok(), error.isEmpty());
    if (!ok)
        QVERIFY2(ok.error().message.contains(error), qPrintable(ok.error().message));
    auto users = m_store->accounts().users();
    QVERIFY(users);
    QCOMPARE(users->size(), error.isEmpty() ? 2 : 1);
}

void TestTokenStore::loginOpensASessionForTheUsersRole()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(session->role, Role::Operator);
    QCOMPARE(session->expiresAt.toMSecsSinceEpoch(), m_now + m_store->tokens().policy().sessionLifetimeMs);
    QVERIFY(session->token.startsWith(QLatin1String("pst_")));
    // Stored hashed only.
    QVERIFY(!test::dumpStore(*m_store).contains(session->token.toUtf8()));

    auto principal = m_store->tokens().authorize(session->token);
    QVERIFY2(principal, qPrintable(principal ? QString() : principal.error().message));
    QCOMPARE(principal->kind, Principal::Kind::User);
    QCOMPARE(principal->name, QStringLiteral("olga"));
    QCOMPARE(principal->role, Role::Operator);
    QCOMPARE(principal->actor(), QStringLiteral("user:olga"));

    auto bogus = m_store->tokens().authorize(session->token + u'x');
    QVERIFY(!bogus);
    QCOMPARE(bogus.error().context, QString(kAuthInvalidToken));
    QVERIFY(!m_store->tokens().authorize(QStringLiteral("not-a-token")));

    QVERIFY(m_store->tokens().logout(session->token));
    QVERIFY(!m_store->tokens().authorize(session->token));
}

void TestTokenStore::wrongPasswordAndUnknownUserLookTheSame()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto wrong = m_store->tokens().authenticate(QStringLiteral("olga"), secret("guess guess guess"), kPeer);
    auto unknown = m_store->tokens().authenticate(QStringLiteral("nobody"), secret("guess guess guess"), kPeer);
    QVERIFY(!wrong);
    QVERIFY(!unknown);
    QCOMPARE(wrong.error().context, QString(kAuthInvalidCredentials));
    QCOMPARE(unknown.error().message, wrong.error().message);
    QVERIFY(!wrong.error().message.contains(QLatin1String("guess")));
}

void TestTokenStore::failedLoginsBackOffPerAccountAndAddress()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    TokenStore &users = m_store->tokens();
    const QString guesser = QStringLiteral("198.51.100.7");
    const QString other = QStringLiteral("203.0.113.1");
    for (int i = 0; i < users.policy().throttle.freeFailures; ++i) {
        auto attempt = users.authenticate(QStringLiteral("olga"), secret("wrong password!"), guesser);
        QCOMPARE(attempt.error().context, QString(kAuthInvalidCredentials));
        QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), guesser).value(), qint64(0));
    }
    // One more failure starts the delay for this address on this account...
    QVERIFY(!users.authenticate(QStringLiteral("olga"), secret("wrong password!"), guesser));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), guesser).value(), qint64(1));
    auto blocked = users.authenticate(QStringLiteral("olga"), secret("olga's password"), guesser);
    QCOMPARE(blocked.error().context, QString(kAuthThrottled));
    // ...and it doubles with each further failure.
    m_now += 1000;
    QVERIFY(!users.authenticate(QStringLiteral("olga"), secret("wrong password!"), guesser));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), guesser).value(), qint64(2));
    m_now += 2000;
    QVERIFY(!users.authenticate(QStringLiteral("olga"), secret("wrong password!"), guesser));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), guesser).value(), qint64(4));
    // Another address is not slowed, nor is another account from this address.
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), other).value(), qint64(0));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("alice"), guesser).value(), qint64(0));
    // After the delay the right password works and clears the address's counter.
    m_now += 4000;
    auto session = users.authenticate(QStringLiteral("olga"), secret("olga's password"), guesser);
    QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
    QCOMPARE(users.retryAfterSeconds(QStringLiteral("olga"), guesser).value(), qint64(0));
}

void TestTokenStore::failedLoginsAreThrottledPerAddress()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    TokenStore &users = m_store->tokens();
    const QString attacker = QStringLiteral("203.0.113.66");
    for (int i = 0; i <= users.policy().throttle.addressFreeFailures; ++i)
        QVERIFY(!users.authenticate(QStringLiteral("user%1").arg(i), secret("wrong password!"), attacker));
    // The address is blocked for every user name, the user is not blocked elsewhere.
    auto blocked = users.authenticate(QStringLiteral("olga"), secret("olga's password"), attacker);
    QCOMPARE(blocked.error().context, QString(kAuthThrottled));
    QVERIFY(users.authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer));
    // Old failures are forgotten after the window.
    m_now += users.policy().throttle.failureWindowMs + users.policy().throttle.maxBlockMs + 1;
    QVERIFY(users.authenticate(QStringLiteral("olga"), secret("olga's password"), attacker));
}

void TestTokenStore::strangerCannotLockTheOwnerOut()
{
    addUser(QStringLiteral("admin"), Role::Admin, "the admin's password");
    TokenStore &users = m_store->tokens();
    // For three hours a stranger guesses as fast as the throttle lets one
    // address, and every 14 minutes another address fails once.
    const QString stranger = QStringLiteral("198.51.100.1");
    int strangerFailures = 0;
    int owner = 0;
    for (int second = 0; second < 3 * 3600; ++second, m_now += 1000) {
        if (second % (14 * 60) == 0)
            QVERIFY(!users.authenticate(QStringLiteral("admin"), secret("a guess"),
                QStringLiteral("198.51.100.%1").arg(2 + second / (14 * 60))));
        if (users.retryAfterSeconds(QStringLiteral("admin"), stranger).value() == 0) {
            QVERIFY(!users.authenticate(QStringLiteral("admin"), secret("a guess"), stranger));
            ++strangerFailures;
        }
        // Every 20 minutes the owner logs in from an address that has not failed.
        if (second % (20 * 60) == 600) {
            const QString from = QStringLiteral("203.0.113.%1").arg(++owner);
            QCOMPARE(users.retryAfterSeconds(QStringLiteral("admin"), from).value(), qint64(0));
            auto session = users.authenticate(QStringLiteral("admin"), secret("the admin's password"), from);
            QVERIFY2(session, qPrintable(session ? QString() : session.error().message));
        }
    }
    QVERIFY(owner >= 8);
    // The stranger's one address got few guesses: the free ones, ten while the
    // delay doubles up to 15 minutes, then one per 15 minutes.
    qInfo() << "one address's guesses on one account in 3 hours:" << strangerFailures;
    QVERIFY2(strangerFailures <= users.policy().throttle.freeFailures + 10 + 3 * 4,
        qPrintable(QString::number(strangerFailures)));
}

QList<int> TestTokenStore::guessPerMinute(const QStringList &addresses, const QStringList &accounts, int minutes)
{
    TokenStore &users = m_store->tokens();
    QList<int> perMinute(minutes, 0);
    QHash<QString, int> next;
    for (qint64 step = 0; step < minutes * 60 * 4; ++step, m_now += 250) {
        for (const QString &address : addresses) {
            int &index = next[address];
            const QString &account = accounts.at(index % accounts.size());
            if (users.retryAfterSeconds(account, address).value() > 0)
                continue;
            auto attempt = users.authenticate(account, secret("a guess"), address);
            if (!attempt && attempt.error().context == kAuthInvalidCredentials) {
                ++perMinute[static_cast<int>(step / 240)];
                ++index;
            }
        }
    }
    return perMinute;
}

void TestTokenStore::guessesPerAccountAreBounded()
{
    // Twenty addresses on one account.
    addUser(QStringLiteral("admin"), Role::Admin, "the admin's password");
    QStringList addresses;
    for (int i = 1; i <= 20; ++i)
        addresses.append(QStringLiteral("198.51.100.%1").arg(i));
    const QList<int> perMinute = guessPerMinute(addresses, {QStringLiteral("admin")}, 10);
    qInfo() << "guesses per minute on one account from 20 addresses:" << perMinute;
    const int rate = m_store->tokens().policy().throttle.accountFailuresPerMinute;
    // The first minute: each address's first guess is heard (it has not failed
    // yet), plus a burst of the account's rate; after that the account's rate.
    QVERIFY(perMinute.first() <= int(addresses.size()) + rate);
    for (int minute = 1; minute < perMinute.size(); ++minute)
        QVERIFY2(perMinute.at(minute) <= rate + 1, qPrintable(QString::number(perMinute.at(minute))));
}

void TestTokenStore::guessesPerAddressAreBounded()
{
    // One address spraying a hundred account names.
    QStringList accounts;
    for (int i = 0; i < 100; ++i)
        accounts.append(QStringLiteral("user%1").arg(i));
    const QList<int> perMinute = guessPerMinute({QStringLiteral("198.51.100.1")}, accounts, 20);
    qInfo() << "guesses per minute from one address over 100 accounts:" << perMinute;
    const ThrottlePolicy &rules = m_store->tokens().policy().throttle;
    // The free failures, then delays of 1, 2, 4, ... s: a handful more.
    QVERIFY(perMinute.first() <= rules.addressFreeFailures + 6);
    // Once the delay has grown to its cap: one guess per 15 minutes.
    int late = 0;
    for (int minute = 10; minute < perMinute.size(); ++minute)
        late += perMinute.at(minute);
    QVERIFY2(late <= 1, qPrintable(QString::number(late)));
}

void TestTokenStore::throttleRowsAreForgotten()
{
    // Guessed names must not fill the database: rows whose block and window
    // are over are deleted by a later login.
    TokenStore &users = m_store->tokens();
    for (int i = 0; i < 10; ++i)
        QVERIFY(
            !users.authenticate(QStringLiteral("guess%1").arg(i), secret("a guess"), QStringLiteral("198.51.100.1")));
    m_now += users.policy().throttle.failureWindowMs + users.policy().throttle.maxBlockMs + 60 * 1000;
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    QVERIFY(users.authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer));
    auto db = m_store->database().connection();
    QVERIFY(db);
    QSqlQuery rows(db.value());
    QVERIFY(rows.exec(QStringLiteral("SELECT COUNT(*) FROM login_throttle")) && rows.next());
    QCOMPARE(rows.value(0).toInt(), 0);
}

void TestTokenStore::sessionsExpire()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY(session);
    m_now += m_store->tokens().policy().sessionLifetimeMs - 1;
    QVERIFY(m_store->tokens().authorize(session->token));
    m_now += 1;
    auto expired = m_store->tokens().authorize(session->token);
    QVERIFY(!expired);
    QVERIFY2(expired.error().message.contains(QLatin1String("expired")), qPrintable(expired.error().message));
}

void TestTokenStore::stationTokensAreRevocable()
{
    auto issued = m_store->tokens().issueStationToken(QStringLiteral("line1-st3"), QStringLiteral("cli:test"));
    QVERIFY2(issued, qPrintable(issued ? QString() : issued.error().message));
    QCOMPARE(issued->tokenId, TokenStore::tokenIdOf(issued->token));
    auto principal = m_store->tokens().authorize(issued->token);
    QVERIFY(principal);
    QCOMPARE(principal->kind, Principal::Kind::Station);
    QCOMPARE(principal->name, QStringLiteral("line1-st3"));
    QCOMPARE(principal->role, Role::Station);
    QCOMPARE(principal->actor(), QStringLiteral("station:line1-st3"));

    auto tokens = m_store->tokens().list();
    QVERIFY(tokens);
    QCOMPARE(tokens->size(), 1);
    QCOMPARE(tokens->at(0).tokenId, issued->tokenId);
    QVERIFY(!tokens->at(0).revoked);

    QVERIFY(!m_store->tokens().revokeToken(QStringLiteral("000000000000"), QStringLiteral("cli:test")));
    QVERIFY(!m_store->tokens().revokeToken(QStringLiteral("%"), QStringLiteral("cli:test")));
    auto revokedOk = m_store->tokens().revokeToken(issued->tokenId, QStringLiteral("cli:test"));
    QVERIFY2(revokedOk, qPrintable(revokedOk ? QString() : revokedOk.error().message));
    auto revoked = m_store->tokens().authorize(issued->token);
    QVERIFY(!revoked);
    QVERIFY2(revoked.error().message.contains(QLatin1String("revoked")), qPrintable(revoked.error().message));

    auto shortLived = m_store->tokens().issueStationToken(QStringLiteral("line2"), QStringLiteral("cli:test"), 60000);
    QVERIFY(shortLived);
    m_now += 60000;
    QVERIFY(!m_store->tokens().authorize(shortLived->token));
    QVERIFY(!m_store->tokens().issueStationToken(QStringLiteral("bad station"), QStringLiteral("cli:test")));
}

void TestTokenStore::removedUserLosesSessionsAndLastAdminStays()
{
    addUser(QStringLiteral("alice"), Role::Admin, "alice's password");
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY(session);
    QVERIFY(m_store->accounts().removeUser(QStringLiteral("olga"), QStringLiteral("cli:test")));
    QVERIFY(!m_store->tokens().authorize(session->token));
    auto last = m_store->accounts().removeUser(QStringLiteral("alice"), QStringLiteral("cli:test"));
    QVERIFY(!last);
    QVERIFY2(last.error().message.contains(QLatin1String("last admin")), qPrintable(last.error().message));
    QVERIFY(!m_store->accounts().removeUser(QStringLiteral("nobody"), QStringLiteral("cli:test")));
}

void TestTokenStore::passwordChangeEndsSessions()
{
    addUser(QStringLiteral("olga"), Role::Operator, "olga's password");
    auto session = m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer);
    QVERIFY(session);
    QVERIFY(m_store->accounts().setPassword(
        QStringLiteral("olga"), secret("olga's new password"), QStringLiteral("cli:test")));
    QVERIFY(!m_store->tokens().authorize(session->token));
    QVERIFY(!m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's password"), kPeer));
    QVERIFY(m_store->tokens().authenticate(QStringLiteral("olga"), secret("olga's new password"), kPeer));
}

void TestTokenStore::setupCodeIsKeptUntilTheFirstAdmin()
{
    TokenStore &users = m_store->tokens();
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
    QVERIFY(m_store->accounts().hasAdmin().value());
    QVERIFY(!users.redeemSetupCode(**first, QStringLiteral("root2"), secret("root's password"), kPeer));
    auto none = users.ensureSetupCode(masterKey);
    QVERIFY(none);
    QVERIFY(!none->has_value());
    auto session = users.authenticate(QStringLiteral("root"), secret("root's password"), kPeer);
    QVERIFY(session);
    QCOMPARE(session->role, Role::Admin);
}

void TestTokenStore::everyChangeIsAudited()
{
    addUser(QStringLiteral("alice"), Role::Admin, "alice's password");
    QVERIFY(!m_store->tokens().authenticate(QStringLiteral("alice"), secret("wrong password!"), kPeer));
    QVERIFY(m_store->tokens().issueStationToken(QStringLiteral("line1"), QStringLiteral("user:alice")));
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

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"

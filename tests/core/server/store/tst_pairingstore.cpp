// The server's half of station pairing (docs/api/pairing.md) on a real store,
// SQLite and PostgreSQL, with the store's clock moved by the test: a code
// pairs once, a second challenge or three wrong proofs void it, the station's
// proof must come within two minutes of the challenge, codes expire, and each
// address gets a bounded number of pairing requests.
#include "StoreTestSupport.h"

#include "crypto/PairingCode.h"
#include "server/store/PairingStore.h"
#include "server/store/TokenStore.h"

#include <QTest>

#include <memory>

using namespace prov;
using namespace prov::server;

namespace {

const QString kPeer = QStringLiteral("192.0.2.10");
const QByteArray kOwnKey(32, '\x11'); ///< this server's SPKI SHA-256
const QByteArray kOtherKey(32, '\x22'); ///< a machine in between

QByteArray nonce(char fill)
{
    return QByteArray(crypto::kPairingNonceSize, fill);
}

} // namespace

class TestPairingStore : public test::StoreTest
{
    Q_OBJECT

public:
    TestPairingStore()
        : StoreTest(Clock::Fixed)
    { }

private slots:
    void aCodePairsOnceAndIssuesAStationToken();
    void aKeyMismatchLeavesTheCodeUsable();
    void aSecondChallengeBurnsTheCode();
    void threeWrongProofsBurnTheCode();
    void theProofMustComeWithinTwoMinutes();
    void codesExpireAfterFifteenMinutes();
    void eachAddressHasALimitedNumberOfRequests();

private:
    /// A new code for `station`, and the key both sides derive from it.
    struct Code
    {
        QString id;
        crypto::SecretBytes key;
    };
    Code newCode(const QString &station);
    [[nodiscard]] Result<PairingChallenge> challenge(const Code &code, const QString &peer = kPeer);
    [[nodiscard]] Result<PairingResult> complete(
        const Code &code, const QByteArray &serverNonce, bool rightProof = true, const QString &peer = kPeer);
    [[nodiscard]] int stationTokens(const QString &station);
};

TestPairingStore::Code TestPairingStore::newCode(const QString &station)
{
    const auto issued = m_store->pairing().createCode(station, QStringLiteral("cli:test"));
    if (!issued) {
        qWarning("%s", qPrintable(issued.error().message));
        return {};
    }
    const auto parsed = crypto::PairingCode::parse(issued->code);
    if (!parsed)
        return {};
    auto key = parsed->deriveKey();
    if (!key)
        return {};
    return Code {parsed->id(), std::move(key).value()};
}

Result<PairingChallenge> TestPairingStore::challenge(const Code &code, const QString &peer)
{
    return m_store->pairing().challenge(code.id, nonce('\x01'), kOwnKey, kOwnKey, peer);
}

Result<PairingResult> TestPairingStore::complete(
    const Code &code, const QByteArray &serverNonce, bool rightProof, const QString &peer)
{
    QByteArray proof = crypto::pairingStationProof(code.key, serverNonce, kOwnKey);
    if (!rightProof)
        proof[0] = char(proof.at(0) ^ 0x01);
    return m_store->pairing().complete(code.id, serverNonce, proof, kOwnKey, peer);
}

int TestPairingStore::stationTokens(const QString &station)
{
    const auto tokens = m_store->tokens().list();
    if (!tokens)
        return -1;
    int n = 0;
    for (const TokenInfo &t : tokens.value())
        n += t.kind == u"station" && t.owner == station && !t.revoked ? 1 : 0;
    return n;
}

void TestPairingStore::aCodePairsOnceAndIssuesAStationToken()
{
    const Code code = newCode(QStringLiteral("line1-st1"));
    QVERIFY(!code.id.isEmpty());
    const auto challenged = challenge(code);
    QVERIFY2(challenged, qPrintable(challenged ? QString() : challenged.error().message));
    // The proof a station checks: only a server that knows the code can make it.
    QCOMPARE(challenged->serverProof, crypto::pairingServerProof(code.key, nonce('\x01'), kOwnKey));

    const auto paired = complete(code, challenged->serverNonce);
    QVERIFY2(paired, qPrintable(paired ? QString() : paired.error().message));
    QCOMPARE(paired->station, QStringLiteral("line1-st1"));
    QVERIFY(paired->token.startsWith(QLatin1String("pst_")));
    QCOMPARE(stationTokens(QStringLiteral("line1-st1")), 1);

    // The code is used up: neither its proof nor a new challenge pairs again.
    const auto again = complete(code, challenged->serverNonce);
    QVERIFY(!again);
    QCOMPARE(again.error().context, QString(kPairingCodeUnusable));
    QVERIFY2(again.error().message.contains(QStringLiteral("already used")), qPrintable(again.error().message));
    QCOMPARE(challenge(code).error().context, QString(kPairingCodeUnusable));
    QCOMPARE(stationTokens(QStringLiteral("line1-st1")), 1);
}

void TestPairingStore::aKeyMismatchLeavesTheCodeUsable()
{
    const Code code = newCode(QStringLiteral("line1-st2"));
    const auto relayed = m_store->pairing().challenge(code.id, nonce('\x01'), kOtherKey, kOwnKey, kPeer);
    QVERIFY(!relayed);
    QCOMPARE(relayed.error().context, QString(kPairingKeyMismatch));
    QVERIFY2(relayed.error().message.contains(QStringLiteral("still valid")), qPrintable(relayed.error().message));
    // The honest station, on a clean path, still pairs with the same code.
    const auto challenged = challenge(code);
    QVERIFY2(challenged, qPrintable(challenged ? QString() : challenged.error().message));
    QVERIFY(complete(code, challenged->serverNonce));
}

void TestPairingStore::aSecondChallengeBurnsTheCode()
{
    const Code code = newCode(QStringLiteral("line1-st3"));
    const auto first = challenge(code);
    QVERIFY(first);
    const auto second = challenge(code);
    QVERIFY(!second);
    QCOMPARE(second.error().context, QString(kPairingCodeUnusable));
    QVERIFY2(second.error().message.contains(QStringLiteral("now void")), qPrintable(second.error().message));
    // Whoever made the first challenge cannot finish it either.
    const auto late = complete(code, first->serverNonce);
    QVERIFY(!late);
    QCOMPARE(late.error().context, QString(kPairingCodeUnusable));
    QCOMPARE(stationTokens(QStringLiteral("line1-st3")), 0);
}

void TestPairingStore::threeWrongProofsBurnTheCode()
{
    const Code code = newCode(QStringLiteral("line1-st4"));
    const auto challenged = challenge(code);
    QVERIFY(challenged);
    for (int i = 1; i < m_store->pairing().policy().maxFailedProofs; ++i) {
        const auto wrong = complete(code, challenged->serverNonce, false);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().context, QString(kPairingWrongProof));
    }
    const auto last = complete(code, challenged->serverNonce, false);
    QVERIFY(!last);
    QCOMPARE(last.error().context, QString(kPairingCodeUnusable));
    QVERIFY2(last.error().message.contains(QStringLiteral("now void")), qPrintable(last.error().message));
    // The right proof after that pairs nothing.
    const auto right = complete(code, challenged->serverNonce);
    QVERIFY(!right);
    QCOMPARE(right.error().context, QString(kPairingCodeUnusable));
    QCOMPARE(stationTokens(QStringLiteral("line1-st4")), 0);
}

void TestPairingStore::theProofMustComeWithinTwoMinutes()
{
    const qint64 window = m_store->pairing().policy().challengeWindowMs;
    QCOMPARE(window, 2ll * 60 * 1000);

    const Code onTime = newCode(QStringLiteral("line1-st5"));
    const auto first = challenge(onTime, QStringLiteral("192.0.2.11"));
    QVERIFY(first);
    m_now += window;
    QVERIFY(complete(onTime, first->serverNonce, true, QStringLiteral("192.0.2.11")));

    const Code late = newCode(QStringLiteral("line1-st6"));
    const auto second = challenge(late, QStringLiteral("192.0.2.12"));
    QVERIFY(second);
    m_now += window + 1;
    const auto tooLate = complete(late, second->serverNonce, true, QStringLiteral("192.0.2.12"));
    QVERIFY(!tooLate);
    QCOMPARE(tooLate.error().context, QString(kPairingCodeUnusable));
    QVERIFY2(tooLate.error().message.contains(QStringLiteral("voided")), qPrintable(tooLate.error().message));
    QCOMPARE(stationTokens(QStringLiteral("line1-st6")), 0);
}

void TestPairingStore::codesExpireAfterFifteenMinutes()
{
    const Code code = newCode(QStringLiteral("line1-st7"));
    m_now += m_store->pairing().policy().codeLifetimeMs;
    const auto expired = challenge(code);
    QVERIFY(!expired);
    QCOMPARE(expired.error().context, QString(kPairingCodeUnusable));
    QVERIFY2(expired.error().message.contains(QStringLiteral("expired")), qPrintable(expired.error().message));
}

void TestPairingStore::eachAddressHasALimitedNumberOfRequests()
{
    const Code code = newCode(QStringLiteral("line1-st8"));
    // Guessing code IDs from one address: every request counts, unknown or not.
    const QString unknownId = code.id == u"00" ? QStringLiteral("01") : QStringLiteral("00");
    const PairingPolicy &policy = m_store->pairing().policy();
    for (int i = 0; i < policy.maxRequestsPerAddress; ++i) {
        const auto r = m_store->pairing().challenge(unknownId, nonce('\x01'), kOwnKey, kOwnKey, kPeer);
        QVERIFY(!r);
        QCOMPARE(r.error().context, QString(kPairingUnknownCode));
    }
    const auto throttled = challenge(code);
    QVERIFY(!throttled);
    QCOMPARE(throttled.error().context, QString(kPairingThrottled));
    QVERIFY2(throttled.error().message.contains(kPeer), qPrintable(throttled.error().message));

    // Another address is not held back, and the code was not touched.
    const auto other = challenge(code, QStringLiteral("192.0.2.99"));
    QVERIFY2(other, qPrintable(other ? QString() : other.error().message));

    // After the window the first address may ask again.
    m_now += policy.addressWindowMs;
    const auto later = m_store->pairing().challenge(unknownId, nonce('\x01'), kOwnKey, kOwnKey, kPeer);
    QCOMPARE(later.error().context, QString(kPairingUnknownCode));
}

QTEST_GUILESS_MAIN(TestPairingStore)
#include "tst_pairingstore.moc"

// KeyLedger on a real outbox: every move of a run's escrow record, what each
// end of a run asks of the server, and what a write the outbox refuses does.
#include "engine/KeyLedger.h"

#include "EscrowTestData.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::engine;

class tst_KeyLedger : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<KeyOutbox> m_outbox;

    std::optional<OutboxEntry> stored(const QUuid &uuid) const
    {
        auto e = m_outbox->entry(uuid);
        return e.ok() ? e.value() : std::nullopt;
    }

    /// A ledger whose record is sealed (not yet on the device).
    KeyLedger sealed(quint32 nodeId)
    {
        KeyLedger ledger(m_outbox.get());
        OutboxEntry entry = test::sampleOutboxEntry(nodeId);
        if (!ledger.seal(entry).ok())
            qFatal("the outbox refused a record");
        return ledger;
    }

    /// A ledger whose keys were written and verified.
    KeyLedger verified(quint32 nodeId)
    {
        KeyLedger ledger = sealed(nodeId);
        ledger.sendingToDevice();
        if (!ledger.verify(QJsonObject {{QStringLiteral("slots"), QStringLiteral("nodeRoot")}}).ok())
            qFatal("the outbox refused the verification");
        return ledger;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto outbox = KeyOutbox::open(m_dir.path());
        QVERIFY(outbox.ok());
        m_outbox = std::move(outbox).value();
    }

    void cleanup() { m_outbox->failWritesForTest({}); }

    void aSealedRecordIsDurableBeforeAnythingElse()
    {
        const KeyLedger ledger = sealed(0x01);
        QVERIFY(ledger.entry());
        QCOMPARE(ledger.serverState(), ServerState::None);
        QVERIFY(!ledger.onDevice());
        QVERIFY(!ledger.verified());
        const std::optional<OutboxEntry> row = stored(ledger.entry()->record.uuid);
        QVERIFY(row);
        QCOMPARE(row->stage, EscrowStage::Escrowed);
        QCOMPARE(row->owner, m_outbox->owner());
    }

    void aRefusedSealStopsBeforeTheDevice()
    {
        KeyLedger ledger(m_outbox.get());
        m_outbox->failWritesForTest({QStringLiteral("INSERT")});
        const Status s = ledger.seal(test::sampleOutboxEntry(0x02));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::UnknownError);
        QVERIFY(s.error().message.contains(QStringLiteral("no key was written to the device")));
        QVERIFY(!ledger.entry());
        // Nothing to settle: the run has no record.
        const KeyLedger::Settlement settled = ledger.settle(s, QStringLiteral("log"));
        QVERIFY(!settled.submit);
        QVERIFY(!settled.lostWrite);
        QVERIFY(!settled.dropped);
    }

    void theServersPendingIsWrittenDown()
    {
        KeyLedger ledger = sealed(0x03);
        QVERIFY(ledger.serverHolds(ServerState::Pending).ok());
        QCOMPARE(stored(ledger.entry()->record.uuid)->serverState, ServerState::Pending);
        QCOMPARE(ledger.serverState(), ServerState::Pending);
    }

    void aRecordWhoseKeysNeverLeftIsForgotten()
    {
        KeyLedger ledger = sealed(0x04);
        const QUuid uuid = ledger.entry()->record.uuid;
        const KeyLedger::Settlement settled
            = ledger.settle(makeError(ResultCode::NodeMessageFailed, QStringLiteral("x")), QStringLiteral("log"));
        QVERIFY(settled.dropped);
        QVERIFY(!settled.submit);
        QVERIFY(!settled.lostWrite);
        QVERIFY(!stored(uuid));
    }

    void aRecordTheServerSawIsFailedWhenTheRunFailed()
    {
        // The server holds it as pending: it must learn how it ended, even with no key on the device.
        KeyLedger ledger = sealed(0x05);
        QVERIFY(ledger.serverHolds(ServerState::Pending).ok());
        const KeyLedger::Settlement settled
            = ledger.settle(makeError(ResultCode::NodeMessageFailed, QStringLiteral("x")), QStringLiteral("the log"));
        QCOMPARE(settled.submit, std::optional<ServerState>(ServerState::Failed));
        const std::optional<OutboxEntry> row = stored(ledger.entry()->record.uuid);
        QCOMPARE(row->stage, EscrowStage::Failed);
        QCOMPARE(row->record.runLog, QStringLiteral("the log"));
    }

    void keysOnTheDeviceOfAFailedRunAreFailed()
    {
        KeyLedger ledger = sealed(0x06);
        ledger.sendingToDevice();
        const KeyLedger::Settlement settled
            = ledger.settle(makeError(ResultCode::NodeVerificationFailed, QStringLiteral("x")), QStringLiteral("l"));
        QCOMPARE(settled.submit, std::optional<ServerState>(ServerState::Failed));
        QVERIFY(!settled.dropped);
        QCOMPARE(stored(ledger.entry()->record.uuid)->stage, EscrowStage::Failed);
    }

    void aPassedRunWithoutConfirmationIsUnverifiedAndPending()
    {
        KeyLedger ledger = sealed(0x07);
        ledger.sendingToDevice();
        const KeyLedger::Settlement settled = ledger.settle({}, QStringLiteral("l"));
        QCOMPARE(settled.submit, std::optional<ServerState>(ServerState::Pending));
        QCOMPARE(stored(ledger.entry()->record.uuid)->stage, EscrowStage::Unverified);
    }

    void anUnverifiedRecordTheServerHoldsAsPendingNeedsNothingMore()
    {
        KeyLedger ledger = sealed(0x08);
        QVERIFY(ledger.serverHolds(ServerState::Pending).ok());
        ledger.sendingToDevice();
        const QUuid uuid = ledger.entry()->record.uuid;
        const KeyLedger::Settlement settled = ledger.settle({}, QStringLiteral("l"));
        QVERIFY(!settled.submit);
        QVERIFY(!settled.lostWrite);
        QVERIFY(!stored(uuid));
    }

    void aVerifiedRunIsDoneEvenWhenOnlyTheServerFailed()
    {
        KeyLedger ledger = verified(0x09);
        QCOMPARE(stored(ledger.entry()->record.uuid)->stage, EscrowStage::Escrowed);
        QVERIFY(ledger.runPassed(QStringLiteral("all passed")).ok());
        QCOMPARE(stored(ledger.entry()->record.uuid)->stage, EscrowStage::Verified);
        const KeyLedger::Settlement settled
            = ledger.settle(makeError(ResultCode::ServerUnreachable, QStringLiteral("down")), QStringLiteral("l"));
        QCOMPARE(settled.submit, std::optional<ServerState>(ServerState::Done));
    }

    void aRunNotVerifiedCannotPass()
    {
        KeyLedger ledger = sealed(0x0A);
        ledger.sendingToDevice();
        const Status s = ledger.runPassed(QStringLiteral("l"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::InternalError);
        QCOMPARE(stored(ledger.entry()->record.uuid)->stage, EscrowStage::Escrowed);
        QVERIFY(!KeyLedger().runPassed(QStringLiteral("l")).ok());
    }

    void aRecordTheServerCommittedIsSettled()
    {
        KeyLedger ledger = verified(0x0B);
        QVERIFY(ledger.runPassed(QStringLiteral("l")).ok());
        const QUuid uuid = ledger.entry()->record.uuid;
        QVERIFY(ledger.committed(ServerState::Done).ok());
        QCOMPARE(ledger.serverState(), ServerState::Done);
        QVERIFY(!stored(uuid));
        const KeyLedger::Settlement settled = ledger.settle({}, QStringLiteral("l"));
        QVERIFY(!settled.submit);
        QVERIFY(!settled.dropped);
    }

    void aRefusedEndStageFailsTheRunAndTheRecord()
    {
        KeyLedger ledger = verified(0x0C);
        QVERIFY(ledger.runPassed(QStringLiteral("l")).ok());
        m_outbox->failWritesForTest({QStringLiteral("SET stage")});
        const KeyLedger::Settlement settled = ledger.settle({}, QStringLiteral("l"));
        QVERIFY(settled.lostWrite);
        QCOMPARE(settled.lostWrite->code, ResultCode::UnknownError);
        QVERIFY(settled.lostWrite->message.contains(QStringLiteral("the device may hold its keys")));
        QCOMPARE(settled.submit, std::optional<ServerState>(ServerState::Failed));
        // The outbox keeps what it could not write in this process's memory for the replay.
        QCOMPARE(stored(ledger.entry()->record.uuid)->stage, EscrowStage::Failed);
    }

    void aRefusedVerificationIsAnErrorAfterTheKeys()
    {
        KeyLedger ledger = sealed(0x0D);
        ledger.sendingToDevice();
        m_outbox->failWritesForTest({QStringLiteral("SET stage")});
        const Status s = ledger.verify(QJsonObject {{QStringLiteral("slots"), QStringLiteral("nodeRoot")}});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ResultCode::UnknownError);
        QVERIFY(s.error().message.contains(ledger.entry()->record.uuid.toString(QUuid::WithoutBraces)));
        QVERIFY(s.error().message.contains(ledger.entry()->record.nodeId.toString()));
    }

    void aRefusedRemovalAfterTheCommitIsReported()
    {
        KeyLedger ledger = verified(0x0E);
        QVERIFY(ledger.runPassed(QStringLiteral("l")).ok());
        const QUuid uuid = ledger.entry()->record.uuid;
        m_outbox->failWritesForTest({QStringLiteral("DELETE")});
        const Status s = ledger.committed(ServerState::Done);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("kept in this process's memory")));
        m_outbox->failWritesForTest({});
        // The row on disk says the server has it: a replay only removes it.
        auto reopened = KeyOutbox::open(m_dir.path());
        QVERIFY(reopened.ok());
        const auto row = reopened.value()->entry(uuid);
        QVERIFY(row.ok() && row.value());
        QCOMPARE(row.value()->serverState, ServerState::Done);
        QVERIFY(KeyLedger::replayed(reopened.value().get(), uuid, ServerState::Done).ok());
        QVERIFY(!reopened.value()->entry(uuid).value());
    }

    void theSafeNoteNamesTheRecordAndTheFile()
    {
        const KeyLedger ledger = sealed(0x0F);
        const QString note = ledger.safeNote();
        QVERIFY(note.contains(ledger.entry()->record.uuid.toString(QUuid::WithoutBraces)));
        QVERIFY(note.contains(QStringLiteral("0x0000000F")));
        QVERIFY(note.contains(QDir::toNativeSeparators(m_outbox->filePath())));
        QVERIFY(note.contains(QStringLiteral("--flush-outbox")));
        QVERIFY(KeyLedger().safeNote().isEmpty());
    }

    void eachStageHasItsServerState_data()
    {
        QTest::addColumn<int>("stage");
        QTest::addColumn<int>("target");
        QTest::newRow("escrowed") << int(EscrowStage::Escrowed) << int(ServerState::Pending);
        QTest::newRow("unverified") << int(EscrowStage::Unverified) << int(ServerState::Pending);
        QTest::newRow("verified") << int(EscrowStage::Verified) << int(ServerState::Done);
        QTest::newRow("failed") << int(EscrowStage::Failed) << int(ServerState::Failed);
    }

    void eachStageHasItsServerState()
    {
        QFETCH(int, stage);
        QFETCH(int, target);
        QCOMPARE(int(KeyLedger::serverTarget(EscrowStage(stage))), target);
    }

    void anOrphanOfACrashedRunBecomesUnverified()
    {
        OutboxEntry orphan = test::sampleOutboxEntry(0x10);
        QVERIFY(m_outbox->put(orphan).ok());
        QVERIFY(KeyLedger::adoptOrphan(m_outbox.get(), orphan).ok());
        QCOMPARE(orphan.stage, EscrowStage::Unverified);
        QVERIFY(orphan.record.runLog.contains(QStringLiteral("ended before this run finished")));
        QCOMPARE(stored(orphan.record.uuid)->stage, EscrowStage::Unverified);
        QCOMPARE(KeyLedger::serverTarget(orphan.stage), ServerState::Pending);
    }
};

QTEST_GUILESS_MAIN(tst_KeyLedger)
#include "tst_keyledger.moc"

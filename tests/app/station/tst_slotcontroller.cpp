// The slots' state machine without a window: SlotController driven by scans,
// Start/Retry/Reject/Provision again and the engine's snapshots (played by
// RecordingBackend into the real EngineSlotModel).
#include "RecordingBackend.h"
#include "TestSupport.h"

#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "settings/StationSettings.h"
#include "slots/SlotController.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

class TestSlotController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StationSettings> m_settings;
    std::unique_ptr<test::RecordingBackend> m_backend;
    std::unique_ptr<SlotController> m_slots;
    QList<SlotBinding> m_bindings;
    QList<PortDescription> m_ports; ///< none: the slots are bound by port name

    static UserSession session(const QString &role, const QString &user = u"pat"_s)
    {
        return UserSession {user, role, u"token-not-used"_s, {}};
    }

    void applySlots() { m_slots->setSlots(m_bindings, m_settings->slotGroups(), m_ports); }

    [[nodiscard]] QString waiting(int slot) const
    {
        return m_slots->router().pendingScans(slot).value(ScanKind::EmcmId);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<StationSettings>(m_dir.filePath(u"station.ini"_s));
        m_settings->setAutoStartOnScan(false);
        m_bindings.clear();
        for (int i = 0; i < 4; ++i) {
            const QString port = m_dir.filePath(u"port%1"_s.arg(i));
            QVERIFY(test::writeFile(port, {}));
            m_bindings.append(
                SlotBinding {QString::number(i + 1), SlotBinding::Kind::PortName, port, u"i210plus"_s, {}, {}});
        }
        m_backend = std::make_unique<test::RecordingBackend>();
        m_slots = std::make_unique<SlotController>(m_settings.get(), m_backend.get());
        m_slots->setJobSource([] { return StationJob {u"ACME-I210"_s, u"4711"_s, u"POSTTEST"_s}; });
        m_slots->setSession(session(u"operator"_s));
        QVERIFY(m_slots->applyScanPatterns());
        applySlots();
        QCOMPARE(m_slots->slotCount(), 4);
    }

    void cleanup()
    {
        m_slots.reset();
        m_backend.reset();
        m_settings.reset();
    }

    void scansGoToTheArmedSlotAndIntoItsRun()
    {
        QSignalSpy accepted(m_slots.get(), &SlotController::scanAccepted);
        m_slots->handleScan(u"SLOT-3"_s);
        QVERIFY(m_slots->snapshot(2).armed);
        m_slots->handleScan(u"MCM:0013A20041B2C3D4"_s);
        QCOMPARE(accepted.size(), 2);
        QVERIFY(accepted.last().at(1).toString().contains(u"slot 3"_s));
        QVERIFY(!m_slots->snapshot(2).armed);
        QCOMPARE(waiting(2), u"0013A20041B2C3D4"_s);
        QCOMPARE(m_slots->snapshot(2).instruction, u"Label scanned: press Start."_s);
        QVERIFY(m_slots->snapshot(2).notice.contains(u"41B2C3D4"_s));
        // Without a slot label a label goes to the first empty idle slot.
        m_slots->handleScan(u"0013A20041B2C3D5"_s);
        QCOMPARE(waiting(0), u"0013A20041B2C3D5"_s);

        QVERIFY(m_slots->start(2));
        QCOMPARE(m_backend->started.size(), 1);
        const RunRequest &run = m_backend->started.constFirst();
        QCOMPARE(run.slot, 2);
        QCOMPARE(run.options.partialMcmId, u"41B2C3D4"_s);
        QCOMPARE(run.options.config.alias, u"ACME-I210"_s);
        QCOMPARE(run.options.batch.value(), 4711u);
        QCOMPARE(run.options.operation, engine::Operation::Posttest);
        QCOMPARE(run.options.attempt, 1);
        QVERIFY(!run.options.reprovisionLocked);
        QVERIFY(m_slots->isRunning(2));
        QVERIFY(waiting(2).isEmpty()); // used by the run
    }

    void aDuplicateNamesTheSlotThatHoldsIt()
    {
        m_slots->handleScan(u"SLOT-2"_s);
        m_slots->handleScan(u"41B2C3D4"_s);
        QSignalSpy refused(m_slots.get(), &SlotController::scanRefused);
        m_slots->handleScan(u"SLOT-4"_s);
        m_slots->handleScan(u"41B2C3D4"_s);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).toInt(), 3);
        QVERIFY2(refused.at(0).at(1).toString().contains(u"already waiting in slot 2"_s),
            qPrintable(refused.at(0).at(1).toString()));
        QVERIFY(m_slots->snapshot(3).notice.contains(u"slot 2"_s));
        QVERIFY(waiting(3).isEmpty());
    }

    void aRunningSlotsLabelTakesBackTheArming()
    {
        QVERIFY(m_slots->start(3));
        m_slots->handleScan(u"SLOT-3"_s);
        QVERIFY(m_slots->snapshot(2).armed);
        QSignalSpy refused(m_slots.get(), &SlotController::scanRefused);
        m_slots->handleScan(u"SLOT-4"_s);
        QCOMPARE(refused.size(), 1);
        QVERIFY(!m_slots->snapshot(2).armed);
        QVERIFY(!m_slots->snapshot(3).armed);
        QCOMPARE(m_slots->router().armedSlot(), -1);
        // The next label goes to an idle slot, not to the one armed before.
        m_slots->handleScan(u"41B2C3D4"_s);
        QCOMPARE(waiting(0), u"41B2C3D4"_s);
        QVERIFY(waiting(2).isEmpty());
    }

    void retriesAreCountedAndTheLimitAsksForAReject()
    {
        m_settings->setRetryLimit(1);
        QSignalSpy finished(m_slots.get(), &SlotController::runFinished);
        QVERIFY(m_slots->start(0));
        m_backend->set(0, u"fail"_s, u"IdentifyNode"_s, int(ResultCode::NodeHardwareIncompatible));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(2).toBool()); // counted
        QCOMPARE(m_slots->snapshot(0).attempt, 1);
        QVERIFY(!m_slots->snapshot(0).retryLimitReached);
        QVERIFY(m_slots->start(0, true));
        QCOMPARE(m_backend->started.last().options.attempt, 2);
        QVERIFY(m_backend->started.last().retry);
        m_backend->set(0, u"fail"_s, u"IdentifyNode"_s, int(ResultCode::NodeHardwareIncompatible));
        QCOMPARE(m_slots->snapshot(0).attempt, 2);
        QVERIFY(m_slots->snapshot(0).retryLimitReached);
        QCOMPARE(m_slots->counters().shift().failed, 2);
        QCOMPARE(m_slots->counters().shift().firstAttempts, 1);

        QSignalSpy refused(m_slots.get(), &SlotController::refused);
        QVERIFY(!m_slots->start(0, true));
        QCOMPARE(m_backend->started.size(), 2);
        QVERIFY(refused.at(0).at(1).toString().contains(u"reject it instead of retrying"_s));
        QVERIFY(m_slots->reject(0));
        QCOMPARE(m_slots->counters().shift().rejected, 1);
        QCOMPARE(m_backend->rejected.size(), 1);
        QCOMPARE(m_backend->rejected.at(0).second, u"pat"_s);
        QVERIFY(m_slots->snapshot(0).rejected);
        QVERIFY(!m_slots->reject(0)); // once
        // The next unit starts at its first attempt.
        QVERIFY(m_slots->start(0));
        QCOMPARE(m_backend->started.last().options.attempt, 1);
    }

    void aLockedUnitRunsAgainOnlyForASupervisor()
    {
        QVERIFY(m_slots->start(1));
        QVERIFY(!m_backend->started.last().options.reprovisionLocked);
        m_backend->set(1, u"fail"_s, u"IdentifyNode"_s, int(ResultCode::NodeHardwareIncompatible), {}, {},
            CauseCatalogue::id(FailureCause::AlreadyProvisioned));
        // The unit is done, not failed: not counted.
        QCOMPARE(m_slots->counters().shift().failed, 0);
        QSignalSpy refused(m_slots.get(), &SlotController::refused);
        QVERIFY(!m_slots->provisionAgain(1));
        QCOMPARE(m_backend->started.size(), 1);
        QCOMPARE(refused.size(), 1);
        QVERIFY(m_slots->snapshot(1).notice.contains(u"Only a supervisor or admin"_s));
        // Start as an operator asks the engine to refuse a locked unit again.
        QVERIFY(m_slots->start(1));
        QVERIFY(!m_backend->started.last().options.reprovisionLocked);
        m_backend->set(1, u"fail"_s, u"IdentifyNode"_s, int(ResultCode::NodeHardwareIncompatible), {}, {},
            CauseCatalogue::id(FailureCause::AlreadyProvisioned));

        m_slots->setSession(session(u"supervisor"_s, u"sam"_s));
        QVERIFY(m_slots->provisionAgain(1));
        const RunRequest &again = m_backend->started.last();
        QVERIFY(again.options.reprovisionLocked);
        QCOMPARE(again.options.reprovisionConfirmedBy, u"sam"_s);
    }

    void settingsKeepWhatTheSlotsShow()
    {
        QVERIFY(m_slots->start(0));
        m_backend->set(0, u"fail"_s, u"IdentifyNode"_s, int(ResultCode::NodeHardwareIncompatible), {},
            m_dir.filePath(u"run0.log"_s));
        m_slots->handleScan(u"SLOT-3"_s);
        m_slots->handleScan(u"41B2C3D4"_s);
        m_slots->handleScan(u"SLOT-2"_s);
        m_settings->setRetryLimit(5); // a supervisor's Settings, OK
        applySlots();
        QCOMPARE(m_slots->snapshot(0).status, SlotStatus::Fail);
        QCOMPARE(m_slots->snapshot(0).resultCode, int(ResultCode::NodeHardwareIncompatible));
        QCOMPARE(m_slots->snapshot(0).logPath, m_dir.filePath(u"run0.log"_s));
        QCOMPARE(m_slots->snapshot(0).attempt, 1);
        QCOMPARE(waiting(2), u"41B2C3D4"_s);
        QVERIFY(m_slots->snapshot(2).waiting.join(u' ').contains(u"41B2C3D4"_s));

        // Only a slot bound to another device starts afresh.
        m_bindings[0].operation = u"PRETEST"_s;
        m_bindings[2].operation = u"PRETEST"_s;
        applySlots();
        QCOMPARE(m_slots->snapshot(0).status, SlotStatus::Idle);
        QCOMPARE(m_slots->snapshot(0).attempt, 0);
        QVERIFY(waiting(2).isEmpty());
    }

    void anInstructionNamesEveryLabelInRunningText()
    {
        // kV2c asks for two labels: the plugin's "Meter serial number" reads lower case inside the sentence.
        m_backend->descriptions[0].scans.append(
            {u"meterSerial"_s, u"Meter serial number"_s, u"(?i)(?<value>M[0-9]{9})"_s, false});
        m_slots = std::make_unique<SlotController>(m_settings.get(), m_backend.get()); // it reads the plugins once
        m_slots->setSession(session(u"operator"_s));
        QVERIFY(m_slots->applyScanPatterns());
        applySlots();
        QCOMPARE(m_slots->snapshot(0).instruction,
            u"Insert the device, scan its eMCM ID, meter serial number, then press Start."_s);
    }

    void idleAndPassedSlotsSayWhatToDoNext()
    {
        QCOMPARE(m_slots->snapshot(1).instruction, u"Insert the device, scan its eMCM ID, then press Start."_s);
        QVERIFY(m_slots->start(1));
        QVERIFY(m_slots->snapshot(1).instruction.isEmpty());
        m_backend->set(1, u"pass"_s, QString(), 0, u"0013A20041B2C3D6"_s);
        QCOMPARE(m_slots->snapshot(1).instruction,
            u"Take the device out. Next: scan this slot's label, then the new device's eMCM ID, then press Start."_s);
        QCOMPARE(m_slots->counters().shift().passed, 1);
        // The unit passed: the same label again in this batch is a duplicate.
        QSignalSpy refused(m_slots.get(), &SlotController::scanRefused);
        m_slots->handleScan(u"0013A20041B2C3D6"_s);
        QCOMPARE(refused.size(), 1);
        QVERIFY(refused.at(0).at(1).toString().contains(u"already provisioned"_s));
    }

    void nothingStartsWhileTheServerIsAway()
    {
        m_slots->setServerDown(true);
        QVERIFY(m_slots->snapshot(0).startBlocked);
        QSignalSpy refused(m_slots.get(), &SlotController::refused);
        QVERIFY(!m_slots->start(0));
        QVERIFY(!m_slots->startAllIdle());
        QVERIFY(m_backend->started.isEmpty());
        QCOMPARE(refused.size(), 2);
        m_slots->setServerDown(false);
        QVERIFY(m_slots->startAllIdle());
        QCOMPARE(m_backend->started.size(), 4);
    }

    void aClearedLabelComesBackWithUndo()
    {
        QSignalSpy undo(m_slots.get(), &SlotController::undoChanged);
        m_slots->handleScan(u"SLOT-2"_s);
        m_slots->handleScan(u"41B2C3D4"_s);
        QVERIFY(!m_slots->canUndo());
        QVERIFY(m_slots->clearWaiting(1));
        QVERIFY(waiting(1).isEmpty());
        QVERIFY(m_slots->snapshot(1).waiting.isEmpty());
        QVERIFY(m_slots->canUndo());
        QCOMPARE(m_slots->undoText(), u"Put eMCM ID 41B2C3D4 back on slot 2"_s);
        QVERIFY(m_slots->undoClear());
        QCOMPARE(waiting(1), u"41B2C3D4"_s);
        QVERIFY(!m_slots->canUndo());

        // A label replaced by a newer scan comes back too (and the newer one can come back in turn).
        m_slots->handleScan(u"SLOT-2"_s);
        m_slots->handleScan(u"41B2C3D5"_s);
        QCOMPARE(waiting(1), u"41B2C3D5"_s);
        QCOMPARE(m_slots->undoText(), u"Put eMCM ID 41B2C3D4 back on slot 2"_s);
        QVERIFY(m_slots->undoClear());
        QCOMPARE(waiting(1), u"41B2C3D4"_s);
        QCOMPARE(m_slots->undoText(), u"Put eMCM ID 41B2C3D5 back on slot 2"_s);

        // Not once the label waits on another slot.
        QVERIFY(m_slots->clearWaiting(1));
        m_slots->handleScan(u"SLOT-3"_s);
        m_slots->handleScan(u"41B2C3D4"_s);
        QCOMPARE(waiting(2), u"41B2C3D4"_s);
        QVERIFY(m_slots->canUndo() && m_slots->undoText().contains(u"slot 2"_s));
        QVERIFY(!m_slots->undoClear());
        QVERIFY(waiting(1).isEmpty());

        // Nor after the undo time.
        QVERIFY(m_slots->clearWaiting(2));
        m_slots->tick(QDateTime::currentDateTimeUtc().addSecs(SlotController::kUndoSeconds + 1));
        QVERIFY(!m_slots->canUndo());
        QVERIFY(!m_slots->undoClear());
        QVERIFY(undo.size() >= 6);
        // A running slot has no waiting labels to clear.
        QVERIFY(m_slots->start(3));
        QVERIFY(!m_slots->clearWaiting(3));
    }
};

QTEST_GUILESS_MAIN(TestSlotController)
#include "tst_slotcontroller.moc"

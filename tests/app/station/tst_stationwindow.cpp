#include "GuiTestSupport.h"
#include "RecordingBackend.h"
#include "TestSupport.h"
#include "WindowRig.h"

#include "scan/ScanEventFilter.h"
#include "settings/SettingsDialog.h"
#include "settings/StationSettings.h"
#include "slots/SlotWidget.h"
#include "support/ApiClient.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"
#include "window/StationWindow.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// Counts the repaints of a window (its update requests).
class UpdateCounter : public QObject
{
public:
    explicit UpdateCounter(QWidget *window) { window->installEventFilter(this); }
    int count = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::UpdateRequest)
            ++count;
        return false;
    }
};

/// The station window's own logic with the engine played by RecordingBackend:
/// scans are routed to slots and start them, typing is not a scan, results
/// move the counters, settings need the right role.
class TestStationWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    test::WindowRig m_rig;

    static UserSession session(const QString &role) { return UserSession {u"pat"_s, role, u"token-not-used"_s, {}}; }

    /// An operator asks for the settings; the window asks for a supervisor
    /// login and nobody gives one. True when the settings opened.
    bool openSettingsAsOperator()
    {
        m_rig.window->setSession(session(u"operator"_s));
        QTimer::singleShot(100, this, [] {
            if (auto *dialog = qobject_cast<LoginDialog *>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        return m_rig.window->openSettings();
    }

    /// Ends slot `slot`'s run as a failure with `code` and a run log.
    void failRun(int slot, ResultCode code)
    {
        m_rig.backend->set(slot, u"fail"_s, u"IdentifyNode"_s, int(code), {}, m_dir.filePath(u"run%1.log"_s.arg(slot)));
    }

    [[nodiscard]] QToolButton *slotButton(int slot, const QString &name) const
    {
        return m_rig.window->slotWidget(slot)->findChild<QToolButton *>(name);
    }

    void burst(const QString &text)
    {
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_rig.window.get();
        for (const QChar c : text)
            QTest::keyClick(target, c.toLatin1());
        QTest::keyClick(target, Qt::Key_Return);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_rig.make(m_dir.path(), 4));
        m_rig.settings->setConfigAlias(u"ACME-I210"_s);
        m_rig.settings->setBatch(u"4711"_s);
        m_rig.settings->setOperation(u"POSTTEST"_s);
        m_rig.settings->setAutoStartOnScan(true);
        qApp->installEventFilter(m_rig.filter.get());
        m_rig.makeWindow();
        m_rig.window->show();
        QApplication::setActiveWindow(m_rig.window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_rig.window.get()));
        m_rig.window->setFocus();
    }

    void cleanup() { m_rig.reset(); }

    void languageOptionOutlastsTheSavedLanguage()
    {
        // provstation --language es with zh_CN saved: main() sets es, the window keeps it.
        m_rig.window.reset();
        m_rig.settings->setLanguage(u"zh_CN"_s);
        QVERIFY(m_rig.languages->setLanguage(u"es"_s));
        m_rig.makeWindow();
        QCOMPARE(m_rig.languages->language(), u"es"_s);
        m_rig.settings->setLanguage(u"en"_s);
        m_rig.languages->setLanguage(u"en"_s);
    }

    void scannerBurstIsRoutedToTheRightSlotAndStartsIt()
    {
        m_rig.window->setSession(session(u"operator"_s));
        QCOMPARE(m_rig.window->slotCount(), 4);
        burst(u"SLOT-3"_s);
        QTRY_VERIFY(m_rig.window->slotWidget(2)->snapshot().armed);
        burst(u"MCM:0013A20041B2C3D4"_s);
        QTRY_COMPARE(m_rig.backend->started.size(), 1);
        const RunRequest &run = m_rig.backend->started.constFirst();
        QCOMPARE(run.slot, 2);
        QCOMPARE(run.options.partialMcmId, u"41B2C3D4"_s); // the last 8 digits
        QCOMPARE(run.options.config.alias, u"ACME-I210"_s);
        QCOMPARE(run.options.batch.value(), 4711u);
        QCOMPARE(run.options.operation, engine::Operation::Posttest);
        QCOMPARE(run.options.port, m_dir.filePath(u"port2"_s));
        QTRY_COMPARE(m_rig.window->slotWidget(2)->statusText(), u"RUNNING"_s);
        QVERIFY(!m_rig.window->slotWidget(2)->snapshot().armed);
        test::saveScreenshot(m_rig.window.get(), u"station-scan-started"_s);
    }

    void scansSayWhereTheyWentAndRefusalsLookDifferent()
    {
        m_rig.settings->setAutoStartOnScan(false);
        m_rig.window->setSession(session(u"operator"_s));
        auto *line = m_rig.window->findChild<QLabel *>(u"lastScan"_s);
        QVERIFY(line);
        burst(u"SLOT-9"_s); // no such slot: refused, in the header too
        QTRY_COMPARE(line->property("scanAccepted"), QVariant(false));
        QVERIFY(line->text().contains(u"SLOT-9"_s));
        QVERIFY(m_rig.window->header()->message().contains(u"SLOT-9"_s));

        // Slot 1 still shows the last device's PASS: an unarmed label passes it by.
        m_rig.backend->set(0, u"pass"_s, u"CheckMeterLink"_s, 0);
        QTRY_COMPARE(m_rig.window->slotWidget(0)->statusText(), u"PASS"_s);
        burst(u"41B2C3D4"_s);
        QTRY_COMPARE(line->property("scanAccepted"), QVariant(true));
        QVERIFY(m_rig.window->scanRouter()->pendingScans(0).isEmpty());
        QCOMPARE(m_rig.window->scanRouter()->pendingScans(1).value(ScanKind::EmcmId), u"41B2C3D4"_s);
        QVERIFY(!m_rig.window->header()->message().contains(u"SLOT-9"_s)); // no longer applies
        QTRY_VERIFY(m_rig.window->slotWidget(1)->shownTexts().join(u'\n').contains(u"41B2C3D4"_s));

        // The same label again names the slot that holds it.
        burst(u"SLOT-3"_s);
        burst(u"41B2C3D4"_s);
        QTRY_VERIFY2(line->text().contains(u"slot 2"_s), qPrintable(line->text()));
        QCOMPARE(line->property("scanAccepted"), QVariant(false));

        // A running slot's label is refused and leaves no slot armed.
        m_rig.window->startSlot(3);
        QCOMPARE(m_rig.backend->started.size(), 1);
        burst(u"SLOT-3"_s);
        QTRY_VERIFY(m_rig.window->slotWidget(2)->snapshot().armed);
        burst(u"SLOT-4"_s);
        QTRY_COMPARE(line->property("scanAccepted"), QVariant(false));
        QTRY_VERIFY(!m_rig.window->slotWidget(2)->snapshot().armed);
        QVERIFY(!m_rig.window->slotWidget(3)->snapshot().armed);
        QCOMPARE(m_rig.window->scanRouter()->armedSlot(), -1);
    }

    void acceptedAndRefusedScansSoundDifferent()
    {
        m_rig.settings->setAutoStartOnScan(false);
        m_rig.window->setSession(session(u"operator"_s));
        QSignalSpy played(m_rig.sounds.get(), &SoundPlayer::played);
        burst(u"SLOT-2"_s);
        QTRY_COMPARE(played.size(), 1);
        QCOMPARE(played.last().at(0).value<SoundPlayer::Sound>(), SoundPlayer::Sound::Accept);
        burst(u"SLOT-9"_s);
        QTRY_COMPARE(played.size(), 2);
        QCOMPARE(played.last().at(0).value<SoundPlayer::Sound>(), SoundPlayer::Sound::Reject);
        // The sound setting mutes both.
        m_rig.sounds->setEnabled(false);
        burst(u"SLOT-3"_s);
        QTRY_VERIFY(m_rig.window->slotWidget(2)->snapshot().armed);
        QCOMPARE(played.size(), 2);
        m_rig.sounds->setEnabled(true);
    }

    void aWaitingLabelIsClearedAndComesBackWithUndo()
    {
        m_rig.settings->setAutoStartOnScan(false);
        m_rig.window->setSession(session(u"operator"_s));
        QAction *undo = m_rig.window->undoAction();
        QVERIFY(!undo->isEnabled());
        burst(u"SLOT-2"_s);
        burst(u"0013A20041B2C3D7"_s);
        QTRY_VERIFY(!slotButton(1, u"clearWaiting"_s)->isHidden());
        QVERIFY(slotButton(0, u"clearWaiting"_s)->isHidden());
        slotButton(1, u"clearWaiting"_s)->click(); // the operator's finger
        QVERIFY(m_rig.window->scanRouter()->pendingScans(1).isEmpty());
        QTRY_VERIFY(slotButton(1, u"clearWaiting"_s)->isHidden());
        QTRY_VERIFY(!m_rig.window->slotWidget(1)->shownTexts().join(u'\n').contains(u"0013A20041B2C3D7"_s));
        QVERIFY(undo->isEnabled());
        QVERIFY2(undo->toolTip().contains(u"0013A20041B2C3D7 back on slot 2"_s), qPrintable(undo->toolTip()));
        QTest::keyClick(m_rig.window.get(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(m_rig.window->scanRouter()->pendingScans(1).value(ScanKind::EmcmId), u"0013A20041B2C3D7"_s);
        QTRY_VERIFY(m_rig.window->slotWidget(1)->shownTexts().join(u'\n').contains(u"0013A20041B2C3D7"_s));
        QVERIFY(!undo->isEnabled());
        // A label replaced by the next scan comes back with the Undo button.
        burst(u"SLOT-2"_s);
        burst(u"0013A20041B2C3D8"_s);
        QTRY_COMPARE(m_rig.window->scanRouter()->pendingScans(1).value(ScanKind::EmcmId), u"0013A20041B2C3D8"_s);
        QVERIFY(undo->isEnabled());
        undo->trigger();
        QCOMPARE(m_rig.window->scanRouter()->pendingScans(1).value(ScanKind::EmcmId), u"0013A20041B2C3D7"_s);
    }

    void ordinaryTypingInAFieldIsNotAScan()
    {
        m_rig.window->setSession(session(u"operator"_s));
        auto *batch = m_rig.window->header()->findChild<QLineEdit *>(u"batch"_s);
        QVERIFY(batch);
        batch->setFocus();
        batch->clear();
        QSignalSpy rejected(m_rig.window->scanRouter(), &ScanRouter::scanRejected);
        for (const QChar c : u"0x1F40"_s) {
            QTest::keyClick(batch, c.toLatin1());
            QTest::qWait(70);
        }
        QTest::keyClick(batch, Qt::Key_Return);
        QTRY_COMPARE(batch->text(), u"0x1F40"_s);
        QCOMPARE(rejected.size(), 0);
        QCOMPARE(m_rig.backend->started.size(), 0);
        QVERIFY(m_rig.window->header()->batch().ok());
        QCOMPARE(*m_rig.window->header()->batch(), 0x1F40u);
        QTRY_COMPARE(m_rig.settings->batch(), u"0x1F40"_s);
    }

    void keyboardShortcutsStartStopAndLogIn()
    {
        m_rig.window->setSession(session(u"operator"_s));
        QTest::keyClick(m_rig.window.get(), Qt::Key_F9); // Start all idle
        QTRY_COMPARE(m_rig.backend->started.size(), 4);
        QTest::keyClick(m_rig.window.get(), Qt::Key_F9, Qt::ShiftModifier); // Stop all
        QTRY_COMPARE(m_rig.backend->stopped.size(), 4);
        // Ctrl+L: the login dialog, its badge field ready for a scan.
        bool checked = false;
        QTimer::singleShot(100, this, [&checked] {
            auto *dialog = qobject_cast<LoginDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            checked = QApplication::focusWidget() == dialog->badgeField();
            dialog->reject();
        });
        m_rig.window->setSession(UserSession());
        QTest::keyClick(m_rig.window.get(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QVERIFY2(checked, "Ctrl+L did not open the login dialog with the badge field focused");
    }

    void nothingStartsWithoutALogin()
    {
        SoundPlayer *sounds = m_rig.sounds.get();
        const int before = sounds->playedCount();
        m_rig.window->startSlot(0);
        QCOMPARE(m_rig.backend->started.size(), 0);
        QTRY_VERIFY(m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"Log in"_s));
        QCOMPARE(sounds->playedCount(), before + 1); // the reject sound
    }

    void resultsMoveTheCountersAndFlagAFixture()
    {
        m_rig.window->setSession(session(u"operator"_s));
        m_rig.window->startSlot(1);
        QCOMPARE(m_rig.backend->started.size(), 1);
        QSignalSpy finished(m_rig.window.get(), &StationWindow::runFinished);
        m_rig.backend->set(1, u"pass"_s, u"CheckMeterLink"_s, 0, u"0013A20041B2C3D4"_s);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(m_rig.window->counters().shift().passed, 1);
        QTRY_COMPARE(m_rig.window->slotWidget(1)->statusText(), u"PASS"_s);
        // The same eMCM again in this batch is a duplicate.
        QSignalSpy rejected(m_rig.window->scanRouter(), &ScanRouter::scanRejected);
        burst(u"SLOT-1"_s);
        burst(u"0013A20041B2C3D4"_s);
        QTRY_COMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).at(1).value<ScanRejection>(), ScanRejection::Duplicate);
        QTRY_VERIFY(m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"duplicate"_s));

        for (int i = 0; i < 3; ++i) {
            m_rig.window->startSlot(3);
            m_rig.backend->set(3, u"fail"_s, u"WaitForJoin"_s, int(ResultCode::DeviceDidNotJoin));
            QTRY_COMPARE(finished.size(), 2 + i);
        }
        m_rig.backend->set(3, u"fail"_s, u"WaitForJoin"_s, int(ResultCode::DeviceDidNotJoin));
        QTRY_VERIFY(m_rig.window->slotWidget(3)->snapshot().fixtureSuspect);
        QCOMPARE(m_rig.window->counters().shift().failed, 3);
        QVERIFY(m_rig.window->slotWidget(3)->resultText().contains(u"134"_s));
        QVERIFY(m_rig.window->header()->countsText().contains(u"1 passed"_s));
        test::saveScreenshot(m_rig.window.get(), u"station-results"_s);
    }

    void resultsComingTogetherAreShownTogether()
    {
        // On a full line many slots end within a second. Each result counts
        // at once; the window shows the first at once and those coming while
        // it shows it together, in one repaint, not one each (bench_gui).
        m_rig.window->setSession(session(u"operator"_s));
        QList<int> paints;
        for (int i = 0; i < 4; ++i)
            paints << m_rig.window->slotWidget(i)->paintCount();
        m_rig.window->startAllIdle();
        QTRY_COMPARE(m_rig.backend->started.size(), 4);
        for (int i = 0; i < 4; ++i) {
            QTRY_COMPARE(m_rig.window->slotWidget(i)->statusText(), u"RUNNING"_s);
            QTRY_VERIFY(m_rig.window->slotWidget(i)->paintCount() > paints.at(i)); // painted running
        }
        UpdateCounter repaints(m_rig.window.get());
        QSignalSpy finished(m_rig.window.get(), &StationWindow::runFinished);
        for (int i = 0; i < 4; ++i) {
            m_rig.backend->set(i, u"pass"_s, QString(), 0);
            QCOMPARE(finished.size(), i + 1);
            QCOMPARE(m_rig.window->counters().shift().passed, i + 1);
            QTest::qWait(20); // the next one a little later, as on a line
        }
        for (int i = 0; i < 4; ++i)
            QTRY_COMPARE(m_rig.window->slotWidget(i)->statusText(), u"PASS"_s);
        QTRY_VERIFY(m_rig.window->header()->countsText().contains(u"4 passed"_s));
        // One for the first result, one for the three that came while it was
        // shown, and at most one more when the header's one-second clock (units
        // per hour) falls in between; one repaint for each result makes 4 or more.
        QVERIFY2(repaints.count <= 3, qPrintable(QString::number(repaints.count)));
    }

    void settingsAreRefusedWithoutTheRightRole()
    {
        QVERIFY(!openSettingsAsOperator());
        QVERIFY2(
            m_rig.window->lastRefusal().contains(u"supervisor or admin"_s), qPrintable(m_rig.window->lastRefusal()));
        QVERIFY(m_rig.window->lastRefusal().contains(u"operator"_s));
        QVERIFY(m_rig.window->header()->message().contains(u"supervisor or admin"_s));
    }

    void headerMessageFollowsTheLanguage()
    {
        // A message shown before the language changes is said again in the
        // new language, not left in the old one.
        QVERIFY(!openSettingsAsOperator());
        QCOMPARE(m_rig.window->header()->message(),
            u"pat is logged in as operator. Settings need a supervisor or admin login."_s);
        m_rig.languages->setLanguage(u"es"_s);
        QTRY_COMPARE(m_rig.window->header()->message(),
            u"pat ha iniciado sesión como operador. Los ajustes requieren una sesión de supervisor o administrador."_s);
        m_rig.languages->setLanguage(u"en"_s);
        QTRY_COMPARE(m_rig.window->header()->message(),
            u"pat is logged in as operator. Settings need a supervisor or admin login."_s);
    }

    void idleLoginEndsAndInputKeepsItAlive()
    {
        // The default: 15 minutes, restarted by every key press.
        QCOMPARE(m_rig.settings->idleLogoutMinutes(), 15);
        m_rig.window->setSession(session(u"operator"_s));
        QTimer *idle = m_rig.window->idleLogoutTimer();
        QVERIFY(idle->isActive());
        QCOMPARE(idle->interval(), 15 * 60 * 1000);
        QTest::qWait(300);
        const int before = idle->remainingTime();
        QVERIFY(before <= 15 * 60 * 1000 - 250);
        QTest::keyClick(m_rig.window.get(), Qt::Key_Shift);
        QVERIFY(idle->remainingTime() > before);
        // When it runs out the login ends and the login dialog asks again.
        bool asked = false;
        QTimer::singleShot(50, this, [&asked] {
            if (auto *dialog = qobject_cast<LoginDialog *>(QApplication::activeModalWidget())) {
                asked = true;
                dialog->reject();
            }
        });
        idle->start(10);
        QTRY_VERIFY(asked);
        QVERIFY(!m_rig.window->session().isValid());
        QVERIFY(!idle->isActive()); // nobody to log out
        // 0 minutes: never.
        m_rig.settings->setIdleLogoutMinutes(0);
        m_rig.window->setSession(session(u"operator"_s));
        QVERIFY(!idle->isActive());
    }

    void supervisorOpensSettings()
    {
        m_rig.window->setSession(session(u"admin"_s));
        QTimer::singleShot(100, this, [] {
            if (QWidget *dialog = QApplication::activeModalWidget()) {
                test::saveScreenshot(dialog, u"station-settings"_s);
                QMetaObject::invokeMethod(dialog, "reject");
            }
        });
        QVERIFY(m_rig.window->openSettings());
        QVERIFY(m_rig.window->lastRefusal().isEmpty());
    }

    void headerTextsFitInEveryLanguage()
    {
        // On a 1280-pixel line PC the header's words are not cut off, in any
        // language (Spanish ran long: "Bandeja de salida: ...").
        m_rig.window->setSession(session(u"operator"_s));
        m_rig.window->header()->setOutboxPending(12);
        m_rig.window->resize(1280, 800);
        for (const QString &language : LanguageManager::supportedLanguages()) {
            m_rig.languages->setLanguage(language);
            QTest::qWait(50);
            test::saveScreenshot(m_rig.window.get(), u"station-header-"_s + language);
            QStringList cut;
            for (QLabel *label : m_rig.window->header()->findChildren<QLabel *>()) {
                if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
                    continue;
                if (label->width() < label->sizeHint().width())
                    cut << u"%1 \"%2\" (%3 of %4 px)"_s.arg(label->objectName(), label->text())
                               .arg(label->width())
                               .arg(label->sizeHint().width());
            }
            auto *batch = m_rig.window->header()->findChild<QLineEdit *>(u"batch"_s);
            QVERIFY(batch);
            if (batch->width() < batch->fontMetrics().horizontalAdvance(batch->text()) + 8)
                cut << u"batch \"%1\" (%2 px)"_s.arg(batch->text()).arg(batch->width());
            QVERIFY2(m_rig.window->width() <= 1280,
                qPrintable(u"%1: the window needs %2 px"_s.arg(language).arg(m_rig.window->width())));
            QVERIFY2(cut.isEmpty(), qPrintable(language + u": "_s + cut.join(u", "_s)));
        }
        m_rig.languages->setLanguage(u"en"_s);
    }

    void settingsOkKeepsWhatTheSlotsShow()
    {
        // A supervisor closes Settings with OK: the slots still show their
        // last result, its Log button and the labels waiting for a run.
        m_rig.settings->setAutoStartOnScan(false);
        m_rig.window->applySettings();
        m_rig.window->setSession(session(u"supervisor"_s));
        m_rig.window->startSlot(0);
        failRun(0, ResultCode::NodeHardwareIncompatible);
        QTRY_VERIFY(m_rig.window->slotWidget(0)->resultText().contains(u"Error 40"_s));
        burst(u"SLOT-3"_s);
        burst(u"0013A20041B2C3D5"_s);
        QTRY_COMPARE(m_rig.window->scanRouter()->pendingScans(2).value(ScanKind::EmcmId), u"0013A20041B2C3D5"_s);

        QTimer::singleShot(100, this, [] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->findChild<QSpinBox *>(u"retryLimit"_s)->setValue(5); // the supervisor's retry limit
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        QVERIFY(m_rig.window->openSettings());
        QCOMPARE(m_rig.settings->retryLimit(), 5);
        QTest::qWait(50);
        QVERIFY2(m_rig.window->slotWidget(0)->resultText().contains(u"Error 40"_s),
            qPrintable(m_rig.window->slotWidget(0)->shownTexts().join(u" | "_s)));
        QVERIFY(!slotButton(0, u"log"_s)->isHidden());
        QVERIFY(!slotButton(0, u"retry"_s)->isHidden());
        QCOMPARE(m_rig.window->scanRouter()->pendingScans(2).value(ScanKind::EmcmId), u"0013A20041B2C3D5"_s);
        QTRY_VERIFY2(m_rig.window->slotWidget(2)->shownTexts().join(u'\n').contains(u"0013A20041B2C3D5"_s),
            qPrintable(m_rig.window->slotWidget(2)->shownTexts().join(u" | "_s)));

        // Only a slot whose binding changed starts afresh.
        m_rig.window->startSlot(1);
        failRun(1, ResultCode::NodeHardwareIncompatible);
        QTRY_VERIFY(m_rig.window->slotWidget(1)->resultText().contains(u"Error 40"_s));
        QList<SlotBinding> bindings = m_rig.settings->slotBindings();
        bindings[1].operation = u"PRETEST"_s;
        m_rig.settings->setSlotBindings(bindings);
        m_rig.window->applySettings();
        QTRY_COMPARE(m_rig.window->slotWidget(1)->statusText(), u"IDLE"_s);
        QVERIFY(slotButton(1, u"log"_s)->isHidden());
        QVERIFY(m_rig.window->slotWidget(0)->resultText().contains(u"Error 40"_s));
        QCOMPARE(m_rig.window->scanRouter()->pendingScans(2).value(ScanKind::EmcmId), u"0013A20041B2C3D5"_s);
    }

    void startWaitsForTheServer()
    {
        // With the engine's server unreachable a run would fail on the server
        // after its timeout and count the device failed: nothing starts, and
        // the header says why, until the server is back.
        m_rig.window->setSession(session(u"operator"_s));
        // The login's configuration request fails first (nothing listens on the settings' server).
        QTRY_VERIFY(m_rig.window->header()->message().contains(u"Cannot load the configurations"_s));
        Q_EMIT m_rig.backend->serverReachabilityChanged(false, u"connection refused"_s);
        QVERIFY(m_rig.window->header()->message().contains(u"server cannot be reached (connection refused)"_s));
        QTRY_VERIFY(!slotButton(0, u"start"_s)->isEnabled());
        QVERIFY(!m_rig.window->findChild<QAction *>(u"startAll"_s)->isEnabled());
        m_rig.window->startSlot(0);
        m_rig.window->startAllIdle();
        QCOMPARE(m_rig.backend->started.size(), 0);
        QVERIFY(m_rig.window->header()->message().contains(u"server cannot be reached (connection refused)"_s));
        QTRY_VERIFY(m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"server cannot be reached"_s));

        Q_EMIT m_rig.backend->serverReachabilityChanged(true, u"http://127.0.0.1:1"_s);
        QCOMPARE(m_rig.window->header()->message(), QString());
        QTRY_VERIFY(slotButton(0, u"start"_s)->isEnabled());
        QVERIFY(m_rig.window->findChild<QAction *>(u"startAll"_s)->isEnabled());
        m_rig.window->startSlot(0);
        QCOMPARE(m_rig.backend->started.size(), 1);

        // A run that ends on the server's side is not the device's failure.
        QSignalSpy finished(m_rig.window.get(), &StationWindow::runFinished);
        m_rig.backend->set(0, u"fail"_s, u"EscrowKeys"_s, int(ResultCode::ServerUnreachable));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(m_rig.window->counters().shift().failed, 0);
        QCOMPARE(m_rig.window->counters().slot(0).failed, 0);
        // Its retry is the unit's first attempt still.
        m_rig.window->startSlot(0, true);
        QCOMPARE(m_rig.backend->started.size(), 2);
        m_rig.backend->set(0, u"fail"_s, u"IdentifyNode"_s, int(ResultCode::NodeHardwareIncompatible));
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(m_rig.window->counters().shift().failed, 1);
        QCOMPARE(m_rig.window->counters().shift().firstAttempts, 1);
        QTRY_VERIFY(!m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"attempt"_s));
    }

    void retriesAreNumberedAndLimited()
    {
        QCOMPARE(StationSettings(m_dir.filePath(u"fresh.ini"_s)).retryLimit(), StationSettings::kDefaultRetryLimit);
        QCOMPARE(StationSettings::kDefaultRetryLimit, 3);
        m_rig.settings->setRetryLimit(2);
        m_rig.window->setSession(session(u"operator"_s));
        m_rig.window->startSlot(0);
        failRun(0, ResultCode::NodeHardwareIncompatible);
        QTRY_VERIFY(!slotButton(0, u"retry"_s)->isHidden());
        QVERIFY(!m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"attempt"_s));
        for (int attempt = 2; attempt <= 3; ++attempt) {
            slotButton(0, u"retry"_s)->click();
            QCOMPARE(m_rig.backend->started.size(), attempt);
            QVERIFY(m_rig.backend->started.last().retry);
            QTRY_VERIFY(m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"attempt %1"_s.arg(attempt)));
            failRun(0, ResultCode::NodeHardwareIncompatible);
        }
        // Two retries allowed, two made: the slot asks for a reject, not a retry.
        QTRY_VERIFY2(m_rig.window->slotWidget(0)->actionText().contains(u"failed 3 times: reject the unit"_s),
            qPrintable(m_rig.window->slotWidget(0)->actionText()));
        QVERIFY(slotButton(0, u"retry"_s)->isHidden());
        QVERIFY(!slotButton(0, u"reject"_s)->isHidden());
        m_rig.window->startSlot(0, true);
        QCOMPARE(m_rig.backend->started.size(), 3);
        QTRY_VERIFY(m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"reject it instead of retrying"_s));
        slotButton(0, u"reject"_s)->click();
        QCOMPARE(m_rig.window->counters().shift().rejected, 1);
        // The next unit starts at its first attempt.
        m_rig.window->startSlot(0);
        QCOMPARE(m_rig.backend->started.size(), 4);
        QVERIFY(!m_rig.backend->started.last().retry);
        QTRY_COMPARE(m_rig.window->slotWidget(0)->statusText(), u"RUNNING"_s);
        QVERIFY(!m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"attempt"_s));
    }

    void idleAndPassedSlotsSayWhatToDoNext()
    {
        m_rig.settings->setAutoStartOnScan(false);
        m_rig.window->applySettings();
        m_rig.window->setSession(session(u"operator"_s));
        QTRY_COMPARE(m_rig.window->slotWidget(1)->instructionText(),
            u"Insert the device, scan its eMCM ID, then press Start."_s);
        burst(u"SLOT-2"_s);
        burst(u"0013A20041B2C3D6"_s);
        QTRY_COMPARE(m_rig.window->slotWidget(1)->instructionText(), u"Label scanned: press Start."_s);
        m_rig.window->startSlot(1);
        QTRY_COMPARE(m_rig.window->slotWidget(1)->instructionText(), QString());
        m_rig.backend->set(1, u"pass"_s, QString(), 0, u"0013A20041B2C3D6"_s);
        QTRY_COMPARE(m_rig.window->slotWidget(1)->instructionText(),
            u"Take the device out. Next: scan this slot's label, then the new device's eMCM ID, then press Start."_s);
        m_rig.languages->setLanguage(u"es"_s);
        QTRY_VERIFY(m_rig.window->slotWidget(1)->instructionText().startsWith(u"Retire el equipo"_s));
        m_rig.languages->setLanguage(u"en"_s);
    }

    void unboundPortNeedsAttention()
    {
        QList<SlotBinding> bindings = m_rig.settings->slotBindings();
        bindings[0].value = m_dir.filePath(u"unplugged"_s);
        m_rig.settings->setSlotBindings(bindings);
        m_rig.window->applySettings();
        QTRY_COMPARE(m_rig.window->slotWidget(0)->statusText(), u"NEEDS ATTENTION"_s);
        QVERIFY(m_rig.window->slotWidget(0)->shownTexts().join(u'\n').contains(u"Port not found"_s));
    }
};

QTEST_MAIN(TestStationWindow)
#include "tst_stationwindow.moc"

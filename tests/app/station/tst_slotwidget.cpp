#include "GuiTestSupport.h"

#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "slots/SlotGrid.h"
#include "slots/SlotTextCache.h"
#include "slots/SlotWidget.h"
#include "slots/StatusStyle.h"
#include "support/LanguageManager.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QFontMetrics>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// The slot widget shows every state in words, icon and colour; a failure shows
/// its code, meaning and corrective action in the operator's language.
class TestSlotWidget : public QObject
{
    Q_OBJECT

private:
    /// A slot whose run has just begun.
    static SlotSnapshot running(const QString &label = u"1"_s)
    {
        SlotSnapshot s;
        s.label = label;
        s.status = SlotStatus::Running;
        s.percent = 0;
        return s;
    }

    /// A clock that reads *now (milliseconds): it moves when the test says.
    static std::function<qint64()> clockAt(const qint64 *now)
    {
        return [now] {
            return *now;
        };
    }

    static SlotSnapshot failed(int code)
    {
        SlotSnapshot s;
        s.label = u"3"_s;
        s.port = u"/dev/ttyUSB2"_s;
        s.family = u"node"_s;
        s.operation = u"POSTTEST"_s;
        s.status = SlotStatus::Fail;
        s.step = u"WaitForJoin"_s;
        s.elapsedMs = 61000;
        s.nodeId = u"0x0001E240"_s;
        s.resultCode = code;
        s.detail = u"node 0x0001E240 did not join gateway localhost:4021 within 600 s"_s;
        s.logPath = u"/tmp/run.log"_s;
        return s;
    }

private Q_SLOTS:
    void cleanup()
    {
        LanguageManager languages;
        languages.setLanguage(u"en"_s);
    }

    void statesInWordsAndColour_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("word");
        QTest::newRow("idle") << int(SlotStatus::Idle) << u"IDLE"_s;
        QTest::newRow("running") << int(SlotStatus::Running) << u"RUNNING"_s;
        QTest::newRow("pass") << int(SlotStatus::Pass) << u"PASS"_s;
        QTest::newRow("fail") << int(SlotStatus::Fail) << u"FAIL"_s;
        QTest::newRow("attention") << int(SlotStatus::Attention) << u"NEEDS ATTENTION"_s;
    }

    void statesInWordsAndColour()
    {
        QFETCH(int, status);
        QFETCH(QString, word);
        SlotWidget widget(0);
        widget.resize(360, 240);
        SlotSnapshot s;
        s.label = u"1"_s;
        s.status = static_cast<SlotStatus>(status);
        s.family = u"i210plus"_s;
        s.operation = u"PRETEST"_s;
        s.step = u"UpdateNodeFirmware(node)"_s;
        s.percent = 40;
        s.elapsedMs = 12500;
        widget.setSnapshot(s);
        QCOMPARE(widget.statusText(), word);
        QVERIFY(widget.shownTexts().contains(u"0:12"_s));
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        const QImage image = widget.grab().toImage();
        // The status band is painted in the status colour.
        const QColor band = image.pixelColor(image.width() / 2, 12);
        QVERIFY2(band.isValid() && image.pixelColor(image.width() / 2, 12) != image.pixelColor(2, image.height() - 3),
            "status band not painted");
        test::saveScreenshot(&widget, u"slot-"_s + QString::fromLatin1(QTest::currentDataTag()));
        // Buttons that fit the state: Retry on failure, Stop while running, Start otherwise.
        QCOMPARE(widget.findChild<QWidget *>(u"retry"_s)->isVisible(), s.status == SlotStatus::Fail);
        QCOMPARE(widget.findChild<QWidget *>(u"stop"_s)->isVisible(), s.status == SlotStatus::Running);
        QCOMPARE(widget.findChild<QWidget *>(u"start"_s)->isVisible(),
            s.status != SlotStatus::Running && s.status != SlotStatus::Fail);
    }

    void failureInEachLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("word");
        QTest::newRow("en") << u"en"_s << u"FAIL"_s;
        QTest::newRow("es") << u"es"_s << u"FALLO"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s << u"\u5931\u8d25"_s;
    }

    void failureInEachLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, word);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        SlotWidget widget(2);
        widget.resize(420, 300);
        widget.setSnapshot(failed(int(ResultCode::DeviceDidNotJoin)));
        QCOMPARE(widget.statusText(), word);
        // Without a cause, the catalogue's meaning and the code's one action,
        // translated: never the English source outside English.
        const QString meaning = ResultCatalogue::message(ResultCode::DeviceDidNotJoin);
        const QString action = CauseCatalogue::actionText(OperatorAction::CheckAccessPoint);
        QVERIFY(widget.resultText().contains(u"134"_s));
        QVERIFY2(widget.resultText().contains(meaning), qPrintable(widget.resultText()));
        QCOMPARE(widget.actionText(), action);
        if (language != QLatin1String("en")) {
            QVERIFY(meaning != ResultCatalogue::messageSource(ResultCode::DeviceDidNotJoin));
            QVERIFY(action != CauseCatalogue::actionTextSource(OperatorAction::CheckAccessPoint));
        }
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        test::saveScreenshot(&widget, u"slot-failed-"_s + language);
    }

    void everyCauseFitsInEachLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("cause");
        // Facts as long as real ones: hardware type names, full eMCM IDs, ports.
        for (const QString &language : LanguageManager::supportedLanguages()) {
            for (FailureCause cause : CauseCatalogue::allCauses())
                QTest::addRow("%s-%s", qPrintable(language), qPrintable(CauseCatalogue::id(cause)))
                    << language << int(cause);
        }
    }

    void everyCauseFitsInEachLanguage()
    {
        // Eight slots in a 1280x800 window get about this much each (4 x 2
        // under the header): the cause and the action are read there whole.
        QFETCH(QString, language);
        QFETCH(int, cause);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        const auto c = static_cast<FailureCause>(cause);
        const QStringList facts = QStringList {u"/dev/ttyUSB12"_s, u"0x00000000DEADBEEF"_s, u"0012345678ABCDEF"_s}.mid(
            0, CauseCatalogue::factCount(c));
        SlotSnapshot s = failed(int(ResultCode::HostHardwareFailure));
        s.cause = CauseCatalogue::id(c);
        s.causeFacts = facts;
        s.emcmId = u"0012345678ABCDEF"_s;
        SlotWidget widget(2);
        widget.resize(310, 300);
        widget.setSnapshot(s);
        const QString text = CauseCatalogue::text(c, facts);
        QVERIFY2(widget.resultText().endsWith(text), qPrintable(widget.resultText()));
        QCOMPARE(widget.actionText(), CauseCatalogue::actionText(CauseCatalogue::action(c)));
        // The cause itself, not the code's catalogue meaning.
        QVERIFY(!widget.resultText().contains(ResultCatalogue::message(ResultCode::HostHardwareFailure)));
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        (void)widget.grab();
        QVERIFY2(widget.cutTexts().isEmpty(), qPrintable(widget.cutTexts().join(u" | "_s)));
    }

    void aFailedSlotShowsItsFailureBeforeTheRest_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const QString &language : LanguageManager::supportedLanguages()) {
            // A slot of 8 at 1280x800 (4 x 2), and a smaller one.
            QTest::addRow("%s-310x290", qPrintable(language)) << language << QSize(310, 290);
            QTest::addRow("%s-300x240", qPrintable(language)) << language << QSize(300, 240);
        }
    }

    void aFailedSlotShowsItsFailureBeforeTheRest()
    {
        // A full card: the meter line, run options, three IDs, counters and a
        // retry's number beside a long cause. The cause and the action are shown
        // whole; what gives way for them is in the tooltip.
        QFETCH(QString, language);
        QFETCH(QSize, size);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        SlotSnapshot s = failed(int(ResultCode::HostHardwareFailure));
        s.family = u"i210plus"_s;
        s.operation = u"CHECKCONFIG"_s;
        s.port = u"/dev/ttyUSB10"_s;
        s.cause = CauseCatalogue::id(FailureCause::PartialMcmIdMismatch);
        s.causeFacts = QStringList {u"/dev/ttyUSB12"_s, u"0x00000000DEADBEEF"_s, u"0012345678ABCDEF"_s}.mid(
            0, CauseCatalogue::factCount(FailureCause::PartialMcmIdMismatch));
        s.emcmId = u"0013A20041B2C3D4"_s;
        s.meterSerial = u"M591374131"_s;
        s.attempt = 3;
        s.runOptions.joinTimeoutS = 86400;
        s.runOptions.factoryConfig = true;
        s.runOptions.skipKeys = true;
        s.runOptions.skipLock = true;
        SlotWidget widget(0);
        widget.setRunAllowed(true);
        widget.resize(size);
        widget.setSnapshot(s);
        RunCounts counts;
        counts.passed = 187;
        counts.failed = 23;
        counts.rejected = 9;
        widget.setCounts(counts);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        (void)widget.grab();
        QVERIFY2(widget.cutTexts().isEmpty(), qPrintable(widget.cutTexts().join(u" | "_s)));
        const QStringList dropped = widget.droppedTexts();
        QVERIFY(!dropped.contains(widget.resultText()) && !dropped.contains(widget.actionText()));
        // In the smaller card the IDs give way (Log and tooltip have them), not the cause.
        if (size.height() < 290)
            QVERIFY2(dropped.filter(u"0013A20041B2C3D4"_s).size() == 1, qPrintable(dropped.join(u" | "_s)));
        const QStringList tip = widget.toolTip().split(u'\n');
        for (const QString &text : dropped)
            QVERIFY2(tip.contains(text), qPrintable(text));
        test::saveScreenshot(
            &widget, u"slot-full-failure-%1-%2x%3"_s.arg(language).arg(size.width()).arg(size.height()));
    }

    void rejectButtonOnAFailureOnly()
    {
        SlotWidget widget(0);
        widget.resize(360, 300);
        widget.setRunAllowed(true);
        SlotSnapshot s = failed(int(ResultCode::HostHardwareFailure));
        s.cause = CauseCatalogue::id(FailureCause::HostSelfTestFailed);
        s.causeFacts = QStringList {u"RAM"_s};
        widget.setSnapshot(s);
        widget.show();
        auto *reject = widget.findChild<QAbstractButton *>(u"reject"_s);
        QVERIFY(reject && reject->isVisible() && reject->isEnabled());
        QCOMPARE(widget.actionText(), u"reject the unit: press Reject"_s);
        QSignalSpy requested(&widget, &SlotWidget::rejectRequested);
        reject->click();
        QCOMPARE(requested.size(), 1);
        // Once rejected, the slot says where the unit goes and takes the next one.
        s.rejected = true;
        widget.setSnapshot(s);
        QVERIFY(!reject->isVisible());
        QVERIFY(!widget.findChild<QWidget *>(u"retry"_s)->isVisible());
        QVERIFY(widget.findChild<QWidget *>(u"start"_s)->isVisible());
        QCOMPARE(widget.actionText(), u"rejected: put the unit in the reject bin"_s);
    }

    void waitingStepCountsDownInEachLanguage_data() { failureInEachLanguage_data(); }

    void waitingStepCountsDownInEachLanguage()
    {
        QFETCH(QString, language);
        LanguageManager languages;
        QVERIFY(languages.setLanguage(language));
        qint64 now = 0;
        SlotWidget widget(0);
        widget.setClock(clockAt(&now));
        widget.resize(310, 300);
        SlotSnapshot s = running();
        s.family = u"node"_s;
        s.operation = u"POSTTEST"_s;
        s.port = u"/dev/ttyUSB8"_s;
        s.step = u"WaitForJoin"_s;
        s.stepKind = u"WaitForJoin"_s;
        s.stepIndex = 5;
        s.stepCount = 14;
        s.percent = 35;
        s.elapsedMs = 20000;
        s.stepStartedMs = 15000;
        s.waitLimitMs = 600000;
        widget.setSnapshot(s);
        const QStringList shown = widget.shownTexts();
        // Numbered, in the operator's words, in the language; the port named as one.
        const QString stepLine
            = SlotWidget::tr("Step %1 of %2: %3")
                  .arg(5)
                  .arg(14)
                  .arg(QCoreApplication::translate("StepName", "waiting for the node to join the gateway"));
        QVERIFY2(shown.contains(stepLine), qPrintable(shown.join(u" | "_s)));
        QVERIFY2(
            shown.join(u'\n').contains(SlotWidget::tr("port %1").arg(u"ttyUSB8"_s)), qPrintable(shown.join(u" | "_s)));
        // The join's limit counts down: 600 s from 15 s, now at 20 s.
        QVERIFY2(shown.join(u'\n').contains(u"9:55"_s), qPrintable(shown.join(u" | "_s)));
        if (language != QLatin1String("en"))
            QVERIFY2(!stepLine.contains(u"waiting"_s), qPrintable(stepLine));
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        now += 5000; // the clock moves between snapshots
        QTRY_VERIFY2(
            widget.shownTexts().join(u'\n').contains(u"9:50"_s), qPrintable(widget.shownTexts().join(u" | "_s)));
        test::saveScreenshot(&widget, u"slot-waiting-"_s + language);
    }

    void expectedTimeLeftFromRecentRuns()
    {
        qint64 now = 0;
        SlotWidget widget(0);
        widget.setClock(clockAt(&now));
        SlotSnapshot s = running();
        s.stepKind = u"UpdateNodeFirmware"_s;
        s.stepIndex = 3;
        s.stepCount = 14;
        s.percent = 20;
        s.elapsedMs = 30000;
        s.expectedMs = 150000;
        widget.setSnapshot(s);
        QVERIFY2(widget.shownTexts().join(u'\n').contains(u"about 2:00 left"_s),
            qPrintable(widget.shownTexts().join(u" | "_s)));
        QVERIFY(widget.shownTexts().contains(u"Step 3 of 14: updating the node firmware"_s));
    }

    void switchingLanguageRetranslatesAShownSlot()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(u"en"_s));
        SlotWidget widget(0);
        widget.setSnapshot(failed(int(ResultCode::HostUnreachable)));
        widget.show();
        QCOMPARE(widget.statusText(), u"FAIL"_s);
        // QApplication posts LanguageChange to every window; it retranslates itself.
        QVERIFY(languages.setLanguage(u"es"_s));
        QTRY_COMPARE(widget.statusText(), u"FALLO"_s);
        QCOMPARE(widget.findChild<QAbstractButton *>(u"retry"_s)->text(), u"Reintentar"_s);
        QVERIFY(languages.setLanguage(u"en"_s));
        QTRY_COMPARE(widget.findChild<QAbstractButton *>(u"retry"_s)->text(), u"Retry"_s);
    }

    void repaintsOnlyWhenSomethingShownChanges()
    {
        SlotWidget widget(0);
        const qint64 now = 0;
        widget.setClock(clockAt(&now)); // only the snapshots move the time here
        widget.resize(300, 200);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        SlotSnapshot s = running();
        s.elapsedMs = 1000;
        const int idle = widget.paintCount();
        widget.setSnapshot(s);
        // The window system may deliver the repaint a few ms later (a busy CI machine).
        QTRY_VERIFY(widget.paintCount() > idle);
        const int painted = widget.paintCount();
        s.elapsedMs = 1400; // same second on screen
        widget.setSnapshot(s);
        QTest::qWait(100);
        QCOMPARE(widget.paintCount(), painted);
        s.elapsedMs = 2100;
        widget.setSnapshot(s);
        QTRY_VERIFY(widget.paintCount() > painted);
    }

    void progressRepaintsAreCoalescedButAnEndIsPaintedAtOnce()
    {
        SlotWidget widget(0);
        widget.resize(300, 200);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        SlotSnapshot s = running();
        const int idle = widget.paintCount();
        widget.setSnapshot(s);
        QTRY_VERIFY(widget.paintCount() > idle);
        const int painted = widget.paintCount();
        // A firmware transfer's progress, 20 snapshots a second for one second.
        QElapsedTimer clock;
        clock.start();
        for (int percent = 1; percent <= 20; ++percent) {
            s.percent = percent;
            widget.setSnapshot(s);
            QTest::qWait(50);
        }
        // The last progress is painted with the next tick, without a new snapshot.
        QTRY_VERIFY_WITH_TIMEOUT(widget.paintCount() > painted, 3 * SlotWidget::kProgressRepaintMs);
        QTest::qWait(SlotWidget::kProgressRepaintMs + 100);
        const qint64 ms = clock.elapsed();
        const int progressPaints = widget.paintCount() - painted;
        QVERIFY2(progressPaints <= ms / SlotWidget::kProgressRepaintMs + 1,
            qPrintable(u"%1 paints in %2 ms"_s.arg(progressPaints).arg(ms)));
        // What the last snapshot said is what the widget shows.
        QVERIFY(widget.shownTexts().contains(u"20 %"_s));
        // The end of a run is painted at once, not with the next progress tick.
        const int beforeEnd = widget.paintCount();
        s.status = SlotStatus::Pass;
        widget.setSnapshot(s);
        QTRY_VERIFY_WITH_TIMEOUT(widget.paintCount() > beforeEnd, SlotWidget::kProgressRepaintMs / 2);
        QCOMPARE(widget.statusText(), StatusStyle::text(SlotStatus::Pass));
    }

    void slotsRepaintTheirProgressInOneWindowUpdate()
    {
        // Each window update is a repaint pass and a flush to the window
        // system: 64 slots whose progress moves at scattered times must not
        // make 64 of them every tick (bench_gui measures the CPU this costs).
        class UpdateCounter : public QObject
        {
        public:
            bool eventFilter(QObject *watched, QEvent *event) override
            {
                if (event->type() == QEvent::UpdateRequest)
                    ++updates;
                return QObject::eventFilter(watched, event);
            }
            int updates = 0;
        };
        QWidget window;
        window.resize(620, 200);
        std::vector<SlotWidget *> cards;
        for (int i = 0; i < 4; ++i) {
            cards.push_back(new SlotWidget(i, &window));
            cards.back()->setGeometry(i * 150, 0, 150, 200);
        }
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (SlotWidget *slot : cards)
            slot->setSnapshot(running(QString::number(slot->slot() + 1)));
        QTest::qWait(2 * SlotWidget::kProgressRepaintMs);
        std::vector<int> painted;
        for (SlotWidget *slot : cards)
            painted.push_back(slot->paintCount());
        UpdateCounter counter;
        window.installEventFilter(&counter);
        // Progress arrives at four different moments within one tick...
        for (SlotWidget *slot : cards) {
            SlotSnapshot s = running(QString::number(slot->slot() + 1));
            s.percent = 10;
            slot->setSnapshot(s);
            QTest::qWait(SlotWidget::kProgressRepaintMs / 10);
        }
        // ...and is painted on at most two shared ticks, not four.
        QTest::qWait(2 * SlotWidget::kProgressRepaintMs + 100);
        for (std::size_t i = 0; i < cards.size(); ++i)
            QVERIFY2(cards[i]->paintCount() > painted[i], qPrintable(u"slot %1 not repainted"_s.arg(i + 1)));
        QVERIFY2(counter.updates <= 2, qPrintable(u"%1 window updates for 4 slots"_s.arg(counter.updates)));
    }

    void aProgressTickShowsWhatAFullPaintShows()
    {
        // A tick repaints only the step, the bar and the time over a cached
        // picture of the rest: what is on the screen afterwards must be what
        // painting the whole slot afresh gives.
        const qint64 now = 0; // both slots' clocks stand still: the same time on both
        SlotWidget shown(0);
        shown.setClock(clockAt(&now));
        shown.resize(320, 220);
        shown.show();
        QVERIFY(QTest::qWaitForWindowExposed(&shown));
        SlotSnapshot s = running(u"7"_s);
        s.family = u"i210plus"_s;
        s.operation = u"PROVISION"_s;
        s.port = u"/dev/ttyUSB6"_s;
        s.step = u"UpdateNodeFirmware"_s;
        s.percent = 30;
        s.elapsedMs = 5000;
        s.nodeId = u"0x0001E240"_s;
        shown.setSnapshot(s);
        QTest::qWait(50);
        const int painted = shown.paintCount();
        s.step = u"WriteKeys"_s; // progress only: the step, the bar, the time
        s.percent = 60;
        s.elapsedMs = 9000;
        shown.setSnapshot(s);
        QTRY_VERIFY_WITH_TIMEOUT(shown.paintCount() > painted, 3 * SlotWidget::kProgressRepaintMs);
        // What the run learns meanwhile (an ID) waits for a tick too, and then
        // the card but the button row is painted again.
        const int paintedProgress = shown.paintCount();
        s.emcmId = u"0013A20041B2C3D4"_s;
        s.percent = 70;
        shown.setSnapshot(s);
        QCOMPARE(shown.paintCount(), paintedProgress);
        QTRY_VERIFY_WITH_TIMEOUT(shown.paintCount() > paintedProgress, 3 * SlotWidget::kProgressRepaintMs);
        QTest::qWait(50);
        const QImage onScreen
            = shown.screen()->grabWindow(shown.winId()).toImage().convertToFormat(QImage::Format_RGB32);

        SlotWidget fresh(0);
        fresh.setClock(clockAt(&now));
        fresh.resize(320, 220);
        fresh.setSnapshot(s);
        const QImage whole = fresh.grab().toImage().convertToFormat(QImage::Format_RGB32);
        QCOMPARE(onScreen.size(), whole.size());
        if (onScreen != whole) {
            onScreen.save(test::screenshotDir() + u"/slot-after-tick.png"_s);
            whole.save(test::screenshotDir() + u"/slot-fresh.png"_s);
            QFAIL("the slot after a progress tick differs from a fresh paint (screenshots saved)");
        }
    }

    void runClockMovesBetweenSnapshots()
    {
        // A step may wait a minute for the gateway without news from the run:
        // the time on the slot goes on all the same, once a second, and a
        // snapshot made before it arrived does not turn it back.
        qint64 now = 1000000;
        SlotWidget widget(0);
        widget.setClock(clockAt(&now));
        widget.resize(300, 200);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        SlotSnapshot s = running();
        s.step = u"CheckJoin"_s;
        s.elapsedMs = 5000;
        widget.setSnapshot(s);
        QVERIFY(widget.shownTexts().contains(u"0:05"_s));
        QTRY_VERIFY(widget.paintCount() > 0);
        const int painted = widget.paintCount();
        now += 3000;
        QTRY_VERIFY_WITH_TIMEOUT(widget.shownTexts().contains(u"0:08"_s), 3 * SlotWidget::kProgressRepaintMs);
        QTRY_VERIFY(widget.paintCount() > painted);
        s.percent = 10;
        s.elapsedMs = 7900; // made before the slot's clock read 0:08
        widget.setSnapshot(s);
        QVERIFY2(widget.shownTexts().contains(u"0:08"_s), qPrintable(widget.shownTexts().join(u", "_s)));
        QVERIFY(widget.shownTexts().contains(u"10 %"_s));
        // A run that ended shows the time it took, and the clock stops.
        s.status = SlotStatus::Pass;
        s.elapsedMs = 8200;
        widget.setSnapshot(s);
        now += 5000;
        QTest::qWait(SlotWidget::kProgressRepaintMs + 200);
        QVERIFY2(widget.shownTexts().contains(u"0:08"_s), qPrintable(widget.shownTexts().join(u", "_s)));
        // The next run starts from its own time, not the last run's.
        s = running();
        s.elapsedMs = 0;
        widget.setSnapshot(s);
        QVERIFY2(widget.shownTexts().contains(u"0:00"_s), qPrintable(widget.shownTexts().join(u", "_s)));
    }

    void textCacheLaysOutOnceAndStaysBounded()
    {
        // The progress texts of all slots are laid out once: the same time in
        // the same font is the same QStaticText, elided as drawText would.
        SlotTextCache cache;
        QFont font = QApplication::font();
        font.setPixelSize(14);
        const QStaticText &a = cache.text(font, u"0:07"_s);
        QCOMPARE(&cache.text(font, u"0:07"_s), &a);
        QCOMPARE(cache.width(font, u"0:07"_s), QFontMetrics(font).horizontalAdvance(u"0:07"_s));
        const QString step = u"UpdateNodeFirmware(node) and a long tail"_s;
        QCOMPARE(cache.text(font, step, 80).text(), QFontMetrics(font).elidedText(step, Qt::ElideRight, 80));
        QVERIFY(cache.text(font, step, 80).text() != step);
        QFont bold = font;
        bold.setBold(true);
        QVERIFY(&cache.text(bold, u"0:07"_s) != &a);
        // An hour of a run adds a time a second: the cache does not grow without end.
        for (int s = 0; s < 3600; ++s)
            cache.text(font, SlotWidget::formatElapsed(s * 1000));
        QVERIFY2(cache.size() <= SlotTextCache::kMaxEntries, qPrintable(QString::number(cache.size())));
    }

    void fixtureFaultFlag()
    {
        SlotWidget widget(0);
        SlotSnapshot s = failed(int(ResultCode::DeviceUnreachable));
        s.fixtureSuspect = true;
        widget.setSnapshot(s);
        QVERIFY(widget.shownTexts().join(u'\n').contains(u"Likely fixture fault"_s));
    }

    void gridOf64()
    {
        QCOMPARE(SlotGrid::bestColumns(1, 1200, 800), 1);
        const int cols = SlotGrid::bestColumns(64, 1920, 1000);
        const double cell = (1920.0 / cols) / (1000.0 / ((64 + cols - 1) / cols));
        QVERIFY2(cell > 1.1 && cell < 2.0, qPrintable(QString::number(cols)));
        QVERIFY(SlotGrid::bestColumns(8, 1400, 800) >= 3 && SlotGrid::bestColumns(8, 1400, 800) <= 4);
        // Eight slots at the line PC's 1280x800, under a header with or without its message line: 4 x 2.
        QCOMPARE(SlotGrid::bestColumns(8, 1268, 650), 4);
        QCOMPARE(SlotGrid::bestColumns(8, 1268, 610), 4);
        SlotGrid grid;
        QList<SlotWidget *> widgets;
        for (int i = 0; i < 64; ++i)
            widgets << new SlotWidget(i);
        grid.setSlotWidgets(widgets);
        grid.resize(1920, 1000);
        grid.show();
        QVERIFY(QTest::qWaitForWindowExposed(&grid));
        // Every slot gets a cell of its own, none overlapping.
        for (int i = 1; i < 64; ++i)
            QVERIFY(!widgets.at(i)->geometry().intersects(widgets.at(i - 1)->geometry()));
        QVERIFY(widgets.last()->geometry().bottom() <= grid.height());
    }
};

QTEST_MAIN(TestSlotWidget)
#include "tst_slotwidget.moc"

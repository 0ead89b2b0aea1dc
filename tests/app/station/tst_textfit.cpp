#include "GuiTestSupport.h"
#include "RealPlugins.h"
#include "RecordingBackend.h"
#include "ServerFixture.h"
#include "TestSupport.h"
#include "TextFit.h"

#include "domain/FailureCause.h"
#include "domain/ResultCode.h"
#include "scan/ScanEventFilter.h"
#include "servermode/ServerModeWindow.h"
#include "servermode/StationsPage.h"
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
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// Every text the operator, the supervisor and the admin read fits where it
/// is shown, in every language, at the line PC's 1280x800: the station window
/// with a full grid of slots showing their longest texts, each page of the
/// settings dialog with its tables, and the pages of server mode (against a
/// real provstation-server). A cut text names the widget, the language and
/// the text (TextFit).
class TestTextFit : public QObject
{
    Q_OBJECT

private:
    static constexpr QSize kScreen {1280, 800};
    QTemporaryDir m_dir;
    LanguageManager m_languages;
    test::ServerFixture m_server;

    static QStringList languages() { return LanguageManager::supportedLanguages(); }

    /// Fails naming every cut text (all of them, not the first kilobyte).
    static void verifyNothingCut(const QString &language, const QStringList &cut)
    {
        for (const QString &c : cut)
            qWarning("%s: %s", qPrintable(language), qPrintable(c));
        QVERIFY2(cut.isEmpty(), qPrintable(u"%1: %2 texts cut (listed above)"_s.arg(language).arg(cut.size())));
    }

    /// Switches the language and returns once the windows have retranslated
    /// (QApplication posts LanguageChange to every window).
    void switchLanguage(const QString &language)
    {
        QVERIFY(m_languages.setLanguage(language));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCoreApplication::processEvents();
    }

    /// Eight slots in two groups, one with every run option set.
    void writeSettings(StationSettings &settings)
    {
        QList<SlotBinding> bindings;
        for (int i = 0; i < 8; ++i) {
            const QString port = m_dir.filePath(u"ttyUSB%1"_s.arg(i + 10));
            QVERIFY(test::writeFile(port, {}));
            SlotBinding b {QString::number(i + 1), SlotBinding::Kind::PortName, port, u"i210plus"_s, {}, {}};
            b.group = i < 4 ? u"night shift rework"_s : u"line A"_s;
            b.operation = i % 2 ? u"CHECKCONFIG"_s : QString();
            bindings.append(b);
        }
        settings.setSlotBindings(bindings);
        SlotRunOptions all;
        all.joinTimeoutS = 86400;
        all.factoryConfig = true;
        all.skipKeys = true;
        all.skipLock = true;
        settings.setSlotGroups({{u"night shift rework"_s, all}, {u"line A"_s, SlotRunOptions()}});
        settings.setServerUrl(QUrl(u"http://127.0.0.1:1"_s));
        settings.setConfigAlias(u"ACME-I210-0045"_s);
        settings.setBatch(u"4711"_s);
        settings.setOperation(u"POSTTEST"_s);
        settings.setLanguage(u"en"_s);
    }

    /// The cause whose text and action take the most room in the language now chosen.
    static FailureCause longestCause(const QStringList &facts)
    {
        FailureCause longest = FailureCause::None;
        qsizetype size = -1;
        for (FailureCause cause : CauseCatalogue::allCauses()) {
            const qsizetype s = CauseCatalogue::text(cause, facts.mid(0, CauseCatalogue::factCount(cause))).size()
                + CauseCatalogue::actionText(CauseCatalogue::action(cause)).size();
            if (s > size) {
                size = s;
                longest = cause;
            }
        }
        return longest;
    }

    /// What the slots show at their fullest: failures with a cause and their
    /// action, waits with a countdown, IDs, run options, notices, counters.
    static void fillSlots(StationWindow &window)
    {
        const QStringList facts {u"/dev/ttyUSB12"_s, u"0x00000000DEADBEEF"_s, u"0012345678ABCDEF"_s};
        SlotRunOptions all;
        all.joinTimeoutS = 86400;
        all.factoryConfig = true;
        all.skipKeys = true;
        all.skipLock = true;
        const auto base = [&](int slot) {
            SlotSnapshot s = window.slotWidget(slot)->snapshot();
            s.family = u"i210plus"_s;
            s.operation = u"CHECKCONFIG"_s;
            s.port = u"/dev/ttyUSB1%1"_s.arg(slot);
            s.nodeId = u"0x0001E240"_s;
            s.emcmId = u"0013A20041B2C3D4"_s;
            s.meterSerial = u"M591374131"_s;
            s.elapsedMs = 754000;
            s.logPath = u"/tmp/run.log"_s;
            s.runOptions = slot < 4 ? all : SlotRunOptions();
            return s;
        };
        // A failure with its cause, the longest in this language, on a retry.
        SlotSnapshot s = base(0);
        s.status = SlotStatus::Fail;
        const FailureCause cause = longestCause(facts);
        s.cause = CauseCatalogue::id(cause);
        s.causeFacts = facts.mid(0, CauseCatalogue::factCount(cause));
        s.resultCode = int(ResultCode::HostHardwareFailure);
        s.attempt = 3;
        window.slotWidget(0)->setSnapshot(s);
        // A failure known only by its code, past the retry limit, a fixture suspect.
        s = base(1);
        s.status = SlotStatus::Fail;
        s.resultCode = int(ResultCode::DeviceDidNotJoin);
        s.attempt = 4;
        s.retryLimitReached = true;
        s.fixtureSuspect = true;
        window.slotWidget(1)->setSnapshot(s);
        // The join's wait, counting down.
        s = base(2);
        s.status = SlotStatus::Running;
        s.step = u"WaitForJoin"_s;
        s.stepKind = u"WaitForJoin"_s;
        s.stepIndex = 12;
        s.stepCount = 14;
        s.percent = 85;
        s.stepStartedMs = 15000;
        s.waitLimitMs = 600000;
        s.attempt = 2;
        window.slotWidget(2)->setSnapshot(s);
        // A long step with the time a run usually takes.
        s = base(3);
        s.status = SlotStatus::Running;
        s.step = u"UpdateNodeFirmware"_s;
        s.stepKind = u"UpdateNodeFirmware"_s;
        s.stepIndex = 10;
        s.stepCount = 14;
        s.percent = 40;
        s.expectedMs = 3600000;
        window.slotWidget(3)->setSnapshot(s);
        // Rejected, with a refused scan's notice.
        s = base(4);
        s.status = SlotStatus::Fail;
        s.cause = CauseCatalogue::id(cause);
        s.causeFacts = facts.mid(0, CauseCatalogue::factCount(cause));
        s.resultCode = int(ResultCode::HostHardwareFailure);
        s.rejected = true;
        window.slotWidget(4)->setSnapshot(s);
        // A unit already provisioned: Provision again for a supervisor.
        s = base(5);
        s.status = SlotStatus::Fail;
        s.cause = CauseCatalogue::id(FailureCause::AlreadyProvisioned);
        s.causeFacts = facts.mid(0, CauseCatalogue::factCount(FailureCause::AlreadyProvisioned));
        s.resultCode = int(ResultCode::HostHardwareFailure);
        window.slotWidget(5)->setSnapshot(s);
        // Passed, and needing attention, with what the window says there (slots 7 and 8 as the window made them).
        s = window.slotWidget(6)->snapshot();
        s.status = SlotStatus::Pass;
        s.family = u"i210plus"_s;
        s.operation = u"CHECKCONFIG"_s;
        s.emcmId = u"0013A20041B2C3D4"_s;
        s.elapsedMs = 98000;
        s.instruction = window.slotWidget(7)->snapshot().instruction;
        window.slotWidget(6)->setSnapshot(s);
        RunCounts counts;
        // A busy shift's counts for one slot.
        counts.passed = 187;
        counts.failed = 23;
        counts.rejected = 9;
        counts.firstAttempts = 205;
        counts.firstAttemptPasses = 181;
        for (int slot = 0; slot < window.slotCount(); ++slot)
            window.slotWidget(slot)->setCounts(counts);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        // Chinese measured in a font without its glyphs would measure boxes.
        if (QString::fromLatin1(QTest::currentDataTag()) == u"zh_CN"_s
            && !QFontMetrics(QApplication::font()).inFontUcs4(0x5931))
            QSKIP("no font with Chinese glyphs (Debian: fonts-wqy-microhei)");
    }

    void cleanupTestCase()
    {
        if (m_server.process)
            QVERIFY(m_server.process->stop());
    }

    void stationWindow_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : languages())
            QTest::newRow(qPrintable(language)) << language;
    }

    void stationWindow()
    {
        QFETCH(QString, language);
        StationSettings settings(m_dir.filePath(u"station.ini"_s));
        writeSettings(settings);
        ApiClient api;
        SoundPlayer sounds;
        ScanEventFilter filter;
        test::RecordingBackend backend;
        WindowServices services;
        services.settings = &settings;
        services.api = &api;
        services.languages = &m_languages;
        services.sounds = &sounds;
        services.scanFilter = &filter;
        services.backend = &backend;
        StationWindow window(services);
        window.resize(kScreen);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSession(UserSession {u"mfernandez"_s, u"supervisor"_s, u"token-not-used"_s, {}});
        window.header()->setOutboxPending(1234);
        switchLanguage(language);
        // The header's server message (nothing listens) and the slots' own texts settle first.
        QTest::qWait(3 * StationWindow::kDisplayFrameMs);
        fillSlots(window);
        QStringList cut = test::TextFit::cuts(&window);
        if (window.width() > kScreen.width() || window.height() > kScreen.height())
            cut << u"the window needs %1x%2"_s.arg(window.width()).arg(window.height());
        test::saveScreenshot(&window, u"textfit-station-"_s + language);
        verifyNothingCut(language, cut);
    }

    void settingsDialog_data() { stationWindow_data(); }

    void settingsDialog()
    {
        QFETCH(QString, language);
        switchLanguage(language);
        StationSettings settings(m_dir.filePath(u"settings.ini"_s));
        writeSettings(settings);
        SettingsDialog dialog(&settings, nullptr, test::realPlugins());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.width() <= kScreen.width() && dialog.height() <= kScreen.height(),
            qPrintable(u"%1: the dialog needs %2x%3"_s.arg(language).arg(dialog.width()).arg(dialog.height())));
        QStringList cut;
        for (int page = 0; page < dialog.tabs()->count(); ++page) {
            dialog.tabs()->setCurrentIndex(page);
            QCoreApplication::processEvents();
            for (const QString &c : test::TextFit::cuts(&dialog))
                cut << u"%1 page %2: %3"_s.arg(dialog.tabs()->tabText(page)).arg(page + 1).arg(c);
            test::saveScreenshot(&dialog, u"textfit-settings-%1-%2"_s.arg(page + 1).arg(language));
        }
        cut.removeDuplicates();
        verifyNothingCut(language, cut);
    }

    void loginDialog_data() { stationWindow_data(); }

    void loginDialog()
    {
        QFETCH(QString, language);
        switchLanguage(language);
        LoginDialog dialog(nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        test::saveScreenshot(&dialog, u"textfit-login-%1"_s.arg(language));
        verifyNothingCut(language, test::TextFit::cuts(&dialog));
    }

    void serverMode_data() { stationWindow_data(); }

    void serverMode()
    {
        QFETCH(QString, language);
        if (!m_server.process)
            QVERIFY2(m_server.start(), "provstation-server did not come up");
        const QString token = m_server.adminToken();
        QVERIFY(!token.isEmpty());
        switchLanguage(language);
        ServerModeWindow window(&m_server.api);
        window.stationsPage()->setServerIdentity(m_server.process->stationUrl().toString(), m_server.process->pin());
        window.resize(kScreen);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setSession(UserSession {QString::fromLatin1(test::ServerFixture::kAdmin), u"admin"_s, token, {}});
        // The health line and the pages' first answers.
        QTRY_VERIFY_WITH_TIMEOUT(window.healthText().contains(u"sqlite"_s), 30000);
        QTest::qWait(1000);
        QVERIFY2(window.width() <= kScreen.width() && window.height() <= kScreen.height(),
            qPrintable(u"%1: the window needs %2x%3"_s.arg(language).arg(window.width()).arg(window.height())));
        QStringList cut;
        for (int page = 0; page < window.tabs()->count(); ++page) {
            if (!window.tabs()->isTabVisible(page))
                continue;
            window.tabs()->setCurrentIndex(page);
            // A page asks the server when shown; its answer may land after the
            // layout ran, and the layout catches up in the next event round.
            // A text that is really cut stays cut for the whole wait.
            QStringList pageCut;
            QElapsedTimer settling;
            settling.start();
            do {
                QTest::qWait(50);
                pageCut = test::TextFit::cuts(&window);
            } while (!pageCut.isEmpty() && settling.elapsed() < 3000);
            for (const QString &c : std::as_const(pageCut))
                cut << u"%1: %2"_s.arg(window.tabs()->tabText(page), c);
            test::saveScreenshot(&window, u"textfit-server-%1-%2"_s.arg(page + 1).arg(language));
        }
        cut.removeDuplicates();
        verifyNothingCut(language, cut);
    }
};

QTEST_MAIN(TestTextFit)
#include "tst_textfit.moc"

// Shifts as the server records them, seen from the station window: "New shift"
// is a supervisor's (an operator's window asks for their login), asks first
// and records who started it; the header's counts are the server's
// yield for the station's current shift (the same after a restart of the
// window); without the server the window counts itself and says so.
#include "GuiTestSupport.h"
#include "RecordingBackend.h"
#include "RunTestSupport.h"
#include "ServerFixture.h"

#include "settings/StationSettings.h"
#include "support/LanguageManager.h"
#include "support/SoundPlayer.h"
#include "window/HeaderBar.h"
#include "window/LoginDialog.h"
#include "window/StationWindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

class TestStationShift : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void newShiftAsksAndIsRecordedWithWhoStartedIt();
    void refusedConfirmationStartsNoShift();
    void anOperatorNeedsASupervisorForANewShift();
    void headerShowsTheServersFiguresAfterARestart();
    void withoutTheServerTheCountsAreLocal();

private:
    void openWindow();
    /// Answers the next question box with `button`.
    void answerNextQuestion(QMessageBox::StandardButton button);
    /// Answers the next login dialog with `user` (empty: cancels it).
    void answerLogin(const QString &user, const QString &password);
    [[nodiscard]] QJsonArray shifts();

    test::ServerFixture m_server;
    QString m_token;
    QString m_operatorToken;
    QTemporaryDir m_dir;
    std::unique_ptr<StationSettings> m_settings;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<SoundPlayer> m_sounds;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<test::RecordingBackend> m_backend;
    std::unique_ptr<StationWindow> m_window;
    static constexpr auto kStation = "line9-st1";
};

void TestStationShift::initTestCase()
{
    QVERIFY(m_server.start());
    m_token = m_server.adminToken();
    QVERIFY(!m_token.isEmpty());
    m_server.api.setToken(m_token);
    QVERIFY(m_server.addUser(u"olga"_s, u"operator"_s, u"olga's long password"_s));
    QVERIFY(m_server.addUser(u"sam"_s, u"supervisor"_s, u"sam's long password"_s));
    m_operatorToken = m_server.login(u"olga"_s, u"olga's long password"_s);
    QVERIFY(!m_operatorToken.isEmpty());
}

void TestStationShift::init()
{
    QVERIFY(m_dir.isValid());
    m_settings = std::make_unique<StationSettings>(m_dir.filePath(u"station.ini"_s));
    m_settings->setServerUrl(m_server.process->url());
    m_settings->setCertificatePins({m_server.process->pin()});
    m_settings->setStationName(QString::fromLatin1(kStation));
    m_settings->setLanguage(u"en"_s);
    m_api = std::make_unique<ApiClient>();
    m_sounds = std::make_unique<SoundPlayer>();
    m_languages = std::make_unique<LanguageManager>();
    m_backend = std::make_unique<test::RecordingBackend>();
    openWindow();
}

void TestStationShift::cleanup()
{
    m_window.reset();
    m_backend.reset();
}

void TestStationShift::openWindow()
{
    WindowServices services;
    services.settings = m_settings.get();
    services.api = m_api.get();
    services.languages = m_languages.get();
    services.sounds = m_sounds.get();
    services.backend = m_backend.get();
    m_window = std::make_unique<StationWindow>(services);
    m_window->show();
}

void TestStationShift::answerNextQuestion(QMessageBox::StandardButton button)
{
    QTimer::singleShot(200, this, [button] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
                box->button(button)->click();
        }
    });
}

void TestStationShift::answerLogin(const QString &user, const QString &password)
{
    QTimer::singleShot(200, this, [user, password] {
        auto *dialog = qobject_cast<LoginDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        if (user.isEmpty())
            return dialog->reject();
        dialog->userField()->setText(user);
        dialog->passwordField()->setText(password);
        dialog->submit();
    });
}

QJsonArray TestStationShift::shifts()
{
    const auto listed
        = m_server.call(m_server.api.get(u"/shifts"_s, QUrlQuery {{u"station"_s, QString::fromLatin1(kStation)}}));
    return listed ? listed->json.object().value(QLatin1String("shifts")).toArray() : QJsonArray();
}

void TestStationShift::newShiftAsksAndIsRecordedWithWhoStartedIt()
{
    const qsizetype before = shifts().size();
    m_window->setSession(UserSession {QString::fromLatin1(test::ServerFixture::kAdmin), u"admin"_s, m_token, {}});
    QSignalSpy synced(m_window.get(), &StationWindow::shiftCountsSynced);
    answerNextQuestion(QMessageBox::Yes);
    m_window->startNewShift();
    QVERIFY(QTest::qWaitFor([&] { return !synced.isEmpty() && synced.last().at(0).toBool(); }, 30000));
    const QJsonArray after = shifts();
    QCOMPARE(after.size(), before + 1);
    QCOMPARE(after.first().toObject().value(QLatin1String("startedBy")).toString(),
        QString::fromLatin1(test::ServerFixture::kAdmin));
    QVERIFY(after.first().toObject().value(QLatin1String("endedAt")).isNull());
    // Nothing ran in the new shift yet.
    QTRY_VERIFY2(m_window->header()->countsText().startsWith(u"Shift: 0 passed \u00b7 0 failed"_s),
        qPrintable(m_window->header()->countsText()));
}

void TestStationShift::refusedConfirmationStartsNoShift()
{
    m_window->setSession(UserSession {QString::fromLatin1(test::ServerFixture::kAdmin), u"admin"_s, m_token, {}});
    const qsizetype before = shifts().size();
    answerNextQuestion(QMessageBox::No);
    m_window->startNewShift();
    QTest::qWait(500);
    QCOMPARE(shifts().size(), before);
}

void TestStationShift::anOperatorNeedsASupervisorForANewShift()
{
    const qsizetype before = shifts().size();
    const UserSession operatorSession {u"olga"_s, u"operator"_s, m_operatorToken, {}};
    m_window->setSession(operatorSession);
    // No supervisor comes: no shift, and the header says why.
    answerLogin({}, {});
    QVERIFY(!m_window->startNewShift());
    QVERIFY2(m_window->lastRefusal().contains(u"supervisor or admin"_s), qPrintable(m_window->lastRefusal()));
    QCOMPARE(m_window->session().user, u"olga"_s);
    QCOMPARE(shifts().size(), before);

    // A supervisor logs in for it: the shift is theirs, and the window is the operator's again.
    answerLogin(u"sam"_s, u"sam's long password"_s);
    // The confirmation comes once the login is in (the server takes its time to check a password).
    QTimer confirm;
    connect(&confirm, &QTimer::timeout, this, [] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
                box->button(QMessageBox::Yes)->click();
        }
    });
    confirm.start(100);
    QVERIFY(m_window->startNewShift());
    // The borrowed login ends once the server has recorded the shift.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->session().user, u"olga"_s, 30000);
    const QJsonArray after = shifts();
    QCOMPARE(after.size(), before + 1);
    QCOMPARE(after.first().toObject().value(QLatin1String("startedBy")).toString(), u"sam"_s);
    QCOMPARE(m_window->session().token, m_operatorToken);
}

void TestStationShift::headerShowsTheServersFiguresAfterARestart()
{
    m_window->setSession(UserSession {QString::fromLatin1(test::ServerFixture::kAdmin), u"admin"_s, m_token, {}});
    answerNextQuestion(QMessageBox::Yes);
    QSignalSpy synced(m_window.get(), &StationWindow::shiftCountsSynced);
    m_window->startNewShift();
    QVERIFY(QTest::qWaitFor([&] { return !synced.isEmpty() && synced.last().at(0).toBool(); }, 30000));

    // The shift's runs as the station posted them: A failed then passed, B
    // passed, C failed, and a station fault. FPY: only B of A, B, C.
    const qint64 at = QDateTime::currentMSecsSinceEpoch() + 1000;
    QList<test::TestRun> runs(5);
    const char *devices[] = {"A", "A", "B", "C", ""};
    const int results[] = {164, 0, 0, 171, 200};
    for (int i = 0; i < 5; ++i) {
        runs[i].station = QString::fromLatin1(kStation);
        runs[i].device = QString::fromLatin1(devices[i]);
        runs[i].result = results[i];
        runs[i].stationFault = i == 4;
        runs[i].startedAt = at + i * 1000;
        runs[i].durationMs = 30'000;
    }
    {
        server::StoreOptions options;
        options.dataDir = m_server.dir() + u"/server"_s;
        options.useKeychain = false;
        auto store = server::ServerStore::open(options);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QString error;
        QVERIFY2(test::insertRuns(*store.value(), runs, &error), qPrintable(error));
    }
    m_window->syncShiftCounts();
    const QString expected = u"Shift: 2 passed \u00b7 2 failed\nFPY 33.3%"_s;
    const auto fromServer = [this] {
        return !m_window->header()->countsText().endsWith(u"counted here"_s);
    };
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->header()->countsText().startsWith(expected) && fromServer(),
        qPrintable(m_window->header()->countsText()), 30000);

    // A restart of the window: the same figures, from the server, at login.
    m_window.reset();
    openWindow();
    m_window->setSession(UserSession {QString::fromLatin1(test::ServerFixture::kAdmin), u"admin"_s, m_token, {}});
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->header()->countsText().startsWith(expected) && fromServer(),
        qPrintable(m_window->header()->countsText()), 30000);
}

void TestStationShift::withoutTheServerTheCountsAreLocal()
{
    // The station's server is not this one: nothing answers there.
    m_settings->setServerUrl(QUrl(u"https://127.0.0.1:1"_s));
    m_window.reset();
    openWindow();
    QSignalSpy synced(m_window.get(), &StationWindow::shiftCountsSynced);
    m_window->setSession(UserSession {QString::fromLatin1(test::ServerFixture::kAdmin), u"admin"_s, m_token, {}});
    QVERIFY(QTest::qWaitFor([&] { return !synced.isEmpty(); }, 30000));
    QCOMPARE(synced.last().at(0).toBool(), false);
    QTRY_VERIFY2(
        m_window->header()->countsText().endsWith(u"counted here"_s), qPrintable(m_window->header()->countsText()));
}

QTEST_MAIN(TestStationShift)
#include "tst_stationshift.moc"

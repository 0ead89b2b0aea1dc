#include "GuiTestSupport.h"
#include "ServerFixture.h"

#include "servermode/HistoryPage.h"
#include "servermode/ServerModeWindow.h"

#include "domain/RunRecord.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// Server mode's History page against a real provstation-server: runs stored
/// as a station sends them, looked up by the eMCM tail, the meter serial and a
/// scanned label, attempts in order, a run's log, audit entries about the device.
class TestHistoryPage : public QObject
{
    Q_OBJECT

private:
    test::ServerFixture m_server;
    QString m_stationToken;
    QStringList m_uuids; ///< the retried device's runs, oldest first

    static constexpr const char *kEmcm = "0011223344556677AABBCCDD";

    bool postRun(const domain::RunRecord &run) { return m_server.postRun(m_stationToken, run); }

    static domain::RunRecord run(int attempt, int code, const QString &failedStep, qint64 startedAtMs)
    {
        domain::RunRecord r;
        r.uuid = QUuid::createUuid();
        r.station = u"line1-st1"_s;
        r.slot = u"S%1"_s.arg(attempt);
        r.port = u"/dev/ttyUSB0"_s;
        r.operatorName = u"olga"_s;
        r.meter = u"meter_kv2c"_s;
        r.operation = u"PROVISION"_s;
        r.configId = u"0x0000000000000045"_s;
        r.revision = 1;
        r.batch = 77;
        r.nodeId = u"0x0001E240"_s;
        r.emcmId = QString::fromLatin1(kEmcm);
        r.meterSerial = u"KV2C-000123"_s;
        r.labels = QJsonObject {{u"meter"_s, u"KV2C-000123 lot 9? #2"_s}};
        r.result = code;
        r.failedStep = failedStep;
        r.attempt = attempt;
        r.startedAtMs = startedAtMs;
        r.finishedAtMs = startedAtMs + 42000;
        r.durationMs = 42000;
        r.runLog = u"run log of attempt %1\nstep JoinNetwork\n"_s.arg(attempt);
        return r;
    }

    static int rowOf(QTableWidget *table, int column, const QString &text)
    {
        for (int row = 0; row < table->rowCount(); ++row) {
            if (table->item(row, column) && table->item(row, column)->text() == text)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), "provstation-server did not come up");
        const QString admin = m_server.adminToken();
        QVERIFY(!admin.isEmpty());
        m_server.api.setToken(admin);
        m_stationToken = m_server.stationToken(u"line1-st1"_s);
        QVERIFY(!m_stationToken.isEmpty());

        // A device that failed to join twice and passed on its third attempt,
        // sent newest first (as a replay may), and one other device.
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
        QList<domain::RunRecord> runs = {
            run(1, 134, u"JoinNetwork"_s, t0), run(2, 134, u"JoinNetwork"_s, t0 + 60000), run(3, 0, {}, t0 + 120000)};
        // The first run read the factory firmware, the second failed before
        // reading any, the third found the updated firmware.
        runs[0].nodeFirmware = u"1.0.0.0"_s;
        runs[0].hostFirmware = u"1.0.0.1"_s;
        runs[2].nodeFirmware = u"1.2.3.4"_s;
        runs[2].hostFirmware = u"5.6.7.8"_s;
        for (const domain::RunRecord &r : runs)
            m_uuids.append(r.uuid.toString(QUuid::WithoutBraces));
        for (auto it = runs.crbegin(); it != runs.crend(); ++it)
            QVERIFY(postRun(*it));
        domain::RunRecord other = run(1, 0, {}, t0);
        other.nodeId = u"0x0001E241"_s;
        other.emcmId = u"0011223344556677AABBCCDE"_s;
        other.meterSerial = u"KV2C-000124"_s;
        other.labels = {};
        QVERIFY(postRun(other));

        // The operator rejected the unit after its second attempt: an audit entry about the device.
        m_server.api.setToken(m_stationToken);
        const auto rejected = m_server.call(m_server.api.postJson(
            u"/results/%1/reject"_s.arg(m_uuids.at(1)), QJsonDocument(QJsonObject {{u"rejectedBy"_s, u"olga"_s}})));
        QVERIFY2(rejected.ok(), rejected ? "" : qPrintable(rejected.error().message));
        m_server.api.setToken(admin);
    }

    void cleanupTestCase() { QVERIFY(m_server.process->stop()); }

    void theWindowHasAHistoryTab()
    {
        ServerModeWindow window(&m_server.api);
        QVERIFY(window.historyPage());
        QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(window.historyPage())), u"History"_s);
    }

    void onlyTheNewestLookUpIsShown()
    {
        // A supervisor types one ID, then another before the first answer:
        // the page shows the second device whichever answer comes last.
        HistoryPage page(&m_server.api);
        page.show();
        QSignalSpy looked(&page, &HistoryPage::lookedUp);
        page.lookUp(u"aabbccdd"_s);
        page.lookUp(u"KV2C-000124"_s);
        QTRY_COMPARE_WITH_TIMEOUT(looked.size(), 1, 30000);
        QTest::qWait(500); // the first answer arrives too, and is dropped
        QCOMPARE(looked.size(), 1);
        QVERIFY2(page.deviceText().contains(u"0x0001E241"_s), qPrintable(page.deviceText()));
        QCOMPARE(page.runsTable()->rowCount(), 1);
        QCOMPARE(page.searchField()->text(), u"KV2C-000124"_s);
    }

    void byTheEmcmTailEveryAttemptInOrder()
    {
        HistoryPage page(&m_server.api);
        page.resize(1200, 800);
        page.show();
        QSignalSpy looked(&page, &HistoryPage::lookedUp);
        QSignalSpy logs(&page, &HistoryPage::logShown);
        page.searchField()->setText(u"aabbccdd"_s);
        QTest::keyClick(page.searchField(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(looked.size(), 1, 30000);
        QVERIFY(looked.at(0).at(0).toBool());

        QTableWidget *runs = page.runsTable();
        QCOMPARE(runs->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(page.runUuid(row), m_uuids.at(row));
            QCOMPARE(runs->item(row, HistoryPage::AttemptColumn)->text(), QString::number(row + 1));
            QCOMPARE(runs->item(row, HistoryPage::OperationColumn)->text(), u"PROVISION"_s);
            QCOMPARE(runs->item(row, HistoryPage::StationColumn)->text(), u"line1-st1"_s);
            QCOMPARE(runs->item(row, HistoryPage::SlotColumn)->text(), u"S%1"_s.arg(row + 1));
            QCOMPARE(runs->item(row, HistoryPage::OperatorColumn)->text(), u"olga"_s);
            QCOMPARE(runs->item(row, HistoryPage::BatchColumn)->text(), u"77"_s);
        }
        QVERIFY2(runs->item(0, HistoryPage::ResultColumn)->text().startsWith(u"134"_s),
            qPrintable(runs->item(0, HistoryPage::ResultColumn)->text()));
        // The operator rejected the unit after its second attempt: that run says by whom, the first says nothing.
        QVERIFY2(runs->item(1, HistoryPage::ResultColumn)->text().endsWith(u"rejected by olga"_s),
            qPrintable(runs->item(1, HistoryPage::ResultColumn)->text()));
        QVERIFY(!runs->item(0, HistoryPage::ResultColumn)->text().contains(u"rejected"_s));
        QVERIFY(!runs->item(0, HistoryPage::FailedStepColumn)->text().isEmpty());
        QCOMPARE(runs->item(2, HistoryPage::ResultColumn)->text(), u"Passed"_s);
        QVERIFY(runs->item(2, HistoryPage::FailedStepColumn)->text().isEmpty());
        // The firmware each run found on the device.
        QCOMPARE(runs->item(0, HistoryPage::FirmwareColumn)->text(), u"node 1.0.0.0 \u00b7 host 1.0.0.1"_s);
        QCOMPARE(runs->item(1, HistoryPage::FirmwareColumn)->text(), QString());
        QCOMPARE(runs->item(2, HistoryPage::FirmwareColumn)->text(), u"node 1.2.3.4 \u00b7 host 5.6.7.8"_s);
        QVERIFY2(page.deviceText().contains(QString::fromLatin1(kEmcm)), qPrintable(page.deviceText()));
        QVERIFY(page.deviceText().contains(u"0x0001E240"_s));
        QVERIFY(page.deviceText().contains(u"KV2C-000123"_s));

        // The newest run's log shows first; selecting the first attempt shows its own.
        QTRY_VERIFY_WITH_TIMEOUT(page.logText().startsWith(u"run log of attempt 3"_s), 30000);
        runs->setCurrentCell(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(page.logText().startsWith(u"run log of attempt 1"_s), 30000);
        QCOMPARE(logs.last().at(0).toString(), m_uuids.at(0));

        // No key was made: no key records. The rejection is an audit entry about the device.
        QCOMPARE(page.keysTable()->rowCount(), 0);
        QVERIFY(page.auditTable()->rowCount() >= 1);
        bool namesTheRun = false;
        for (int row = 0; row < page.auditTable()->rowCount(); ++row) {
            for (int c = 0; c < page.auditTable()->columnCount(); ++c) {
                if (page.auditTable()->item(row, c)->text().contains(m_uuids.at(1)))
                    namesTheRun = true;
            }
        }
        QVERIFY2(namesTheRun, "no audit entry names the rejected run");
        test::saveScreenshot(&page, u"server-history"_s);
    }

    void byTheMeterSerialAndAScannedLabel()
    {
        HistoryPage page(&m_server.api);
        QSignalSpy looked(&page, &HistoryPage::lookedUp);
        page.lookUp(u"KV2C-000123"_s);
        QTRY_COMPARE_WITH_TIMEOUT(looked.size(), 1, 30000);
        QVERIFY(looked.at(0).at(0).toBool());
        QCOMPARE(page.runsTable()->rowCount(), 3);
        QCOMPARE(page.runUuid(0), m_uuids.at(0));
        QCOMPARE(page.runUuid(2), m_uuids.at(2));

        // A label with spaces, "?" and "#" travels as one path segment.
        page.lookUp(u"KV2C-000123 lot 9? #2"_s);
        QTRY_COMPARE_WITH_TIMEOUT(looked.size(), 2, 30000);
        QVERIFY2(looked.at(1).at(0).toBool(), qPrintable(page.statusText()));
        QCOMPARE(page.runsTable()->rowCount(), 3);
        // The server takes no '/' inside a path segment: said before asking.
        page.lookUp(u"lot 9/3"_s);
        QCOMPARE(looked.size(), 3);
        QVERIFY(!looked.at(2).at(0).toBool());
        QVERIFY2(page.statusText().contains(u"'/'"_s), qPrintable(page.statusText()));

        // The other device is its own history.
        page.lookUp(u"KV2C-000124"_s);
        QTRY_COMPARE_WITH_TIMEOUT(looked.size(), 4, 30000);
        QCOMPARE(page.runsTable()->rowCount(), 1);
        QCOMPARE(rowOf(page.runsTable(), HistoryPage::ResultColumn, u"Passed"_s), 0);
    }

    void anUnknownDeviceIsSaidSo()
    {
        HistoryPage page(&m_server.api);
        QSignalSpy looked(&page, &HistoryPage::lookedUp);
        page.lookUp(u"0x0FFFFFFF"_s);
        QTRY_COMPARE_WITH_TIMEOUT(looked.size(), 1, 30000);
        QVERIFY(!looked.at(0).at(0).toBool());
        QCOMPARE(page.runsTable()->rowCount(), 0);
        QVERIFY2(page.statusText().contains(u"0x0FFFFFFF"_s), qPrintable(page.statusText()));
        QVERIFY2(page.statusText().startsWith(u"No run"_s), qPrintable(page.statusText()));
    }
};

QTEST_MAIN(TestHistoryPage)
#include "tst_historypage.moc"

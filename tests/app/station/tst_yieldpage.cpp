#include "GuiTestSupport.h"
#include "ServerFixture.h"

#include "servermode/StationsPage.h"
#include "servermode/YieldPage.h"
#include "slots/StepNames.h"

#include "domain/ResultCode.h"
#include "domain/RunRecord.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QValueAxis>

using namespace prov;
using namespace prov::gui;
using namespace Qt::StringLiterals;

/// Server mode's Yield page against a real provstation-server, as a
/// supervisor reads it after a shift with failures and retries: the figures
/// line, the failure Pareto by result code and by step (most frequent at the
/// top, each bar named in words, whole counts on the axis), and a period
/// with no failures saying so; and the Stations page's figures for the
/// same runs over each period it offers.
class TestYieldPage : public QObject
{
    Q_OBJECT

private:
    test::ServerFixture m_server;
    QString m_stationToken;

    bool postRun(const domain::RunRecord &run) { return m_server.postRun(m_stationToken, run); }

    static domain::RunRecord run(const QString &station, int unit, int code, const QString &failedStep, qint64 at)
    {
        domain::RunRecord r;
        r.uuid = QUuid::createUuid();
        r.station = station;
        r.slot = u"1"_s;
        r.port = u"/dev/ttyUSB0"_s;
        r.operatorName = u"olga"_s;
        r.meter = u"i210plus"_s;
        r.operation = u"PROVISION"_s;
        r.configId = u"0x0000000000000045"_s;
        r.revision = 1;
        r.batch = 5;
        r.nodeId = u"0x%1"_s.arg(0x10000 + unit, 8, 16, QLatin1Char('0'));
        r.result = code;
        r.failedStep = failedStep;
        r.startedAtMs = at;
        r.finishedAtMs = at + 30000;
        r.durationMs = 30000;
        r.runLog = u"run\n"_s;
        return r;
    }

    /// The page after its answer for `station` (empty: the line). Any
    /// request still open (the one showing the page made) is overtaken:
    /// its answer, arriving in the same wait, must not be shown.
    void lookAt(YieldPage &page, const QString &station)
    {
        QSignalSpy refreshed(&page, &YieldPage::refreshed);
        page.setStation(station);
        page.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.size() >= 1, 30000);
        QTest::qWait(500);
        QCOMPARE(refreshed.size(), 1);
    }

    /// The bars of a Pareto chart, top to bottom: "name=count", a name cut
    /// for room given back whole when it is the start of one of `names`.
    static QStringList bars(QChart *chart, const QStringList &names)
    {
        QStringList found;
        const QList<QAbstractSeries *> series = chart->series();
        if (series.size() != 1)
            return found;
        auto *bars = qobject_cast<QHorizontalBarSeries *>(series.first());
        if (!bars || bars->barSets().size() != 1)
            return found;
        const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
        auto *categories = axes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis *>(axes.first());
        if (!categories)
            return found;
        const QBarSet *set = bars->barSets().first();
        for (int i = set->count() - 1; i >= 0; --i) {
            QString name = categories->at(i);
            if (name.endsWith(u'\u2026')) {
                for (const QString &whole : names) {
                    if (whole.startsWith(name.chopped(1)))
                        name = whole;
                }
            }
            found << u"%1=%2"_s.arg(name).arg(set->at(i));
        }
        return found;
    }

    /// The count axis' ticks step by whole numbers and reach past the longest bar.
    static void verifyCountAxis(QChart *chart, int most)
    {
        const QList<QAbstractAxis *> axes = chart->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        auto *values = qobject_cast<QValueAxis *>(axes.first());
        QVERIFY(values);
        QCOMPARE(values->min(), 0.0);
        QVERIFY2(values->max() >= most, qPrintable(u"axis ends at %1"_s.arg(values->max())));
        QCOMPARE(values->tickType(), QValueAxis::TicksDynamic);
        QVERIFY(values->tickInterval() >= 1.0);
        QCOMPARE(values->tickInterval(), std::round(values->tickInterval()));
        QVERIFY2(values->max() / values->tickInterval() <= 6.0, "more than six ticks");
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

        // Ten units at line1-st1 in the last hour: four failed to join and
        // passed on their retry, two could not reach the meter and passed on
        // their retry, one could not reach it and was not retried, three
        // passed at once. Sixteen runs, seven failures.
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
        int minute = 0;
        const auto at = [&] {
            return t0 + qint64(minute++) * 60000;
        };
        for (int unit = 0; unit < 10; ++unit) {
            if (unit < 4)
                QVERIFY(postRun(run(u"line1-st1"_s, unit, int(ResultCode::DeviceDidNotJoin), u"WaitForJoin"_s, at())));
            else if (unit < 7)
                QVERIFY(postRun(run(u"line1-st1"_s, unit, 164, u"MeterIdentify"_s, at())));
            if (unit != 6)
                QVERIFY(postRun(run(u"line1-st1"_s, unit, 0, {}, at())));
        }
    }

    void cleanupTestCase() { QVERIFY(m_server.process->stop()); }

    void theFiguresAndTheParetoOfAShift()
    {
        YieldPage page(&m_server.api);
        page.setPeriod(YieldPage::Period::LastEightHours);
        page.resize(1280, 760);
        page.show();
        lookAt(page, {});
        QVERIFY2(
            page.statusText().isEmpty() || !page.statusText().contains(u"Cannot"_s), qPrintable(page.statusText()));

        // 16 runs: 9 passed, 7 failed; 10 units, 3 passed first time, 9 in the end.
        const QString summary = page.summaryText();
        QVERIFY2(summary.contains(u"Runs 16"_s) && summary.contains(u"Devices 10"_s) && summary.contains(u"Passed 9"_s)
                && summary.contains(u"Failed 7"_s),
            qPrintable(summary));
        QVERIFY2(summary.contains(u"First-pass yield 30.0 %"_s) && summary.contains(u"Final yield 90.0 %"_s),
            qPrintable(summary));

        // Most frequent first, each code with what it means.
        const QStringList codes {u"134 %1"_s.arg(ResultCatalogue::message(ResultCode::DeviceDidNotJoin)),
            u"164 %1"_s.arg(ResultCatalogue::message(ResultCode(164)))};
        QCOMPARE(bars(page.resultChart(), codes), (QStringList {codes.at(0) + u"=4"_s, codes.at(1) + u"=3"_s}));
        verifyCountAxis(page.resultChart(), 4);
        // The steps in the operator's words, as the slots name them.
        const QStringList steps {StepNames::text(u"WaitForJoin"_s), StepNames::text(u"MeterIdentify"_s)};
        QCOMPARE(bars(page.stepChart(), steps), (QStringList {steps.at(0) + u"=4"_s, steps.at(1) + u"=3"_s}));
        verifyCountAxis(page.stepChart(), 4);
        QVERIFY2(!page.resultChart()->title().contains(u"none"_s), qPrintable(page.resultChart()->title()));
        test::saveScreenshot(&page, u"server-yield-pareto"_s);
    }

    void theStationsPageCountsTheSameRuns_data()
    {
        QTest::addColumn<int>("period");
        // Today is left out: runs made an hour ago fall on yesterday just after midnight.
        QTest::newRow("last 7 days") << 1;
        QTest::newRow("all time") << 2;
    }

    void theStationsPageCountsTheSameRuns()
    {
        QFETCH(int, period);
        // The station is up and running three of its eight slots.
        const QString admin = m_server.api.token();
        m_server.api.setToken(m_stationToken);
        const auto beat = m_server.call(m_server.api.postJson(u"/stations/heartbeat"_s,
            QJsonDocument(QJsonObject {{u"session"_s, u"start-1"_s}, {u"slots"_s, 8}, {u"running"_s, 3},
                {u"operations"_s, QJsonObject {{u"PROVISION"_s, 3}}}, {u"configuration"_s, u"DEMO-0045"_s},
                {u"batch"_s, 5}})));
        m_server.api.setToken(admin);
        QVERIFY2(beat.ok(), beat ? "" : qPrintable(beat.error().message));
        StationsPage page(&m_server.api);
        QSignalSpy listed(&page, &StationsPage::refreshed);
        page.periodBox()->setCurrentIndex(period);
        page.refresh();
        QTRY_VERIFY2_WITH_TIMEOUT(listed.size() >= 1, qPrintable(page.statusText()), 30000);
        QTableWidget *table = page.table();
        int row = -1;
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 0)->text() == u"line1-st1"_s)
                row = r;
        }
        QVERIFY2(row >= 0, qPrintable(page.statusText()));
        // Station, state, running, configuration, batch, passed, failed, station faults, first-pass yield, outbox.
        QVERIFY2(table->item(row, 1)->text().startsWith(u"Up since"_s), qPrintable(table->item(row, 1)->text()));
        QCOMPARE(table->item(row, 2)->text(), u"3 of 8 slots (3 PROVISION)"_s);
        QCOMPARE(table->item(row, 3)->text(), u"DEMO-0045"_s);
        QCOMPARE(table->item(row, 4)->text(), u"5"_s);
        QCOMPARE(table->item(row, 5)->text(), u"9"_s);
        QCOMPARE(table->item(row, 6)->text(), u"7"_s);
        QCOMPARE(table->item(row, 7)->text(), u"0"_s);
        QCOMPARE(table->item(row, 8)->text(), u"30.0%"_s);
    }

    void aPeriodWithoutFailuresSaysSo()
    {
        YieldPage page(&m_server.api);
        page.setPeriod(YieldPage::Period::LastEightHours);
        page.resize(1280, 760);
        page.show();
        // A station that made no runs: nothing to draw, and the charts say why.
        lookAt(page, u"line9-st9"_s);
        QVERIFY2(page.summaryText().contains(u"Runs 0"_s), qPrintable(page.summaryText()));
        for (QChart *chart : {page.resultChart(), page.stepChart()}) {
            QVERIFY2(chart->title().endsWith(u": none in this period"_s), qPrintable(chart->title()));
            QVERIFY(chart->series().isEmpty());
            QVERIFY(chart->axes().isEmpty());
        }
        // Back to the line: the bars return with the plain titles.
        lookAt(page, {});
        QCOMPARE(page.resultChart()->title(), u"Failures by result code"_s);
        QCOMPARE(bars(page.resultChart(), {}).size(), 2);
    }
};

QTEST_MAIN(TestYieldPage)
#include "tst_yieldpage.moc"

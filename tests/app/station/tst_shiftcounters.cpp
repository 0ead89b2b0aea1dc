#include "slots/ShiftCounters.h"

#include <QTest>

using namespace prov::gui;
using namespace Qt::StringLiterals;

class TestShiftCounters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsAndFirstPassYield()
    {
        const QDateTime start(QDate(2024, 5, 1), QTime(6, 0), Qt::UTC);
        ShiftCounters counters(2, start);
        counters.recordResult(0, true, u"A"_s, false);
        counters.recordResult(0, false, u"B"_s, false);
        counters.recordResult(0, true, u"B"_s, false); // same device again: not a first attempt
        counters.recordResult(1, true, u"C"_s, false);
        counters.recordResult(1, false, QString(), false);
        counters.recordResult(1, true, QString(), true); // retry button

        QCOMPARE(counters.slot(0).passed, 2);
        QCOMPARE(counters.slot(0).failed, 1);
        QCOMPARE(counters.slot(0).firstAttempts, 2);
        QCOMPARE(counters.slot(0).firstAttemptPasses, 1);
        QCOMPARE(counters.slot(0).firstPassYield(), 50.0);
        QCOMPARE(counters.shift().passed, 4);
        QCOMPARE(counters.shift().failed, 2);
        QCOMPARE(counters.shift().firstAttempts, 4);
        QCOMPARE(counters.shift().firstAttemptPasses, 2);
        QCOMPARE(RunCounts().firstPassYield(), -1.0);

        // 4 passes in 2 hours.
        QCOMPARE(counters.unitsPerHour(start.addSecs(7200)), 2.0);
        QCOMPARE(counters.slotUnitsPerHour(1, start.addSecs(3600)), 2.0);
        // The first minute counts as a minute.
        QCOMPARE(counters.unitsPerHour(start.addSecs(1)), 240.0);
    }

    void threeFailuresInARowFlagTheFixture()
    {
        ShiftCounters counters(1);
        counters.recordResult(0, false, u"A"_s, false);
        counters.recordResult(0, false, u"B"_s, false);
        QVERIFY(!counters.isFixtureSuspect(0));
        counters.recordResult(0, false, u"C"_s, false);
        QVERIFY(counters.isFixtureSuspect(0));
        QCOMPARE(counters.failureStreak(0), 3);
        counters.acknowledgeFixture(0);
        QVERIFY(!counters.isFixtureSuspect(0));
        counters.recordResult(0, false, u"D"_s, false);
        counters.recordResult(0, false, u"E"_s, false);
        counters.recordResult(0, true, u"F"_s, false);
        QCOMPARE(counters.failureStreak(0), 0);
    }

    void newShiftStartsFromZero()
    {
        ShiftCounters counters(3);
        counters.recordResult(2, true, u"A"_s, false);
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3600);
        counters.startShift(later);
        QCOMPARE(counters.shift().passed, 0);
        QCOMPARE(counters.slot(2).passed, 0);
        QCOMPARE(counters.shiftStart(), later);
        counters.recordResult(5, true, u"X"_s, false); // out of range: ignored
        QCOMPARE(counters.shift().passed, 0);
    }
};

QTEST_GUILESS_MAIN(TestShiftCounters)
#include "tst_shiftcounters.moc"

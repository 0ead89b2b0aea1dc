#include "StoreTestSupport.h"

#include "server/store/AuditLog.h"
#include "server/store/ShiftStore.h"

#include <QTest>

using namespace prov;
using namespace prov::server;

class TestShiftStore : public test::StoreTest
{
    Q_OBJECT

private slots:
    void newShiftEndsTheStationsOpenOne();
    void stationsHaveTheirOwnShifts();
    void shiftStartIsAudited();
    void stationNameIsRequired();
    void shiftsSurviveReopening();

private:
};

void TestShiftStore::newShiftEndsTheStationsOpenOne()
{
    ShiftStore &shifts = m_store->shifts();
    auto none = shifts.current(QStringLiteral("st1"));
    QVERIFY2(none, qPrintable(none ? QString() : none.error().message));
    QVERIFY(!none->has_value());
    auto first = shifts.start(QStringLiteral("st1"), QStringLiteral("alice"), QStringLiteral("user:alice"));
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QCOMPARE(first->startedBy, QStringLiteral("alice"));
    QVERIFY(!first->endedAtMs);
    auto second = shifts.start(QStringLiteral("st1"), QStringLiteral("bob"), QStringLiteral("user:bob"));
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
    QVERIFY(second->startedAtMs > first->startedAtMs);

    auto list = shifts.list(QStringLiteral("st1"), 10);
    QVERIFY2(list, qPrintable(list ? QString() : list.error().message));
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).id, second->id); // newest first
    QVERIFY(!list->at(0).endedAtMs);
    QCOMPARE(list->at(1).id, first->id);
    QCOMPARE(list->at(1).endedAtMs.value_or(0), second->startedAtMs); // ended when the next began
    auto current = shifts.current(QStringLiteral("st1"));
    QVERIFY2(current && current->has_value(), "st1 has an open shift");
    QCOMPARE((*current)->id, second->id);
    QCOMPARE((*current)->startedBy, QStringLiteral("bob"));
}

void TestShiftStore::stationsHaveTheirOwnShifts()
{
    ShiftStore &shifts = m_store->shifts();
    auto a = shifts.start(QStringLiteral("st1"), QStringLiteral("alice"), QStringLiteral("user:alice"));
    auto b = shifts.start(QStringLiteral("st2"), QStringLiteral("bob"), QStringLiteral("user:bob"));
    QVERIFY(a && b);
    auto listA = shifts.list(QStringLiteral("st1"), 10);
    QVERIFY(listA);
    QCOMPARE(listA->size(), 1);
    QVERIFY(!listA->at(0).endedAtMs); // st2's shift did not end st1's
    auto all = shifts.list(QString(), 10);
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
}

void TestShiftStore::shiftStartIsAudited()
{
    auto shift = m_store->shifts().start(QStringLiteral("st1"), QStringLiteral("alice"), QStringLiteral("user:alice"));
    QVERIFY(shift);
    auto latest = m_store->audit().latest(1);
    QVERIFY(latest && !latest->isEmpty());
    QCOMPARE(latest->at(0).action, QStringLiteral("shift.start"));
    QCOMPARE(latest->at(0).actor, QStringLiteral("user:alice"));
    QCOMPARE(latest->at(0).subject, QStringLiteral("st1"));
}

void TestShiftStore::stationNameIsRequired()
{
    auto shift = m_store->shifts().start(QStringLiteral(" "), QStringLiteral("alice"), QStringLiteral("user:alice"));
    QVERIFY(!shift);
    QCOMPARE(shift.error().code, ResultCode::InvalidArguments);
}

void TestShiftStore::shiftsSurviveReopening()
{
    auto shift = m_store->shifts().start(QStringLiteral("st1"), QStringLiteral("alice"), QStringLiteral("user:alice"));
    QVERIFY(shift);
    m_store.reset();
    auto reopened = m_scratch->open();
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    m_store = std::move(reopened.value());
    auto current = m_store->shifts().current(QStringLiteral("st1"));
    QVERIFY(current && current->has_value());
    QCOMPARE((*current)->id, shift->id);
    QCOMPARE((*current)->startedAtMs, shift->startedAtMs);
}

QTEST_GUILESS_MAIN(TestShiftStore)
#include "tst_shiftstore.moc"
